//! Feed arbitrary bytes to the decoder and the model: one datagram per input, the first
//! byte choosing whether it is applied as a resync dump.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lcp_netlink::event::Stats;
use lcp_netlink::fuzzing::exercise;
use lcp_netlink::state::LinuxState;

fuzz_target!(|data: &[u8]| {
    let (resync, rest) = match data.split_first() {
        Some((b, rest)) => (b & 1 == 1, rest),
        None => (false, data),
    };
    let mut state = LinuxState::new();
    let mut stats = Stats::default();
    exercise(&mut state, &mut stats, rest, resync);
});
