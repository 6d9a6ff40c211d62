//! Address events (`RTM_NEWADDR` / `RTM_DELADDR`).

use std::net::IpAddr;

use netlink_packet_route::address::AddressMessage;
use netlink_packet_route::AddressFamily;

use super::{Action, Decoded, Event, IgnoreReason};

/// An interface address was added or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AddrEvent {
    /// Added or removed.
    pub action: Action,
    /// The link the address is on.
    pub ifindex: u32,
    /// `IFA_LOCAL`, or `IFA_ADDRESS` when there is no `IFA_LOCAL` (IPv6).
    pub addr: IpAddr,
    /// The prefix length.
    pub prefix_len: u8,
}

impl AddrEvent {
    /// Whether this is an IPv6 link-local address (fe80::/10), which linux-nl turns into
    /// `ip6_link_enable` / `ip6_link_set_local_address` rather than an interface address.
    pub fn is_link_local(&self) -> bool {
        matches!(self.addr, IpAddr::V6(a) if a.segments()[0] & 0xffc0 == 0xfe80)
    }
}

pub(crate) fn decode_addr(m: &AddressMessage, action: Action) -> Decoded {
    let max = match m.header.family {
        AddressFamily::Inet => 32,
        AddressFamily::Inet6 => 128,
        _ => return Decoded::Ignored(IgnoreReason::UnknownFamily),
    };
    if m.header.prefix_len > max {
        return Decoded::Malformed(format!("address prefix length {} > {max}", m.header.prefix_len));
    }
    let Some((addr, _)) = crate::host::addr::addr_of(m) else {
        return Decoded::Malformed("address message without IFA_LOCAL or IFA_ADDRESS".into());
    };
    if addr.is_ipv4() != (max == 32) {
        return Decoded::Malformed("address of the wrong family".into());
    }
    Decoded::Event(Event::Addr(AddrEvent {
        action,
        ifindex: m.header.index,
        addr,
        prefix_len: m.header.prefix_len,
    }))
}
