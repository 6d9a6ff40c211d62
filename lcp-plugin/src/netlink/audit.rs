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
use std::hash::{Hash, Hasher};
use std::net::IpAddr;

use lcp_netlink::state::RouteKey;
use vpp::fib;
use vpp::MainThread;

use super::installed::Installed;
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
    // (fib_index, proto, dynamic) -> prefix -> (namespace, key, paths)
    type Want = BTreeMap<(u32, u8, bool), HashMap<fib::Prefix, (Option<String>, RouteKey, Signature)>>;
    let mut want: Want = BTreeMap::new();
    for (ns, s) in namespaces.iter() {
        for (key, inst) in &s.installed {
            let sig = Signature::of_installed(inst);
            for p in fib_prefixes(&key.prefix) {
                want.entry((inst.fib_index, proto_of(&key.prefix).raw(), inst.dynamic))
                    .or_default()
                    .insert(p, (ns.clone(), *key, sig));
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
                    Some((ns, key, sig)) => {
                        if !sig.matches(&paths) {
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
        super::apply::reconcile_keys(mt, s, tables, &[key]);
        res.missing += 1;
    }
    counters.audit_missing += res.missing as u64;
    counters.audit_stale += res.stale as u64;
    Ok(res)
}

/// What an installed entry's paths must look like in VPP: their number
/// and, for forwarding paths, an order-independent digest of each path's
/// next hop, interface, weight and preference (so a path swapped for
/// another behind our back is found, not only a path added or removed).
/// Special entries (drop, unreachable, punt) compare by count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Signature {
    paths: usize,
    digest: Option<u64>,
}

impl Signature {
    fn of_installed(inst: &Installed) -> Signature {
        let normal = !inst.punt && inst.paths.iter().all(|p| p.is_normal());
        let digest = normal.then(|| {
            inst.paths.iter().fold(0u64, |acc, p| {
                acc.wrapping_add(path_digest(p.next_hop, p.sw_if_index, p.weight(), p.preference()))
            })
        });
        Signature { paths: inst.paths.len(), digest }
    }

    fn matches(&self, have: &[fib::Path]) -> bool {
        if have.len() != self.paths {
            return false;
        }
        let Some(want) = self.digest else { return true };
        let got = have.iter().fold(0u64, |acc, p| {
            acc.wrapping_add(path_digest(p.next_hop, p.sw_if_index, p.weight, p.preference))
        });
        got == want
    }
}

/// One path's digest, VPP's way of holding it: no next hop and the zero
/// address are the same (attached), weight 0 is 1.
fn path_digest(next_hop: Option<IpAddr>, sw_if_index: u32, weight: u8, preference: u8) -> u64 {
    let nh = next_hop.filter(|a| !a.is_unspecified());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    (nh, sw_if_index, weight.max(1), preference).hash(&mut h);
    h.finish()
}

/// The table specials we add ourselves (`255.255.255.255/32`).
fn is_special(p: &fib::Prefix) -> bool {
    matches!(p, fib::Prefix::V4(a, 32) if a.is_broadcast())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn installed(paths: &[fib::Path]) -> Installed {
        Installed {
            fib_index: 0,
            dynamic: false,
            flags: fib::EntryFlags::default(),
            paths: super::super::installed::pack(paths),
            punt: false,
        }
    }

    #[test]
    fn signatures_compare_paths_not_only_their_number() {
        let a = fib::Path::via("10.0.0.1".parse().unwrap(), 1);
        let b = fib::Path { weight: 3, ..fib::Path::via("10.0.0.2".parse().unwrap(), 2) };
        let sig = Signature::of_installed(&installed(&[a.clone(), b.clone()]));
        assert!(sig.matches(&[b.clone(), a.clone()]), "order does not matter");
        assert!(!sig.matches(std::slice::from_ref(&a)), "a path missing");
        let swapped = fib::Path::via("10.0.0.9".parse().unwrap(), 2);
        assert!(!sig.matches(&[a.clone(), swapped]), "a path swapped");
        assert!(!sig.matches(&[a.clone(), fib::Path { weight: 1, ..b.clone() }]), "a weight changed");
        // VPP's way of holding paths: weight 0 is 1, no next hop is the zero address.
        let attached = fib::Path { next_hop: None, weight: 0, ..a.clone() };
        let sig = Signature::of_installed(&installed(std::slice::from_ref(&attached)));
        let held = fib::Path { next_hop: Some("0.0.0.0".parse().unwrap()), weight: 1, ..attached };
        assert!(sig.matches(&[held]));
        // A drop entry compares by count.
        let drop = fib::Path { kind: fib::PathKind::Drop, ..a };
        assert!(Signature::of_installed(&installed(&[drop])).digest.is_none());
    }

    #[test]
    fn only_the_broadcast_host_route_is_special() {
        assert!(is_special(&fib::Prefix::V4(std::net::Ipv4Addr::BROADCAST, 32)));
        assert!(!is_special(&fib::Prefix::V4(std::net::Ipv4Addr::BROADCAST, 24)));
        assert!(!is_special(&fib::Prefix::V4("10.0.0.1".parse().unwrap(), 32)));
    }
}
