//! How long a full dump of a namespace takes (kernel dump and decoding, the
//! listener's side of a start-up import): `dump-time [NETNS]`.

use std::time::Instant;

use lcp_netlink::event::{Decoded, Event, Stats};
use lcp_netlink::listen::Dumper;

fn main() {
    let ns = std::env::args().nth(1);
    let mut stats = Stats::default();
    let mut d = Dumper::open(ns.as_deref()).expect("open a dump socket");
    let t0 = Instant::now();
    let items = d.dump_all(&mut stats).expect("dump");
    let secs = t0.elapsed().as_secs_f64();
    let routes = items.iter().filter(|r| matches!(r.decoded, Decoded::Event(Event::Route(_)))).count();
    println!(
        "dumped {} messages ({routes} routes) in {secs:.2} s: {:.1} us/message",
        items.len(),
        secs * 1e6 / items.len().max(1) as f64
    );
}
