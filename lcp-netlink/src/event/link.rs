//! Link events (`RTM_NEWLINK` / `RTM_DELLINK`).

use netlink_packet_route::link::{
    InfoData, InfoKind, InfoVlan, InfoVrf, LinkAttribute, LinkFlags, LinkInfo, LinkMessage,
};
use netlink_packet_route::AddressFamily;

use super::{Action, Decoded, Event, IgnoreReason};

/// The VLAN part of a link of kind "vlan".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VlanInfo {
    /// VLAN id (`IFLA_VLAN_ID`).
    pub id: u16,
    /// VLAN protocol ethertype (`IFLA_VLAN_PROTOCOL`), 0x8100 when absent.
    pub protocol: u16,
    /// The parent link's ifindex (`IFLA_LINK`), 0 when absent.
    pub parent: u32,
}

/// A link was created, changed or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkEvent {
    /// New (created or changed) or deleted.
    pub action: Action,
    /// The kernel's ifindex.
    pub ifindex: u32,
    /// `IFLA_IFNAME`, when present.
    pub name: Option<String>,
    /// `IFF_UP`: the administrative state.
    pub admin_up: bool,
    /// `IFF_LOWER_UP`: the carrier.
    pub carrier: bool,
    /// `IFLA_MTU`, when present.
    pub mtu: Option<u32>,
    /// `IFLA_ADDRESS` when it is a 6-byte MAC.
    pub mac: Option<[u8; 6]>,
    /// `IFLA_INFO_KIND` ("vlan", "veth", "vrf", "tun", …), when present.
    pub kind: Option<String>,
    /// VLAN id, protocol and parent for kind "vlan".
    pub vlan: Option<VlanInfo>,
    /// `IFLA_MASTER`: the VRF (or bridge, bond) the link is enslaved to.
    pub master: Option<u32>,
    /// `IFLA_VRF_TABLE` for kind "vrf".
    pub vrf_table: Option<u32>,
}

pub(crate) fn decode_link(m: &LinkMessage, action: Action) -> Decoded {
    match m.header.interface_family {
        AddressFamily::Unspec => {}
        AddressFamily::Bridge => return Decoded::Ignored(IgnoreReason::BridgeFamily),
        _ => return Decoded::Ignored(IgnoreReason::UnknownFamily),
    }
    if m.header.index == 0 {
        return Decoded::Malformed("link message with ifindex 0".into());
    }
    let mut ev = LinkEvent {
        action,
        ifindex: m.header.index,
        name: None,
        admin_up: m.header.flags.contains(LinkFlags::Up),
        carrier: m.header.flags.contains(LinkFlags::LowerUp),
        mtu: None,
        mac: None,
        kind: None,
        vlan: None,
        master: None,
        vrf_table: None,
    };
    let mut parent = 0;
    let mut vlan_id = None;
    let mut vlan_proto = crate::host::ETH_P_8021Q;
    for a in &m.attributes {
        match a {
            LinkAttribute::IfName(n) => ev.name = Some(n.clone()),
            LinkAttribute::Mtu(v) => ev.mtu = Some(*v),
            LinkAttribute::Address(a) => ev.mac = <[u8; 6]>::try_from(a.as_slice()).ok(),
            LinkAttribute::Link(l) => parent = *l,
            LinkAttribute::Controller(c) => ev.master = Some(*c),
            LinkAttribute::LinkInfo(infos) => {
                for i in infos {
                    match i {
                        LinkInfo::Kind(k) => {
                            ev.kind = Some(match k {
                                InfoKind::Other(s) => s.clone(),
                                k => k.to_string(),
                            })
                        }
                        LinkInfo::Data(InfoData::Vlan(v)) => {
                            for x in v {
                                match x {
                                    InfoVlan::Id(id) => vlan_id = Some(*id),
                                    InfoVlan::Protocol(p) => vlan_proto = u16::from(*p),
                                    _ => {}
                                }
                            }
                        }
                        LinkInfo::Data(InfoData::Vrf(v)) => {
                            for x in v {
                                if let InfoVrf::TableId(t) = x {
                                    ev.vrf_table = Some(*t);
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(id) = vlan_id {
        ev.vlan = Some(VlanInfo { id, protocol: vlan_proto, parent });
    }
    Decoded::Event(Event::Link(ev))
}
