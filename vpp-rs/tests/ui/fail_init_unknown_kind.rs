#[vpp::init(kind = main_loop_start)]
pub fn my_init(vm: &vpp::Vm) -> vpp::Result<()> {
    let _ = vm;
    Ok(())
}

fn main() {}
