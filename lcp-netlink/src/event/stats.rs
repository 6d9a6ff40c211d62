//! Counters of received netlink messages.

use std::fmt;

use super::{Decoded, IgnoreReason};

/// Message type names, by `nlmsg_type`, for the types counted one by one.
const TYPES: [(u16, &str); 10] = [
    (16, "newlink"),
    (17, "dellink"),
    (20, "newaddr"),
    (21, "deladdr"),
    (24, "newroute"),
    (25, "delroute"),
    (28, "newneigh"),
    (29, "delneigh"),
    (104, "newnexthop"),
    (105, "delnexthop"),
];

/// Counters of what the listener received and what became of it, for `show lcp netlink`
/// and the stats segment. All counters only grow.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Messages of each type in [`Stats::type_names`] order; the last slot counts every
    /// other type.
    pub by_type: [u64; 11],
    /// Messages that became events.
    pub events: u64,
    /// Ignored messages, by [`IgnoreReason::ALL`] order.
    pub ignored: [u64; IgnoreReason::ALL.len()],
    /// Malformed messages (and broken datagram tails).
    pub malformed: u64,
    /// Receive-buffer overflows (`ENOBUFS`) seen by the listener.
    pub overflows: u64,
    /// Dumps the kernel marked inconsistent (`NLM_F_DUMP_INTR`).
    pub dump_interrupted: u64,
    /// Full resyncs started.
    pub resyncs: u64,
    /// Datagrams read.
    pub datagrams: u64,
}

impl Stats {
    /// The names of the [`Stats::by_type`] slots.
    pub fn type_names() -> [&'static str; 11] {
        let mut n = ["other"; 11];
        for (i, (_, name)) in TYPES.iter().enumerate() {
            n[i] = name;
        }
        n
    }

    /// Count one message of type `msg_type` that decoded to `d`.
    pub fn record(&mut self, msg_type: u16, d: &Decoded) {
        let slot = TYPES.iter().position(|(t, _)| *t == msg_type).unwrap_or(TYPES.len());
        self.by_type[slot] += 1;
        match d {
            Decoded::Event(_) => self.events += 1,
            Decoded::Ignored(r) => self.ignored[r.index()] += 1,
            Decoded::Malformed(_) => self.malformed += 1,
        }
    }

    /// How many messages were ignored for `reason`.
    pub fn ignored_for(&self, reason: IgnoreReason) -> u64 {
        self.ignored[reason.index()]
    }

    /// Every counter as (name, value), e.g. for export to the stats segment.
    pub fn counters(&self) -> Vec<(String, u64)> {
        let mut v = Vec::new();
        for (name, n) in Stats::type_names().iter().zip(self.by_type) {
            v.push((format!("rx/{name}"), n));
        }
        v.push(("events".into(), self.events));
        for (r, n) in IgnoreReason::ALL.iter().zip(self.ignored) {
            v.push((format!("ignored/{}", r.as_str()), n));
        }
        v.push(("malformed".into(), self.malformed));
        v.push(("overflows".into(), self.overflows));
        v.push(("dump-interrupted".into(), self.dump_interrupted));
        v.push(("resyncs".into(), self.resyncs));
        v.push(("datagrams".into(), self.datagrams));
        v
    }

    /// Add `other`'s counts to these.
    pub fn merge(&mut self, other: &Stats) {
        for (a, b) in self.by_type.iter_mut().zip(other.by_type) {
            *a += b;
        }
        for (a, b) in self.ignored.iter_mut().zip(other.ignored) {
            *a += b;
        }
        self.events += other.events;
        self.malformed += other.malformed;
        self.overflows += other.overflows;
        self.dump_interrupted += other.dump_interrupted;
        self.resyncs += other.resyncs;
        self.datagrams += other.datagrams;
    }
}

impl fmt::Display for Stats {
    /// Non-zero counters, one `name: value` per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (name, n) in self.counters() {
            if n != 0 {
                writeln!(f, "  {name}: {n}")?;
            }
        }
        Ok(())
    }
}
