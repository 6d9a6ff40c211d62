#[vpp::node(name = "x")]
pub fn n(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, vpp::NoTrace>) -> usize {
    let _ = node;
    0
}

fn main() {}
