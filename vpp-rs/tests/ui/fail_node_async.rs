#[vpp::node(name = "x")]
pub async fn n(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    let _ = (node, frame);
    0
}

fn main() {}
