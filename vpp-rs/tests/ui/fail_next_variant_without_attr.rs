#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Next {
    #[next("error-drop")]
    Drop,
    Lookup,
}

fn main() {}
