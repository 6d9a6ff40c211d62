//! Link state, carrier and speed of a host interface.

use lcp_netlink::host::Rtnl;

/// Set the Linux link of `vif` in `ns` up or down (RTM_SETLINK, IFF_UP).
/// Done at pair creation whatever `lcp-sync` says (reference 8.3).
pub fn set_link_state(mt: &vpp::MainThread, ns: Option<&str>, vif: u32, up: bool) {
    crate::netlink::pushed(ns, vif, Some(up), None);
    if let Err(e) = Rtnl::open(ns).and_then(|mut rt| rt.set_up(vif, up)) {
        super::warn(mt, &format!("set link {vif} {}: {e}", if up { "up" } else { "down" }));
    }
}

/// Copy a phy's carrier and speed (kbit/s, `~0` unknown) to the tap of
/// `host` (reference 8.4): TUNSETCARRIER, and the ethtool speed in Mbit/s.
pub fn copy_carrier(mt: &vpp::MainThread, host: u32, link_up: bool, link_speed: u32) {
    let Ok(Some(hst)) = vpp::interface::state(mt, host) else { return };
    if let Err(e) = vpp::tap::set_carrier(mt, hst.hw_if_index, link_up) {
        super::warn(mt, &format!("carrier of host {host}: {e}"));
    }
    if link_up && link_speed != u32::MAX {
        if let Err(e) = vpp::tap::set_speed(mt, hst.hw_if_index, link_speed / 1000) {
            super::warn(mt, &format!("speed of host {host}: {e}"));
        }
    }
}
