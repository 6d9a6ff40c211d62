//! `lcp_itf_pair_create` (reference 2.7): validate a request for a new
//! pair, create its Linux host interface (a TAP/TUN through VPP's tap
//! plugin for a main interface, a Linux VLAN plus a VPP sub-interface of
//! the parent pair's tap for a sub-interface), then add the pair.
//!
//! Quirk 15, decided: every step is undone when a later one fails (the tap
//! or the VLAN and its VPP sub-interface are deleted), and a missing Linux
//! ifindex is a VNET error; upstream returns -1 and leaves the tap behind.

use super::HostType;
use crate::state::NS_LEN;
use lcp_netlink::host::Rtnl;
use vpp::api::retval;
use vpp::interface::SubInfo;
use vpp::{Barrier, Error};

/// Linux's IFNAMSIZ: host names are shorter than this.
pub const IFNAMSIZ: usize = 16;

/// `ETHERNET_MAX_PACKET_BYTES`: the tap's MTU when the phy has no L3 MTU.
const ETHERNET_MAX_PACKET_BYTES: u32 = 9216;

/// VPP names linux-cp's taps `tap4096`, `tap4097`, ...
const TAP_AUTO_ID_OFFSET: u32 = 4096;

/// C's `lcp_validate_if_name`: shorter than IFNAMSIZ, and only
/// alphanumerics and `- _ % @ : .` (an empty name passes).
pub fn host_name_is_valid(name: &str) -> bool {
    name.len() < IFNAMSIZ && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_%@:.".contains(c))
}

/// A namespace name we accept: shorter than 32 bytes and a plain name
/// (upstream would open any path under /var/run/netns).
pub fn netns_is_valid(ns: &str) -> bool {
    ns.len() < NS_LEN && !ns.contains('/') && ns != "." && ns != ".."
}

fn invalid(msg: impl Into<String>) -> Error {
    Error::with_retval(retval::INVALID_ARGUMENT, msg)
}

fn no_itf(msg: impl Into<String>) -> Error {
    Error::with_retval(retval::INVALID_SW_IF_INDEX, msg)
}

/// Create the pair of `phy` with a new host interface `host_name` of type
/// `ty` in `netns` (`None` or empty: the default namespace, if any).
/// Returns the host sw_if_index and the Linux ifindex.
///
/// Errors, in C's order: `VALUE_EXIST` (-81) for a paired phy,
/// `INVALID_SW_IF_INDEX` (-2) for a missing one, `INVALID_ARGUMENT` (-73)
/// for a bad host name, a namespace that is not a plain name or does not
/// exist, a TAP on a non-Ethernet phy, or a sub-interface without
/// exact-match; -2 for a sub-interface whose parent has no pair; the tap
/// plugin's retval when it cannot make the tap.
pub fn create(
    b: &Barrier,
    phy: u32,
    host_name: &str,
    ty: HostType,
    netns: Option<&str>,
) -> Result<(u32, u32), Error> {
    super::refuse_existing(b, phy)?;
    if !vpp::interface::is_valid(b, phy)? {
        return Err(no_itf(format!("no interface {phy}")));
    }
    if !host_name_is_valid(host_name) {
        return Err(invalid(format!(
            "invalid host interface name `{host_name}` (under {IFNAMSIZ} bytes of [A-Za-z0-9-_%@:.])"
        )));
    }
    if let Some(ns) = netns.filter(|ns| !ns.is_empty()) {
        if !netns_is_valid(ns) {
            return Err(invalid(format!("invalid namespace name `{ns}`")));
        }
    }
    let facts = vpp::interface::facts(b, phy)?.ok_or_else(|| no_itf(format!("no interface {phy}")))?;
    if ty == HostType::Tap && !facts.is_ethernet {
        return Err(invalid("don't create TAP for non-eth interface; use tun"));
    }
    let ns = match netns.filter(|ns| !ns.is_empty()) {
        Some(ns) => Some(ns.to_string()),
        None => Some(crate::state::default_ns()).filter(|d| !d.is_empty()),
    };
    if let Some(ns) = &ns {
        if !lcp_netlink::host::netns_exists(ns) {
            return Err(invalid(format!("network namespace `{ns}` does not exist")));
        }
    }
    let ns = ns.as_deref();
    let (host, vif) = if facts.is_sub {
        create_sub_host(b, phy, facts.sup_sw_if_index, host_name, ty, ns)?
    } else {
        create_tap(b, phy, host_name, ty, ns)?
    };
    finish(b, phy, host, vif, host_name, ty, ns, facts.is_sub)
}

/// The common tail: add the pair (undoing the host interface if that
/// fails), bring the VPP side of the host up, and copy the phy's admin
/// state (always) and carrier and speed (TAPs of main interfaces) to Linux.
#[allow(clippy::too_many_arguments)]
fn finish(
    b: &Barrier,
    phy: u32,
    host: u32,
    vif: u32,
    host_name: &str,
    ty: HostType,
    ns: Option<&str>,
    is_sub: bool,
) -> Result<(u32, u32), Error> {
    if let Err(e) = super::add(b, host, phy, host_name, vif, ty, ns) {
        remove_host(b, host, vif, ns, is_sub, true);
        return Err(e);
    }
    super::PAIRS.update(b, |t| {
        if let Some(p) = t.find_by_phy(phy).and_then(|i| t.get_mut(i)) {
            p.owns_host = true;
        }
    });
    let _ = vpp::interface::admin_up(b, host);
    let st = vpp::interface::state(b, phy)?;
    if let Some(st) = st {
        crate::sync::set_link_state(b, ns, vif, st.admin_up);
        if ty == HostType::Tap && !is_sub {
            crate::sync::copy_carrier(b, host, st.link_up, st.link_speed);
        }
    }
    // Beyond C, which waits for the next change: with lcp-sync on, the new
    // host interface starts with the phy's MTU and addresses too.
    let pair = {
        let t = super::PAIRS.read(b);
        t.find_by_phy(phy).and_then(|i| t.get(i)).cloned()
    };
    if let Some(pair) = pair {
        crate::sync::sync_pair(b, &pair);
    }
    let msg = format!(
        "pair create: phy {phy} host {host} ({host_name}, ifindex {vif}{})",
        ns.map(|n| format!(", netns {n}")).unwrap_or_default()
    );
    vpp::log::log(b, vpp::log::Level::Notice, "linux-cp", "itf", &msg);
    Ok((host, vif))
}

/// Delete a pair's host interface: a tap, or a sub-interface and (when
/// `linux` says this plugin made it) its Linux VLAN.
pub(super) fn remove_host(b: &Barrier, host: u32, vif: u32, ns: Option<&str>, is_sub: bool, linux: bool) {
    if is_sub {
        if linux {
            if let Ok(mut rt) = Rtnl::open(ns) {
                let _ = rt.del_link(vif);
            }
        }
        let _ = vpp::interface::delete_sub(b, host);
    } else {
        let _ = vpp::tap::delete(b, host);
    }
}

/// The main-interface branch: a tap (or tun) in `ns` carrying the phy's
/// MAC and MTU.
fn create_tap(
    b: &Barrier,
    phy: u32,
    host_name: &str,
    ty: HostType,
    ns: Option<&str>,
) -> Result<(u32, u32), Error> {
    let st = vpp::interface::state(b, phy)?.ok_or_else(|| no_itf(format!("no interface {phy}")))?;
    let (rxq, txq) = crate::state::with(|s| (s.num_rx_queues, s.num_tx_queues));
    let args = vpp::tap::TapArgs {
        host_if_name: host_name,
        netns: ns,
        tun: ty == HostType::Tun,
        host_mac: if ty == HostType::Tap { st.mac } else { None },
        host_mtu: (st.l3_mtu != 0).then_some(st.l3_mtu),
        num_rx_queues: rxq.max(1),
        num_tx_queues: txq.max(1),
        auto_id_offset: TAP_AUTO_ID_OFFSET,
    };
    let host = vpp::tap::create(b, &args)?;
    let tap_mtu = if st.l3_mtu != 0 { st.l3_mtu } else { ETHERNET_MAX_PACKET_BYTES };
    let _ = vpp::interface::set_mtu(b, host, tap_mtu);
    let Some(vif) = vpp::tap::ifindex(b, host) else {
        let _ = vpp::tap::delete(b, host);
        return Err(Error::with_retval(
            retval::SYSCALL_ERROR_1,
            format!("no Linux ifindex for the tap of {host_name}"),
        ));
    };
    if ty == HostType::Tap {
        if let Some(hst) = vpp::interface::state(b, host)? {
            let _ = vpp::interface::accept_all_dmac(b, hst.hw_if_index);
        }
    }
    Ok((host, vif))
}

/// The sub-interface branch: a Linux VLAN on the parent pair's host
/// interface (or on the outer VLAN's for QinQ/QinAD), and a VPP
/// sub-interface of the parent pair's tap with the phy's id and tags.
fn create_sub_host(
    b: &Barrier,
    phy: u32,
    sup: u32,
    host_name: &str,
    ty: HostType,
    ns: Option<&str>,
) -> Result<(u32, u32), Error> {
    if ty == HostType::Tun {
        return Err(invalid("sub-interface pairs are TAP only"));
    }
    let sub = vpp::interface::sub_info(b, phy)?.ok_or_else(|| no_itf(format!("no sub-interface {phy}")))?;
    if !sub.supports_addressing {
        return Err(invalid("can't create LCP for a sub-interface without exact-match set"));
    }
    let (parent_host, parent_vif, parent_ns) = {
        let t = super::PAIRS.read(b);
        let p = t.find_by_phy(sup).and_then(|i| t.get(i));
        p.map(|p| (p.host_sw_if_index, p.vif_index, p.netns.clone()))
            .ok_or_else(|| no_itf(format!("the parent {sup} of sub-interface {phy} has no pair")))?
    };
    if parent_ns.as_deref() != ns {
        return Err(invalid(format!(
            "sub-interface pairs live in their parent's namespace ({})",
            parent_ns.as_deref().unwrap_or("VPP's own")
        )));
    }
    let (link, vlan, proto) = if sub.inner_vlan != 0 {
        let outer = outer_pair_vif(b, sup, &sub).ok_or_else(|| {
            invalid(format!(
                "parent pair not found: pair the outer VLAN {} of sub-interface {phy} first",
                sub.outer_vlan
            ))
        })?;
        (outer, sub.inner_vlan, 0x8100)
    } else {
        (parent_vif, sub.outer_vlan, if sub.dot1ad() { 0x88a8 } else { 0x8100 })
    };
    let mut rt = Rtnl::open(ns).map_err(|e| invalid(format!("netlink in namespace {ns:?}: {e}")))?;
    let existing = rt.link_by_name(host_name).map_err(|e| invalid(format!("netlink: {e}")))?;
    let (vif, created) = match existing {
        // An existing Linux interface of that name is adopted, as C does.
        Some(l) => (l.ifindex, false),
        None => {
            let vif = rt
                .add_vlan(link, host_name, vlan, proto)
                .map_err(|e| invalid(format!("cannot create Linux VLAN {host_name}: {e}")))?;
            (vif, true)
        }
    };
    match vpp::interface::create_sub(b, parent_host, &sub) {
        Ok(host) => Ok((host, vif)),
        Err(e) => {
            if created {
                let _ = rt.del_link(vif);
            }
            Err(invalid(format!("failed to create tap subint: {e}")))
        }
    }
}

/// The Linux ifindex of the pair of the outer-VLAN sub-interface of `sup`
/// that matches `sub` (same outer id and tag type, no inner tag).
fn outer_pair_vif(b: &Barrier, sup: u32, sub: &SubInfo) -> Option<u32> {
    let t = super::PAIRS.read(b);
    let found = t.iter().find_map(|(_, p)| {
        let f = vpp::interface::facts(b, p.phy_sw_if_index).ok()??;
        if !f.is_sub || f.sup_sw_if_index != sup {
            return None;
        }
        let s = vpp::interface::sub_info(b, p.phy_sw_if_index).ok()??;
        (s.outer_vlan == sub.outer_vlan && s.inner_vlan == 0 && s.dot1ad() == sub.dot1ad())
            .then_some(p.vif_index)
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_and_namespaces() {
        for ok in ["", "hpg0", "e0.100", "a-b_c%d@e:f", &"x".repeat(15)] {
            assert!(host_name_is_valid(ok), "{ok}");
        }
        for bad in ["x".repeat(16).as_str(), "eth 0", "eth/0", "éth0", "a\0"] {
            assert!(!host_name_is_valid(bad), "{bad}");
        }
        assert!(netns_is_valid("blue") && !netns_is_valid("../blue") && !netns_is_valid(".."));
        assert!(!netns_is_valid(&"n".repeat(32)) && netns_is_valid(&"n".repeat(31)));
    }
}
