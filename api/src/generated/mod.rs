//! Message types generated from this crate's own `.api` files (regenerate
//! with `UPDATE_GENERATED=1 cargo test -p vpp-api --test codegen`).

/// Types of `api/lcp.api` (the linux-cp plugin API).
#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
pub mod lcp;

/// Types of `api/lcp_netlink.api` (the Linux -> VPP sync's API, ours only).
#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
pub mod lcp_netlink;

/// Types of `api/core/memclnt.api` (connection management, control ping).
#[rustfmt::skip]
#[allow(clippy::all, clippy::pedantic)]
pub mod memclnt;
