//! Mark-and-sweep resync.

use std::net::IpAddr;

use super::{AddrKey, Changes, LinuxState, RouteKey};

/// What [`LinuxState::end_resync`] removed because the dump did not confirm it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stale {
    /// Links.
    pub links: Vec<u32>,
    /// Addresses.
    pub addrs: Vec<AddrKey>,
    /// Neighbours (ifindex, ip).
    pub neighs: Vec<(u32, IpAddr)>,
    /// Nexthop objects.
    pub nexthops: Vec<u32>,
    /// Routes that lost paths or went away: look each up with [`LinuxState::fib_route`]
    /// (`None`: delete it from VPP; else install what it returns).
    pub routes: Vec<RouteKey>,
}

impl Stale {
    /// Whether nothing was stale.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
            && self.addrs.is_empty()
            && self.neighs.is_empty()
            && self.nexthops.is_empty()
            && self.routes.is_empty()
    }
}

impl LinuxState {
    /// Start a resync: everything in the model is marked; whatever the following events
    /// (the full dump, and notifications meanwhile) do not confirm is removed by
    /// [`LinuxState::end_resync`]. A second call restarts the marking.
    pub fn begin_resync(&mut self) {
        self.gen = self.gen.wrapping_add(1);
        self.resyncing = true;
        self.routes_marked = !self.routes.is_empty();
    }

    /// Whether a resync is under way.
    pub fn resyncing(&self) -> bool {
        self.resyncing
    }

    /// End a resync: remove and return everything not confirmed since
    /// [`LinuxState::begin_resync`]. Without a resync under way it returns nothing.
    pub fn end_resync(&mut self) -> Stale {
        let mut stale = Stale::default();
        if !self.resyncing {
            return stale;
        }
        self.resyncing = false;
        let gen = self.gen;
        let mut ch = Changes::default();
        stale.links = self.links.iter().filter(|(_, s)| s.gen != gen).map(|(i, _)| *i).collect();
        for i in &stale.links {
            self.links.remove(i);
            self.link_down(*i, true, &mut ch);
        }
        stale.addrs = self.addrs.iter().filter(|(_, g)| **g != gen).map(|(k, _)| *k).collect();
        for a in &stale.addrs {
            self.addrs.remove(a);
        }
        stale.neighs = self.neighs.iter().filter(|(_, s)| s.gen != gen).map(|(k, _)| *k).collect();
        for n in &stale.neighs {
            self.neighs.remove(n);
        }
        stale.nexthops = self.nexthops.iter().filter(|(_, s)| s.gen != gen).map(|(k, _)| *k).collect();
        for id in &stale.nexthops {
            self.remove_nexthop(*id, &mut ch);
        }
        // Routes added since the begin carry its generation (and their paths
        // too): with none before it (the start-up import) a walk of every
        // route would find nothing stale.
        if std::mem::take(&mut self.routes_marked) {
            self.routes.retain(|k, metrics| {
                metrics.retain(|e| {
                    if e.gen != gen {
                        ch.routes.insert(*k);
                        return false;
                    }
                    let before = e.paths.len();
                    e.paths.retain(|h| h.gen == gen);
                    if e.paths.len() != before {
                        ch.routes.insert(*k);
                        return !e.paths.is_empty();
                    }
                    true
                });
                !metrics.is_empty()
            });
        }
        stale.routes = ch.routes.into_iter().collect();
        stale
    }
}
