//! Route paths.

use super::prefix::Proto;
use crate::api::retval;
use crate::error::{Error, Result};
use crate::sys;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Out labels a path can carry.
pub const MAX_LABELS: usize = sys::VPP_RS_FIB_MAX_LABELS as usize;
/// The largest MPLS label value (`MPLS_IETF_MAX_LABEL`, 2^20-1).
pub const MPLS_LABEL_MAX: u32 = sys::MPLS_IETF_MAX_LABEL;
/// The out label that pops (`MPLS_LABEL_POP`).
pub const MPLS_LABEL_POP: u32 = sys::MPLS_LABEL_POP;

/// What a path does (`FIB_ROUTE_PATH_*` flags).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PathKind {
    /// Forward via a next hop and/or an interface.
    Normal,
    /// `FIB_ROUTE_PATH_DROP` (a blackhole).
    Drop,
    /// `FIB_ROUTE_PATH_ICMP_UNREACH`.
    IcmpUnreach,
    /// `FIB_ROUTE_PATH_ICMP_PROHIBIT`.
    IcmpProhibit,
    /// `FIB_ROUTE_PATH_LOCAL` (receive).
    Local,
}

/// One path of a route.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path {
    /// What the path does.
    pub kind: PathKind,
    /// The next hop's (payload) protocol (`frp_proto`).
    pub proto: Proto,
    /// The outgoing interface; `u32::MAX`: none (recursive via `next_hop`).
    pub sw_if_index: u32,
    /// The next hop; `None`: attached (via the interface).
    pub next_hop: Option<IpAddr>,
    /// ECMP weight; 0 is installed as 1 (as VPP does).
    pub weight: u8,
    /// Preference (lower is preferred).
    pub preference: u8,
    /// Out labels, outermost first (each at most [`MPLS_LABEL_MAX`], or
    /// [`MPLS_LABEL_POP`]; at most [`MAX_LABELS`]).
    pub labels: Vec<u32>,
}

impl Path {
    /// A path via `next_hop` out of `sw_if_index` with weight 1.
    pub fn via(next_hop: IpAddr, sw_if_index: u32) -> Path {
        Path {
            kind: PathKind::Normal,
            proto: Proto::of(&next_hop),
            sw_if_index,
            next_hop: Some(next_hop),
            weight: 1,
            preference: 0,
            labels: Vec::new(),
        }
    }

    /// A path without next hop or interface of `kind` (drop, ICMP, local).
    pub fn special(kind: PathKind, proto: Proto) -> Path {
        Path {
            kind,
            proto,
            sw_if_index: u32::MAX,
            next_hop: None,
            weight: 1,
            preference: 0,
            labels: Vec::new(),
        }
    }

    /// Err(INVALID_VALUE_2) for bad labels, Err(INVALID_ADDRESS_FAMILY) for
    /// a next hop of the wrong family, Err(NO_PATHS_IN_ROUTE) for a normal
    /// path with neither next hop nor interface.
    pub(crate) fn to_raw(&self) -> Result<sys::vpp_rs_fib_path_t> {
        if self.labels.len() > MAX_LABELS {
            return Err(Error::with_retval(
                retval::INVALID_VALUE_2,
                format!("{} out labels (at most {MAX_LABELS})", self.labels.len()),
            ));
        }
        if let Some(l) = self.labels.iter().find(|&&l| l > MPLS_LABEL_MAX && l != MPLS_LABEL_POP) {
            return Err(Error::with_retval(retval::INVALID_VALUE_2, format!("bad MPLS label {l}")));
        }
        if self.kind == PathKind::Normal && self.next_hop.is_none() && self.sw_if_index == u32::MAX {
            return Err(Error::with_retval(
                retval::NO_PATHS_IN_ROUTE,
                "a path needs a next hop or an interface",
            ));
        }
        let mut r = sys::vpp_rs_fib_path_t {
            kind: match self.kind {
                PathKind::Normal => sys::VPP_RS_FIB_PATH_NORMAL,
                PathKind::Drop => sys::VPP_RS_FIB_PATH_DROP,
                PathKind::IcmpUnreach => sys::VPP_RS_FIB_PATH_ICMP_UNREACH,
                PathKind::IcmpProhibit => sys::VPP_RS_FIB_PATH_ICMP_PROHIBIT,
                PathKind::Local => sys::VPP_RS_FIB_PATH_LOCAL,
            },
            proto: self.proto.raw(),
            weight: self.weight.max(1),
            pref: self.preference,
            sw_if_index: self.sw_if_index,
            n_labels: self.labels.len() as u8,
            ..Default::default()
        };
        match self.next_hop {
            Some(IpAddr::V4(a)) => {
                if self.proto == Proto::Ip6 {
                    return Err(Error::with_retval(
                        retval::INVALID_ADDRESS_FAMILY,
                        "IPv4 next hop on an IPv6 path",
                    ));
                }
                r.has_nh = 1;
                r.nh[..4].copy_from_slice(&a.octets());
            }
            Some(IpAddr::V6(a)) => {
                if self.proto == Proto::Ip4 {
                    return Err(Error::with_retval(
                        retval::INVALID_ADDRESS_FAMILY,
                        "IPv6 next hop on an IPv4 path",
                    ));
                }
                r.has_nh = 1;
                r.nh_is_ip6 = 1;
                r.nh = a.octets();
            }
            None => {}
        }
        r.labels[..self.labels.len()].copy_from_slice(&self.labels);
        Ok(r)
    }

    #[cfg_attr(not(vpp_process_shim), allow(dead_code))]
    pub(crate) fn from_raw(r: &sys::vpp_rs_fib_path_t) -> Path {
        let next_hop = (r.has_nh != 0).then(|| {
            if r.nh_is_ip6 != 0 {
                IpAddr::V6(Ipv6Addr::from(r.nh))
            } else {
                IpAddr::V4(Ipv4Addr::new(r.nh[0], r.nh[1], r.nh[2], r.nh[3]))
            }
        });
        Path {
            kind: match r.kind {
                sys::VPP_RS_FIB_PATH_DROP => PathKind::Drop,
                sys::VPP_RS_FIB_PATH_ICMP_UNREACH => PathKind::IcmpUnreach,
                sys::VPP_RS_FIB_PATH_ICMP_PROHIBIT => PathKind::IcmpProhibit,
                sys::VPP_RS_FIB_PATH_LOCAL => PathKind::Local,
                _ => PathKind::Normal,
            },
            proto: Proto::from_raw(r.proto).unwrap_or(Proto::Ip4),
            sw_if_index: r.sw_if_index,
            next_hop,
            weight: r.weight,
            preference: r.pref,
            labels: r.labels[..(r.n_labels as usize).min(MAX_LABELS)].to_vec(),
        }
    }
}

/// The flat paths of `paths` for the shim.
pub(crate) fn raw_paths(paths: &[Path]) -> Result<Vec<sys::vpp_rs_fib_path_t>> {
    let mut v = Vec::with_capacity(paths.len());
    raw_paths_into(paths, &mut v)?;
    Ok(v)
}

/// [`raw_paths`], appended to `out` (left as it was on error).
pub(crate) fn raw_paths_into(paths: &[Path], out: &mut Vec<sys::vpp_rs_fib_path_t>) -> Result<()> {
    if paths.is_empty() {
        return Err(Error::with_retval(retval::NO_PATHS_IN_ROUTE, "no paths"));
    }
    let first = out.len();
    for p in paths {
        match p.to_raw() {
            Ok(r) => out.push(r),
            Err(e) => {
                out.truncate(first);
                return Err(e);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_input() {
        let mut p = Path::via("10.0.0.2".parse().unwrap(), 3);
        p.weight = 0;
        p.labels = vec![100, MPLS_LABEL_POP];
        let r = p.to_raw().unwrap();
        assert_eq!(r.weight, 1, "weight 0 is installed as 1");
        p.weight = 1;
        assert_eq!(Path::from_raw(&r), p);
        let v6 = Path::via("2001:db8::1".parse().unwrap(), 1);
        assert_eq!(Path::from_raw(&v6.to_raw().unwrap()), v6);
        let d = Path::special(PathKind::IcmpProhibit, Proto::Ip6);
        assert_eq!(Path::from_raw(&d.to_raw().unwrap()), d);

        p.labels = vec![1 << 20];
        assert_eq!(p.to_raw().unwrap_err().retval(), retval::INVALID_VALUE_2);
        p.labels = vec![1; 17];
        assert_eq!(p.to_raw().unwrap_err().retval(), retval::INVALID_VALUE_2);
        p.labels.clear();
        p.proto = Proto::Ip6;
        assert_eq!(p.to_raw().unwrap_err().retval(), retval::INVALID_ADDRESS_FAMILY);
        let none = Path { next_hop: None, sw_if_index: u32::MAX, ..Path::via("1.1.1.1".parse().unwrap(), 0) };
        assert_eq!(none.to_raw().unwrap_err().retval(), retval::NO_PATHS_IN_ROUTE);
        assert_eq!(raw_paths(&[]).unwrap_err().retval(), retval::NO_PATHS_IN_ROUTE);
    }
}
