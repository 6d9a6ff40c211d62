//! Neighbour entries: refreshing the ones VPP forwards to.

use std::io;
use std::net::IpAddr;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_REPLACE};
use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourMessage, NeighbourState,
};
use netlink_packet_route::{AddressFamily, RouteNetlinkMessage};

use super::socket::Rtnl;
use super::validate;

fn neigh_msg(ifindex: u32, ip: IpAddr, mac: [u8; 6], state: NeighbourState) -> NeighbourMessage {
    let mut m = NeighbourMessage::default();
    m.header.ifindex = ifindex;
    m.header.state = state;
    let dst = match ip {
        IpAddr::V4(a) => {
            m.header.family = AddressFamily::Inet;
            NeighbourAddress::Inet(a)
        }
        IpAddr::V6(a) => {
            m.header.family = AddressFamily::Inet6;
            NeighbourAddress::Inet6(a)
        }
    };
    m.attributes.push(NeighbourAttribute::Destination(dst));
    m.attributes.push(NeighbourAttribute::LinkLayerAddress(mac.to_vec()));
    m
}

impl Rtnl {
    /// Mark the neighbour `ip` on `ifindex` reachable with `mac` (`RTM_NEWNEIGH`,
    /// `NLM_F_CREATE|NLM_F_REPLACE`, `NUD_REACHABLE`): what Linux would do had it seen the
    /// traffic VPP forwards to it, so Linux does not let the entry go stale and collect it.
    pub fn refresh_neighbour(&mut self, ifindex: u32, ip: IpAddr, mac: [u8; 6]) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        self.request(
            RouteNetlinkMessage::NewNeighbour(neigh_msg(ifindex, ip, mac, NeighbourState::Reachable)),
            NLM_F_CREATE | NLM_F_REPLACE,
            "RTM_NEWNEIGH",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::socket::encode;
    use netlink_packet_core::{NLM_F_ACK, NLM_F_REQUEST};

    #[test]
    fn refresh_bytes() {
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE;
        let b = encode(
            RouteNetlinkMessage::NewNeighbour(neigh_msg(
                4,
                ip,
                [2, 0, 0, 0, 0, 7],
                NeighbourState::Reachable,
            )),
            flags,
            1,
        );
        assert_eq!(u16::from_ne_bytes([b[4], b[5]]), libc::RTM_NEWNEIGH);
        assert_eq!(u16::from_ne_bytes([b[6], b[7]]), flags);
        // ndmsg: family, pad, pad, pad, ifindex (4), state (2), flags, type.
        assert_eq!(b[16], libc::AF_INET as u8);
        assert_eq!(u32::from_ne_bytes([b[20], b[21], b[22], b[23]]), 4);
        assert_eq!(u16::from_ne_bytes([b[24], b[25]]), 0x02, "NUD_REACHABLE");
        let tail = &b[28..];
        assert!(tail.windows(4).any(|w| w == [192, 0, 2, 7]), "NDA_DST");
        assert!(tail.windows(6).any(|w| w == [2, 0, 0, 0, 0, 7]), "NDA_LLADDR");
    }
}
