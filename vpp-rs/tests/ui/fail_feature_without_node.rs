#[vpp::feature(arc = "ip4-unicast")]
pub fn n(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    let _ = (node, frame);
    0
}

fn main() {}
