//! VPP → Linux sync (reference 8): the host interface follows its phy's
//! admin state, MTU and addresses (with `lcp lcp-sync on`), and its carrier
//! and speed (always, for taps of main interfaces).
//!
//! Every Linux change runs over a fresh NETLINK_ROUTE socket made inside
//! the pair's namespace ([`lcp_netlink::host::Rtnl`]); failures are logged
//! and otherwise ignored, as in C.
//!
//! Quirk 16, decided: a full sync also removes the Linux addresses VPP no
//! longer has (except IPv6 link-local ones, which Linux makes itself), so
//! Linux ends equal to VPP; the per-address callbacks also update the
//! unnumbered interfaces that borrow the changed interface's addresses.

mod link;
mod state;
mod triggers;

pub use link::{copy_carrier, set_link_state};
pub use state::{sync_all, sync_pair};

/// `lcp_sync () && !netlink_processing_active`: whether VPP's changes go
/// to Linux now.
pub fn enabled() -> bool {
    crate::state::with(|s| s.sync) && !crate::netlink::applying()
}

/// Log a failed Linux change (C's `clib_warning`).
fn warn(b: &vpp::MainThread, msg: &str) {
    vpp::log::log(b, vpp::log::Level::Warning, "linux-cp", "sync", msg);
}
