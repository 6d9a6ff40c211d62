//! VPP adjacencies (`ip_adjacency_t`).
//!
//! - [`view`]: bounds-checked, read-only access to the adjacency pool from a
//!   node, and the next index (with the output feature arc) a packet sent
//!   through an adjacency takes;
//! - [`lock`]: locking adjacencies from the control plane
//!   (`adj_nbr_add_or_lock`, `adj_mcast_add_or_lock`, `adj_unlock`) as an
//!   owning type;
//! - [`delegate`]: created/modified/deleted events of adjacencies
//!   (`adj_delegate_register_new_type`), on the main thread.
//!
//! All read the one `ip_adjacency_t` mirror in [`crate::sys`].

pub mod delegate;
pub mod lock;
pub mod view;

pub use lock::LockedAdj;
pub use view::{AdjIndex, Adjacency, ADJ_INDEX_INVALID};
