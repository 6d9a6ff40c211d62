//! Interface addresses: list, add (replace), delete.

use std::io;
use std::net::IpAddr;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_REPLACE};
use netlink_packet_route::address::{AddressAttribute, AddressMessage};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::socket::Rtnl;
use super::validate;

/// An `ifaddrmsg` for `addr/prefix_len` on `ifindex` with `IFA_LOCAL` and `IFA_ADDRESS` both
/// set to `addr`, as VPP's C code builds it.
pub(crate) fn addr_msg(ifindex: u32, addr: IpAddr, prefix_len: u8) -> AddressMessage {
    let mut m = AddressMessage::default();
    m.header.family = match addr {
        IpAddr::V4(_) => AddressFamily::Inet,
        IpAddr::V6(_) => AddressFamily::Inet6,
    };
    m.header.prefix_len = prefix_len;
    m.header.index = ifindex;
    m.attributes.push(AddressAttribute::Local(addr));
    m.attributes.push(AddressAttribute::Address(addr));
    m
}

/// The (address, prefix length) of an `RTM_NEWADDR` message: `IFA_LOCAL` when present (for
/// IPv4 `IFA_ADDRESS` may be a point-to-point peer), else `IFA_ADDRESS`.
pub(crate) fn addr_of(m: &AddressMessage) -> Option<(IpAddr, u8)> {
    let mut local = None;
    let mut address = None;
    for a in &m.attributes {
        match a {
            AddressAttribute::Local(ip) => local = Some(*ip),
            AddressAttribute::Address(ip) => address = Some(*ip),
            _ => {}
        }
    }
    local.or(address).map(|ip| (ip, m.header.prefix_len))
}

impl Rtnl {
    /// Addresses on `ifindex` (IPv4 and IPv6, all scopes), as (address, prefix length).
    pub fn addresses(&mut self, ifindex: u32) -> io::Result<Vec<(IpAddr, u8)>> {
        validate::ifindex(ifindex)?;
        let msgs =
            self.dump(RouteNetlinkMessage::GetAddress(AddressMessage::default()), "RTM_GETADDR dump")?;
        Ok(msgs
            .iter()
            .filter_map(|m| match m {
                RouteNetlinkMessage::NewAddress(a) if a.header.index == ifindex => addr_of(a),
                _ => None,
            })
            .collect())
    }

    /// Add `addr/prefix_len` to `ifindex`: `RTM_NEWADDR` with `NLM_F_CREATE|NLM_F_REPLACE`,
    /// `IFA_LOCAL` and `IFA_ADDRESS` both `addr` (as VPP's C code does). Adding an address
    /// that is already there succeeds.
    pub fn add_address(&mut self, ifindex: u32, addr: IpAddr, prefix_len: u8) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        validate::prefix_len(addr, prefix_len)?;
        self.request(
            RouteNetlinkMessage::NewAddress(addr_msg(ifindex, addr, prefix_len)),
            NLM_F_CREATE | NLM_F_REPLACE,
            "RTM_NEWADDR",
        )?;
        Ok(())
    }

    /// Delete `addr/prefix_len` from `ifindex` (`RTM_DELADDR`, same attributes as
    /// [`Rtnl::add_address`]). Deleting an address that is not there is `Ok(())`
    /// (`EADDRNOTAVAIL` is ignored).
    pub fn del_address(&mut self, ifindex: u32, addr: IpAddr, prefix_len: u8) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        validate::prefix_len(addr, prefix_len)?;
        match self.request(
            RouteNetlinkMessage::DelAddress(addr_msg(ifindex, addr, prefix_len)),
            0,
            "RTM_DELADDR",
        ) {
            Err(e) if e.raw_os_error() == Some(libc::EADDRNOTAVAIL) => Ok(()),
            r => r.map(drop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::socket::encode;
    use netlink_packet_core::{NLM_F_ACK, NLM_F_REQUEST};

    #[test]
    fn add_v4_bytes() {
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
        let b = encode(RouteNetlinkMessage::NewAddress(addr_msg(5, ip, 24)), flags, 1);
        assert_eq!(u16::from_ne_bytes([b[4], b[5]]), libc::RTM_NEWADDR);
        assert_eq!(u16::from_ne_bytes([b[6], b[7]]), 0x0505);
        // ifaddrmsg: family, prefixlen, flags, scope, index
        assert_eq!(b[16], libc::AF_INET as u8);
        assert_eq!(b[17], 24);
        assert_eq!(u32::from_ne_bytes(b[20..24].try_into().unwrap()), 5);
        // IFA_LOCAL then IFA_ADDRESS, each 4 + 4 bytes
        assert_eq!(b.len(), 16 + 8 + 8 + 8);
        assert_eq!(u16::from_ne_bytes([b[26], b[27]]), libc::IFA_LOCAL);
        assert_eq!(&b[28..32], &[192, 0, 2, 1]);
        assert_eq!(u16::from_ne_bytes([b[34], b[35]]), libc::IFA_ADDRESS);
        assert_eq!(&b[36..40], &[192, 0, 2, 1]);
    }

    #[test]
    fn v6_message_and_parse() {
        let ip: IpAddr = "2001:db8::5".parse().unwrap();
        let m = addr_msg(9, ip, 64);
        assert_eq!(m.header.family, AddressFamily::Inet6);
        assert_eq!(addr_of(&m), Some((ip, 64)));
    }

    #[test]
    fn local_wins_over_peer() {
        let local: IpAddr = "10.0.0.1".parse().unwrap();
        let peer: IpAddr = "10.0.0.2".parse().unwrap();
        let mut m = AddressMessage::default();
        m.header.prefix_len = 32;
        m.attributes = vec![AddressAttribute::Address(peer), AddressAttribute::Local(local)];
        assert_eq!(addr_of(&m), Some((local, 32)));
        m.attributes.clear();
        assert_eq!(addr_of(&m), None);
    }
}
