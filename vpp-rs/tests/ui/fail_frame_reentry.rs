//! The closure cannot reach the frame it is iterating: it has been moved
//! into the call, so no second `&mut Buffer` to the same buffer can exist.
#[vpp::node(name = "reenter")]
pub fn reenter(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    let f = &frame;
    node.for_each_buffer(frame, |node, b| {
        let _ = f.len();
        node.feature_next(b)
    })
}

fn main() {}
