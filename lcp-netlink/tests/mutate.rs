//! Malformed input: truncation, absurd lengths, unknown attributes, unknown interfaces and
//! tables, and thousands of deterministic random mutations of valid messages. Everything
//! is counted and skipped; nothing panics.

mod common;

use common::*;
use lcp_netlink::event::*;
use lcp_netlink::fuzzing::exercise;
use lcp_netlink::state::LinuxState;
use netlink_packet_route::neighbour::NeighbourState;
use netlink_packet_route::route::RouteType;
use netlink_packet_route::RouteNetlinkMessage as R;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn corpus() -> Vec<Vec<u8>> {
    let mac = Some([1, 2, 3, 4, 5, 6]);
    let mut v = vec![
        bytes(R::NewLink(link(3, "eth0", true)), 0),
        bytes(R::NewLink(vlan_link(7, "eth0.100", 3, 100)), 0),
        bytes(R::NewLink(vrf_link(9, "vrf-blue", 1001)), 0),
        bytes(R::DelLink(link(4, "eth1", false)), 0),
        bytes(R::NewAddress(addr(3, "10.0.0.1", 24)), 0),
        bytes(R::DelAddress(addr(3, "2001:db8::1", 64)), 0),
        bytes(R::NewNeighbour(neigh(3, "10.0.0.2", mac, NeighbourState::Reachable)), 0),
        bytes(R::DelNeighbour(neigh(3, "fe80::2", mac, NeighbourState::Stale)), 0),
        bytes(
            new_route(multipath(
                route("10.1.0.0/16", 254, 5),
                &[("10.0.0.2", 3, 1), ("10.0.1.2", 4, 7), ("fe80::1", 3, 2)],
            )),
            0,
        ),
        bytes(new_route(via(route("2001:db8:1::/48", 1001, 1024), "fe80::1", 3)), NLM_F_REPLACE),
        bytes(del_route(via(route("0.0.0.0/0", 254, 0), "10.0.0.1", 3)), 0),
        bytes(new_route(kind(route("192.0.2.0/24", 254, 0), RouteType::BlackHole)), 0),
        bytes(new_route(nh_id(route("10.5.0.0/16", 254, 0), 10)), 0),
        bytes(new_route(mpls_route(100, &[200, 300], "10.0.0.2", 3)), 0),
    ];
    for e in [
        NexthopEvent {
            action: Action::New,
            id: 1,
            protocol: 4,
            kind: NexthopKind::Single {
                ifindex: Some(3),
                gateway: Some("10.0.0.2".parse().unwrap()),
                labels: vec![16],
            },
        },
        NexthopEvent {
            action: Action::New,
            id: 10,
            protocol: 4,
            kind: NexthopKind::Group(vec![(1, 1), (2, 5)]),
        },
        NexthopEvent { action: Action::Del, id: 2, protocol: 4, kind: NexthopKind::Blackhole },
    ] {
        v.push(encode_nexthop(&e, libc::AF_INET as u8, 0));
    }
    v
}

fn pad(mut b: Vec<u8>) -> Vec<u8> {
    while !b.len().is_multiple_of(4) {
        b.push(0);
    }
    b
}

fn mutate(rng: &mut Rng, b: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        if b.is_empty() {
            b.push(rng.next() as u8);
            continue;
        }
        match rng.below(9) {
            0 => {
                let i = rng.below(b.len());
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(b.len());
                b[i] = rng.next() as u8;
            }
            2 => {
                let n = rng.below(b.len() + 1);
                b.truncate(n);
            }
            3 if b.len() >= 4 => {
                // nlmsg_len
                let v = [0u32, 1, 15, 16, b.len() as u32 + 1, u32::MAX, rng.next() as u32][rng.below(7)];
                b[0..4].copy_from_slice(&v.to_ne_bytes());
            }
            4 if b.len() > 20 => {
                // an attribute-ish length somewhere past the fixed headers
                let i = 16 + rng.below(b.len() - 18);
                let v = [0u16, 1, 3, 4, 0xffff, rng.next() as u16][rng.below(6)];
                b[i..i + 2].copy_from_slice(&v.to_ne_bytes());
            }
            5 => {
                // an unknown attribute
                let t = 0x7000 | (rng.next() as u16 & 0x0fff);
                let mut a = vec![8, 0];
                a.extend_from_slice(&t.to_ne_bytes());
                a.extend_from_slice(&(rng.next() as u32).to_ne_bytes());
                let at = (20 + rng.below(b.len().saturating_sub(20) + 1)).min(b.len()) & !3;
                b.splice(at..at, a);
                let len = b.len() as u32;
                if b.len() >= 4 {
                    b[0..4].copy_from_slice(&len.to_ne_bytes());
                }
            }
            6 => {
                let i = rng.below(b.len());
                let n = rng.below(16);
                b.splice(i..i, std::iter::repeat_n(rng.next() as u8, n));
            }
            7 if b.len() >= 6 => {
                // message type
                let t = [16u16, 17, 20, 21, 24, 25, 28, 29, 104, 105, 2, 3, 1, 4, rng.next() as u16]
                    [rng.below(15)];
                b[4..6].copy_from_slice(&t.to_ne_bytes());
            }
            _ => {
                // ifindex / table / id-ish u32 in the body
                if b.len() > 24 {
                    let i = 16 + rng.below(b.len() - 20);
                    b[i..i + 4].copy_from_slice(&(rng.next() as u32).to_ne_bytes());
                }
            }
        }
    }
}

#[test]
fn truncations_and_absurd_lengths() {
    let mut stats = Stats::default();
    for m in corpus() {
        for cut in 0..m.len() {
            let _ = decode_bytes(&m[..cut], 0);
            let _ = decode_datagram(&m[..cut], 0, &mut stats);
        }
        for len in [0u32, 1, 15, 16, 17, m.len() as u32 - 1, m.len() as u32 + 1, 0x7fff_ffff, u32::MAX] {
            let mut b = m.clone();
            b[0..4].copy_from_slice(&len.to_ne_bytes());
            assert!(matches!(decode_bytes(&b, 0), Decoded::Malformed(_)), "len {len}");
            let got = decode_datagram(&b, 0, &mut stats);
            assert!(!got.is_empty());
        }
    }
    assert!(stats.malformed > 0);
}

#[test]
fn unknown_interfaces_and_tables_are_counted() {
    let mut s = LinuxState::new();
    let mut stats = Stats::default();
    let mut d = pad(bytes(R::NewAddress(addr(42, "10.0.0.1", 24)), 0));
    d.extend(pad(bytes(R::NewNeighbour(neigh(42, "10.0.0.2", Some([1; 6]), NeighbourState::Reachable)), 0)));
    d.extend(pad(bytes(new_route(via(route("10.1.0.0/16", 4_000_000, 0), "10.0.0.2", 42)), 0)));
    d.extend(pad(bytes(del_route(route("10.9.0.0/16", 77, 0)), 0)));
    d.extend(pad(bytes(new_route(nh_id(route("10.5.0.0/16", 254, 0), 4242)), 0)));
    assert_eq!(exercise(&mut s, &mut stats, &d, false), 5);
    assert_eq!(s.counters.unknown_link, 3);
    assert_eq!(s.counters.delete_missing, 1);
    assert_eq!(s.counters.unknown_nexthop, 1);
    assert_eq!(s.addrs().count(), 0);
    assert_eq!(s.neighs().count(), 0);
}

#[test]
fn thousands_of_random_mutations_never_panic() {
    let corpus = corpus();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut state = LinuxState::new();
    let mut stats = Stats::default();
    let mut total = 0u64;
    let mut parser_panics = 0;
    for iter in 0..20_000 {
        if iter % 2000 == 0 {
            state = LinuxState::new();
        }
        // A datagram of 1-4 messages, some mutated.
        let mut d = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let mut m = corpus[rng.below(corpus.len())].clone();
            if rng.below(8) != 0 {
                mutate(&mut rng, &mut m);
            }
            d.extend(pad(m));
        }
        let before = stats.by_type.iter().sum::<u64>();
        exercise(&mut state, &mut stats, &d, iter % 7 == 0);
        total += stats.by_type.iter().sum::<u64>() - before;
        for r in decode_datagram(&d, 0, &mut Stats::default()) {
            if matches!(&r.decoded, Decoded::Malformed(m) if m.contains("panicked")) {
                parser_panics += 1;
            }
        }
    }
    let accounted = stats.events + stats.ignored.iter().sum::<u64>() + stats.malformed;
    assert_eq!(accounted, total, "every message is counted exactly once");
    assert!(stats.malformed > 1000 && stats.events > 1000, "{stats}");
    assert_eq!(parser_panics, 0, "netlink-packet-route panicked on some input (caught)");
    eprintln!("{total} messages: {} events, {} malformed", stats.events, stats.malformed);
}
