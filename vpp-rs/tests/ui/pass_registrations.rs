//! Plugin record, init functions, config stanzas and CLI commands.
#![deny(warnings)]

vpp::plugin! {
    description = "pass test plugin",
    version = "1.2.3",
    version_required = "26.06",
    default_disabled,
    overrides = ["a_plugin.so", "b_plugin.so"],
}

#[vpp::init]
fn plain_init(vm: &vpp::Vm) -> vpp::Result<()> {
    let _ = vm;
    Ok(())
}

#[vpp::init(runs_after = ["ip4_lookup_init"], runs_before = ["ip6_lookup_init", "foo_init"])]
fn ordered_init(vm: &vpp::Vm) -> vpp::Result<()> {
    let _ = vm;
    Ok(())
}

#[vpp::init(kind = main_loop_enter)]
fn enter(vm: &vpp::Vm) -> vpp::Result<()> {
    let _ = vm;
    Ok(())
}

#[vpp::init(kind = api, init_order = ["a_init", "b_init"])]
fn api_init(vm: &vpp::Vm) -> vpp::Result<()> {
    let _ = vm;
    Ok(())
}

#[vpp::config(name = "pass-test")]
fn config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let _ = (vm, input);
    Ok(())
}

#[vpp::config(name = "pass-test-early", early)]
fn early_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let _ = (vm, input);
    Ok(())
}

#[vpp::cli(path = "show pass-test", short_help = "show pass-test", long_help = "Shows it.", mp_safe)]
fn show(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let _ = (vm, input, out);
    Ok(())
}

#[vpp::cli(path = "test pass")]
fn test_pass(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let _ = (vm, input, out);
    Ok(())
}

fn main() {}
