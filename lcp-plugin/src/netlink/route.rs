//! Routes (reference 7.7): VPP follows the model, prefix by prefix.
//!
//! For each (table, prefix) a batch touched, what VPP should have is worked
//! out from the model ([`lcp_netlink::state::LinuxState::fib_route`]: every
//! metric's paths, nexthop objects resolved, on the reader thread), mapped
//! to phys and compared with what this namespace last installed; only a difference reaches the FIB, as one
//! `fib_table_entry_update` (all paths at once) or one delete. So a
//! multipath add is one entry with N paths, `NLM_F_REPLACE` replaces, and
//! deleting one path of an IPv6 multipath route removes exactly that path
//! (upstream removes the whole prefix, quirk 5).
//!
//! Decided against upstream (quirk 5): the kernel's weight is used as is
//! (libnl's `rtnh_hops` is weight − 1); metrics become preferences by rank
//! (lowest metric 0, next 1, …) instead of being truncated to 8 bits, so
//! IPv6's default 1024 does not collide with 0; and the table reference is
//! taken once per installed prefix.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

use smallvec::{smallvec, SmallVec};

use lcp_netlink::event::{Prefix, RouteKind};
use lcp_netlink::state::{FibRoute, RouteKey};
use vpp::fib::{self, EntryFlags, Path, PathKind, Proto};
use vpp::MainThread;

use super::counters::Counters;
use super::installed::{pack, Installed};
use super::tables::Tables;

/// What reconciling one prefix did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// VPP already had it right.
    Unchanged,
    /// Installed or changed.
    Updated,
    /// Removed.
    Deleted,
    /// Linux has a route, but none of its next hops is on a paired
    /// interface: nothing installed (and anything installed before removed).
    Unusable,
    /// VPP refused.
    Error(String),
    /// Planned: the FIB write waits in the [`Pending`] list for
    /// [`Reconciler::flush`], which tells how it went.
    Deferred,
}

/// A route's paths as VPP gets them (one inline: no allocation per route).
type Paths = SmallVec<[Path; 1]>;

/// A route update [`Reconciler::reconcile`] planned: `installed` already
/// holds it; the FIB write is made by [`Reconciler::flush`] with the others
/// of the batch, VPP's FIB code back to back (one call per route cost 1.7
/// times VPP's own insertion on the host, with the model's work between the
/// calls).
#[derive(Debug)]
struct Pending {
    key: RouteKey,
    fib_index: u32,
    prefix: fib::Prefix,
    src: fib::Source,
    flags: EntryFlags,
    paths: Paths,
}

/// How many planned updates wait before a [`Reconciler::flush`]: enough
/// for VPP's code to stay hot, few enough for little memory.
const FLUSH_EVERY: usize = 256;

/// How many interfaces a [`Reconciler`] remembers the phy of (a linear
/// search: beyond a few, the pair table's own search is as quick).
const PHYS_KEPT: usize = 16;

/// The FIB protocol of a route's prefix.
pub(crate) fn proto_of(p: &Prefix) -> Proto {
    match p {
        Prefix::V4(..) => Proto::Ip4,
        Prefix::V6(..) => Proto::Ip6,
        Prefix::Mpls(_) => Proto::Mpls,
    }
}

/// The FIB prefixes of a route: one for IP, the EOS and non-EOS entries
/// for an MPLS label (as upstream installs both).
pub(crate) fn fib_prefixes(p: &Prefix) -> SmallVec<[fib::Prefix; 2]> {
    match *p {
        Prefix::V4(a, l) => smallvec![fib::Prefix::V4(a, l)],
        Prefix::V6(a, l) => smallvec![fib::Prefix::V6(a, l)],
        Prefix::Mpls(label) => {
            smallvec![fib::Prefix::Mpls { label, eos: false }, fib::Prefix::Mpls { label, eos: true }]
        }
    }
}

/// What VPP should have for `key`, or `Err(Some(dynamic))` when Linux has
/// a route none of whose hops is usable, `Err(None)` when Linux has none.
fn wanted(
    route: Option<&FibRoute>,
    key: &RouteKey,
    mut phy_of: impl FnMut(u32, bool) -> Option<u32>,
) -> Result<(bool, EntryFlags, Paths), Option<bool>> {
    let r = route.ok_or(None)?;
    let dynamic = r.protocol > lcp_netlink::event::RTPROT_STATIC;
    let proto = proto_of(&key.prefix);
    // The distinct metrics, ascending (almost always one).
    let mut metrics: SmallVec<[u32; 2]> = r.paths.iter().map(|p| p.preference).collect();
    metrics.sort_unstable();
    metrics.dedup();
    let rank = |m: u32| metrics.iter().position(|x| *x == m).unwrap_or(0).min(255) as u8;
    let mut flags = EntryFlags::NONE;
    let mut paths = Paths::new();
    for p in &r.paths {
        let preference = rank(p.preference);
        if let Some(kind) = p.special {
            let kind = match kind {
                RouteKind::Unreachable => PathKind::IcmpUnreach,
                RouteKind::Prohibit => PathKind::IcmpProhibit,
                _ => PathKind::Drop,
            };
            if kind == PathKind::Drop {
                flags |= EntryFlags::DROP;
            }
            paths.push(Path {
                kind,
                proto,
                sw_if_index: u32::MAX,
                next_hop: None,
                weight: 1,
                preference,
                labels: Vec::new(),
            });
            continue;
        }
        let Some(phy) = p.ifindex.and_then(|i| phy_of(i, dynamic)) else { continue };
        if p.gateway.is_none() {
            flags |= EntryFlags::ATTACHED;
        }
        let mut labels = p.labels.clone();
        if proto == Proto::Mpls && labels.is_empty() {
            labels.push(fib::MPLS_LABEL_POP);
        }
        paths.push(Path {
            kind: PathKind::Normal,
            proto: p
                .gateway
                .as_ref()
                .map_or(if proto == Proto::Mpls { Proto::Ip4 } else { proto }, Proto::of),
            sw_if_index: phy,
            next_hop: p.gateway,
            weight: p.weight.clamp(1, 255) as u8,
            preference,
            labels,
        });
    }
    if paths.is_empty() {
        return Err(Some(dynamic));
    }
    Ok((dynamic, flags, paths))
}

/// Take back a route VPP refused: leave nothing half-made in VPP (what was
/// written of `prefixes` from `src`, as a punt entry or not, in `fib_index`),
/// forget it in `installed`, drop its table reference.
#[allow(clippy::too_many_arguments)]
fn undo(
    mt: &MainThread,
    installed: &mut BTreeMap<RouteKey, Installed>,
    tables: &mut Tables,
    key: &RouteKey,
    fib_index: u32,
    punt: bool,
    prefixes: &[fib::Prefix],
    src: fib::Source,
) {
    withdraw(mt, fib_index, punt, prefixes, src);
    installed.remove(key);
    tables.unlock(mt, proto_of(&key.prefix), key.vpp_table());
}

/// Remove what `src` put into VPP for `prefixes` in `fib_index`, as punt
/// entries or not (the table reference stays).
fn withdraw(mt: &MainThread, fib_index: u32, punt: bool, prefixes: &[fib::Prefix], src: fib::Source) {
    for p in prefixes {
        let _ = if punt {
            fib::entry_special_remove(mt, fib_index, p, src)
        } else {
            fib::entry_delete(mt, fib_index, p, src)
        };
    }
}

/// Reconciles routes with VPP one at a time ([`Reconciler::route`]),
/// writing IP route updates into the FIB [`FLUSH_EVERY`] at a time and
/// counting what happened in the namespace's counters. Dropping it writes
/// what is still planned (so nothing that `installed` holds is left
/// unwritten).
pub(crate) struct Reconciler<'a> {
    mt: &'a MainThread,
    ns: Option<&'a str>,
    installed: &'a mut BTreeMap<RouteKey, Installed>,
    tables: &'a mut Tables,
    counters: &'a mut Counters,
    last_error: &'a mut Option<String>,
    punt_unusable: bool,
    pending: Vec<Pending>,
    /// The phys found so far (Linux ifindex, dynamic) -> phy: a million
    /// routes use a handful of interfaces, and pairs and link states do not
    /// change while a reconciler lives (it runs on the main thread).
    phys: SmallVec<[(u32, bool, Option<u32>); 4]>,
}

impl<'a> Reconciler<'a> {
    /// A reconciler for the namespace `ns` whose routes in VPP are
    /// `installed`.
    pub(crate) fn new(
        mt: &'a MainThread,
        ns: Option<&'a str>,
        installed: &'a mut BTreeMap<RouteKey, Installed>,
        tables: &'a mut Tables,
        counters: &'a mut Counters,
        last_error: &'a mut Option<String>,
    ) -> Reconciler<'a> {
        let punt_unusable = crate::state::with(|st| st.netlink.punt_unusable);
        Reconciler {
            mt,
            ns,
            installed,
            tables,
            counters,
            last_error,
            punt_unusable,
            pending: Vec::new(),
            phys: SmallVec::new(),
        }
    }

    /// Make VPP's entry for `key` what Linux's `route` says (as the model
    /// resolves it, `None`: Linux has none there). With `punt_unusable`, a
    /// route whose next hops are all on interfaces without a pair punts to
    /// Linux (which can forward it) instead of being left out (upstream:
    /// "no paths for route", the traffic then follows a shorter prefix or
    /// drops). Each key at most once between two flushes: give them in
    /// one batch's order.
    pub(crate) fn route(&mut self, key: &RouteKey, route: Option<&FibRoute>) {
        let o = self.reconcile(key, route);
        self.tally(o);
        if self.pending.len() >= FLUSH_EVERY {
            self.flush();
        }
    }

    fn tally(&mut self, o: Outcome) {
        let c = &mut *self.counters;
        match o {
            Outcome::Unchanged | Outcome::Deferred => {}
            Outcome::Updated => c.routes_updated += 1,
            Outcome::Deleted => c.routes_deleted += 1,
            Outcome::Unusable => c.routes_unusable += 1,
            Outcome::Error(e) => {
                c.route_errors += 1;
                *self.last_error = Some(e);
            }
        }
    }

    /// Linux ifindex -> phy, for a route of the `dynamic` source (none
    /// when unpaired, or withdrawn because the link is down).
    fn phy(&mut self, ifindex: u32, dynamic: bool) -> Option<u32> {
        if let Some((.., phy)) = self.phys.iter().find(|(i, d, _)| *i == ifindex && *d == dynamic) {
            return *phy;
        }
        let mt = self.mt;
        let phy =
            super::apply::phy_of(mt, self.ns, ifindex).filter(|phy| !super::withdrawn(mt, *phy, dynamic));
        if self.phys.len() < PHYS_KEPT {
            self.phys.push((ifindex, dynamic, phy));
        }
        phy
    }

    /// Write the planned updates into VPP (one call for all), counting
    /// each one's outcome. One VPP refused is undone ([`undo`]) as
    /// [`Reconciler::reconcile`] undoes its own failures.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let mt = self.mt;
        let results = {
            let updates: Vec<fib::Update<'_>> = self
                .pending
                .iter()
                .map(|p| fib::Update {
                    fib_index: p.fib_index,
                    prefix: p.prefix,
                    src: p.src,
                    flags: p.flags,
                    paths: &p.paths,
                })
                .collect();
            super::timing::fib(|| fib::entries_update(mt, &updates))
        };
        let mut pending = std::mem::take(&mut self.pending);
        for (p, r) in pending.drain(..).zip(results) {
            match r {
                Ok(_) => self.tally(Outcome::Updated),
                Err(e) => {
                    undo(mt, self.installed, self.tables, &p.key, p.fib_index, false, &[p.prefix], p.src);
                    self.tally(Outcome::Error(format!("{}: {e}", p.key.prefix)));
                }
            }
        }
        // The emptied vector's room serves the next batch.
        self.pending = pending;
    }

    /// [`Reconciler::route`]'s work: an IP route's update is planned
    /// ([`Outcome::Deferred`]) and written by [`Reconciler::flush`].
    fn reconcile(&mut self, key: &RouteKey, route: Option<&FibRoute>) -> Outcome {
        let mt = self.mt;
        let want = wanted(route, key, |i, dynamic| self.phy(i, dynamic));
        let Reconciler { installed, tables, pending, punt_unusable, .. } = self;
        let sources = match tables.sources(mt) {
            Ok(s) => s,
            Err(e) => return Outcome::Error(e.to_string()),
        };
        let src = |dynamic: bool| if dynamic { sources.dynamic } else { sources.rt };
        let prefixes = fib_prefixes(&key.prefix);
        let proto = proto_of(&key.prefix);
        let (dynamic, flags, paths, punt) = match want {
            Ok((dynamic, flags, paths)) => (dynamic, flags, paths, false),
            Err(Some(dynamic)) if *punt_unusable && proto != Proto::Mpls => {
                (dynamic, EntryFlags::EXCLUSIVE, Paths::new(), true)
            }
            Err(unusable) => {
                let Some(old) = installed.remove(key) else {
                    return if unusable.is_some() { Outcome::Unusable } else { Outcome::Unchanged };
                };
                withdraw(mt, old.fib_index, old.punt, &prefixes, src(old.dynamic));
                tables.unlock(mt, proto, key.vpp_table());
                return if unusable.is_some() { Outcome::Unusable } else { Outcome::Deleted };
            }
        };
        let packed = pack(&paths);
        // One search of the installed map for the lookup, the update and the insert.
        let slot = installed.entry(*key);
        let old = match &slot {
            Entry::Occupied(o) => Some(o.get()),
            Entry::Vacant(_) => None,
        };
        if let Some(old) = old {
            if old.dynamic == dynamic && old.punt == punt && old.flags == flags && old.paths == packed {
                return Outcome::Unchanged;
            }
        }
        let table_id = key.vpp_table();
        let fib_index = match old {
            Some(old) => {
                if old.dynamic != dynamic || old.punt != punt {
                    withdraw(mt, old.fib_index, old.punt, &prefixes, src(old.dynamic));
                }
                old.fib_index
            }
            None => match tables.lock(mt, proto, table_id) {
                Ok(fi) => fi,
                Err(e) => return Outcome::Error(format!("table {table_id}: {e}")),
            },
        };
        // What VPP is about to have; `undo` takes it back if VPP refuses.
        let now = Installed { fib_index, dynamic, flags, paths: packed, punt };
        match slot {
            Entry::Occupied(mut o) => *o.get_mut() = now,
            Entry::Vacant(v) => {
                v.insert(now);
            }
        }
        if !punt && prefixes.len() == 1 {
            pending.push(Pending {
                key: *key,
                fib_index,
                prefix: prefixes[0],
                src: src(dynamic),
                flags,
                paths,
            });
            return Outcome::Deferred;
        }
        for p in &prefixes {
            let r = super::timing::fib(|| {
                if punt {
                    fib::entry_punt_add(mt, fib_index, p, src(dynamic)).map(|_| ())
                } else {
                    fib::entry_update(mt, fib_index, p, src(dynamic), flags, &paths).map(|_| ())
                }
            });
            if let Err(e) = r {
                undo(mt, installed, tables, key, fib_index, punt, &prefixes, src(dynamic));
                return Outcome::Error(format!("{}: {e}", key.prefix));
            }
        }
        if punt {
            Outcome::Unusable
        } else {
            Outcome::Updated
        }
    }
}

impl Drop for Reconciler<'_> {
    fn drop(&mut self) {
        // Not while unwinding from a panic: the process node's guard
        // reports it, and FIB calls then could panic again (an abort).
        if !std::thread::panicking() {
            self.flush();
        }
    }
}

/// Remove from VPP what namespaces that lost their last pair installed
/// (`gone`, one map per namespace), for at most `budget` (`None`: all of
/// it); whether all is gone. A million routes take seconds to remove: in
/// slices, the graph, the CLI and the API run between them.
pub(crate) fn withdraw_some(
    mt: &MainThread,
    gone: &mut Vec<BTreeMap<RouteKey, Installed>>,
    tables: &mut Tables,
    budget: Option<std::time::Duration>,
) -> bool {
    let Ok(sources) = tables.sources(mt) else {
        gone.clear();
        return true;
    };
    let start = std::time::Instant::now();
    let mut n = 0usize;
    while let Some(ns) = gone.last_mut() {
        let Some((key, old)) = ns.pop_first() else {
            gone.pop();
            continue;
        };
        let src = if old.dynamic { sources.dynamic } else { sources.rt };
        withdraw(mt, old.fib_index, old.punt, &fib_prefixes(&key.prefix), src);
        tables.unlock(mt, proto_of(&key.prefix), key.vpp_table());
        n += 1;
        // The clock read every 64 routes only.
        if n.is_multiple_of(64) && budget.is_some_and(|b| start.elapsed() >= b) {
            break;
        }
    }
    gone.retain(|ns| !ns.is_empty());
    gone.is_empty()
}
