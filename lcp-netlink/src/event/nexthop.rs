//! Nexthop object events (`RTM_NEWNEXTHOP` / `RTM_DELNEXTHOP`), decoded from the raw bytes
//! (netlink-packet-route 0.34 does not know these messages).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::raw::{u16_at, u32_at, walk_attrs, NLMSG_HDRLEN};
use super::{Action, Decoded, Event, IgnoreReason};

const NHA_ID: u16 = 1;
const NHA_GROUP: u16 = 2;
const NHA_BLACKHOLE: u16 = 4;
const NHA_OIF: u16 = 5;
const NHA_GATEWAY: u16 = 6;
const NHA_ENCAP_TYPE: u16 = 7;
const NHA_ENCAP: u16 = 8;
const NHA_FDB: u16 = 11;
const LWTUNNEL_ENCAP_MPLS: u16 = 1;
const MPLS_IPTUNNEL_DST: u16 = 1;
/// Length of `struct nhmsg`.
pub(crate) const NHMSG_LEN: usize = 8;

/// What a nexthop object forwards to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum NexthopKind {
    /// One hop: an interface and/or a gateway, with optional MPLS labels.
    Single {
        /// `NHA_OIF`.
        ifindex: Option<u32>,
        /// `NHA_GATEWAY`.
        gateway: Option<IpAddr>,
        /// MPLS lwtunnel encap labels, outermost first.
        labels: Vec<u32>,
    },
    /// `NHA_BLACKHOLE`: drop.
    Blackhole,
    /// `NHA_GROUP`: member ids with their weights (the kernel's weight, i.e. the wire value + 1).
    Group(Vec<(u32, u32)>),
}

/// A nexthop object was created, replaced or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NexthopEvent {
    /// New (created or replaced) or deleted.
    pub action: Action,
    /// `NHA_ID`.
    pub id: u32,
    /// `nh_protocol`.
    pub protocol: u8,
    /// What the object forwards to (for deletes: whatever the kernel reported).
    pub kind: NexthopKind,
}

fn labels(encap: &[u8]) -> Result<Vec<u32>, String> {
    let mut out = Vec::new();
    walk_attrs(encap, |t, p| {
        if t == MPLS_IPTUNNEL_DST {
            for c in p.chunks(4) {
                let b: [u8; 4] =
                    c.try_into().map_err(|_| "MPLS label stack not a multiple of 4".to_string())?;
                out.push(u32::from_be_bytes(b) >> 12);
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// Decode a whole `RTM_NEWNEXTHOP` / `RTM_DELNEXTHOP` message (netlink header included).
pub(crate) fn decode_nexthop(raw: &[u8], action: Action) -> Decoded {
    match decode_inner(raw, action) {
        Ok(d) => d,
        Err(e) => Decoded::Malformed(e),
    }
}

fn decode_inner(raw: &[u8], action: Action) -> Result<Decoded, String> {
    let body = raw.get(NLMSG_HDRLEN..).unwrap_or(&[]);
    if body.len() < NHMSG_LEN {
        return Err(format!("nexthop message of {} bytes", raw.len()));
    }
    let family = body[0];
    let protocol = body[2];
    let mut id = None;
    let mut ifindex = None;
    let mut gateway = None;
    let mut blackhole = false;
    let mut group = None;
    let mut encap_type = 0;
    let mut encap = None;
    let mut fdb = false;
    walk_attrs(&body[NHMSG_LEN..], |t, p| {
        match t {
            NHA_ID => id = Some(u32_at(p, 0).ok_or("short NHA_ID")?),
            NHA_OIF => ifindex = Some(u32_at(p, 0).ok_or("short NHA_OIF")?).filter(|i| *i != 0),
            NHA_BLACKHOLE => blackhole = true,
            NHA_FDB => fdb = true,
            NHA_ENCAP_TYPE => encap_type = u16_at(p, 0).ok_or("short NHA_ENCAP_TYPE")?,
            NHA_ENCAP => encap = Some(p.to_vec()),
            NHA_GATEWAY => {
                gateway = Some(match p.len() {
                    4 => IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(p).map_err(|_| "gateway")?)),
                    16 => IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(p).map_err(|_| "gateway")?)),
                    n => return Err(format!("NHA_GATEWAY of {n} bytes")),
                })
            }
            NHA_GROUP => {
                if p.len() % 8 != 0 || p.is_empty() {
                    return Err(format!("NHA_GROUP of {} bytes", p.len()));
                }
                let members = p
                    .chunks(8)
                    .map(|c| {
                        let member = u32::from_ne_bytes([c[0], c[1], c[2], c[3]]);
                        // weight is the wire byte + 1; weight_high (kernel 6.12+) adds 8 bits.
                        let weight = (u32::from(c[5]) << 8 | u32::from(c[4])) + 1;
                        (member, weight)
                    })
                    .collect();
                group = Some(members);
            }
            _ => {}
        }
        Ok(())
    })?;
    let Some(id) = id else {
        return Err("nexthop message without NHA_ID".into());
    };
    if id == 0 {
        return Err("nexthop id 0".into());
    }
    if fdb {
        return Ok(Decoded::Ignored(IgnoreReason::FdbNexthop));
    }
    if family != 0 && family != libc::AF_INET as u8 && family != libc::AF_INET6 as u8 {
        return Ok(Decoded::Ignored(IgnoreReason::UnknownFamily));
    }
    let kind = if let Some(g) = group {
        NexthopKind::Group(g)
    } else if blackhole {
        NexthopKind::Blackhole
    } else {
        let labels = match (encap_type, encap) {
            (LWTUNNEL_ENCAP_MPLS, Some(e)) => labels(&e)?,
            _ => Vec::new(),
        };
        NexthopKind::Single { ifindex, gateway, labels }
    };
    Ok(Decoded::Event(Event::Nexthop(NexthopEvent { action, id, protocol, kind })))
}

/// Serialize a nexthop message (for tests and fuzzing seeds): `RTM_NEWNEXTHOP` or
/// `RTM_DELNEXTHOP` with `flags`, family `family` and the event's attributes.
pub fn encode_nexthop(ev: &NexthopEvent, family: u8, flags: u16) -> Vec<u8> {
    fn attr(out: &mut Vec<u8>, t: u16, p: &[u8]) {
        out.extend_from_slice(&((4 + p.len()) as u16).to_ne_bytes());
        out.extend_from_slice(&t.to_ne_bytes());
        out.extend_from_slice(p);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }
    let msg_type = match ev.action {
        Action::New => super::raw::RTM_NEWNEXTHOP,
        Action::Del => super::raw::RTM_DELNEXTHOP,
    };
    let mut b = vec![0u8; NLMSG_HDRLEN];
    b.extend_from_slice(&[family, 0, ev.protocol, 0, 0, 0, 0, 0]);
    attr(&mut b, NHA_ID, &ev.id.to_ne_bytes());
    match &ev.kind {
        NexthopKind::Blackhole => attr(&mut b, NHA_BLACKHOLE, &[]),
        NexthopKind::Group(g) => {
            let mut p = Vec::new();
            for (id, w) in g {
                let w = w.saturating_sub(1).min(0xffff);
                p.extend_from_slice(&id.to_ne_bytes());
                p.extend_from_slice(&[(w & 0xff) as u8, (w >> 8) as u8, 0, 0]);
            }
            attr(&mut b, NHA_GROUP, &p);
        }
        NexthopKind::Single { ifindex, gateway, labels } => {
            if let Some(i) = ifindex {
                attr(&mut b, NHA_OIF, &i.to_ne_bytes());
            }
            match gateway {
                Some(IpAddr::V4(a)) => attr(&mut b, NHA_GATEWAY, &a.octets()),
                Some(IpAddr::V6(a)) => attr(&mut b, NHA_GATEWAY, &a.octets()),
                None => {}
            }
            if !labels.is_empty() {
                attr(&mut b, NHA_ENCAP_TYPE, &LWTUNNEL_ENCAP_MPLS.to_ne_bytes());
                let mut stack = Vec::new();
                for (i, l) in labels.iter().enumerate() {
                    let bos = u32::from(i + 1 == labels.len());
                    stack.extend_from_slice(&((l << 12) | (bos << 8)).to_be_bytes());
                }
                let mut nested = Vec::new();
                attr(&mut nested, MPLS_IPTUNNEL_DST, &stack);
                attr(&mut b, NHA_ENCAP | 0x8000, &nested);
            }
        }
    }
    let len = b.len() as u32;
    b[0..4].copy_from_slice(&len.to_ne_bytes());
    b[4..6].copy_from_slice(&msg_type.to_ne_bytes());
    b[6..8].copy_from_slice(&flags.to_ne_bytes());
    b
}
