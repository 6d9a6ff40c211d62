//! Test harness for Rust VPP plugins.
//!
//! - [`standin`]: an in-process vlib stand-in that runs generated node
//!   functions on synthetic frames with the real buffer layout.
//! - [`runner`]: finds a real VPP 26.06, starts it with a startup.conf that
//!   needs no hugepages, loads plugins from the build output, drives the CLI
//!   and stops it cleanly.
#![warn(missing_docs)]
#![deny(clippy::undocumented_unsafe_blocks)]

pub mod golden;
pub mod linux;
pub mod packets;
pub mod runner;
pub mod scenario;
pub mod standin;
