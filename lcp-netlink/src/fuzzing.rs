//! The body of the fuzz target (`lcp-netlink/fuzz`), kept in the crate so the randomized
//! tests run exactly the same code.

use crate::event::{decode_datagram, Decoded, Stats};
use crate::state::{diff_routes, LinuxState};

/// Decode `data` as one datagram from the kernel and apply every event to `state`, then
/// read the FIB view and diff it against an empty VPP; with `resync`, the events are
/// applied as a resync dump (mark, apply, sweep). Returns how many events were applied.
/// Must never panic, whatever `data` holds.
pub fn exercise(state: &mut LinuxState, stats: &mut Stats, data: &[u8], resync: bool) -> usize {
    if resync {
        state.begin_resync();
    }
    let mut n = 0;
    for r in decode_datagram(data, 0, stats) {
        if let Decoded::Event(e) = &r.decoded {
            let ch = state.apply(e);
            for k in &ch.routes {
                let _ = state.fib_route(k);
            }
            n += 1;
        }
    }
    if resync {
        let _ = state.end_resync();
    }
    let linux = state.fib_routes(|p| p.ifindex.is_none_or(|i| i % 2 == 1));
    let _ = diff_routes(&Default::default(), &linux);
    n
}
