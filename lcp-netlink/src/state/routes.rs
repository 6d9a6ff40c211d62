//! Route storage, nexthop-object resolution and the FIB view of the model.

use std::collections::BTreeMap;
use std::net::IpAddr;

use smallvec::SmallVec;

use super::hop::Hop;
use super::{Changes, FibPath, FibRoute, LinuxState, Metrics};
use crate::event::{Action, NexthopKind, Prefix, RouteEvent, RouteKind, RoutePath};

/// A route's identity in VPP's terms: the kernel table and the destination.
/// Ordered by table, then prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RouteKey {
    /// The kernel table id (254 main; VPP table 0 for 254 and 255, N for N, see
    /// [`RouteKey::vpp_table`]).
    pub table: u32,
    /// The destination.
    pub prefix: Prefix,
}

impl RouteKey {
    /// The VPP table linux-nl uses for this kernel table (`lcp_router_table_k2f`).
    pub fn vpp_table(&self) -> u32 {
        match self.table {
            254 | 255 => 0,
            t => t,
        }
    }
}

/// One kernel route (one metric of a [`RouteKey`]). Packed for the common case: one path
/// without labels is stored inline, allocating nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteEntry {
    /// `RTA_PRIORITY`.
    pub metric: u32,
    /// `rtm_protocol`.
    pub protocol: u8,
    /// `rtm_type`.
    pub kind: RouteKind,
    /// `RTA_NH_ID`: the paths come from this nexthop object.
    pub nh_id: Option<u32>,
    /// The route's own paths, each with the resync generation that last confirmed it.
    pub(crate) paths: SmallVec<[Hop; 1]>,
    pub(crate) gen: u32,
}

impl RouteEntry {
    /// The route's own paths (empty for `nh_id` routes and special types).
    pub fn paths(&self) -> impl Iterator<Item = RoutePath> + '_ {
        self.paths.iter().map(Hop::path)
    }
}

fn special(kind: RouteKind) -> Option<RouteKind> {
    Some(kind).filter(|k| k.is_special())
}

impl LinuxState {
    /// The kernel routes of `key`, by metric.
    pub fn routes_of(&self, key: &RouteKey) -> Option<&Metrics> {
        self.routes.get(key)
    }

    /// Every route key in the model.
    pub fn route_keys(&self) -> impl Iterator<Item = &RouteKey> {
        self.routes.keys()
    }

    /// How many (key, metric) routes the model holds.
    pub fn route_count(&self) -> usize {
        self.routes.values().map(Metrics::len).sum()
    }

    pub(crate) fn apply_route(&mut self, r: &RouteEvent, ch: &mut Changes) {
        let key = RouteKey { table: r.table, prefix: r.prefix };
        let gen = self.gen;
        for p in &r.paths {
            if let Some(i) = p.ifindex {
                if !self.links.contains_key(&i) {
                    self.counters.unknown_link += 1;
                }
            }
        }
        if let Some(id) = r.nh_id {
            if !self.nexthops.contains_key(&id) && r.action == Action::New {
                self.counters.unknown_nexthop += 1;
            }
        }
        match r.action {
            Action::New => {
                let metrics = self.routes.entry(key).or_default();
                match metrics.get_mut(r.metric) {
                    Some(e) if !r.replace && e.nh_id.is_none() && r.nh_id.is_none() && e.kind == r.kind => {
                        // Append (or a dump confirming it): merge the hops.
                        e.protocol = r.protocol;
                        e.gen = gen;
                        for p in &r.paths {
                            match e.paths.iter_mut().find(|q| q.same_hop(p)) {
                                Some(slot) => *slot = Hop::new(p, gen),
                                None => e.paths.push(Hop::new(p, gen)),
                            }
                        }
                    }
                    _ => metrics.insert(RouteEntry {
                        metric: r.metric,
                        protocol: r.protocol,
                        kind: r.kind,
                        nh_id: r.nh_id,
                        paths: r.paths.iter().map(|p| Hop::new(p, gen)).collect(),
                        gen,
                    }),
                }
                ch.changed = true;
                ch.routes.insert(key);
            }
            Action::Del => {
                let Some(metrics) = self.routes.get_mut(&key) else {
                    self.counters.delete_missing += 1;
                    return;
                };
                let Some(e) = metrics.get_mut(r.metric) else {
                    self.counters.delete_missing += 1;
                    return;
                };
                if r.paths.is_empty() || e.paths.is_empty() {
                    metrics.remove(r.metric);
                } else {
                    let before = e.paths.len();
                    e.paths.retain(|q| !r.paths.iter().any(|p| q.same_hop(p)));
                    if e.paths.len() == before {
                        self.counters.delete_missing += 1;
                    }
                    if e.paths.is_empty() {
                        metrics.remove(r.metric);
                    }
                }
                if metrics.is_empty() {
                    self.routes.remove(&key);
                }
                ch.changed = true;
                ch.routes.insert(key);
            }
        }
    }

    /// Mark every route that resolves through nexthop object `id` (directly or as a group
    /// member) as changed.
    pub(crate) fn routes_using(&self, id: u32, ch: &mut Changes) {
        let groups: Vec<u32> = self
            .nexthops
            .iter()
            .filter(
                |(_, s)| matches!(&s.value.kind, NexthopKind::Group(m) if m.iter().any(|(x, _)| *x == id)),
            )
            .map(|(g, _)| *g)
            .collect();
        for (k, e) in &self.routes {
            if e.iter().any(|r| r.nh_id.is_some_and(|n| n == id || groups.contains(&n))) {
                ch.routes.insert(*k);
            }
        }
    }

    /// Remove every route whose `nh_id` is `id`.
    pub(crate) fn remove_routes_with_nh(&mut self, id: u32, ch: &mut Changes) {
        self.routes.retain(|k, metrics| {
            metrics.retain(|e| {
                let hit = e.nh_id == Some(id);
                if hit {
                    ch.routes.insert(*k);
                }
                !hit
            });
            !metrics.is_empty()
        });
    }

    /// Remove the paths through `ifindex` (only IPv4 routes' when `v4_only`); routes left
    /// with no path (and not special) go.
    pub(crate) fn flush_paths(&mut self, ifindex: u32, v4_only: bool, ch: &mut Changes) {
        self.routes.retain(|k, metrics| {
            if v4_only && !matches!(k.prefix, Prefix::V4(..)) {
                return true;
            }
            metrics.retain(|e| {
                let before = e.paths.len();
                e.paths.retain(|p| p.ifindex() != Some(ifindex));
                if e.paths.len() != before {
                    ch.routes.insert(*k);
                    ch.changed = true;
                    return !e.paths.is_empty();
                }
                true
            });
            !metrics.is_empty()
        });
    }

    /// The paths of nexthop object `id`, resolved (group members expanded, weights from the
    /// group). `None` when the object (or every member) is unknown.
    pub fn resolve_nexthop(&self, id: u32) -> Option<Vec<(RoutePath, Option<RouteKind>)>> {
        let single = |id: u32, weight: u32| -> Option<(RoutePath, Option<RouteKind>)> {
            match &self.nexthops.get(&id)?.value.kind {
                NexthopKind::Single { ifindex, gateway, labels } => Some((
                    RoutePath { ifindex: *ifindex, gateway: *gateway, weight, labels: labels.clone() },
                    None,
                )),
                NexthopKind::Blackhole => Some((
                    RoutePath { ifindex: None, gateway: None, weight, labels: Vec::new() },
                    Some(RouteKind::Blackhole),
                )),
                NexthopKind::Group(_) => None,
            }
        };
        match &self.nexthops.get(&id)?.value.kind {
            NexthopKind::Group(members) => {
                let v: Vec<_> = members.iter().filter_map(|(m, w)| single(*m, *w)).collect();
                Some(v).filter(|v| !v.is_empty())
            }
            _ => single(id, 1).map(|p| vec![p]),
        }
    }

    /// What VPP should have for `key`: every metric's paths, resolved through nexthop
    /// objects, with the metric as preference; `None` when Linux has no usable route there.
    pub fn fib_route(&self, key: &RouteKey) -> Option<FibRoute> {
        self.fib_route_of(key, self.routes.get(key)?)
    }

    /// A [`RouteCursor`] from the first route.
    pub fn cursor(&self) -> RouteCursor<'_> {
        RouteCursor { state: self, iter: self.routes.range(..), peeked: None, last: None }
    }

    fn fib_route_of(&self, key: &RouteKey, metrics: &Metrics) -> Option<FibRoute> {
        let best = metrics.first()?;
        let mut paths: SmallVec<[FibPath; 1]> = SmallVec::new();
        let fib_path = |e: &RouteEntry, p: RoutePath, sp: Option<RouteKind>| FibPath {
            ifindex: p.ifindex,
            gateway: p.gateway,
            weight: p.weight,
            preference: e.metric,
            labels: p.labels,
            special: sp.or(special(e.kind)),
        };
        for e in metrics {
            if e.nh_id.is_none() && !e.paths.is_empty() {
                // The common case, without a copy of the paths first.
                paths.extend(e.paths().map(|p| fib_path(e, p, None)));
                continue;
            }
            let own = e.nh_id.and_then(|id| self.resolve_nexthop(id)).unwrap_or_default();
            if own.is_empty() {
                if let Some(kind) = special(e.kind) {
                    paths.push(FibPath {
                        ifindex: None,
                        gateway: None,
                        weight: 1,
                        preference: e.metric,
                        labels: Vec::new(),
                        special: Some(kind),
                    });
                }
                continue;
            }
            paths.extend(own.into_iter().map(|(p, sp)| fib_path(e, p, sp)));
        }
        if paths.is_empty() {
            return None;
        }
        if paths.len() > 1 {
            paths.sort();
            paths.dedup();
        }
        Some(FibRoute { key: *key, kind: best.kind, protocol: best.protocol, paths })
    }

    /// [`LinuxState::fib_route`] for every key, keeping only paths `keep` accepts (e.g. those
    /// on paired interfaces; special paths have no interface and are always kept). Routes
    /// left with no path are left out, as linux-nl does ("no paths for route").
    pub fn fib_routes(&self, keep: impl Fn(&FibPath) -> bool) -> BTreeMap<RouteKey, FibRoute> {
        self.routes.keys().filter_map(|k| self.fib_route_kept(k, &keep).map(|r| (*k, r))).collect()
    }

    /// [`LinuxState::fib_route`] keeping only the paths `keep` accepts (special paths are
    /// always kept); `None` when no path is left. Use it for each key of [`Changes::routes`]
    /// to update VPP incrementally with the same filter as [`LinuxState::fib_routes`].
    pub fn fib_route_kept(&self, key: &RouteKey, keep: impl Fn(&FibPath) -> bool) -> Option<FibRoute> {
        let mut r = self.fib_route(key)?;
        r.paths.retain(|p| p.special.is_some() || keep(p));
        Some(r).filter(|r| !r.paths.is_empty())
    }

    /// The gateway addresses of `key`'s resolved paths (a convenience for tests and CLI).
    pub fn gateways(&self, key: &RouteKey) -> Vec<Option<IpAddr>> {
        self.fib_route(key).map(|r| r.paths.into_iter().map(|p| p.gateway).collect()).unwrap_or_default()
    }
}

/// [`LinuxState::fib_route`] for keys asked in ascending order, each found by walking on
/// from the last one instead of searching from the root (the keys of a batch are sorted,
/// and a million searches among a million routes were a tenth of an import's time on the
/// thread applying it). A key behind the last, or far ahead of it, is searched for.
#[derive(Debug)]
pub struct RouteCursor<'a> {
    state: &'a LinuxState,
    iter: std::collections::btree_map::Range<'a, RouteKey, Metrics>,
    peeked: Option<(&'a RouteKey, &'a Metrics)>,
    last: Option<RouteKey>,
}

impl RouteCursor<'_> {
    /// How many routes the cursor walks past before it searches instead.
    const WALK: usize = 8;

    /// [`LinuxState::fib_route`] of `key`.
    pub fn fib_route(&mut self, key: &RouteKey) -> Option<FibRoute> {
        if self.last.is_some_and(|l| *key < l) {
            self.seek(key);
        }
        self.last = Some(*key);
        let mut walked = 0;
        loop {
            if self.peeked.is_none() {
                self.peeked = self.iter.next();
            }
            let (k, m) = self.peeked?;
            match k.cmp(key) {
                // After a seek the range starts at `key`: never `Less` again.
                std::cmp::Ordering::Less if walked == Self::WALK => self.seek(key),
                std::cmp::Ordering::Less => {
                    self.peeked = None;
                    walked += 1;
                }
                std::cmp::Ordering::Equal => return self.state.fib_route_of(key, m),
                std::cmp::Ordering::Greater => return None,
            }
        }
    }

    fn seek(&mut self, key: &RouteKey) {
        self.iter = self.state.routes.range(*key..);
        self.peeked = None;
    }
}
