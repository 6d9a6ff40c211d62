//! `lcp_itf_pair_sync_state`: push a phy's admin state, MTU and addresses
//! to its host interface.

use crate::pair::{Pair, PAIRS};
use lcp_netlink::host::Rtnl;
use std::net::IpAddr;
use vpp::Barrier;

/// Sync every pair (turning `lcp-sync` or `lcp-sync-unnumbered` on).
pub fn sync_all(b: &Barrier) {
    let pairs: Vec<Pair> = PAIRS.read(b).iter().map(|(_, p)| p.clone()).collect();
    for p in &pairs {
        sync_pair(b, p);
    }
}

/// Sync one pair, as C does (reference 8.1), when sync is on.
pub fn sync_pair(b: &Barrier, p: &Pair) {
    if !super::enabled() {
        return;
    }
    let Ok(Some(f)) = vpp::interface::facts(b, p.phy_sw_if_index) else { return };
    let (Ok(Some(st)), Ok(Some(sup))) =
        (vpp::interface::state(b, p.phy_sw_if_index), vpp::interface::state(b, f.sup_sw_if_index))
    else {
        return;
    };
    let ns = p.netns.as_deref();
    let mut rt = match Rtnl::open(ns) {
        Ok(rt) => rt,
        Err(e) => return super::warn(b, &format!("sync {}: netlink in {ns:?}: {e}", p.host_name)),
    };
    // Linux keeps a VLAN down under a down parent: so does the sync.
    let up = st.admin_up && sup.admin_up;
    crate::netlink::pushed(ns, p.vif_index, Some(up), None);
    if let Err(e) = rt.set_up(p.vif_index, up) {
        super::warn(b, &format!("sync {}: link state: {e}", p.host_name));
    }
    // Linux clamps children to their parent's MTU; VPP's 0 means "the
    // parent's".
    let mut mtu = if st.l3_mtu == 0 { sup.l3_mtu } else { st.l3_mtu };
    if sup.l3_mtu < st.l3_mtu {
        mtu = sup.l3_mtu;
    }
    if mtu != 0 {
        let _ = vpp::interface::set_mtu(b, p.phy_sw_if_index, mtu);
        let _ = vpp::interface::set_mtu(b, p.host_sw_if_index, mtu);
        match rt.link(p.vif_index) {
            Ok(Some(l)) if l.mtu != mtu => {
                crate::netlink::pushed(ns, p.vif_index, None, Some(mtu));
                if let Err(e) = rt.set_mtu(p.vif_index, mtu) {
                    super::warn(b, &format!("sync {}: mtu {mtu}: {e}", p.host_name));
                }
            }
            Ok(_) => {}
            Err(e) => super::warn(b, &format!("sync {}: read mtu: {e}", p.host_name)),
        }
    }
    if st.unnumbered && !crate::state::with(|s| s.sync_unnumbered) {
        return;
    }
    sync_addresses(b, p, &mut rt);
}

/// IPv6 link-local (fe80::/10): Linux makes its own; never removed.
fn is_link_local(a: &IpAddr) -> bool {
    matches!(a, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80)
}

/// Make the Linux addresses of the pair's host equal VPP's (quirk 16:
/// stale ones go too).
fn sync_addresses(b: &Barrier, p: &Pair, rt: &mut Rtnl) {
    let want = vpp::interface::addresses(b, p.phy_sw_if_index).unwrap_or_default();
    for &(a, len) in &want {
        if let Err(e) = rt.add_address(p.vif_index, a, len) {
            super::warn(b, &format!("sync {}: add {a}/{len}: {e}", p.host_name));
        }
    }
    match rt.addresses(p.vif_index) {
        Ok(have) => {
            for (a, len) in have {
                if !is_link_local(&a) && !want.contains(&(a, len)) {
                    if let Err(e) = rt.del_address(p.vif_index, a, len) {
                        super::warn(b, &format!("sync {}: del {a}/{len}: {e}", p.host_name));
                    }
                }
            }
        }
        Err(e) => super::warn(b, &format!("sync {}: read addresses: {e}", p.host_name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_local_is_kept() {
        assert!(is_link_local(&"fe80::1".parse().unwrap()));
        assert!(is_link_local(&"febf::1".parse().unwrap()));
        assert!(!is_link_local(&"fec0::1".parse().unwrap()));
        assert!(!is_link_local(&"2001:db8::1".parse().unwrap()));
        assert!(!is_link_local(&"10.0.0.1".parse().unwrap()));
    }
}
