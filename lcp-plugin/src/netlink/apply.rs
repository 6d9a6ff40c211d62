//! Applying one batch of one namespace: the model first, then VPP.
//!
//! Routes touched by the batch are reconciled once each at its end (a burst
//! of changes to one prefix costs one FIB update). The barrier is taken
//! only for batches with link, address or neighbour events; route-only
//! batches (bulk route churn, imports) run without it, as VPP's own route
//! API does (the FIB is updated on the main thread with workers running).

use std::collections::BTreeSet;
use std::time::Instant;

use lcp_netlink::event::{Action, Decoded, Event};
use lcp_netlink::listen::Batch;
use lcp_netlink::state::{AddrKey, RouteKey};
use vpp::MainThread;

use super::ns::NsSync;
use super::tables::Tables;
use super::{addr, link, neigh, route, ApplyingGuard};
use crate::pair::{Pair, PAIRS};

fn pair_of(mt: &MainThread, ns: Option<&str>, ifindex: u32) -> Option<Pair> {
    let t = PAIRS.read(mt);
    t.find_by_vif(ns, ifindex).and_then(|i| t.get(i)).cloned()
}

fn phy_of(mt: &MainThread, ns: Option<&str>, ifindex: u32) -> Option<u32> {
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
    let _applying = ApplyingGuard::new();
    let b = mt.barrier();
    for (phy, vif) in fresh {
        let addrs: Vec<AddrKey> = s.state.addrs().filter(|a| a.ifindex == vif).copied().collect();
        for AddrKey { ifindex, addr, prefix_len } in addrs {
            let ev = lcp_netlink::event::AddrEvent { action: Action::New, ifindex, addr, prefix_len };
            addr::apply(&b, &ev, phy, &mut s.counters);
        }
        let neighs: Vec<_> = s.state.neighs().filter(|n| n.ifindex == vif).cloned().collect();
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

/// Reconcile `keys` with VPP, counting the outcomes.
pub(crate) fn reconcile_keys<'a>(
    mt: &MainThread,
    s: &mut NsSync,
    tables: &mut Tables,
    keys: impl IntoIterator<Item = &'a RouteKey>,
) {
    let ns = s.ns.clone();
    let map = |i: u32, dynamic: bool| {
        phy_of(mt, ns.as_deref(), i).filter(|phy| !super::withdrawn(mt, *phy, dynamic))
    };
    let punt = crate::state::with(|st| st.netlink.punt_unusable);
    let NsSync { state, installed, counters, last_error, .. } = s;
    let mut tally = |o: route::Outcome| match o {
        route::Outcome::Unchanged | route::Outcome::Deferred => {}
        route::Outcome::Updated => counters.routes_updated += 1,
        route::Outcome::Deleted => counters.routes_deleted += 1,
        route::Outcome::Unusable => counters.routes_unusable += 1,
        route::Outcome::Error(e) => {
            counters.route_errors += 1;
            *last_error = Some(e);
        }
    };
    let mut pending = Vec::new();
    let mut routes = state.cursor();
    for key in keys {
        tally(route::reconcile(mt, &mut routes, installed, tables, key, &map, punt, &mut pending));
        if pending.len() >= route::FLUSH_EVERY {
            route::flush(mt, installed, tables, &mut pending, &mut tally);
        }
    }
    route::flush(mt, installed, tables, &mut pending, &mut tally);
}

/// Apply one batch from `s`'s listener.
pub(crate) fn apply(mt: &MainThread, s: &mut NsSync, tables: &mut Tables, batch: &Batch) {
    let _applying = ApplyingGuard::new();
    s.counters.batches += 1;
    match batch {
        Batch::ResyncBegin => {
            s.timing.begin();
            s.state.begin_resync();
            s.resyncing = true;
        }
        Batch::Events(items) | Batch::Dump(items) => {
            let t0 = Instant::now();
            let guard = needs_barrier(items).then(|| mt.barrier());
            let mut changes = lcp_netlink::state::Changes::default();
            let mut links = BTreeSet::new();
            let ns = s.ns.clone();
            let ns = ns.as_deref();
            for r in items {
                let Decoded::Event(e) = &r.decoded else { continue };
                let before = match e {
                    Event::Link(l) => s.state.link(l.ifindex).cloned(),
                    _ => None,
                };
                s.state.apply_into(e, &mut changes);
                s.counters.events += 1;
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
                            changes.routes.extend(s.state.route_keys().copied());
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
            let t1 = Instant::now();
            reconcile_keys(mt, s, tables, &changes.routes);
            if matches!(batch, Batch::Dump(_)) {
                s.timing.batch(items.len(), t1 - t0, t1.elapsed());
            }
        }
        Batch::ResyncEnd => {
            let stale = s.state.end_resync();
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
            reconcile_keys(mt, s, tables, &stale.routes);
            s.timing.end();
        }
        Batch::Error(e) => {
            s.counters.errors += 1;
            s.last_error = Some(e.clone());
        }
    }
}
