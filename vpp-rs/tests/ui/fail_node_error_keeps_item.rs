// A mistake in the attribute (`nxet` for `next`) is reported once. The
// function is still emitted, so `main` below still finds it (no "cannot find
// value `n`"), and the `#[vpp::feature]` helper under the failed node is
// dropped with it (no "use it on a function that also has #[vpp::node]").

#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Next {
    #[next("error-drop")]
    Drop,
}

#[vpp::node(name = "x", nxet = Next)]
#[vpp::feature(arc = "ip4-unicast")]
pub fn n(node: &mut vpp::Node<Next, vpp::NoErrors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    node.enqueue_all(frame, Next::Drop)
}

fn main() {
    let f: fn(&mut vpp::Node<Next, vpp::NoErrors, vpp::NoTrace>, vpp::Frame) -> usize = n;
    let _ = f;
}
