#[vpp::node(name = "x", next = vpp::NoNext, sibling_of = "ip4-lookup")]
pub fn n(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    let _ = (node, frame);
    0
}

fn main() {}
