#[vpp::config(early)]
pub fn my_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let _ = (vm, input);
    Ok(())
}

fn main() {}
