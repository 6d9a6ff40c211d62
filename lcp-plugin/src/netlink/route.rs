//! Routes (reference 7.7): VPP follows the model, prefix by prefix.
//!
//! For each (table, prefix) a batch touched, what VPP should have is worked
//! out from the model ([`LinuxState::fib_route`]: every metric's paths,
//! nexthop objects resolved) and compared with what this namespace last
//! installed; only a difference reaches the FIB, as one
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

use smallvec::{smallvec, SmallVec};

use lcp_netlink::event::{Prefix, RouteKind};
use lcp_netlink::state::{RouteCursor, RouteKey};
use vpp::fib::{self, EntryFlags, Path, PathKind, Proto};
use vpp::MainThread;

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
    /// Planned: the FIB write waits in the [`Pending`] list for [`flush`],
    /// which tells how it went.
    Deferred,
}

/// A route's paths as VPP gets them (one inline: no allocation per route).
type Paths = SmallVec<[Path; 1]>;

/// A route update [`reconcile`] planned: `installed` already holds it; the
/// FIB write is made by [`flush`] with the others of the batch, VPP's FIB
/// code back to back (one call per route cost 1.7 times VPP's own
/// insertion on the host, with the model's work between the calls).
#[derive(Debug)]
pub(crate) struct Pending {
    key: RouteKey,
    fib_index: u32,
    prefix: fib::Prefix,
    src: fib::Source,
    flags: EntryFlags,
    paths: Paths,
}

/// How many planned updates [`reconcile`] callers let wait before a
/// [`flush`]: enough for VPP's code to stay hot, few enough for little
/// memory.
pub(crate) const FLUSH_EVERY: usize = 256;

/// Write the planned updates into VPP (one call for all), reporting each
/// one's outcome to `tally`. One VPP refused is undone ([`undo`]) as
/// [`reconcile`] undoes its own failures.
pub(crate) fn flush(
    mt: &MainThread,
    installed: &mut std::collections::BTreeMap<RouteKey, Installed>,
    tables: &mut Tables,
    pending: &mut Vec<Pending>,
    mut tally: impl FnMut(Outcome),
) {
    if pending.is_empty() {
        return;
    }
    let results = {
        let updates: Vec<fib::Update<'_>> = pending
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
    for (p, r) in pending.drain(..).zip(results) {
        match r {
            Ok(_) => tally(Outcome::Updated),
            Err(e) => {
                undo(mt, installed, tables, &p.key, p.fib_index, false, &[p.prefix], p.src);
                tally(Outcome::Error(format!("{}: {e}", p.key.prefix)));
            }
        }
    }
}

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
    routes: &mut RouteCursor<'_>,
    key: &RouteKey,
    phy_of: &dyn Fn(u32, bool) -> Option<u32>,
) -> Result<(bool, EntryFlags, Paths), Option<bool>> {
    let r = routes.fib_route(key).ok_or(None)?;
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
    installed: &mut std::collections::BTreeMap<RouteKey, Installed>,
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

/// Make VPP's entry for `key` what the model says. With `punt_unusable`,
/// a route whose next hops are all on interfaces without a pair punts to
/// Linux (which can forward it) instead of being left out (upstream: "no
/// paths for route", the traffic then follows a shorter prefix or drops).
/// An IP route's update is planned into `pending` ([`Outcome::Deferred`]):
/// the caller [`flush`]es it before anything else changes VPP's FIB for
/// `key` (reconciling each key once per flush). `routes` reads the model
/// (fastest with keys in ascending order).
#[allow(clippy::too_many_arguments)]
pub(crate) fn reconcile(
    mt: &MainThread,
    routes: &mut RouteCursor<'_>,
    installed: &mut std::collections::BTreeMap<RouteKey, Installed>,
    tables: &mut Tables,
    key: &RouteKey,
    phy_of: &dyn Fn(u32, bool) -> Option<u32>,
    punt_unusable: bool,
    pending: &mut Vec<Pending>,
) -> Outcome {
    let want = wanted(routes, key, phy_of);
    let sources = match tables.sources(mt) {
        Ok(s) => s,
        Err(e) => return Outcome::Error(e.to_string()),
    };
    let src = |dynamic: bool| if dynamic { sources.dynamic } else { sources.rt };
    let prefixes = fib_prefixes(&key.prefix);
    let proto = proto_of(&key.prefix);
    let (dynamic, flags, paths, punt) = match want {
        Ok((dynamic, flags, paths)) => (dynamic, flags, paths, false),
        Err(Some(dynamic)) if punt_unusable && proto != Proto::Mpls => {
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
        pending.push(Pending { key: *key, fib_index, prefix: prefixes[0], src: src(dynamic), flags, paths });
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

/// Remove everything a namespace installed (its last pair went).
pub(crate) fn remove_all(
    mt: &MainThread,
    installed: &mut std::collections::BTreeMap<RouteKey, Installed>,
    tables: &mut Tables,
) {
    let Ok(sources) = tables.sources(mt) else { return };
    for (key, old) in std::mem::take(installed) {
        let src = if old.dynamic { sources.dynamic } else { sources.rt };
        withdraw(mt, old.fib_index, old.punt, &fib_prefixes(&key.prefix), src);
        tables.unlock(mt, proto_of(&key.prefix), key.vpp_table());
    }
}
