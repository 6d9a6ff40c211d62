#[vpp::node(name = "x")]
pub fn n(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) {
    let _ = (node, frame);
}

fn main() {}
