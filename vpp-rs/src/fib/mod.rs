//! VPP's unicast FIB (`vnet/fib/fib_table.h`): route sources, tables,
//! routes with weighted/preferred paths, drop/ICMP/local paths and MPLS out
//! labels, mark-and-sweep, and per-source audits (what a source contributes
//! to a table, removing the paths through given interfaces) as linux-nl
//! needs them.
//!
//! Prefixes and paths cross to C as flat structs (`csrc/shim.h`);
//! `csrc/fib_shim.c` builds VPP's `fib_prefix_t` and `fib_route_path_t` and
//! checks every table index, source and interface before VPP sees it, so
//! bad input is an [`Error`](crate::Error) with a VPP retval, never an
//! assertion in VPP.
//!
//! # Threads
//! Route changes take [`MainThread`](crate::MainThread): VPP's
//! `ip_route_add_del` handler is marked thread-safe (`ip_api.c`), linux-nl
//! registers its route add/del callbacks `is_mp_safe = 1`, and the FIB takes
//! the worker barrier itself when its entry pool must grow. Creating and
//! destroying tables ([`table_lock`], [`table_unlock`]) takes
//! [`Barrier`](crate::Barrier): `ip_table_add_del` is not thread-safe
//! (the table pools workers read are reallocated). Mark, sweep and flush
//! delete entries like route deletes and take [`MainThread`](crate::MainThread).
//!
//! Without VPP headers (`not(vpp_process_shim)`) every call answers
//! `FEATURE_DISABLED` (queries: `None`/0).

mod entry;
mod ffi;
mod flags;
mod path;
mod prefix;
mod source;
mod table;
mod walk;

pub use entry::{
    entries_update, entry_delete, entry_path_add, entry_path_remove, entry_punt_add, entry_special_add,
    entry_special_remove, entry_update, Update,
};
pub use flags::EntryFlags;
pub use path::{Path, PathKind, MAX_LABELS, MPLS_LABEL_MAX, MPLS_LABEL_POP};
pub use prefix::{Prefix, Proto};
pub use source::{source_allocate, Source, SourceBehaviour, PRIORITY_HI, PRIORITY_LOW};
pub use table::{
    bind_interface, table_find, table_id, table_lock, table_mark, table_num_entries, table_of_interface,
    table_sweep, table_unlock,
};
pub use walk::{table_entries, table_flush_interfaces};
