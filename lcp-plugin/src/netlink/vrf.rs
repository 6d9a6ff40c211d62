//! Linux VRF devices (not in upstream): a pair's Linux interface enslaved
//! to a VRF whose table is N puts the phy's IPv4 and IPv6 into VPP table N
//! (where the VRF's routes go, see `tables.rs`); released, back to table 0.
//!
//! VPP refuses to rebind an interface that has addresses, so they are
//! taken off and put back around the bind.

use lcp_netlink::state::LinuxState;
use vpp::fib::{self, Proto};
use vpp::{Barrier, MainThread};

use super::counters::Counters;
use super::ns::NsSync;
use super::tables::Tables;
use crate::pair::Pair;

fn rebind(b: &Barrier, phy: u32, table: u32) -> vpp::Result<()> {
    let addrs = vpp::interface::addresses(b, phy)?;
    let movable: Vec<_> = addrs.iter().filter(|(a, _)| !super::addr::is_link_local(a)).copied().collect();
    for (a, l) in &movable {
        let _ = vpp::interface::add_del_address(b, phy, *a, *l, true);
    }
    let r = fib::bind_interface(b, Proto::Ip4, phy, table)
        .and_then(|_| fib::bind_interface(b, Proto::Ip6, phy, table));
    for (a, l) in &movable {
        let _ = vpp::interface::add_del_address(b, phy, *a, *l, false);
    }
    r
}

/// The VPP table `p`'s Linux interface belongs in: its VRF's table, else 0.
fn wanted(state: &LinuxState, p: &Pair) -> u32 {
    match state.vrf_table_of(p.vif_index) {
        Some(254) | Some(255) | None => 0,
        Some(t) => t,
    }
}

/// Bind `p`'s phy to the table its Linux interface's VRF says, when that
/// changed.
pub(crate) fn ensure(mt: &MainThread, s: &mut NsSync, tables: &mut Tables, p: &Pair, c: &mut Counters) {
    let want = wanted(&s.model(), p);
    let have = s.bound.get(&p.phy_sw_if_index).copied().unwrap_or(0);
    if want == have {
        return;
    }
    if want != 0 {
        // The table must exist: the binding holds a reference on it.
        for proto in [Proto::Ip4, Proto::Ip6] {
            if let Err(e) = tables.lock(mt, proto, want) {
                super::vpp_error(c, "vrf table", &e);
                return;
            }
        }
    }
    let b = mt.barrier();
    match rebind(&b, p.phy_sw_if_index, want) {
        Ok(()) => c.link_changes += 1,
        Err(e) => super::vpp_error(c, "vrf bind", &e),
    }
    drop(b);
    if have != 0 {
        tables.unlock(mt, Proto::Ip4, have);
        tables.unlock(mt, Proto::Ip6, have);
    }
    if want == 0 {
        s.bound.remove(&p.phy_sw_if_index);
    } else {
        s.bound.insert(p.phy_sw_if_index, want);
    }
}
