//! `lcp_itf_pair_del` (reference 2.9), replace begin/end (2.10) and the
//! sw-interface delete callback.

use super::add::{host_feature, punt_l3_transition, ARP_HOST, ARP_PHY, HELD, PUNT_L3};
use super::{HostType, PAIRS};
use vpp::api::retval;
use vpp::ip::Af;
use vpp::{Barrier, Error};

/// Remove the pair of `phy` and everything [`super::add`] did for it, in
/// C's order: host input features, adjacency locks, punt redirects, the
/// type's features (`linux-cp-punt-l3` when the last TUN pair goes), then
/// the record. `INVALID_SW_IF_INDEX` (-2) if `phy` has no pair. The host
/// interface stays (deleting it is `lcp delete`'s job).
pub fn del(b: &Barrier, phy: u32) -> Result<(), Error> {
    let Some((host, host_type)) = ({
        let t = PAIRS.read(b);
        t.find_by_phy(phy).and_then(|i| t.get(i)).map(|p| (p.host_sw_if_index, p.host_type))
    }) else {
        return Err(Error::with_retval(
            retval::INVALID_SW_IF_INDEX,
            format!("sw_if_index {phy} has no pair"),
        ));
    };
    // Features of a host or phy interface VPP already deleted are gone with
    // it; errors from disabling them are therefore ignored.
    for af in Af::ALL {
        let _ = vpp::ip::input_feature_enable_disable(b, af, host_feature(host_type, af), host, false);
    }
    crate::mpls_sync::on_pair_del(b, host);
    crate::netlink::pairs_changed();
    let _ = crate::ownership::sync_phy(b, phy, false);
    crate::ownership::OWNERS.update(b, |o| o.forget_phy(phy));
    let held = HELD.update(b, |h| h.remove(&phy));
    if let Some(held) = held {
        for a in held.adjs {
            a.unlock(b);
        }
        for r in held.redirects {
            r.del(b);
        }
    }
    match host_type {
        HostType::Tap => {
            let _ = vpp::feature::enable_disable(b, "arp", ARP_PHY, phy, false);
            let _ = vpp::feature::enable_disable(b, "arp", ARP_HOST, host, false);
            crate::lcp_adj::forget_phy(b, phy);
        }
        HostType::Tun => {
            let n_tun = PAIRS.read(b).iter().filter(|(_, p)| p.host_type == HostType::Tun).count();
            if punt_l3_transition(false, n_tun - 1) {
                for af in Af::ALL {
                    let _ = vpp::feature::enable_disable(b, af.punt_arc(), PUNT_L3, 0, false);
                }
            }
        }
    }
    PAIRS
        .update(b, |t| t.remove_by_phy(phy))
        .map(|_| ())
        .map_err(|_| Error::with_retval(retval::INVALID_SW_IF_INDEX, "pair vanished"))
}

/// `lcp_itf_pair_delete`: remove the pair, then its host interface: the
/// Linux VLAN (only if `lcp create` made it: C deletes by name whatever
/// made it) and the VPP sub-interface for a sub-interface host, else the
/// tap (as C, whatever made it; an interface that is not a tap, e.g. one
/// paired by `test lcp add`, stays).
pub fn delete(b: &Barrier, phy: u32) -> Result<(), Error> {
    let Some((host, vif, ns, owns)) = ({
        let t = PAIRS.read(b);
        t.find_by_phy(phy)
            .and_then(|i| t.get(i))
            .map(|p| (p.host_sw_if_index, p.vif_index, p.netns.clone(), p.owns_host))
    }) else {
        return Err(Error::with_retval(
            retval::INVALID_SW_IF_INDEX,
            format!("sw_if_index {phy} has no pair"),
        ));
    };
    let host_is_sub = vpp::interface::facts(b, host).ok().flatten().is_some_and(|f| f.is_sub);
    del(b, phy)?;
    super::create::remove_host(b, host, vif, ns.as_deref(), host_is_sub, owns);
    Ok(())
}

/// Replace-begin: mark every pair stale.
pub fn replace_begin(b: &Barrier) {
    PAIRS.update(b, |t| t.mark_all_stale());
}

/// Replace-end: delete the pairs still stale (those not added again since
/// replace-begin).
pub fn replace_end(b: &Barrier) {
    let stale = PAIRS.read(b).stale_phys();
    for phy in stale {
        let _ = delete(b, phy);
    }
}

/// Deletes the pair of an interface VPP deletes (phy, as the C plugin's
/// `lcp_itf_interface_add_del`, and host: a pair without its host
/// interface cannot work and its punt redirect would point nowhere).
struct OnSwInterfaceAddDel;

impl vpp::interface::SwInterfaceAddDel for OnSwInterfaceAddDel {
    fn call(b: &Barrier, sw_if_index: u32, is_add: bool) -> vpp::Result<()> {
        if is_add {
            if crate::state::with(|s| s.auto_subint) {
                crate::auto_subint::on_sw_interface_add(b, sw_if_index);
            }
            return Ok(());
        }
        let (as_phy, as_host) = {
            let t = PAIRS.read(b);
            let phy_of = |i: Option<u32>| i.and_then(|i| t.get(i)).map(|p| p.phy_sw_if_index);
            (phy_of(t.find_by_phy(sw_if_index)), phy_of(t.find_by_host(sw_if_index)))
        };
        if let Some(phy) = as_phy {
            // The phy goes: so do the pair and its host interface.
            let _ = delete(b, phy);
        } else if let Some(phy) = as_host {
            // The host interface is being deleted by someone else: only the
            // pair goes (deleting the host again here would recurse).
            let _ = del(b, phy);
        }
        Ok(())
    }
}

static ITF_ADD_DEL: vpp::interface::SwInterfaceAddDelRegistration =
    vpp::interface::SwInterfaceAddDelRegistration::new::<OnSwInterfaceAddDel>();

extern "C" fn register_itf_add_del() {
    // SAFETY: runs once, from this library's load-time constructor.
    unsafe { ITF_ADD_DEL.register() }
}

extern "C" fn unregister_itf_add_del() {
    // SAFETY: runs once, from this library's unload-time destructor.
    unsafe { ITF_ADD_DEL.unregister() }
}

#[used]
#[link_section = ".init_array"]
static ITF_ADD_DEL_CTOR: extern "C" fn() = register_itf_add_del;

#[used]
#[link_section = ".fini_array"]
static ITF_ADD_DEL_DTOR: extern "C" fn() = unregister_itf_add_del;
