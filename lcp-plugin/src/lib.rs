//! The Rust linux-cp plugin (`lcp_rs_plugin.so`): a drop-in replacement for
//! VPP 26.06's linux-cp. This first part serves the `lcp` binary API with
//! the exact message table of the C plugin (every `<name>_<crc>` of
//! `lcp.api`) and implements the global settings; pairs, nodes and netlink
//! follow in later issues.
// The only unsafe code here is what the vpp macros generate; clippy does
// not lint expansions of another crate's proc macros, and their SAFETY
// comments are in vpp-node-macros. Unsafe written here must say why it holds.
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod api;
pub mod auto_subint;
pub mod cli;
pub mod config;
pub mod exports;
pub mod lcp_adj;
pub mod mpls_sync;
pub mod netlink;
pub mod node;
pub mod ownership;
pub mod pair;
pub mod passthrough;
pub mod punt_init;
pub mod state;
pub mod sync;

// The two other files stock VPP spreads linux-cp over are replaced by this
// one: VPP does not load them even when they are installed and enabled
// (`linux_cp_plugin.so` itself cannot be listed: installed under that name,
// this plugin would override itself).
vpp::plugin! {
    description = "Linux Control Plane - interface mirror (Rust)",
    default_disabled,
    overrides = ["linux_nl_plugin.so", "linux_cp_unittest_plugin.so"],
}

// Unit tests of this crate link VPP's symbols from the test-vpp stand-in.
#[cfg(test)]
#[used]
static _LINK_STANDIN: fn() = test_vpp::standin::symbols::link;

/// The plugin's Rust allocations (the Linux model, what was installed, the
/// listener's decoded messages) come from mimalloc's thread-local heaps, not
/// from VPP's main heap through `malloc` (which VPP's libvppinfra provides):
/// the listener thread decoding a million-route dump and the main thread
/// updating the FIB took turns on that heap's lock, and the FIB calls alone
/// ran 20% slower for it. The process RSS shows this memory; VPP's `show
/// memory main-heap` no longer does (nor is it bounded by `main-heap-size`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;
