//! Links (reference 7.3): a pair's Linux interface drives its phy's admin
//! state, MTU and MAC; VLAN links made in Linux on a paired interface get
//! their own pair.
//!
//! Only *changes* are applied: a link's first report (its creation, or the
//! import of one that already existed) is recorded, not applied, so the
//! state a TAP is born with never reaches the phy (upstream compares
//! message and pair timestamps for the same purpose), and an attribute is
//! applied only when it differs from the previous report and from VPP.
//!
//! Linux-created VLANs (with `lcp lcp-auto-subint on`): dot1q and dot1ad
//! (the link's VLAN protocol, upstream treats all as dot1q), and QinQ /
//! QinAD when the parent is itself a paired VLAN; the pair lives in the
//! namespace it was seen in (upstream stores none, quirk 1). A VLAN link
//! deleted in Linux takes its pair and both VPP sub-interfaces along,
//! whatever the auto-subint setting (upstream: only with it, quirk 4).

use lcp_netlink::event::{Action, LinkEvent};
use vpp::interface::SubInfo;
use vpp::{Barrier, MainThread};

use super::counters::Counters;
use crate::pair::{self, Pair, PAIRS};

/// 802.1ad.
const ETH_P_8021AD: u16 = 0x88a8;

/// Apply a change of a paired link (`before`: its previous report).
pub(crate) fn apply_paired(
    b: &Barrier,
    ev: &LinkEvent,
    before: Option<&LinkEvent>,
    p: &Pair,
    c: &mut Counters,
) {
    let phy = p.phy_sw_if_index;
    if ev.action == Action::Del {
        delete_vlan_pair(b, p, c);
        return;
    }
    let Some(before) = before else { return };
    let Ok(Some(st)) = vpp::interface::state(b, phy) else { return };
    let Ok(Some(facts)) = vpp::interface::facts(b, phy) else { return };
    let (admin_echo, mtu_echo) = super::is_echo(p.netns.as_deref(), p.vif_index, Some(ev.admin_up), ev.mtu);
    if ev.admin_up != before.admin_up && ev.admin_up != st.admin_up && !admin_echo {
        let r =
            if ev.admin_up { vpp::interface::admin_up(b, phy) } else { vpp::interface::admin_down(b, phy) };
        match r {
            Ok(()) => c.link_changes += 1,
            Err(e) => super::vpp_error(c, "admin state", &e),
        }
    }
    if let Some(mtu) = ev.mtu.filter(|m| *m != 0 && Some(*m) != before.mtu && *m != st.l3_mtu && !mtu_echo) {
        // A hardware interface that cannot change its frame size (a
        // loopback, some drivers) still gets the L3 MTU (upstream leaves it).
        let r = if !facts.is_sub && facts.is_ethernet {
            vpp::interface::set_hw_mtu(b, st.hw_if_index, mtu)
                .or_else(|_| vpp::interface::set_mtu(b, phy, mtu))
        } else {
            vpp::interface::set_mtu(b, phy, mtu)
        };
        match r {
            Ok(()) => c.link_changes += 1,
            Err(e) => super::vpp_error(c, "mtu", &e),
        }
    }
    // MAC: only onto an Ethernet hardware interface (upstream's later fix:
    // never onto a non-Ethernet one).
    if let Some(mac) = ev.mac.filter(|m| Some(*m) != before.mac && Some(*m) != st.mac) {
        if !facts.is_sub && facts.is_ethernet {
            match vpp::interface::set_hw_mac(b, st.hw_if_index, mac) {
                Ok(()) => {
                    c.link_changes += 1;
                    // The phy adjacencies' rewrites carry the source MAC.
                    let pairs: Vec<Pair> = PAIRS.read(b).iter().map(|(_, p)| p.clone()).collect();
                    for q in pairs {
                        let on_hw = vpp::interface::state(b, q.phy_sw_if_index)
                            .ok()
                            .flatten()
                            .is_some_and(|s| s.hw_if_index == st.hw_if_index);
                        if on_hw {
                            for ai in q.phy_adjs.into_iter().filter(|a| *a != pair::INVALID) {
                                let _ = vpp::interface::update_adjacency(b, q.phy_sw_if_index, ai);
                            }
                        }
                    }
                }
                Err(e) => super::vpp_error(c, "mac", &e),
            }
        }
    }
}

/// A paired VLAN link went in Linux: its pair and both sub-interfaces go.
fn delete_vlan_pair(b: &Barrier, p: &Pair, c: &mut Counters) {
    let host_is_sub = vpp::interface::facts(b, p.host_sw_if_index).ok().flatten().is_some_and(|f| f.is_sub);
    let phy_is_sub = vpp::interface::facts(b, p.phy_sw_if_index).ok().flatten().is_some_and(|f| f.is_sub);
    if !(host_is_sub && phy_is_sub) {
        return;
    }
    if pair::del(b, p.phy_sw_if_index).is_ok() {
        c.link_changes += 1;
    }
    let _ = vpp::interface::delete_sub(b, p.host_sw_if_index);
    let _ = vpp::interface::delete_sub(b, p.phy_sw_if_index);
}

/// The sub-interface a Linux VLAN on `parent` asks for: `(VPP parent phy,
/// VPP parent host, classification)`; `None` when the parent is not usable.
fn vlan_sub(mt: &MainThread, parent: &Pair, id: u16, proto: u16) -> Option<(u32, u32, SubInfo)> {
    let pf = vpp::interface::facts(mt, parent.phy_sw_if_index).ok().flatten()?;
    // raw flags: one_tag 1<<1, two_tags 1<<2, dot1ad 1<<3, exact_match 1<<4.
    let ad = if proto == ETH_P_8021AD { 1 << 3 } else { 0 };
    if !pf.is_sub {
        let sub = SubInfo {
            id: id as u32,
            raw_flags: (1 << 1) | (1 << 4) | ad,
            outer_vlan: id,
            inner_vlan: 0,
            supports_addressing: true,
        };
        return Some((parent.phy_sw_if_index, parent.host_sw_if_index, sub));
    }
    // QinQ / QinAD: the parent is a single-tagged VLAN pair.
    let ps = vpp::interface::sub_info(mt, parent.phy_sw_if_index).ok().flatten()?;
    if ps.inner_vlan != 0 || ps.outer_vlan == 0 {
        return None;
    }
    let hf = vpp::interface::facts(mt, parent.host_sw_if_index).ok().flatten()?;
    let sub = SubInfo {
        id: ps.id * 4096 + id as u32,
        raw_flags: (1 << 2) | (1 << 4) | (ps.raw_flags & (1 << 3)),
        outer_vlan: ps.outer_vlan,
        inner_vlan: id,
        supports_addressing: true,
    };
    Some((pf.sup_sw_if_index, hf.sup_sw_if_index, sub))
}

/// A VLAN link Linux made on a paired interface: pair it (auto-subint on).
pub(crate) fn create_vlan_pair(b: &Barrier, ns: Option<&str>, ev: &LinkEvent, c: &mut Counters) {
    let Some(vlan) = ev.vlan else { return };
    let Some(name) = ev.name.as_deref() else { return };
    let parent = {
        let t = PAIRS.read(b);
        t.find_by_vif(ns, vlan.parent).and_then(|i| t.get(i)).cloned()
    };
    let Some(parent) = parent else {
        super::log(b, vpp::log::Level::Info, &format!("ignore parent-link add: {name}"));
        return;
    };
    let Some((phy_sup, host_sup, sub)) = vlan_sub(b, &parent, vlan.id, vlan.protocol) else { return };
    let phy = match vpp::interface::create_sub(b, phy_sup, &sub) {
        Ok(s) => s,
        Err(e) => {
            super::log(b, vpp::log::Level::Err, &format!("failed create phy vlan {name}: {e}"));
            super::vpp_error(c, &format!("phy sub-interface for {name}"), &e);
            return;
        }
    };
    let host = match vpp::interface::create_sub(b, host_sup, &sub) {
        Ok(s) => s,
        Err(e) => {
            super::log(b, vpp::log::Level::Err, &format!("failed create vlan {name}: {e}"));
            let _ = vpp::interface::delete_sub(b, phy);
            super::vpp_error(c, &format!("host sub-interface for {name}"), &e);
            return;
        }
    };
    match pair::add(b, host, phy, name, ev.ifindex, parent.host_type, ns) {
        Ok(_) => {
            c.links_created += 1;
            if ev.admin_up {
                let _ = vpp::interface::admin_up(b, phy);
            }
            let _ = vpp::interface::admin_up(b, host);
        }
        Err(e) => {
            super::log(b, vpp::log::Level::Err, &format!("failed pair vlan {name}: {e}"));
            let _ = vpp::interface::delete_sub(b, host);
            let _ = vpp::interface::delete_sub(b, phy);
            super::vpp_error(c, &format!("host sub-interface for {name}"), &e);
        }
    }
}
