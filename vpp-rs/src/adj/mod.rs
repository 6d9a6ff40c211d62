//! VPP adjacencies (`ip_adjacency_t`), as packet nodes read them.
//!
//! - [`view`]: bounds-checked, read-only access to the adjacency pool from a
//!   node, and the next index (with the output feature arc) a packet sent
//!   through an adjacency takes;
//! - [`delegate`]: created/modified/deleted events of adjacencies
//!   (`adj_delegate_register_new_type`), on the main thread.

pub mod delegate;
pub mod view;

pub use view::{AdjIndex, Adjacency, ADJ_INDEX_INVALID};
