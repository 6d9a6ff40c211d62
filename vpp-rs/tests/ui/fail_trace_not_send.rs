//! Trace data is written on a worker and formatted on the main thread: it
//! must be `Send`.
use core::fmt;

#[derive(Clone, Copy)]
pub struct Trace {
    pub p: *const u8,
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:p}", self.p)
    }
}

#[vpp::node(name = "not-send", trace = Trace)]
pub fn not_send(node: &mut vpp::Node<vpp::NoNext, vpp::NoErrors, Trace>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| node.feature_next(b))
}

fn main() {}
