//! Interface addresses (reference 7.4): Linux's addresses on a pair's host
//! interface go onto the phy.
//!
//! An address VPP already has (the echo of the VPP → Linux sync) or a
//! delete of one it lacks does nothing. IPv6 link-local addresses enable
//! IPv6 on the phy with that address; deleting one disables IPv6 only when
//! no other IPv6 address remains (upstream disables it whenever a
//! link-local goes, e.g. on a link-local change, a later upstream fix).
//! With the first IPv4 (IPv6) address the phy accepts link-local multicast
//! (`(*, 224.0.0.0/24)`, `(*, ff00::/8)`), so OSPF and friends reach Linux;
//! the last one's removal takes that away.

use std::net::{IpAddr, Ipv4Addr};

use lcp_netlink::event::{Action, AddrEvent};
use vpp::fib::Proto;
use vpp::{Barrier, MainThread};

use super::counters::Counters;

fn mcast(v6: bool) -> (Proto, IpAddr, u8) {
    let proto = if v6 { Proto::Ip6 } else { Proto::Ip4 };
    // The same groups as the table specials.
    let (group, len) = super::tables::mcast_group(proto).unwrap_or((IpAddr::V4(Ipv4Addr::UNSPECIFIED), 0));
    (proto, group, len)
}

/// Accept (or stop accepting) link-local multicast on `phy`.
pub(crate) fn mroutes(mt: &MainThread, phy: u32, v6: bool, add: bool) {
    let (proto, group, len) = mcast(v6);
    let Ok(mi) = vpp::mfib::table_of_interface(mt, proto, phy) else { return };
    // Accepted on `phy` and forwarded to VPP's local stack, which punts
    // what it does not handle itself (OSPF, VRRP, ...) to Linux: with or
    // without a route from Linux in the table.
    let _ = if add {
        vpp::mfib::add_accept_interface(mt, proto, mi, group, len, phy)
    } else {
        vpp::mfib::remove_accept_interface(mt, proto, mi, group, len, phy)
    };
    super::tables::local_forward(mt, proto, mi, Some(phy), add);
}

pub(crate) fn is_link_local(a: &IpAddr) -> bool {
    matches!(a, IpAddr::V6(v6) if (v6.segments()[0] & 0xffc0) == 0xfe80)
}

/// Apply one address event for the pair whose phy is `phy`.
pub(crate) fn apply(b: &Barrier, ev: &AddrEvent, phy: u32, c: &mut Counters) {
    let have = vpp::interface::addresses(b, phy).unwrap_or_default();
    let v6 = ev.addr.is_ipv6();
    if is_link_local(&ev.addr) {
        let IpAddr::V6(ll) = ev.addr else { return };
        match ev.action {
            Action::New => match vpp::interface::ip6_link_enable(b, phy, Some(ll)) {
                Ok(()) => c.addrs_added += 1,
                Err(e) => super::vpp_error(c, "ip6 link-local", &e),
            },
            Action::Del => {
                let others = have.iter().any(|(a, _)| a.is_ipv6() && !is_link_local(a));
                if !others && vpp::interface::ip6_link_disable(b, phy).is_ok() {
                    c.addrs_deleted += 1;
                }
            }
        }
        return;
    }
    let present = have.iter().any(|(a, l)| *a == ev.addr && *l == ev.prefix_len);
    match ev.action {
        Action::New if !present => {
            match vpp::interface::add_del_address(b, phy, ev.addr, ev.prefix_len, false) {
                Ok(()) => c.addrs_added += 1,
                Err(e) => super::vpp_error(c, "address add", &e),
            }
            mroutes(b, phy, v6, true);
        }
        Action::Del if present => {
            match vpp::interface::add_del_address(b, phy, ev.addr, ev.prefix_len, true) {
                Ok(()) => c.addrs_deleted += 1,
                Err(e) => super::vpp_error(c, "address delete", &e),
            }
            let left = vpp::interface::addresses(b, phy)
                .unwrap_or_default()
                .iter()
                .any(|(a, _)| a.is_ipv6() == v6 && !is_link_local(a));
            if !left {
                mroutes(b, phy, v6, false);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_local_is_fe80_slash_10() {
        assert!(is_link_local(&"fe80::1".parse().unwrap()));
        assert!(is_link_local(&"febf::1".parse().unwrap()));
        assert!(!is_link_local(&"fec0::1".parse().unwrap()));
        assert!(!is_link_local(&"10.0.0.1".parse().unwrap()));
        assert_eq!(mcast(false).2, 24);
        assert_eq!(mcast(true).1, "ff00::".parse::<IpAddr>().unwrap());
    }
}
