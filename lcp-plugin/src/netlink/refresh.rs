//! Neighbour refresh (not in upstream): Linux never sees the traffic VPP
//! forwards, so its entries for the next hops VPP uses go stale and get
//! collected, and VPP loses the neighbour with them. Every
//! `nl-neigh-refresh-s`, each neighbour that is the next hop of a route
//! Linux → VPP installed and that Linux no longer holds reachable is
//! marked reachable again in Linux (with the MAC it had), as if Linux had
//! seen the traffic.

use std::collections::BTreeSet;
use std::net::IpAddr;

use lcp_netlink::event::{NUD_NOARP, NUD_PERMANENT, NUD_REACHABLE};
use vpp::MainThread;

use super::ns::NsSync;
use crate::pair::PAIRS;

/// Refresh what `s`'s routes use; returns how many entries were refreshed.
pub(crate) fn refresh(mt: &MainThread, s: &mut NsSync) -> usize {
    let used: BTreeSet<(u32, IpAddr)> = s
        .installed
        .values()
        .flat_map(|i| i.paths.iter())
        .filter_map(|p| Some((p.sw_if_index, p.next_hop?)))
        .collect();
    if used.is_empty() {
        return 0;
    }
    let todo: Vec<(u32, IpAddr, [u8; 6])> = {
        let t = PAIRS.read(mt);
        s.model()
            .neighs()
            .filter(|n| n.state & (NUD_REACHABLE | NUD_PERMANENT | NUD_NOARP) == 0)
            .filter_map(|n| {
                let phy = t.find_by_vif(s.ns.as_deref(), n.ifindex).and_then(|i| t.get(i))?.phy_sw_if_index;
                used.contains(&(phy, n.ip)).then_some((n.ifindex, n.ip, n.mac?))
            })
            .collect()
    };
    if todo.is_empty() {
        return 0;
    }
    let Ok(mut rt) = lcp_netlink::host::Rtnl::open(s.ns.as_deref()) else { return 0 };
    todo.into_iter().filter(|(i, ip, mac)| rt.refresh_neighbour(*i, *ip, *mac).is_ok()).count()
}
