//! Making a frame from raw buffer indices is `unsafe`: the indices must be
//! buffers the node owns.
#[vpp::node(name = "forge")]
pub fn forge(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    let n = node.for_each_buffer(frame, |node, b| node.feature_next(b));
    let forged = vpp::Frame::from_indices(&[1, 2, 3]);
    node.for_each_buffer(forged, |node, b| node.feature_next(b)) + n
}

fn main() {}
