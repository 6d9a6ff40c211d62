//! Raw error codes stay inside the framework: `Buffer::set_error` and
//! `Vm::increment_error` would let any integer index VPP's counters.
#[vpp::node(name = "raw-codes")]
pub fn raw_codes(node: &mut vpp::Node, frame: vpp::Frame) -> usize {
    node.vm().increment_error(60000, 1);
    node.for_each_buffer(frame, |node, b| {
        b.set_error(60000);
        node.feature_next(b)
    })
}

fn main() {}
