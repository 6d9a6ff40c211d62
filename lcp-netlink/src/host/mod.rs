//! Linux-side ("host") netlink operations: create, configure and read Linux interfaces in a
//! network namespace.
//!
//! Everything here is synchronous and runs on the calling thread. [`Rtnl`] is a NETLINK_ROUTE
//! socket opened inside one namespace; every request it sends carries
//! `NLM_F_REQUEST | NLM_F_ACK` and its own sequence number, and the call waits (with a
//! receive timeout, [`DEFAULT_TIMEOUT`] unless changed) for the kernel's answer to exactly that
//! request.
//!
//! Errors are [`std::io::Error`]s. A kernel refusal is `io::Error::from_raw_os_error(errno)`,
//! so `raw_os_error()` gives the errno (e.g. `libc::EEXIST`); bad arguments are caught before
//! anything is sent and give [`std::io::ErrorKind::InvalidInput`]; a missing reply gives
//! [`std::io::ErrorKind::TimedOut`].
//!
//! The files: `netns.rs` (namespace switching), `socket.rs` (the socket and the
//! request/reply loop), `link.rs` (links), `addr.rs` (addresses), `vlan.rs` (VLAN creation),
//! `sysctl.rs` (sysctl writes), `validate.rs` (argument checks).

pub(crate) mod addr;
mod link;
mod neigh;
mod netns;
pub(crate) mod socket;
mod sysctl;
mod validate;
mod vlan;

pub use link::Link;
pub use netns::{in_netns, netns_exists, NETNS_RUN_DIR};
pub use socket::{Rtnl, DEFAULT_TIMEOUT};
pub use sysctl::write_sysctl;
pub use validate::{IFNAMSIZ, VLAN_ID_MAX};

/// The 802.1Q VLAN ethertype (`ETH_P_8021Q`), host byte order.
pub const ETH_P_8021Q: u16 = 0x8100;
/// The 802.1ad (QinQ service tag) VLAN ethertype (`ETH_P_8021AD`), host byte order.
pub const ETH_P_8021AD: u16 = 0x88a8;
