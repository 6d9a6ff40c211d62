//! Interface addresses and IPv6 enablement, as linux-nl applies them from
//! Linux (`ip4_add_del_interface_address`, `ip6_add_del_interface_address`,
//! `ip6_link_enable`, `ip6_link_set_local_address`, `ip6_link_disable`),
//! through `csrc/itf_l3_shim.c`.
//!
//! The changes take a [`Barrier`]: VPP's `sw_interface_add_del_address` and
//! `sw_interface_ip6_enable_disable` API handlers are not mp-safe (VPP
//! runs them under the barrier), as they add connected and local FIB
//! entries and change the interface's feature arcs, which workers read.

use crate::api::retval;
use crate::error::{Error, Result};
use crate::thread::{Barrier, MainThread};
use std::net::{IpAddr, Ipv6Addr};

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_sw_if_add_del_address(
        sw_if_index: u32,
        is_ip6: u8,
        addr: *const u8,
        len: u8,
        is_del: u8,
        err: *mut core::ffi::c_char,
        errlen: u32,
    ) -> i32;
    fn vpp_rs_ip6_link_enable(sw_if_index: u32, ll: *const u8) -> i32;
    fn vpp_rs_ip6_link_disable(sw_if_index: u32) -> i32;
    fn vpp_rs_ip6_link_is_enabled(sw_if_index: u32, ll: *mut u8) -> i32;
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
pub(super) fn no_l3_shim() -> Error {
    Error::with_retval(retval::FEATURE_DISABLED, "interface L3 changes need vpp-rs built with VPP headers")
}

/// The interface must exist (`INVALID_SW_IF_INDEX` otherwise).
fn check_sw(sw_if_index: u32) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        super::require_sw(sw_if_index)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_l3_shim())
    }
}

/// Refuse what cannot be an interface address: a prefix length beyond the
/// family's, an unspecified or multicast address.
fn check_address(addr: IpAddr, len: u8) -> Result<()> {
    let (max, bad) = match addr {
        IpAddr::V4(a) => (32, a.is_unspecified() || a.is_multicast() || a.is_broadcast()),
        IpAddr::V6(a) => (128, a.is_unspecified() || a.is_multicast()),
    };
    if len > max {
        return Err(Error::with_retval(
            retval::INVALID_VALUE,
            format!("prefix length {len} is beyond {max} for {addr}"),
        ));
    }
    if bad {
        return Err(Error::with_retval(
            retval::INVALID_ARGUMENT,
            format!("{addr} cannot be an interface address (unspecified, multicast or broadcast)"),
        ));
    }
    Ok(())
}

/// Whether `a` is an IPv6 link-local unicast address (fe80::/10).
fn is_link_local(a: &Ipv6Addr) -> bool {
    a.segments()[0] & 0xffc0 == 0xfe80
}

/// Turn a shim's retval and message buffer into a result.
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
pub(super) fn from_shim(r: i32, err: &[core::ffi::c_char], what: impl FnOnce() -> String) -> Result<()> {
    if r == 0 {
        return Ok(());
    }
    let bytes: Vec<u8> = err.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    let msg = String::from_utf8_lossy(&bytes);
    let msg = if msg.is_empty() { format!("{} failed ({r})", what()) } else { format!("{}: {msg}", what()) };
    Err(Error::with_retval(r, msg))
}

/// `ip4_add_del_interface_address` / `ip6_add_del_interface_address`: add
/// or delete `addr/len` on `sw_if_index`. Host bits are kept (VPP stores
/// the address as given). Errors: `INVALID_SW_IF_INDEX`, `INVALID_VALUE`
/// for a length beyond 32 / 128, `INVALID_ARGUMENT` for an unspecified,
/// multicast or broadcast address, else VPP's retval and message (e.g.
/// `ADDRESS_NOT_FOUND_FOR_INTERFACE` deleting an absent address, a prefix
/// that conflicts with another interface's).
pub fn add_del_address(b: &Barrier, sw_if_index: u32, addr: IpAddr, len: u8, is_del: bool) -> Result<()> {
    let _ = b;
    check_address(addr, len)?;
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        let (bytes, is_ip6) = match addr {
            IpAddr::V4(a) => {
                let mut b = [0u8; 16];
                b[..4].copy_from_slice(&a.octets());
                (b, 0u8)
            }
            IpAddr::V6(a) => (a.octets(), 1u8),
        };
        let mut err = [0 as core::ffi::c_char; 256];
        // SAFETY: barrier held (the token), the interface exists; the shim
        // reads 16 bytes of `bytes` and writes at most `err.len()` bytes.
        let r = unsafe {
            vpp_rs_sw_if_add_del_address(
                sw_if_index,
                is_ip6,
                bytes.as_ptr(),
                len,
                is_del as u8,
                err.as_mut_ptr(),
                err.len() as u32,
            )
        };
        from_shim(r, &err, || {
            format!("{} {addr}/{len} on {sw_if_index}", if is_del { "deleting" } else { "adding" })
        })
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = is_del;
        Err(no_l3_shim())
    }
}

/// `ip6_link_enable (sw_if_index, NULL)` and then, with `Some(ll)`,
/// `ip6_link_set_local_address (sw_if_index, ll)`: enable IPv6 on the
/// interface (VPP derives a link-local address from the MAC) and replace
/// its link-local address. Enabling an enabled interface is no error, but
/// VPP counts enables (`il_locks`): each successful call takes one
/// reference, which [`ip6_link_disable`] drops; IPv6 goes with the last.
/// `ll` must be link-local unicast (fe80::/10; `INVALID_ARGUMENT`
/// otherwise).
pub fn ip6_link_enable(b: &Barrier, sw_if_index: u32, link_local: Option<Ipv6Addr>) -> Result<()> {
    let _ = b;
    if let Some(ll) = link_local {
        if !is_link_local(&ll) {
            return Err(Error::with_retval(
                retval::INVALID_ARGUMENT,
                format!("{ll} is not an IPv6 link-local unicast address"),
            ));
        }
    }
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        let ll = link_local.map(|a| a.octets());
        let p = ll.as_ref().map_or(core::ptr::null(), |a| a.as_ptr());
        // SAFETY: barrier held (the token), the interface exists; `p` is
        // NULL or 16 readable bytes that outlive the call.
        let r = unsafe { vpp_rs_ip6_link_enable(sw_if_index, p) };
        from_shim(r, &[], || format!("enabling IPv6 on {sw_if_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    Err(no_l3_shim())
}

/// `ip6_link_disable`: drop one reference taken by [`ip6_link_enable`];
/// with the last, IPv6 is disabled on the interface (its link-local
/// address goes). `Err(IP6_NOT_ENABLED)` when it is not enabled.
pub fn ip6_link_disable(b: &Barrier, sw_if_index: u32) -> Result<()> {
    let _ = b;
    check_sw(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held (the token), the interface exists.
        let r = unsafe { vpp_rs_ip6_link_disable(sw_if_index) };
        from_shim(r, &[], || format!("disabling IPv6 on {sw_if_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    Err(no_l3_shim())
}

/// `ip6_link_is_enabled` (false for an unknown interface or without VPP
/// headers).
pub fn ip6_link_is_enabled(mt: &MainThread, sw_if_index: u32) -> bool {
    ip6_link_local(mt, sw_if_index).is_some()
}

/// The link-local address of an IPv6-enabled interface
/// (`ip6_get_link_local_address`), `None` when IPv6 is not enabled on it.
pub fn ip6_link_local(mt: &MainThread, sw_if_index: u32) -> Option<Ipv6Addr> {
    let _ = mt;
    check_sw(sw_if_index).ok()?;
    #[cfg(vpp_process_shim)]
    {
        let mut ll = [0u8; 16];
        // SAFETY: main thread (the token), the interface exists; the shim
        // writes 16 bytes into `ll`.
        let on = unsafe { vpp_rs_ip6_link_is_enabled(sw_if_index, ll.as_mut_ptr()) };
        (on != 0).then(|| Ipv6Addr::from(ll))
    }
    #[cfg(not(vpp_process_shim))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_checks() {
        assert!(check_address("10.0.0.1".parse().unwrap(), 24).is_ok());
        assert!(check_address("2001:db8::1".parse().unwrap(), 128).is_ok());
        assert_eq!(
            check_address("10.0.0.1".parse().unwrap(), 33).unwrap_err().retval(),
            retval::INVALID_VALUE
        );
        assert_eq!(
            check_address("2001:db8::1".parse().unwrap(), 129).unwrap_err().retval(),
            retval::INVALID_VALUE
        );
        for bad in ["0.0.0.0", "239.1.1.1", "::", "ff02::1"] {
            assert_eq!(
                check_address(bad.parse().unwrap(), 8).unwrap_err().retval(),
                retval::INVALID_ARGUMENT
            );
        }
        assert!(is_link_local(&"fe80::1".parse().unwrap()));
        assert!(is_link_local(&"febf::1".parse().unwrap()));
        assert!(!is_link_local(&"fec0::1".parse().unwrap()));
        assert!(!is_link_local(&"2001:db8::1".parse().unwrap()));
    }

    #[test]
    fn shim_errors() {
        assert!(from_shim(0, &[], || unreachable!()).is_ok());
        let msg: Vec<core::ffi::c_char> = b"boom\0junk".iter().map(|&c| c as core::ffi::c_char).collect();
        let e = from_shim(-7, &msg, || "x".into()).unwrap_err();
        assert_eq!((e.retval(), e.message()), (-7, "x: boom"));
        let e = from_shim(-1, &[], || "y".into()).unwrap_err();
        assert_eq!(e.message(), "y failed (-1)");
    }
}
