//! Netlink for the Rust linux-cp plugin.
//!
//! [`host`] holds the Linux-side ("host") operations the plugin uses to create, configure and
//! sync Linux interfaces: a synchronous NETLINK_ROUTE socket bound in a chosen network
//! namespace, link/address/VLAN requests, namespace switching and sysctl writes.
//!
//! The Linux -> VPP direction, all of it VPP-free:
//! * [`event`] decodes rtnetlink messages into typed events and counts them;
//! * [`state`] models Linux's links, addresses, neighbours, nexthop objects and routes,
//!   with mark-and-sweep resync and a diff against what VPP has;
//! * [`listen`] subscribes to the rtnetlink groups in a namespace, reads batches on a thread
//!   of its own, detects overflow and dumps everything for a resync.
#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]

pub mod event;
#[doc(hidden)]
pub mod fuzzing;
pub mod host;
pub mod listen;
pub mod state;
