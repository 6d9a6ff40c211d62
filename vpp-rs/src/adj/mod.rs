//! Adjacencies: locking them from the control plane ([`lock`]).
//!
//! The data plane reads adjacencies through its own module; both use the
//! one `ip_adjacency_t` mirror in [`crate::sys`].

pub mod lock;

pub use lock::LockedAdj;
