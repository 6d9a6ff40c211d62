//! Write FD.io VPP plugins in Rust.
//!
//! `vpp` (the `vpp-rs` crate) gives a Rust `cdylib` everything VPP expects of
//! a C plugin: the registration records VPP's loader and init code walk
//! (plugin, nodes, march variants, features, init and config functions, CLI
//! commands), built at compile time by the attribute macros re-exported here,
//! and a safe packet path (buffers, frames, batch enqueue, feature arcs,
//! counters, traces) over hand-written mirrors of VPP's ABI ([`sys`]).
//!
//! ```ignore
//! vpp::plugin! { version = "1.0", description = "My plugin" }
//!
//! #[vpp::node(name = "my-node", errors = MyErrors)]
//! #[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
//! fn my_node(node: &mut vpp::Node<vpp::NoNext, MyErrors>, frame: vpp::Frame) -> usize {
//!     node.for_each_buffer(frame, |node, b| node.feature_next(b))
//! }
//! ```
//!
//! See the workspace README for the tutorial and `examples/count-plugin`.
#![warn(missing_docs)]
#![deny(clippy::undocumented_unsafe_blocks)]

// The mirrors in `sys` (struct layouts, the `va_list` reader, cache-line
// size) and the march variants are those of VPP's x86_64 Linux build; the
// layout check proves them for that target only. Refuse the others instead
// of producing a plugin with a wrong ABI.
#[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
compile_error!(
    "vpp-rs supports VPP on x86_64 Linux only: its ABI mirrors, va_list reader and march variants \
     are x86_64 SysV (aarch64 support needs its own mirrors, checked against an aarch64 VPP build)"
);

pub mod adj;
pub mod api;
pub mod barrier_cell;
pub mod buffer;
pub mod cli;
pub mod config;
pub mod cstr;
pub mod error;
pub mod ethernet;
pub mod feature;
pub mod fib;
pub mod graph;
pub mod init;
pub mod input;
pub mod interface;
pub mod ip;
mod list;
pub mod log;
pub mod mfib;
pub mod mpls;
pub mod neighbor;
pub mod node;
pub mod plugin;
pub mod process;
pub mod punt;
pub mod stats;
pub mod sys;
pub mod tap;
pub mod thread;
pub mod trace;
pub mod vm;

pub use barrier_cell::BarrierCell;
pub use buffer::{Buffer, Dir, OwnedBuffer};
pub use cli::CliOutput;
pub use error::{Error, Result};
pub use input::Input;
pub use node::{
    CopyRequests, CopyStats, ErrorCounters, Extra, Frame, NextIndex, NextNodes, NoErrors, NoNext, NoTrace,
    Node, Severity, TraceData,
};
pub use thread::{Barrier, BarrierGuard, MainThread};
pub use vm::Vm;
pub use vpp_node_macros::{api_handler, cli, config, feature, init, node, plugin, ErrorCounters, NextNodes};

/// Items the macros' expansions use; not part of the stable API.
#[doc(hidden)]
pub mod __private {
    pub use crate::cli::CliRegistration;
    pub use crate::config::ConfigRegistration;
    pub use crate::cstr::{name_ptrs, CStrList};
    pub use crate::error::to_clib_result;
    pub use crate::feature::FeatureRegistration;
    pub use crate::init::{InitKind, InitRegistration};
    pub use crate::node::{ErrorDesc, MarchVariant, NodeFnRegistration, NodeRegistration};
    pub use crate::plugin::PluginRegistration;
    pub use crate::trace::format_trace;
    pub use core::ffi::{c_char, CStr};
}
