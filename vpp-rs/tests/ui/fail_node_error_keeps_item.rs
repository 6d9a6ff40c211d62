// A mistake in the attribute (`nxet` for `next`) is reported once, with the
// function still emitted beside the error (so `main` below, and IDEs, still
// find it), minus the `#[vpp::feature]` helper under the failed node: left in
// place, that one would expand on its own and add "#[vpp::feature] puts a
// node on a feature arc: use it on a function that also has #[vpp::node]"
// for the same mistake.
//
// (rustc 1.95 itself already hides "cannot find value `n`" once a macro in
// the crate has failed, so this file also compiles to one error when the
// item is not emitted at all; what it guards is that emitting the item adds
// nothing.)

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
