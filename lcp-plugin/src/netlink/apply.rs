//! Applying one batch of one namespace to VPP.
//!
//! The reader thread has applied the batch to the model and resolved every
//! route it changed ([`Modelled`]); here links, addresses and neighbours
//! go to VPP in order, then each changed route is reconciled once (a burst
//! of changes to one prefix costs one FIB update). The barrier is taken
//! only for batches with link, address or neighbour events; route-only
//! batches (bulk route churn, imports) run without it, as VPP's own route
//! API does (the FIB is updated on the main thread with workers running).

use std::collections::BTreeSet;
use std::time::Instant;

use lcp_netlink::event::{Action, Decoded, Event};
use lcp_netlink::listen::{Batch, Modelled};
use lcp_netlink::state::{AddrKey, RouteKey, Stale};
use vpp::MainThread;

use super::ns::NsSync;
use super::route::Reconciler;
use super::tables::Tables;
use super::{addr, link, neigh, ApplyingGuard};
use crate::pair::{Pair, PAIRS};

fn pair_of(mt: &MainThread, ns: Option<&str>, ifindex: u32) -> Option<Pair> {
    let t = PAIRS.read(mt);
    t.find_by_vif(ns, ifindex).and_then(|i| t.get(i)).cloned()
}

/// The phy paired with Linux's `ifindex` in `ns`.
pub(crate) fn phy_of(mt: &MainThread, ns: Option<&str>, ifindex: u32) -> Option<u32> {
    let t = PAIRS.read(mt);
    t.find_by_vif(ns, ifindex).and_then(|i| t.get(i)).map(|p| p.phy_sw_if_index)
}

fn is_vrf_link(d: &Decoded) -> bool {
    matches!(d, Decoded::Event(Event::Link(l)) if l.vrf_table.is_some() || l.kind.as_deref() == Some("vrf"))
}

/// Pairs new to `s`'s namespace get the addresses and neighbours Linux
/// already has on their interface (the model holds them from the import
/// or from before the pair existed; upstream only gets them at a resync).
pub(crate) fn adopt_new_pairs(mt: &MainThread, s: &mut NsSync) {
    let pairs: Vec<(u32, u32)> = {
        let t = PAIRS.read(mt);
        t.iter().filter(|(_, p)| p.netns == s.ns).map(|(_, p)| (p.phy_sw_if_index, p.vif_index)).collect()
    };
    s.known.retain(|k| pairs.contains(k));
    let fresh: Vec<(u32, u32)> = pairs.into_iter().filter(|k| !s.known.contains(k)).collect();
    if fresh.is_empty() {
        return;
    }
    // Read before the barrier: the workers wait for none of the model's lock.
    type Found = (u32, u32, Vec<AddrKey>, Vec<lcp_netlink::event::NeighEvent>);
    let found: Vec<Found> = {
        let model = s.model();
        fresh
            .into_iter()
            .map(|(phy, vif)| {
                let addrs = model.addrs().filter(|a| a.ifindex == vif).copied().collect();
                let neighs = model.neighs().filter(|n| n.ifindex == vif).cloned().collect();
                (phy, vif, addrs, neighs)
            })
            .collect()
    };
    let _applying = ApplyingGuard::new();
    let b = mt.barrier();
    for (phy, vif, addrs, neighs) in found {
        for AddrKey { ifindex, addr, prefix_len } in addrs {
            let ev = lcp_netlink::event::AddrEvent { action: Action::New, ifindex, addr, prefix_len };
            addr::apply(&b, &ev, phy, &mut s.counters);
        }
        for n in neighs {
            neigh::apply(&b, &n, phy, &mut s.counters);
        }
        s.known.insert((phy, vif));
    }
}

/// Bind every pair of `s`'s namespace to the VPP table of its Linux VRF.
pub(crate) fn ensure_vrfs(mt: &MainThread, s: &mut NsSync, tables: &mut Tables) {
    let pairs: Vec<Pair> = {
        let t = PAIRS.read(mt);
        t.iter().filter(|(_, p)| p.netns == s.ns).map(|(_, p)| p.clone()).collect()
    };
    let mut c = s.counters;
    for p in &pairs {
        super::vrf::ensure(mt, s, tables, p, &mut c);
    }
    s.counters = c;
}

fn needs_barrier(items: &[lcp_netlink::event::Received]) -> bool {
    items
        .iter()
        .any(|r| matches!(r.decoded, Decoded::Event(Event::Link(_) | Event::Addr(_) | Event::Neigh(_))))
}

/// Reconcile each route of `m` (resolved by the reader thread) with VPP.
fn reconcile_modelled(mt: &MainThread, s: &mut NsSync, tables: &mut Tables, m: &Modelled) {
    let NsSync { ns, installed, counters, last_error, .. } = s;
    let mut r = Reconciler::new(mt, ns.as_deref(), installed, tables, counters, last_error);
    for (key, route) in &m.routes {
        r.route(key, route.as_ref());
    }
}

/// Reconcile `keys` with VPP as the model has them now: read under its
/// lock a slice at a time ([`RESOLVE_SLICE`]), so the reader thread waits
/// for a slice's reading, never for its FIB writes.
pub(crate) fn reconcile_keys(mt: &MainThread, s: &mut NsSync, tables: &mut Tables, keys: &[RouteKey]) {
    let NsSync { ns, state, installed, counters, last_error, .. } = s;
    let mut r = Reconciler::new(mt, ns.as_deref(), installed, tables, counters, last_error);
    let mut resolved = Vec::with_capacity(keys.len().min(RESOLVE_SLICE));
    for slice in keys.chunks(RESOLVE_SLICE) {
        {
            let model = lcp_netlink::listen::lock_state(state);
            let mut routes = model.cursor();
            resolved.extend(slice.iter().map(|k| routes.fib_route(k)));
        }
        for (key, route) in slice.iter().zip(resolved.drain(..)) {
            r.route(key, route.as_ref());
        }
    }
}

/// How many routes [`reconcile_keys`] reads from the model per lock.
const RESOLVE_SLICE: usize = 1024;

/// Reconcile every route the model has and every one VPP got (a pair came
/// or went: a path's interface may have gained or lost its VPP side).
pub(crate) fn reconcile_all(mt: &MainThread, s: &mut NsSync, tables: &mut Tables) {
    let mut keys: Vec<RouteKey> = s.model().route_keys().copied().collect();
    if keys.len() != s.installed.len() || !s.installed.keys().all(|k| keys.binary_search(k).is_ok()) {
        keys.extend(s.installed.keys().copied());
        keys.sort_unstable();
        keys.dedup();
    }
    reconcile_keys(mt, s, tables, &keys);
}

/// Apply one batch from `s`'s listener, which the reader thread applied
/// to the model as `m` says.
pub(crate) fn apply(mt: &MainThread, s: &mut NsSync, tables: &mut Tables, batch: &Batch, m: &Modelled) {
    let _applying = ApplyingGuard::new();
    s.counters.batches += 1;
    match batch {
        Batch::ResyncBegin => {
            s.timing.begin();
            s.resyncing = true;
        }
        Batch::Events(items) | Batch::Dump(items) => {
            let t0 = Instant::now();
            let guard = needs_barrier(items).then(|| mt.barrier());
            let mut links = BTreeSet::new();
            let mut every_route = false;
            let mut before = m.links_before.iter();
            let ns = s.ns.clone();
            let ns = ns.as_deref();
            for r in items {
                let Decoded::Event(e) = &r.decoded else { continue };
                s.counters.events += 1;
                let before = match e {
                    Event::Link(_) => before.next().cloned().flatten(),
                    _ => None,
                };
                match (e, guard.as_deref()) {
                    (Event::Link(l), Some(b)) => match pair_of(mt, ns, l.ifindex) {
                        Some(p) => {
                            link::apply_paired(b, l, before.as_ref(), &p, &mut s.counters);
                            links.insert(l.ifindex);
                        }
                        None if l.action == Action::New
                            && before.is_none()
                            && l.vlan.is_some()
                            && crate::state::with(|st| st.auto_subint) =>
                        {
                            link::create_vlan_pair(b, ns, l, &mut s.counters);
                            // Routes through it may have waited for a pair.
                            every_route = true;
                        }
                        None => s.counters.unpaired += 1,
                    },
                    (Event::Addr(a), Some(b)) => match phy_of(mt, ns, a.ifindex) {
                        Some(phy) => addr::apply(b, a, phy, &mut s.counters),
                        None => s.counters.unpaired += 1,
                    },
                    (Event::Neigh(n), Some(b)) => match phy_of(mt, ns, n.ifindex) {
                        Some(phy) => neigh::apply(b, n, phy, &mut s.counters),
                        None => s.counters.unpaired += 1,
                    },
                    _ => {}
                }
            }
            drop(guard);
            // VRF membership (the VRF device itself may be what changed).
            if !links.is_empty() || items.iter().any(|r| is_vrf_link(&r.decoded)) {
                ensure_vrfs(mt, s, tables);
            }
            debug_assert!(before.next().is_none(), "one earlier state per link event");
            let t1 = Instant::now();
            reconcile_modelled(mt, s, tables, m);
            if every_route {
                reconcile_all(mt, s, tables);
            }
            if matches!(batch, Batch::Dump(_)) {
                s.timing.batch(items.len(), m.took, t1 - t0, t1.elapsed());
            }
        }
        Batch::ResyncEnd => {
            if !s.resyncing_done_once {
                // The import is complete: pairs made meanwhile get what
                // Linux has on their interfaces.
                s.resyncing_done_once = true;
                s.known.clear();
                adopt_new_pairs(mt, s);
            }
            s.resyncing = false;
            s.counters.resyncs += 1;
            let ns = s.ns.clone();
            let ns = ns.as_deref();
            let none = Stale::default();
            let stale = m.stale.as_ref().unwrap_or(&none);
            if !stale.addrs.is_empty() || !stale.neighs.is_empty() {
                let b = mt.barrier();
                for AddrKey { ifindex, addr, prefix_len } in &stale.addrs {
                    if let Some(phy) = phy_of(mt, ns, *ifindex) {
                        let ev = lcp_netlink::event::AddrEvent {
                            action: Action::Del,
                            ifindex: *ifindex,
                            addr: *addr,
                            prefix_len: *prefix_len,
                        };
                        addr::apply(&b, &ev, phy, &mut s.counters);
                    }
                }
                for (ifindex, ip) in &stale.neighs {
                    if let Some(phy) = phy_of(mt, ns, *ifindex) {
                        if vpp::neighbor::del(&b, phy, *ip).is_ok() {
                            s.counters.neighs_deleted += 1;
                        }
                    }
                }
            }
            reconcile_modelled(mt, s, tables, m);
            s.timing.end();
        }
        Batch::Error(e) => {
            s.counters.errors += 1;
            s.last_error = Some(e.clone());
            if m.reconcile_all {
                reconcile_all(mt, s, tables);
            }
        }
    }
}
