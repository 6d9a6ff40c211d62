//! The body of the fuzz target (`lcp-netlink/fuzz`), kept in the crate so the randomized
//! tests run exactly the same code.

use crate::event::{decode_datagram, Stats};
use crate::listen::{model_batch, Batch};
use crate::state::{diff_routes, LinuxState};

/// Decode `data` as one datagram from the kernel and apply it to `state` as the reader
/// thread does ([`model_batch`]: every event applied, every changed route resolved), then
/// read the FIB view and diff it against an empty VPP; with `resync`, the events are
/// applied as a resync dump (mark, apply, sweep). Returns how many events were applied.
/// Must never panic, whatever `data` holds.
pub fn exercise(state: &mut LinuxState, stats: &mut Stats, data: &[u8], resync: bool) -> usize {
    let items = decode_datagram(data, 0, stats);
    let n = if resync {
        model_batch(state, &Batch::ResyncBegin);
        let n = model_batch(state, &Batch::Dump(items)).events;
        model_batch(state, &Batch::ResyncEnd);
        n
    } else {
        model_batch(state, &Batch::Events(items)).events
    };
    let linux = state.fib_routes(|p| p.ifindex.is_none_or(|i| i % 2 == 1));
    let _ = diff_routes(&Default::default(), &linux);
    n
}
