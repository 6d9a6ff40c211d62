#[vpp::cli(short_help = "show thing")]
pub fn show(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let _ = (vm, input, out);
    Ok(())
}

fn main() {}
