//! Neighbours (reference 7.5): Linux's ARP/ND entries on a pair's host
//! interface become VPP neighbours on the phy.
//!
//! A valid entry with a MAC (`NUD_VALID`) is added, static when Linux's is
//! permanent or NOARP; any other new state (incomplete, failed) and a
//! delete remove it, as upstream.

use lcp_netlink::event::{Action, NeighEvent};
use vpp::Barrier;

use super::counters::Counters;

/// Apply one neighbour event for the pair whose phy is `phy`.
pub(crate) fn apply(b: &Barrier, ev: &NeighEvent, phy: u32, c: &mut Counters) {
    match (ev.action, ev.mac) {
        (Action::New, Some(mac)) if ev.installs() => {
            match vpp::neighbor::add(b, phy, ev.ip, mac, ev.is_static()) {
                Ok(_) => c.neighs_added += 1,
                Err(e) => super::vpp_error(c, "neighbour add", &e),
            }
        }
        _ => {
            // Absent already is fine: an incomplete entry never made it.
            if vpp::neighbor::del(b, phy, ev.ip).is_ok() {
                c.neighs_deleted += 1;
            }
        }
    }
}
