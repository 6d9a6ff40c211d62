//! What VPP should have, and the operations that make it so.

use std::collections::BTreeMap;
use std::net::IpAddr;

use super::RouteKey;
use crate::event::RouteKind;

/// One path as VPP's FIB needs it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FibPath {
    /// Outgoing Linux ifindex (the plugin maps it to the paired phy).
    pub ifindex: Option<u32>,
    /// Next-hop address (may be of the other family than the prefix, e.g. v4 via v6).
    pub gateway: Option<IpAddr>,
    /// The kernel weight (≥ 1).
    pub weight: u32,
    /// The route metric (linux-nl truncates it to u8 for `frp_preference`).
    pub preference: u32,
    /// Outgoing MPLS labels, outermost first.
    pub labels: Vec<u32>,
    /// Blackhole / unreachable / prohibit: a special path (drop, ICMP unreach/prohibit).
    pub special: Option<RouteKind>,
}

/// One FIB entry as VPP should have it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FibRoute {
    /// Table and prefix.
    pub key: RouteKey,
    /// The route type of the lowest metric.
    pub kind: RouteKind,
    /// The protocol of the lowest metric (≤ 4: source `lcp-rt`, else `lcp-rt-dynamic`).
    pub protocol: u8,
    /// The paths, sorted (one is held inline: most routes have one, and a
    /// million-route import allocated a vector per route for it).
    pub paths: smallvec::SmallVec<[FibPath; 1]>,
}

/// The operations that make VPP equal to Linux.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RouteDiff {
    /// Routes Linux has and VPP lacks.
    pub add: Vec<FibRoute>,
    /// Routes both have, but differently: install these (replacing every path).
    pub update: Vec<FibRoute>,
    /// Routes VPP has and Linux does not.
    pub delete: Vec<RouteKey>,
}

impl RouteDiff {
    /// Whether VPP already equals Linux.
    pub fn is_empty(&self) -> bool {
        self.add.is_empty() && self.update.is_empty() && self.delete.is_empty()
    }

    /// Apply the diff to a map standing for VPP (for tests and dry runs).
    pub fn apply_to(&self, vpp: &mut BTreeMap<RouteKey, FibRoute>) {
        for k in &self.delete {
            vpp.remove(k);
        }
        for r in self.add.iter().chain(&self.update) {
            vpp.insert(r.key, r.clone());
        }
    }
}

/// Compare what VPP has with what Linux has (e.g. [`super::LinuxState::fib_routes`]).
/// Path order does not matter.
pub fn diff_routes(vpp: &BTreeMap<RouteKey, FibRoute>, linux: &BTreeMap<RouteKey, FibRoute>) -> RouteDiff {
    let mut d = RouteDiff::default();
    for (k, want) in linux {
        match vpp.get(k) {
            None => d.add.push(want.clone()),
            Some(have) => {
                let mut a = have.paths.clone();
                a.sort();
                if a != want.paths || have.kind != want.kind || have.protocol != want.protocol {
                    d.update.push(want.clone());
                }
            }
        }
    }
    d.delete = vpp.keys().filter(|k| !linux.contains_key(k)).copied().collect();
    d
}
