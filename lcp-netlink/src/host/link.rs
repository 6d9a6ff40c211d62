//! Links: read one or all, set up/down, MTU and MAC, delete.

use std::io;

use netlink_packet_route::link::{InfoData, InfoVlan, LinkAttribute, LinkFlags, LinkInfo, LinkMessage};
use netlink_packet_route::RouteNetlinkMessage;

use super::socket::Rtnl;
use super::validate;

/// A Linux network interface as reported by `RTM_NEWLINK`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Interface index (`ifi_index`).
    pub ifindex: u32,
    /// Interface name (`IFLA_IFNAME`); empty if the kernel sent none.
    pub name: String,
    /// MTU (`IFLA_MTU`); 0 if the kernel sent none.
    pub mtu: u32,
    /// Administratively up (`IFF_UP`).
    pub up: bool,
    /// Carrier (`IFF_LOWER_UP`).
    pub lower_up: bool,
    /// Hardware address (`IFLA_ADDRESS`) when it is 6 bytes long (Ethernet-like links).
    pub mac: Option<[u8; 6]>,
    /// `IFLA_LINKINFO`/`IFLA_INFO_KIND`: "vlan", "tun", "veth", "dummy", ...
    pub kind: Option<String>,
    /// For kind "vlan": (VLAN id, protocol in host byte order, 0x8100 or 0x88a8).
    pub vlan: Option<(u16, u16)>,
    /// `IFLA_LINK`: the parent (lower) link's index, e.g. a VLAN's parent.
    pub parent: Option<u32>,
}

impl Link {
    /// Read the fields of a parsed `RTM_NEWLINK` message.
    pub(crate) fn from_message(m: &LinkMessage) -> Link {
        let mut link = Link {
            ifindex: m.header.index,
            name: String::new(),
            mtu: 0,
            up: m.header.flags.contains(LinkFlags::Up),
            lower_up: m.header.flags.contains(LinkFlags::LowerUp),
            mac: None,
            kind: None,
            vlan: None,
            parent: None,
        };
        for attr in &m.attributes {
            match attr {
                LinkAttribute::IfName(n) => link.name = n.clone(),
                LinkAttribute::Mtu(mtu) => link.mtu = *mtu,
                LinkAttribute::Address(a) => link.mac = <[u8; 6]>::try_from(a.as_slice()).ok(),
                LinkAttribute::Link(p) => link.parent = Some(*p),
                LinkAttribute::LinkInfo(infos) => {
                    for info in infos {
                        match info {
                            LinkInfo::Kind(k) => link.kind = Some(k.to_string()),
                            LinkInfo::Data(InfoData::Vlan(v)) => link.vlan = vlan_of(v),
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        link
    }
}

/// (id, protocol) of a VLAN's `IFLA_INFO_DATA`; the protocol is 802.1Q when not given.
fn vlan_of(nlas: &[InfoVlan]) -> Option<(u16, u16)> {
    let mut id = None;
    let mut proto = super::ETH_P_8021Q;
    for nla in nlas {
        match nla {
            InfoVlan::Id(i) => id = Some(*i),
            InfoVlan::Protocol(p) => proto = (*p).into(),
            _ => {}
        }
    }
    id.map(|id| (id, proto))
}

/// `RTM_GETLINK` for one index.
pub(crate) fn get_by_index(ifindex: u32) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.header.index = ifindex;
    RouteNetlinkMessage::GetLink(m)
}

/// `RTM_GETLINK` for one name.
pub(crate) fn get_by_name(name: &str) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.attributes.push(LinkAttribute::IfName(name.to_owned()));
    RouteNetlinkMessage::GetLink(m)
}

/// `RTM_SETLINK` with `ifi_flags` = `IFF_UP` or 0 and `ifi_change` = `IFF_UP`.
pub(crate) fn set_up_msg(ifindex: u32, up: bool) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.header.index = ifindex;
    m.header.flags = if up { LinkFlags::Up } else { LinkFlags::empty() };
    m.header.change_mask = LinkFlags::Up;
    RouteNetlinkMessage::SetLink(m)
}

/// `RTM_SETLINK` carrying one attribute.
pub(crate) fn set_attr_msg(ifindex: u32, attr: LinkAttribute) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.header.index = ifindex;
    m.attributes.push(attr);
    RouteNetlinkMessage::SetLink(m)
}

/// `RTM_DELLINK` by index.
pub(crate) fn del_msg(ifindex: u32) -> RouteNetlinkMessage {
    let mut m = LinkMessage::default();
    m.header.index = ifindex;
    RouteNetlinkMessage::DelLink(m)
}

/// The first link among `msgs` (the answer to an `RTM_GETLINK`).
fn first_link(msgs: Vec<RouteNetlinkMessage>) -> Option<Link> {
    msgs.into_iter().find_map(|m| match m {
        RouteNetlinkMessage::NewLink(l) => Some(Link::from_message(&l)),
        _ => None,
    })
}

/// `Ok(None)` for errors meaning "no such link".
fn none_if_missing(r: io::Result<Option<Link>>) -> io::Result<Option<Link>> {
    match r {
        Err(e) if e.raw_os_error() == Some(libc::ENODEV) => Ok(None),
        r => r,
    }
}

impl Rtnl {
    /// The link with index `ifindex`, or `None` if there is none in this namespace.
    pub fn link(&mut self, ifindex: u32) -> io::Result<Option<Link>> {
        validate::ifindex(ifindex)?;
        let r = self.request(get_by_index(ifindex), 0, "RTM_GETLINK");
        none_if_missing(r.map(first_link))
    }

    /// The link named `name`, or `None` if there is none in this namespace.
    pub fn link_by_name(&mut self, name: &str) -> io::Result<Option<Link>> {
        validate::ifname(name)?;
        let r = self.request(get_by_name(name), 0, "RTM_GETLINK");
        none_if_missing(r.map(first_link))
    }

    /// Every link in this namespace.
    pub fn links(&mut self) -> io::Result<Vec<Link>> {
        let msgs = self.dump(RouteNetlinkMessage::GetLink(LinkMessage::default()), "RTM_GETLINK dump")?;
        Ok(msgs
            .into_iter()
            .filter_map(|m| match m {
                RouteNetlinkMessage::NewLink(l) => Some(Link::from_message(&l)),
                _ => None,
            })
            .collect())
    }

    /// Set the link administratively up or down: `RTM_SETLINK` with `ifi_flags` `IFF_UP` or
    /// 0 and `ifi_change` `IFF_UP`.
    pub fn set_up(&mut self, ifindex: u32, up: bool) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        self.request(set_up_msg(ifindex, up), 0, "RTM_SETLINK up/down")?;
        Ok(())
    }

    /// Set the link's MTU (`RTM_SETLINK` with `IFLA_MTU`).
    pub fn set_mtu(&mut self, ifindex: u32, mtu: u32) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        self.request(set_attr_msg(ifindex, LinkAttribute::Mtu(mtu)), 0, "RTM_SETLINK mtu")?;
        Ok(())
    }

    /// Set the link's hardware address (`RTM_SETLINK` with `IFLA_ADDRESS`).
    pub fn set_mac(&mut self, ifindex: u32, mac: [u8; 6]) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        self.request(set_attr_msg(ifindex, LinkAttribute::Address(mac.to_vec())), 0, "RTM_SETLINK address")?;
        Ok(())
    }

    /// Delete the link (`RTM_DELLINK` by index). A link that is already gone is `Ok(())`.
    pub fn del_link(&mut self, ifindex: u32) -> io::Result<()> {
        validate::ifindex(ifindex)?;
        match self.request(del_msg(ifindex), 0, "RTM_DELLINK") {
            Err(e) if e.raw_os_error() == Some(libc::ENODEV) => Ok(()),
            r => r.map(drop),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::socket::encode;
    use netlink_packet_core::{Emitable, NLM_F_ACK, NLM_F_REQUEST};
    use netlink_packet_route::link::{InfoKind, VlanProtocol};

    /// The bytes of the ifinfomsg after the 16-byte netlink header.
    fn ifinfo(b: &[u8]) -> (u32, u32, u32) {
        let u = |at: usize| u32::from_ne_bytes(b[at..at + 4].try_into().unwrap());
        (u(20), u(24), u(28))
    }

    #[test]
    fn set_up_and_down_bytes() {
        let b = encode(set_up_msg(7, true), NLM_F_REQUEST | NLM_F_ACK, 1);
        assert_eq!(u16::from_ne_bytes([b[4], b[5]]), libc::RTM_SETLINK);
        assert_eq!(ifinfo(&b), (7, libc::IFF_UP as u32, libc::IFF_UP as u32));
        let b = encode(set_up_msg(7, false), NLM_F_REQUEST | NLM_F_ACK, 1);
        assert_eq!(ifinfo(&b), (7, 0, libc::IFF_UP as u32));
        assert_eq!(b.len(), 32);
    }

    #[test]
    fn set_mtu_bytes() {
        let b = encode(set_attr_msg(3, LinkAttribute::Mtu(1400)), NLM_F_REQUEST, 1);
        // nlmsghdr(16) + ifinfomsg(16) + nla(4 + 4)
        assert_eq!(b.len(), 40);
        assert_eq!(u16::from_ne_bytes([b[34], b[35]]), libc::IFLA_MTU);
        assert_eq!(u32::from_ne_bytes(b[36..40].try_into().unwrap()), 1400);
    }

    #[test]
    fn parse_vlan_link() {
        let mut m = LinkMessage::default();
        m.header.index = 12;
        m.header.flags = LinkFlags::Up | LinkFlags::LowerUp;
        m.attributes = vec![
            LinkAttribute::IfName("hpg0.100".into()),
            LinkAttribute::Mtu(1500),
            LinkAttribute::Address(vec![2, 0, 0, 0, 0, 1]),
            LinkAttribute::Link(4),
            LinkAttribute::LinkInfo(vec![
                LinkInfo::Kind(InfoKind::Vlan),
                LinkInfo::Data(InfoData::Vlan(vec![
                    InfoVlan::Id(100),
                    InfoVlan::Protocol(VlanProtocol::Ieee8021Ad),
                ])),
            ]),
        ];
        // Round trip through bytes as the kernel would send it.
        let mut buf = vec![0u8; m.buffer_len()];
        m.emit(&mut buf);
        let parsed: LinkMessage = netlink_packet_core::Parseable::parse(buf.as_slice()).unwrap();
        let l = Link::from_message(&parsed);
        assert_eq!(
            l,
            Link {
                ifindex: 12,
                name: "hpg0.100".into(),
                mtu: 1500,
                up: true,
                lower_up: true,
                mac: Some([2, 0, 0, 0, 0, 1]),
                kind: Some("vlan".into()),
                vlan: Some((100, 0x88a8)),
                parent: Some(4),
            }
        );
    }

    #[test]
    fn parse_plain_link() {
        let mut m = LinkMessage::default();
        m.header.index = 1;
        m.attributes = vec![LinkAttribute::IfName("tun0".into()), LinkAttribute::Address(vec![])];
        let l = Link::from_message(&m);
        assert_eq!(l.mac, None);
        assert!(!l.up && !l.lower_up);
        assert_eq!(l.kind, None);
        assert_eq!(l.vlan, None);
    }
}
