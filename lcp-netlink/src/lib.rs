//! Netlink for the Rust linux-cp plugin.
//!
//! [`host`] holds the Linux-side ("host") operations the plugin uses to create, configure and
//! sync Linux interfaces: a synchronous NETLINK_ROUTE socket bound in a chosen network
//! namespace, link/address/VLAN requests, namespace switching and sysctl writes.
#![deny(clippy::undocumented_unsafe_blocks)]
#![warn(missing_docs)]

pub mod host;
