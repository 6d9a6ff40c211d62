//! Metadata VPP trusts blindly (flags, interface and adjacency indices) is
//! set only in `unsafe`.
#[vpp::node(name = "meta")]
pub fn meta(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        b.set_flags(1 << 2);
        b.set_sw_if_index(vpp::Dir::Tx, 12345);
        b.set_adj_index(vpp::Dir::Tx, 999_999);
        node.feature_next(b)
    })
}

fn main() {}
