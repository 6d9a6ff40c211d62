#[vpp::config(name = "a-stanza-name-longer-than-31-bytes")]
pub fn my_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let _ = (vm, input);
    Ok(())
}

fn main() {}
