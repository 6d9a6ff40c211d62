#[vpp::init]
pub fn my_init() -> vpp::Result<()> {
    Ok(())
}

fn main() {}
