#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Next {
    #[next("error-drop")]
    Drop(u32),
}

fn main() {}
