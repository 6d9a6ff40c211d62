//! Listener plumbing, still VPP-free: the subscription socket ([`Listener`]), full dumps
//! ([`dump`], [`Dumper`]) and the reader thread ([`spawn`]) that hands [`Batch`]es to a
//! consumer through a channel, resyncing (dump + mark-and-sweep) after an overflow. With
//! [`spawn_modelled`] the reader thread also keeps the model ([`SharedState`]): it applies
//! each batch and resolves the routes it changed ([`model_batch`], [`Modelled`]), so the
//! consumer (VPP's main thread) only writes what changed.
//!
//! The files: `socket.rs` (subscription socket, batches, overflow), `dump.rs` (dumps),
//! `thread.rs` (the reader thread, [`apply_batch`] and [`model_batch`]).

pub mod cpus;
mod dump;
mod socket;
mod thread;

pub use dump::{dump, Dumper, DUMPS};
pub use socket::{
    Listener, ListenerConfig, ReadBatch, GROUPS, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE,
    RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV6_ROUTE, RTNLGRP_LINK, RTNLGRP_MPLS_ROUTE, RTNLGRP_NEIGH,
    RTNLGRP_NEXTHOP,
};
pub use thread::{
    apply_batch, lock_state, model_batch, spawn, spawn_modelled, Applied, Batch, Delivery, ListenerHandle,
    Modelled, SharedState,
};
