//! A node using every option: next enum, error counters, trace, multiarch,
//! two features (one written above `#[vpp::node]`), explicit kind/state.
#![deny(warnings)]
use core::fmt;

#[derive(Clone, Copy, vpp::NextNodes)]
pub enum Next {
    #[next("error-drop")]
    Drop,
    #[next("ip4-lookup")]
    Lookup,
}

#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum Errors {
    #[counter("packets seen", severity = info)]
    Seen,
    #[counter(name = "too_short", desc = "packet too short", severity = warning)]
    TooShort,
    #[counter("dropped")]
    Dropped,
}

#[derive(Clone, Copy)]
pub struct Trace {
    pub len: u16,
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "len {}", self.len)
    }
}

#[vpp::feature(arc = "ip4-output")]
#[vpp::node(
    name = "full-node",
    kind = internal,
    next = Next,
    errors = Errors,
    trace = Trace,
    multiarch,
    state = polling,
    static_name = FULL_NODE_REG,
)]
#[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"], runs_after = ["ip4-inacl"])]
pub fn full_node(node: &mut vpp::Node<Next, Errors, Trace>, frame: vpp::Frame) -> usize {
    let n = node.for_each_buffer(frame, |node, b| {
        node.trace_with(b, |b| Trace { len: b.current_length() });
        if b.current_length() < 20 {
            node.set_drop_reason(b, Errors::TooShort);
            node.count(Errors::Dropped, 1);
            Next::Drop.into()
        } else {
            Next::Lookup.into()
        }
    });
    node.count(Errors::Seen, n as u64);
    n
}

#[vpp::node(name = "sibling-node", sibling_of = "full-node", errors = Errors)]
pub fn sibling_node(node: &mut vpp::Node<vpp::NoNext, Errors, vpp::NoTrace>, frame: vpp::Frame) -> usize {
    let _ = (node, frame);
    0
}

fn main() {
    let _ = &FULL_NODE_REG;
    let _ = &SIBLING_NODE_NODE;
}
