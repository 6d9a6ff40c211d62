//! The audit (not in upstream): VPP's FIB compared with what Linux → VPP
//! installed, and repaired.
//!
//! Users report prefixes present in the kernel and in FRR but missing from
//! VPP until a nexthop flaps. Two things can drift: the model against
//! Linux (lost notifications: a resync fixes that, requested from every
//! listener on the same timer) and VPP against the model (an entry removed
//! or changed behind our back, e.g. by the API with our source, or a
//! failure): this walks every table we use, per source, and re-installs
//! what VPP lacks or holds differently and removes what it holds that no
//! namespace installed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use lcp_netlink::state::RouteKey;
use vpp::fib;
use vpp::MainThread;

use super::ns::NsSync;
use super::route::{fib_prefixes, proto_of};
use super::tables::Tables;

/// What one audit found (and repaired).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AuditResult {
    /// Entries VPP lacked or held with other paths: installed again.
    pub missing: usize,
    /// Entries of our sources no namespace installed: removed.
    pub stale: usize,
}

/// Compare and repair every table in use.
pub(crate) fn audit(
    mt: &MainThread,
    namespaces: &mut BTreeMap<Option<String>, NsSync>,
    tables: &mut Tables,
    counters: &mut super::Counters,
) -> vpp::Result<AuditResult> {
    let sources = tables.sources(mt)?;
    // (fib_index, proto, dynamic) -> prefix -> (namespace, key, path count)
    type Want = BTreeMap<(u32, u8, bool), HashMap<fib::Prefix, (Option<String>, RouteKey, usize)>>;
    let mut want: Want = BTreeMap::new();
    for (ns, s) in namespaces.iter() {
        for (key, inst) in &s.installed {
            for p in fib_prefixes(&key.prefix) {
                want.entry((inst.fib_index, proto_of(&key.prefix).raw(), inst.dynamic))
                    .or_default()
                    .insert(p, (ns.clone(), *key, inst.paths.len()));
            }
        }
    }
    let mut res = AuditResult::default();
    let mut redo: BTreeSet<(Option<String>, RouteKey)> = BTreeSet::new();
    for (proto, _id, fib_index, _refs) in tables.list() {
        for dynamic in [false, true] {
            let src = if dynamic { sources.dynamic } else { sources.rt };
            let have = fib::table_entries(mt, fib_index, proto, src)?;
            let mut expected = want.remove(&(fib_index, proto.raw(), dynamic)).unwrap_or_default();
            for (pfx, paths) in have {
                if is_special(&pfx) {
                    continue;
                }
                match expected.remove(&pfx) {
                    Some((ns, key, n)) => {
                        if paths.len() != n {
                            redo.insert((ns, key));
                        }
                    }
                    None => {
                        let _ = fib::entry_delete(mt, fib_index, &pfx, src);
                        res.stale += 1;
                    }
                }
            }
            for (_, (ns, key, _)) in expected {
                redo.insert((ns, key));
            }
        }
    }
    for (ns, key) in redo {
        let Some(s) = namespaces.get_mut(&ns) else { continue };
        if s.installed.remove(&key).is_some() {
            tables.unlock(mt, proto_of(&key.prefix), key.vpp_table());
        }
        super::apply::reconcile_keys(mt, s, tables, [&key]);
        res.missing += 1;
    }
    counters.audit_missing += res.missing as u64;
    counters.audit_stale += res.stale as u64;
    Ok(res)
}

/// The table specials we add ourselves (`255.255.255.255/32`).
fn is_special(p: &fib::Prefix) -> bool {
    matches!(p, fib::Prefix::V4(a, 32) if a.is_broadcast())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_broadcast_host_route_is_special() {
        assert!(is_special(&fib::Prefix::V4(std::net::Ipv4Addr::BROADCAST, 32)));
        assert!(!is_special(&fib::Prefix::V4(std::net::Ipv4Addr::BROADCAST, 24)));
        assert!(!is_special(&fib::Prefix::V4("10.0.0.1".parse().unwrap(), 32)));
    }
}
