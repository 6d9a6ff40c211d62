/// Not a `NextNodes` enum.
#[derive(Clone, Copy)]
pub enum NotNext {
    Drop,
}

#[vpp::node(name = "x", next = NotNext)]
pub fn n(node: &mut vpp::Node<NotNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    let _ = (node, frame);
    0
}

fn main() {}
