//! Address families and prefixes of FIB entries.

use crate::api::retval;
use crate::error::{Error, Result};
use crate::sys;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A FIB protocol (`fib_protocol_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proto {
    /// `FIB_PROTOCOL_IP4`.
    Ip4,
    /// `FIB_PROTOCOL_IP6`.
    Ip6,
    /// `FIB_PROTOCOL_MPLS`.
    Mpls,
}

impl Proto {
    /// VPP's `fib_protocol_t` value.
    pub fn raw(self) -> u8 {
        match self {
            Proto::Ip4 => sys::FIB_PROTOCOL_IP4,
            Proto::Ip6 => sys::FIB_PROTOCOL_IP6,
            Proto::Mpls => sys::FIB_PROTOCOL_MPLS,
        }
    }

    #[cfg_attr(not(vpp_process_shim), allow(dead_code))]
    pub(crate) fn from_raw(v: u8) -> Option<Proto> {
        match v {
            sys::FIB_PROTOCOL_IP4 => Some(Proto::Ip4),
            sys::FIB_PROTOCOL_IP6 => Some(Proto::Ip6),
            sys::FIB_PROTOCOL_MPLS => Some(Proto::Mpls),
            _ => None,
        }
    }

    /// The protocol of an address.
    pub fn of(ip: &IpAddr) -> Proto {
        match ip {
            IpAddr::V4(_) => Proto::Ip4,
            IpAddr::V6(_) => Proto::Ip6,
        }
    }
}

/// The key of a FIB entry. Host bits of IP prefixes are cleared when the
/// route is installed (VPP's `fib_prefix_normalize`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Prefix {
    /// An IPv4 prefix: address and length (0..=32).
    V4(Ipv4Addr, u8),
    /// An IPv6 prefix: address and length (0..=128).
    V6(Ipv6Addr, u8),
    /// An MPLS local label (0..=2^20-1) and end-of-stack bit; an EOS entry's
    /// payload protocol is the first path's protocol.
    Mpls {
        /// The local label.
        label: u32,
        /// End of stack.
        eos: bool,
    },
}

impl Prefix {
    /// The protocol of the table the prefix lives in.
    pub fn proto(&self) -> Proto {
        match self {
            Prefix::V4(..) => Proto::Ip4,
            Prefix::V6(..) => Proto::Ip6,
            Prefix::Mpls { .. } => Proto::Mpls,
        }
    }

    /// An IP prefix from an address of either family.
    pub fn ip(addr: IpAddr, len: u8) -> Prefix {
        match addr {
            IpAddr::V4(a) => Prefix::V4(a, len),
            IpAddr::V6(a) => Prefix::V6(a, len),
        }
    }

    /// Err(INVALID_VALUE) for a length or label out of range.
    pub(crate) fn check(&self) -> Result<()> {
        let bad = match *self {
            Prefix::V4(_, l) => l > 32,
            Prefix::V6(_, l) => l > 128,
            Prefix::Mpls { label, .. } => label > sys::MPLS_IETF_MAX_LABEL,
        };
        if bad {
            return Err(Error::with_retval(retval::INVALID_VALUE, format!("bad prefix {self}")));
        }
        Ok(())
    }

    #[cfg_attr(not(vpp_process_shim), allow(dead_code))]
    pub(crate) fn to_raw(self) -> sys::vpp_rs_fib_prefix_t {
        let mut p = sys::vpp_rs_fib_prefix_t { proto: self.proto().raw(), ..Default::default() };
        match self {
            Prefix::V4(a, l) => {
                p.len = l;
                p.addr[..4].copy_from_slice(&a.octets());
            }
            Prefix::V6(a, l) => {
                p.len = l;
                p.addr = a.octets();
            }
            Prefix::Mpls { label, eos } => {
                p.len = 21;
                p.label = label;
                p.eos = eos as u8;
            }
        }
        p
    }

    #[cfg_attr(not(vpp_process_shim), allow(dead_code))]
    pub(crate) fn from_raw(p: &sys::vpp_rs_fib_prefix_t) -> Option<Prefix> {
        Some(match Proto::from_raw(p.proto)? {
            Proto::Ip4 => Prefix::V4(Ipv4Addr::new(p.addr[0], p.addr[1], p.addr[2], p.addr[3]), p.len),
            Proto::Ip6 => Prefix::V6(Ipv6Addr::from(p.addr), p.len),
            Proto::Mpls => Prefix::Mpls { label: p.label, eos: p.eos != 0 },
        })
    }
}

impl core::fmt::Display for Prefix {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Prefix::V4(a, l) => write!(f, "{a}/{l}"),
            Prefix::V6(a, l) => write!(f, "{a}/{l}"),
            Prefix::Mpls { label, eos } => write!(f, "{label}:{}", if *eos { "eos" } else { "neos" }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_round_trip_and_checks() {
        for p in [
            Prefix::V4("10.1.2.0".parse().unwrap(), 24),
            Prefix::V6("2001:db8::".parse().unwrap(), 64),
            Prefix::Mpls { label: 99, eos: true },
        ] {
            assert_eq!(Prefix::from_raw(&p.to_raw()), Some(p));
            assert!(p.check().is_ok());
        }
        assert_eq!(
            Prefix::V4(Ipv4Addr::UNSPECIFIED, 33).check().unwrap_err().retval(),
            retval::INVALID_VALUE
        );
        assert!(Prefix::V6(Ipv6Addr::UNSPECIFIED, 129).check().is_err());
        assert!(Prefix::Mpls { label: 1 << 20, eos: false }.check().is_err());
        assert_eq!(Prefix::V4("1.2.3.4".parse().unwrap(), 32).to_raw().addr[..4], [1, 2, 3, 4]);
    }
}
