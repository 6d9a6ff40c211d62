//! Neighbour events (`RTM_NEWNEIGH` / `RTM_DELNEIGH`).

use std::net::IpAddr;

use netlink_packet_route::neighbour::{
    NeighbourAddress, NeighbourAttribute, NeighbourFlags, NeighbourMessage,
};
use netlink_packet_route::AddressFamily;

use super::{Action, Decoded, Event, IgnoreReason};

/// `NUD_INCOMPLETE`.
pub const NUD_INCOMPLETE: u16 = 0x01;
/// `NUD_REACHABLE`.
pub const NUD_REACHABLE: u16 = 0x02;
/// `NUD_STALE`.
pub const NUD_STALE: u16 = 0x04;
/// `NUD_DELAY`.
pub const NUD_DELAY: u16 = 0x08;
/// `NUD_PROBE`.
pub const NUD_PROBE: u16 = 0x10;
/// `NUD_FAILED`.
pub const NUD_FAILED: u16 = 0x20;
/// `NUD_NOARP`.
pub const NUD_NOARP: u16 = 0x40;
/// `NUD_PERMANENT`.
pub const NUD_PERMANENT: u16 = 0x80;
/// `NUD_VALID`: the states in which linux-nl installs a neighbour.
pub const NUD_VALID: u16 = NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE | NUD_PROBE | NUD_STALE | NUD_DELAY;

/// A neighbour entry was added, changed or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct NeighEvent {
    /// New/changed or removed, as the kernel said. See [`NeighEvent::installs`].
    pub action: Action,
    /// The link.
    pub ifindex: u32,
    /// `NDA_DST`.
    pub ip: IpAddr,
    /// `NDA_LLADDR` when it is a 6-byte MAC.
    pub mac: Option<[u8; 6]>,
    /// `ndm_state` (`NUD_*` bits).
    pub state: u16,
}

impl NeighEvent {
    /// Whether linux-nl would install this entry: a new entry with a MAC and a `NUD_VALID`
    /// state. Any other new entry (INCOMPLETE, FAILED, no MAC) is treated as a delete.
    pub fn installs(&self) -> bool {
        self.action == Action::New && self.mac.is_some() && self.state & NUD_VALID != 0
    }

    /// Whether the entry is static in VPP's terms (NOARP or PERMANENT), else dynamic.
    pub fn is_static(&self) -> bool {
        self.state & (NUD_NOARP | NUD_PERMANENT) != 0
    }
}

pub(crate) fn decode_neigh(m: &NeighbourMessage, action: Action) -> Decoded {
    match m.header.family {
        AddressFamily::Inet | AddressFamily::Inet6 => {}
        AddressFamily::Bridge => return Decoded::Ignored(IgnoreReason::BridgeFamily),
        _ => return Decoded::Ignored(IgnoreReason::UnknownFamily),
    }
    if m.header.flags.contains(NeighbourFlags::Proxy) {
        // `ip neigh add proxy …`: not a neighbour, and reading it as a delete would remove a
        // real entry of the same address.
        return Decoded::Ignored(IgnoreReason::ProxyNeighbour);
    }
    let mut ip = None;
    let mut mac = None;
    for a in &m.attributes {
        match a {
            NeighbourAttribute::Destination(NeighbourAddress::Inet(a)) => ip = Some(IpAddr::V4(*a)),
            NeighbourAttribute::Destination(NeighbourAddress::Inet6(a)) => ip = Some(IpAddr::V6(*a)),
            NeighbourAttribute::Destination(NeighbourAddress::Other(_)) => {
                return Decoded::Malformed("neighbour destination of an unknown family".into())
            }
            NeighbourAttribute::LinkLayerAddress(l) => mac = <[u8; 6]>::try_from(l.as_slice()).ok(),
            _ => {}
        }
    }
    let Some(ip) = ip else {
        return Decoded::Ignored(IgnoreReason::NoDestination);
    };
    if ip.is_multicast() {
        return Decoded::Ignored(IgnoreReason::Multicast);
    }
    let state = u16::from(m.header.state);
    // Entries that carry no MAC and are NOARP (e.g. on point-to-point links) cannot be
    // installed and are not a delete of anything linux-nl installed: skip them.
    if mac.is_none() && state & NUD_NOARP != 0 && state & NUD_PERMANENT == 0 {
        return Decoded::Ignored(IgnoreReason::NoArpWithoutMac);
    }
    Decoded::Event(Event::Neigh(NeighEvent { action, ifindex: m.header.ifindex, ip, mac, state }))
}
