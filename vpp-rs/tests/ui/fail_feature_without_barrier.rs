//! Enabling a feature changes what workers read: it needs the `Barrier`
//! token, which a `&Vm` (e.g. a worker's) is not.
#[vpp::init(kind = worker)]
fn on_worker(vm: &vpp::Vm) -> vpp::Result<()> {
    vpp::feature::enable_disable(vm, "ip4-unicast", "my-node", 1, true)
}

#[vpp::cli(path = "enable my-node", mp_safe)]
fn mp_safe_cli(mt: &vpp::MainThread, _i: &mut vpp::Input, _o: &mut vpp::CliOutput) -> vpp::Result<()> {
    // mp_safe commands run without the barrier: a MainThread is not a Barrier.
    vpp::feature::enable_disable(mt, "ip4-unicast", "my-node", 1, true)
}

fn main() {}
