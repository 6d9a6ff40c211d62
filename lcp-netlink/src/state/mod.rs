//! A model of one namespace's Linux tables as the plugin needs them: links, addresses,
//! neighbours, nexthop objects and routes.
//!
//! [`LinuxState::apply`] applies one [`Event`] and says which routes' resolved path sets
//! changed ([`Changes`]), so the plugin updates exactly those in VPP. Routes are kept per
//! [`RouteKey`] (table, prefix) and, inside, per metric; a route with `RTA_NH_ID` resolves
//! through the nexthop objects (groups included) whenever it is read, so a nexthop change
//! re-resolves every route using it.
//!
//! The kernel removes some things without a netlink message; the model does the same:
//! deleting a link drops its addresses, neighbours, nexthop objects and every path through
//! it; setting a link admin-down (or removing its last IPv4 address) drops its IPv4 route
//! paths, neighbours and nexthop objects (the `fib_sync_down_dev` / `nexthop_flush_dev`
//! behaviour linux-nl compensates for with its admin-down flush).
//!
//! Resync is mark-and-sweep ([`LinuxState::begin_resync`], [`LinuxState::end_resync`]);
//! [`diff_routes`] compares with what VPP has.
//!
//! The files: `routes.rs` (route storage, resolution, FIB view), `metrics.rs` (a prefix's
//! routes by metric), `hop.rs` (a stored next hop), `sweep.rs` (resync), `diff.rs` (the
//! VPP diff).

mod diff;
mod hop;
mod metrics;
mod routes;
mod sweep;

use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

use crate::event::{Action, AddrEvent, Event, LinkEvent, NeighEvent, NexthopEvent, NexthopKind};

pub use diff::{diff_routes, FibPath, FibRoute, RouteDiff};
pub use hop::Labels;
pub use metrics::Metrics;
pub use routes::{RouteCursor, RouteEntry, RouteKey};
pub use sweep::Stale;

/// Counters of events the model could not use as they came.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StateCounters {
    /// Address or neighbour events for an ifindex with no known link (skipped), and route
    /// paths through one (kept, the kernel knows better).
    pub unknown_link: u64,
    /// Routes referring to a nexthop object id the model does not have (they resolve to no
    /// path until it appears).
    pub unknown_nexthop: u64,
    /// Deletes of something the model does not have.
    pub delete_missing: u64,
}

/// An interface address in the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AddrKey {
    /// The link.
    pub ifindex: u32,
    /// The address.
    pub addr: IpAddr,
    /// Its prefix length.
    pub prefix_len: u8,
}

/// What one [`LinuxState::apply`] changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Whether the event changed the model at all.
    pub changed: bool,
    /// Routes whose resolved path set (see [`LinuxState::fib_route`]) may have changed,
    /// including removed ones.
    pub routes: BTreeSet<RouteKey>,
}

#[derive(Debug, Clone)]
pub(crate) struct Slot<T> {
    pub(crate) value: T,
    pub(crate) gen: u32,
}

/// The model of one namespace. See the module documentation.
#[derive(Debug, Clone, Default)]
pub struct LinuxState {
    pub(crate) links: BTreeMap<u32, Slot<LinkEvent>>,
    pub(crate) addrs: BTreeMap<AddrKey, u32>,
    pub(crate) neighs: BTreeMap<(u32, IpAddr), Slot<NeighEvent>>,
    pub(crate) nexthops: BTreeMap<u32, Slot<NexthopEvent>>,
    pub(crate) routes: BTreeMap<RouteKey, Metrics>,
    /// The resync generation (32 bits: it only needs to differ from the last one's, and
    /// wraps after 2^32 resyncs).
    pub(crate) gen: u32,
    pub(crate) resyncing: bool,
    /// Routes were in the model when the resync began (some may be stale).
    pub(crate) routes_marked: bool,
    /// Counters of unusable events.
    pub counters: StateCounters,
}

impl LinuxState {
    /// An empty model.
    pub fn new() -> LinuxState {
        LinuxState::default()
    }

    /// Apply one event. Never panics.
    pub fn apply(&mut self, ev: &Event) -> Changes {
        let mut ch = Changes::default();
        self.apply_into(ev, &mut ch);
        ch
    }

    /// [`LinuxState::apply`], adding the changes to `ch` (one set for a whole batch
    /// instead of one per event).
    pub fn apply_into(&mut self, ev: &Event, ch: &mut Changes) {
        match ev {
            Event::Link(l) => self.apply_link(l, ch),
            Event::Addr(a) => self.apply_addr(a, ch),
            Event::Neigh(n) => self.apply_neigh(n, ch),
            Event::Route(r) => self.apply_route(r, ch),
            Event::Nexthop(n) => self.apply_nexthop(n, ch),
        }
    }

    /// The link `ifindex`, as last reported.
    pub fn link(&self, ifindex: u32) -> Option<&LinkEvent> {
        self.links.get(&ifindex).map(|s| &s.value)
    }

    /// Every link, by ifindex.
    pub fn links(&self) -> impl Iterator<Item = &LinkEvent> {
        self.links.values().map(|s| &s.value)
    }

    /// The link named `name`.
    pub fn link_by_name(&self, name: &str) -> Option<&LinkEvent> {
        self.links().find(|l| l.name.as_deref() == Some(name))
    }

    /// The VRF table link `ifindex` is bound to: its own `IFLA_VRF_TABLE` when it is a VRF
    /// device, else that of the VRF it is enslaved to (`IFLA_MASTER`); `None` for the
    /// default table.
    pub fn vrf_table_of(&self, ifindex: u32) -> Option<u32> {
        let l = self.link(ifindex)?;
        l.vrf_table.or_else(|| self.link(l.master?)?.vrf_table)
    }

    /// Every address.
    pub fn addrs(&self) -> impl Iterator<Item = &AddrKey> {
        self.addrs.keys()
    }

    /// Every installed neighbour (those for which [`NeighEvent::installs`] held).
    pub fn neighs(&self) -> impl Iterator<Item = &NeighEvent> {
        self.neighs.values().map(|s| &s.value)
    }

    /// The nexthop object `id`.
    pub fn nexthop(&self, id: u32) -> Option<&NexthopEvent> {
        self.nexthops.get(&id).map(|s| &s.value)
    }

    /// Every nexthop object.
    pub fn nexthops(&self) -> impl Iterator<Item = &NexthopEvent> {
        self.nexthops.values().map(|s| &s.value)
    }

    fn apply_link(&mut self, l: &LinkEvent, ch: &mut Changes) {
        match l.action {
            Action::New => {
                let was_up = self.links.get(&l.ifindex).map(|s| s.value.admin_up);
                let had_carrier = self.links.get(&l.ifindex).map(|s| s.value.carrier);
                let mut value = l.clone();
                if let Some(old) = self.links.get(&l.ifindex) {
                    // Change notifications may omit attributes; keep what we knew.
                    let o = &old.value;
                    value.name = value.name.or_else(|| o.name.clone());
                    value.mtu = value.mtu.or(o.mtu);
                    value.mac = value.mac.or(o.mac);
                    value.kind = value.kind.or_else(|| o.kind.clone());
                }
                self.links.insert(l.ifindex, Slot { value, gen: self.gen });
                ch.changed = true;
                if was_up == Some(true) && !l.admin_up {
                    self.link_down(l.ifindex, false, ch);
                } else if had_carrier == Some(true) && !l.carrier {
                    // nexthop_flush_dev also runs when the carrier goes.
                    self.flush_nexthops_on(l.ifindex, ch);
                }
            }
            Action::Del => {
                if self.links.remove(&l.ifindex).is_none() {
                    self.counters.delete_missing += 1;
                }
                ch.changed = true;
                self.link_down(l.ifindex, true, ch);
            }
        }
    }

    /// What the kernel removes silently when link `ifindex` goes down (`deleted`: is removed).
    pub(crate) fn link_down(&mut self, ifindex: u32, deleted: bool, ch: &mut Changes) {
        self.neighs.retain(|(i, _), _| *i != ifindex);
        if deleted {
            self.addrs.retain(|k, _| k.ifindex != ifindex);
        }
        self.flush_nexthops_on(ifindex, ch);
        self.flush_paths(ifindex, !deleted, ch);
    }

    fn flush_nexthops_on(&mut self, ifindex: u32, ch: &mut Changes) {
        let gone: Vec<u32> = self
            .nexthops
            .iter()
            .filter(
                |(_, s)| matches!(s.value.kind, NexthopKind::Single { ifindex: Some(i), .. } if i == ifindex),
            )
            .map(|(id, _)| *id)
            .collect();
        for id in gone {
            self.remove_nexthop(id, ch);
        }
    }

    fn apply_addr(&mut self, a: &AddrEvent, ch: &mut Changes) {
        let key = AddrKey { ifindex: a.ifindex, addr: a.addr, prefix_len: a.prefix_len };
        match a.action {
            Action::New => {
                if !self.links.contains_key(&a.ifindex) {
                    self.counters.unknown_link += 1;
                    return;
                }
                self.addrs.insert(key, self.gen);
                ch.changed = true;
            }
            Action::Del => {
                if self.addrs.remove(&key).is_none() {
                    self.counters.delete_missing += 1;
                    return;
                }
                ch.changed = true;
                let v4_left = self.addrs.keys().any(|k| k.ifindex == a.ifindex && k.addr.is_ipv4());
                if a.addr.is_ipv4() && !v4_left {
                    // fib_disable_ip: the last IPv4 address gone takes the link's IPv4 routes.
                    self.flush_paths(a.ifindex, true, ch);
                }
            }
        }
    }

    fn apply_neigh(&mut self, n: &NeighEvent, ch: &mut Changes) {
        let key = (n.ifindex, n.ip);
        if n.installs() {
            if !self.links.contains_key(&n.ifindex) {
                self.counters.unknown_link += 1;
                return;
            }
            self.neighs.insert(key, Slot { value: *n, gen: self.gen });
            ch.changed = true;
        } else if self.neighs.remove(&key).is_some() {
            ch.changed = true;
        } else if n.action == Action::Del {
            self.counters.delete_missing += 1;
        }
    }

    fn apply_nexthop(&mut self, n: &NexthopEvent, ch: &mut Changes) {
        match n.action {
            Action::New => {
                if let NexthopKind::Single { ifindex: Some(i), .. } = n.kind {
                    if !self.links.contains_key(&i) {
                        self.counters.unknown_link += 1;
                    }
                }
                self.nexthops.insert(n.id, Slot { value: n.clone(), gen: self.gen });
                ch.changed = true;
                self.routes_using(n.id, ch);
            }
            Action::Del => {
                if !self.nexthops.contains_key(&n.id) {
                    self.counters.delete_missing += 1;
                    return;
                }
                self.remove_nexthop(n.id, ch);
            }
        }
    }

    /// Remove nexthop object `id` the way the kernel does: routes using it directly go,
    /// groups lose it as a member, and groups left empty go too.
    pub(crate) fn remove_nexthop(&mut self, id: u32, ch: &mut Changes) {
        let mut work = vec![id];
        while let Some(id) = work.pop() {
            if self.nexthops.remove(&id).is_none() {
                continue;
            }
            ch.changed = true;
            self.remove_routes_with_nh(id, ch);
            let mut shrunk = Vec::new();
            for (gid, s) in self.nexthops.iter_mut() {
                if let NexthopKind::Group(members) = &mut s.value.kind {
                    let before = members.len();
                    members.retain(|(m, _)| *m != id);
                    if members.is_empty() {
                        work.push(*gid);
                    } else if members.len() != before {
                        shrunk.push(*gid);
                    }
                }
            }
            for g in shrunk {
                self.routes_using(g, ch);
            }
        }
    }
}
