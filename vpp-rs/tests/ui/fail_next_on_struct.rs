#[derive(Clone, Copy, vpp::NextNodes)]
pub struct Next;

fn main() {}
