//! VLAN link creation (802.1Q and 802.1ad, stackable for QinQ).

use std::io;

use netlink_packet_core::{NLM_F_CREATE, NLM_F_EXCL};
use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVlan, LinkAttribute, LinkInfo, LinkMessage, VlanProtocol,
};
use netlink_packet_route::RouteNetlinkMessage;

use super::socket::Rtnl;
use super::validate::{self, invalid, VLAN_ID_MAX};
use super::{ETH_P_8021AD, ETH_P_8021Q};

/// The VLAN protocol for an ethertype in host order, or an `InvalidInput` error.
fn protocol(proto: u16) -> io::Result<VlanProtocol> {
    match proto {
        ETH_P_8021Q => Ok(VlanProtocol::Ieee8021Q),
        ETH_P_8021AD => Ok(VlanProtocol::Ieee8021Ad),
        _ => Err(invalid(format!("VLAN protocol {proto:#06x} is neither 0x8100 nor 0x88a8"))),
    }
}

/// `RTM_NEWLINK` kind "vlan": `IFLA_LINK` = parent, `IFLA_IFNAME` = name, `IFLA_VLAN_ID`,
/// `IFLA_VLAN_PROTOCOL` (sent in network order).
pub(crate) fn new_vlan_msg(
    parent: u32,
    name: &str,
    vlan_id: u16,
    proto: VlanProtocol,
) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.attributes = vec![
        LinkAttribute::Link(parent),
        LinkAttribute::IfName(name.to_owned()),
        LinkAttribute::LinkInfo(vec![
            LinkInfo::Kind(InfoKind::Vlan),
            LinkInfo::Data(InfoData::Vlan(vec![InfoVlan::Protocol(proto), InfoVlan::Id(vlan_id)])),
        ]),
    ];
    RouteNetlinkMessage::NewLink(m)
}

impl Rtnl {
    /// Create VLAN link `name` on `parent`: `RTM_NEWLINK` kind "vlan" with
    /// `NLM_F_CREATE|NLM_F_EXCL`, `IFLA_LINK` = parent, `IFLA_IFNAME` = name,
    /// `IFLA_VLAN_ID` = `vlan_id` (0..=4094), `IFLA_VLAN_PROTOCOL` = `proto` (0x8100 or
    /// 0x88a8, host order here). The parent may itself be a VLAN (QinQ). Returns the new
    /// link's ifindex. A link of that name already existing gives `EEXIST`.
    pub fn add_vlan(&mut self, parent: u32, name: &str, vlan_id: u16, proto: u16) -> io::Result<u32> {
        validate::ifindex(parent)?;
        validate::ifname(name)?;
        if vlan_id > VLAN_ID_MAX {
            return Err(invalid(format!("VLAN id {vlan_id} is above {VLAN_ID_MAX}")));
        }
        let proto = protocol(proto)?;
        self.request(
            new_vlan_msg(parent, name, vlan_id, proto),
            NLM_F_CREATE | NLM_F_EXCL,
            "RTM_NEWLINK vlan",
        )?;
        match self.link_by_name(name)? {
            Some(l) => Ok(l.ifindex),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("VLAN link {name} vanished right after it was created"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::socket::encode;
    use netlink_packet_core::{Parseable, NLM_F_ACK, NLM_F_REQUEST};

    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        hay.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn vlan_message_bytes() {
        let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
        let b = encode(new_vlan_msg(4, "hpg0.200", 200, protocol(0x88a8).unwrap()), flags, 1);
        assert_eq!(u16::from_ne_bytes([b[4], b[5]]), libc::RTM_NEWLINK);
        assert_eq!(u16::from_ne_bytes([b[6], b[7]]), 0x0605);
        assert!(find(&b, b"hpg0.200\0").is_some());
        assert!(find(&b, b"vlan").is_some());
        // IFLA_VLAN_PROTOCOL (5): len 6, type 5, value 0x88a8 big-endian.
        let mut proto = Vec::new();
        proto.extend(6u16.to_ne_bytes());
        proto.extend(5u16.to_ne_bytes());
        proto.extend([0x88, 0xa8]);
        assert!(find(&b, &proto).is_some());
        // IFLA_VLAN_ID (1): len 6, type 1, value 200 host order.
        let mut id = Vec::new();
        id.extend(6u16.to_ne_bytes());
        id.extend(1u16.to_ne_bytes());
        id.extend(200u16.to_ne_bytes());
        assert!(find(&b, &id).is_some());
        // IFLA_LINK (5) = 4
        let mut link = Vec::new();
        link.extend(8u16.to_ne_bytes());
        link.extend(libc::IFLA_LINK.to_ne_bytes());
        link.extend(4u32.to_ne_bytes());
        assert!(find(&b, &link).is_some());
    }

    /// The request `ip link add link vth0 name vth0.200 type vlan proto 802.1ad id 200` sends
    /// (iproute2 6.x, captured with strace; vth0 had ifindex 3), after the netlink header.
    const IPROUTE2_DOT1AD: &[u8] = b"\
        \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\
        \x08\x00\x05\x00\x03\x00\x00\x00\
        \x0d\x00\x03\x00\x76\x74\x68\x30\x2e\x32\x30\x30\x00\x00\x00\x00\
        \x20\x00\x12\x00\x08\x00\x01\x00\x76\x6c\x61\x6e\x14\x00\x02\x00\
        \x06\x00\x05\x00\x88\xa8\x00\x00\x06\x00\x01\x00\xc8\x00\x00\x00";

    #[test]
    fn vlan_message_matches_iproute2() {
        let flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
        let b = encode(new_vlan_msg(3, "vth0.200", 200, VlanProtocol::Ieee8021Ad), flags, 1);
        // The only byte difference: the crate sends IFLA_INFO_KIND "vlan" with its NUL
        // (length 9, padded to 12), iproute2 without (length 8); the kernel takes both.
        let mut expected = IPROUTE2_DOT1AD.to_vec();
        expected[40] += 4; // IFLA_LINKINFO length 0x20 -> 0x24
        expected[44] = 9; // IFLA_INFO_KIND length 8 -> 9
        expected.splice(52..52, [0u8; 4]);
        assert_eq!(&b[16..], expected.as_slice());
        // And both parse to the same message.
        let ours: LinkMessage = Parseable::parse(&b[16..]).unwrap();
        let theirs: LinkMessage = Parseable::parse(IPROUTE2_DOT1AD).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn protocols() {
        assert_eq!(protocol(0x8100).unwrap(), VlanProtocol::Ieee8021Q);
        assert_eq!(protocol(0x88a8).unwrap(), VlanProtocol::Ieee8021Ad);
        assert_eq!(protocol(0x0800).unwrap_err().kind(), io::ErrorKind::InvalidInput);
    }
}
