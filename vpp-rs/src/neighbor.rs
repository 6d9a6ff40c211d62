//! IP neighbours (VPP's ARP / ND table, `vnet/ip-neighbor`): add, replace,
//! delete, list, and the mark-and-sweep linux-nl uses to resynchronise
//! with Linux's neighbour table.
//!
//! The calls go through `csrc/neighbor_shim.c`, which builds VPP's
//! `ip_address_t` and `mac_address_t` from plain bytes. Without VPP headers
//! every call answers `FEATURE_DISABLED`.
//!
//! # Which token
//!
//! VPP's `ip_neighbor_add_del` API handler is not marked mp-safe
//! (`ip_neighbor_api.c` sets no `is_mp_safe`), so VPP runs it under the
//! worker barrier: adding, replacing or deleting a neighbour changes
//! adjacency rewrites and adj-fib entries that workers read. [`add`],
//! [`del`] and [`sweep`] (which deletes) therefore take a [`Barrier`].
//! [`list`] and [`mark`] only read, resp. set a flag in, the neighbour
//! pool, which only the main thread uses: a [`MainThread`] is enough.

use crate::api::retval;
use crate::error::{Error, Result};
use crate::ip::Af;
use crate::thread::{Barrier, MainThread};
use std::net::IpAddr;

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_ip_neighbor_add(
        sw_if_index: u32,
        is_ip6: u8,
        ip: *const u8,
        mac: *const u8,
        is_static: u8,
        stats_index: *mut u32,
    ) -> i32;
    fn vpp_rs_ip_neighbor_del(sw_if_index: u32, is_ip6: u8, ip: *const u8) -> i32;
    fn vpp_rs_ip_neighbor_list(
        is_ip6: u8,
        sw_if_index: u32,
        sw_if_indexes: *mut u32,
        ips: *mut u8,
        macs: *mut u8,
        flags: *mut u8,
        ages: *mut f64,
        max: u32,
    ) -> u32;
    fn vpp_rs_ip_neighbor_mark(is_ip6: u8, sw_if_index: u32);
    fn vpp_rs_ip_neighbor_sweep(is_ip6: u8);
}

/// `IP_NEIGHBOR_FLAG_STATIC` (vnet/ip-neighbor/ip_neighbor_types.h).
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
const FLAG_STATIC: u8 = 1 << 0;
/// `IP_NEIGHBOR_FLAG_STALE`: marked by [`mark`], not refreshed since.
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
const FLAG_STALE: u8 = 1 << 4;

/// One entry of VPP's neighbour table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Neighbor {
    /// The interface it was learnt or configured on.
    pub sw_if_index: u32,
    /// Its IP address.
    pub ip: IpAddr,
    /// Its MAC address.
    pub mac: [u8; 6],
    /// `IP_NEIGHBOR_FLAG_STATIC` (else dynamic: subject to ageing).
    pub is_static: bool,
    /// `IP_NEIGHBOR_FLAG_STALE`: marked by [`mark`] and neither re-added nor
    /// swept since.
    pub is_stale: bool,
    /// Seconds since VPP last updated it.
    pub age_s: f64,
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::with_retval(retval::FEATURE_DISABLED, "neighbours need vpp-rs built with VPP headers")
}

/// The address as 16 bytes (IPv4 in the first 4) and whether it is IPv6.
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
fn ip_bytes(ip: IpAddr) -> ([u8; 16], u8) {
    let mut b = [0u8; 16];
    match ip {
        IpAddr::V4(a) => {
            b[..4].copy_from_slice(&a.octets());
            (b, 0)
        }
        IpAddr::V6(a) => (a.octets(), 1),
    }
}

/// Refuse addresses that cannot be a neighbour: unspecified, multicast and
/// the IPv4 limited broadcast.
fn check_ip(ip: IpAddr) -> Result<()> {
    let bad = match ip {
        IpAddr::V4(a) => a.is_unspecified() || a.is_multicast() || a.is_broadcast(),
        IpAddr::V6(a) => a.is_unspecified() || a.is_multicast(),
    };
    if bad {
        return Err(Error::with_retval(
            retval::INVALID_ARGUMENT,
            format!("{ip} cannot be a neighbour (unspecified, multicast or broadcast)"),
        ));
    }
    Ok(())
}

fn check_sw(sw_if_index: u32) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        crate::interface::require_sw(sw_if_index)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// `ip_neighbor_add`: add `ip` → `mac` on `sw_if_index`, static
/// (`IP_NEIGHBOR_FLAG_STATIC`, never aged) or dynamic, or replace the MAC
/// of the existing entry. A dynamic entry becomes static when added again
/// as static; VPP refuses to replace the MAC of a static entry with a
/// dynamic add (`Err(INVALID_VALUE)`). Returns the neighbour adjacency's
/// index (the "stats index" of `ip_neighbor_add`), `u32::MAX` when there is
/// none yet.
///
/// Errors: `INVALID_SW_IF_INDEX` for an unknown interface,
/// `INVALID_ARGUMENT` for an unspecified, multicast or broadcast `ip`,
/// VPP's retval otherwise (e.g. `LIMIT_EXCEEDED` when the table is full).
pub fn add(b: &Barrier, sw_if_index: u32, ip: IpAddr, mac: [u8; 6], is_static: bool) -> Result<u32> {
    let _ = b;
    check_ip(ip)?;
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        let (bytes, is_ip6) = ip_bytes(ip);
        let mut stats = u32::MAX;
        // SAFETY: barrier held (the token), the interface exists; the shim
        // reads 16 + 6 bytes from our arrays and writes one u32.
        let r = unsafe {
            vpp_rs_ip_neighbor_add(
                sw_if_index,
                is_ip6,
                bytes.as_ptr(),
                mac.as_ptr(),
                is_static as u8,
                &mut stats,
            )
        };
        match r {
            0 => Ok(stats),
            // ip_neighbor_add's own -2 (not VNET_API_ERROR_INVALID_SW_IF_INDEX:
            // the interface was checked above).
            -2 => Err(Error::with_retval(
                retval::INVALID_VALUE,
                format!("{ip} on {sw_if_index} is static: a dynamic add does not replace its MAC"),
            )),
            r => Err(Error::with_retval(r, format!("ip_neighbor_add {ip} on {sw_if_index} failed ({r})"))),
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mac, is_static);
        Err(no_shim())
    }
}

/// `ip_neighbor_del`: delete the neighbour `ip` of `sw_if_index`
/// (`Err(NO_SUCH_ENTRY)` when there is none, `INVALID_SW_IF_INDEX` for an
/// unknown interface).
pub fn del(b: &Barrier, sw_if_index: u32, ip: IpAddr) -> Result<()> {
    let _ = b;
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        let (bytes, is_ip6) = ip_bytes(ip);
        // SAFETY: barrier held (the token), the interface exists; the shim
        // reads 16 bytes from `bytes`.
        let r = unsafe { vpp_rs_ip_neighbor_del(sw_if_index, is_ip6, bytes.as_ptr()) };
        match r {
            0 => Ok(()),
            r => Err(Error::with_retval(r, format!("no neighbour {ip} on {sw_if_index}"))),
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = ip;
        Err(no_shim())
    }
}

/// `ip_neighbor_walk`: the neighbours of family `af` on `sw_if_index`
/// (`u32::MAX`: on every interface), in VPP's order.
pub fn list(mt: &MainThread, af: Af, sw_if_index: u32) -> Result<Vec<Neighbor>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let is_ip6 = (af == Af::Ip6) as u8;
        let mut cap = 64usize;
        loop {
            let mut sws = vec![0u32; cap];
            let mut ips = vec![0u8; 16 * cap];
            let mut macs = vec![0u8; 6 * cap];
            let mut flags = vec![0u8; cap];
            let mut ages = vec![0f64; cap];
            // SAFETY: main thread (the token), where the neighbour pool is
            // stable; the shim writes at most `cap` entries into arrays of
            // that many entries (16 / 6 bytes each for ips / macs).
            let n = unsafe {
                vpp_rs_ip_neighbor_list(
                    is_ip6,
                    sw_if_index,
                    sws.as_mut_ptr(),
                    ips.as_mut_ptr(),
                    macs.as_mut_ptr(),
                    flags.as_mut_ptr(),
                    ages.as_mut_ptr(),
                    cap as u32,
                )
            } as usize;
            if n > cap {
                cap = n;
                continue;
            }
            return Ok((0..n)
                .map(|i| {
                    let raw = &ips[16 * i..16 * i + 16];
                    let ip = match af {
                        Af::Ip4 => IpAddr::from([raw[0], raw[1], raw[2], raw[3]]),
                        Af::Ip6 => {
                            let mut a = [0u8; 16];
                            a.copy_from_slice(raw);
                            IpAddr::from(a)
                        }
                    };
                    let mut mac = [0u8; 6];
                    mac.copy_from_slice(&macs[6 * i..6 * i + 6]);
                    Neighbor {
                        sw_if_index: sws[i],
                        ip,
                        mac,
                        is_static: flags[i] & FLAG_STATIC != 0,
                        is_stale: flags[i] & FLAG_STALE != 0,
                        age_s: ages[i],
                    }
                })
                .collect());
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (af, sw_if_index);
        Err(no_shim())
    }
}

/// Mark every neighbour of family `af` on `sw_if_index` stale
/// (`ip_neighbor_walk` with `ip_neighbor_mark_one`, as linux-nl does before
/// a resync). Re-adding an entry ([`add`]) unmarks it; [`sweep`] deletes
/// the entries still marked. `INVALID_SW_IF_INDEX` for an unknown
/// interface.
pub fn mark(mt: &MainThread, af: Af, sw_if_index: u32) -> Result<()> {
    let _ = mt;
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    // SAFETY: main thread (the token); the walk only sets a flag in the
    // neighbour pool, which workers do not read.
    unsafe {
        vpp_rs_ip_neighbor_mark((af == Af::Ip6) as u8, sw_if_index)
    };
    #[cfg(not(vpp_process_shim))]
    let _ = af;
    Ok(())
}

/// `ip_neighbor_sweep`: delete every neighbour of family `af`, on any
/// interface, that is still marked stale.
pub fn sweep(b: &Barrier, af: Af) -> Result<()> {
    let _ = b;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held (the token): deleting neighbours changes
        // adjacencies and FIB entries the workers read.
        unsafe { vpp_rs_ip_neighbor_sweep((af == Af::Ip6) as u8) };
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = af;
        Err(no_shim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn neighbour_addresses() {
        assert!(check_ip(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1))).is_ok());
        assert!(check_ip("fe80::1".parse().unwrap()).is_ok());
        for bad in ["0.0.0.0", "224.0.0.5", "255.255.255.255", "::", "ff02::1"] {
            let e = check_ip(bad.parse().unwrap()).unwrap_err();
            assert_eq!(e.retval(), retval::INVALID_ARGUMENT, "{bad}");
        }
        let (b, v6) = ip_bytes(IpAddr::V4(Ipv4Addr::new(1, 2, 3, 4)));
        assert_eq!((&b[..4], v6), (&[1, 2, 3, 4][..], 0));
        assert!(b[4..].iter().all(|&x| x == 0));
        let (b, v6) = ip_bytes(IpAddr::V6(Ipv6Addr::LOCALHOST));
        assert_eq!((b[15], v6), (1, 1));
    }
}
