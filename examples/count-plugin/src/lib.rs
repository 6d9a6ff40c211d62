//! Example Rust VPP plugin: `rust-count`, a feature on `ip4-unicast` that
//! counts and traces every IPv4 packet and passes it on unchanged.
//!
//! Enable it with `set interface feature <if> rust-count arc ip4-unicast`.
// The only unsafe code here is what the vpp macros generate; clippy does
// not lint expansions of another crate's proc macros, and their SAFETY
// comments are in vpp-node-macros. Unsafe written here must say why it holds.
#![deny(clippy::undocumented_unsafe_blocks)]

use core::fmt;

vpp::plugin! {
    description = "Rust example: count and trace IPv4 packets",
}

/// The node's only counter.
#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum Counters {
    /// Every packet that went through the node.
    #[counter("packets counted", severity = info)]
    Counted,
}

/// What `show trace` prints for a traced packet.
#[derive(Clone, Copy)]
pub struct CountTrace {
    /// Input interface.
    pub sw_if_index: u32,
    /// IPv4 total length, as the header says.
    pub ip_len: u16,
    /// Bytes in the buffer from the IPv4 header on.
    pub buffer_len: u16,
}

impl fmt::Display for CountTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "rust-count: sw_if_index {} ip4 length {} buffer length {}",
            self.sw_if_index, self.ip_len, self.buffer_len
        )
    }
}

/// Count every packet, trace the traced ones, pass all to the next feature.
#[vpp::node(name = "rust-count", errors = Counters, trace = CountTrace, multiarch)]
#[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
pub fn rust_count(node: &mut vpp::Node<vpp::NoNext, Counters, CountTrace>, frame: vpp::Frame) -> usize {
    let n = node.for_each_buffer(frame, |node, b| {
        node.trace_with(b, |b| CountTrace {
            sw_if_index: b.sw_if_index(vpp::Dir::Rx),
            ip_len: b.data().get(2..4).map_or(0, |l| u16::from_be_bytes([l[0], l[1]])),
            buffer_len: b.current_length(),
        });
        node.feature_next(b)
    });
    node.count(Counters::Counted, n as u64);
    n
}

// Unit tests of this crate link VPP's symbols from the test-vpp stand-in.
#[cfg(test)]
#[used]
static _LINK_STANDIN: fn() = test_vpp::standin::symbols::link;
