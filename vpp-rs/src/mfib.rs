//! VPP's multicast FIB (`vnet/mfib/mfib_table.h`) as linux-nl uses it:
//! the mfib table beside each unicast table, its link-local specials with a
//! LOCAL FORWARD path, and per-interface ACCEPT paths. Everything is done
//! as `MFIB_SOURCE_PLUGIN_LOW`.
//!
//! Threads as in [`crate::fib`]: creating/destroying tables takes
//! [`Barrier`]; path changes take [`MainThread`]. Without VPP headers every
//! call answers `FEATURE_DISABLED`.

use crate::api::retval;
use crate::error::{Error, Result};
use crate::fib::Proto;
use crate::thread::{Barrier, MainThread};
use std::net::IpAddr;

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_mfib_table_lock(proto: u8, table_id: u32, mfib_index: *mut u32) -> i32;
    fn vpp_rs_mfib_table_unlock(proto: u8, mfib_index: u32) -> i32;
    fn vpp_rs_mfib_local_forward(proto: u8, mfib_index: u32, group: *const u8, len: u8, is_del: u8) -> i32;
    fn vpp_rs_mfib_accept_interface(
        proto: u8,
        mfib_index: u32,
        group: *const u8,
        len: u8,
        sw_if_index: u32,
        is_del: u8,
    ) -> i32;
    fn vpp_rs_mfib_table_of_interface(proto: u8, sw_if_index: u32, mfib_index: *mut u32) -> i32;
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::with_retval(retval::FEATURE_DISABLED, "the mFIB needs vpp-rs built with VPP headers")
}

#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
fn check(rv: i32, what: impl FnOnce() -> String) -> Result<()> {
    if rv == 0 {
        Ok(())
    } else {
        Err(Error::with_retval(rv, format!("{}: {}", what(), retval::message(rv).unwrap_or("error"))))
    }
}

fn ip_proto(proto: Proto) -> Result<u8> {
    match proto {
        Proto::Ip4 | Proto::Ip6 => Ok(proto.raw()),
        Proto::Mpls => Err(Error::with_retval(retval::INVALID_ADDRESS_FAMILY, "no MPLS multicast FIB")),
    }
}

/// The group as 16 bytes (IPv4 in 0..3), checked against `proto` and `len`.
fn group_bytes(proto: Proto, group: IpAddr, len: u8) -> Result<[u8; 16]> {
    let mut b = [0u8; 16];
    match (proto, group) {
        (Proto::Ip4, IpAddr::V4(a)) if len <= 32 => b[..4].copy_from_slice(&a.octets()),
        (Proto::Ip6, IpAddr::V6(a)) if len <= 128 => b = a.octets(),
        (Proto::Ip4, IpAddr::V4(_)) | (Proto::Ip6, IpAddr::V6(_)) => {
            return Err(Error::with_retval(retval::INVALID_VALUE, format!("bad group {group}/{len}")))
        }
        _ => {
            return Err(Error::with_retval(
                retval::INVALID_ADDRESS_FAMILY,
                format!("group {group} is not {proto:?}"),
            ))
        }
    }
    Ok(b)
}

/// `mfib_table_find_or_create_and_lock(proto, table_id, MFIB_SOURCE_PLUGIN_LOW)`:
/// the mfib_index (IPv4 or IPv6 only).
pub fn table_lock(b: &Barrier, proto: Proto, table_id: u32) -> Result<u32> {
    let p = ip_proto(proto)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = b;
        let mut i = u32::MAX;
        // SAFETY: barrier held (the table pools grow); `i` is writable.
        let rv = unsafe { vpp_rs_mfib_table_lock(p, table_id, &mut i) };
        check(rv, || format!("cannot lock {proto:?} mfib table {table_id}"))?;
        Ok(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, p, table_id);
        Err(no_shim())
    }
}

/// `mfib_table_unlock(mfib_index, proto, MFIB_SOURCE_PLUGIN_LOW)`.
/// Err(NO_SUCH_FIB) for an unknown table, Err(NO_SUCH_ENTRY) when the
/// plugin source holds no lock on it.
pub fn table_unlock(b: &Barrier, proto: Proto, mfib_index: u32) -> Result<()> {
    let p = ip_proto(proto)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = b;
        // SAFETY: barrier held; the shim checks index and lock count.
        let rv = unsafe { vpp_rs_mfib_table_unlock(p, mfib_index) };
        check(rv, || format!("cannot unlock {proto:?} mfib_index {mfib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, p, mfib_index);
        Err(no_shim())
    }
}

fn local_forward(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
    del: bool,
) -> Result<()> {
    let p = ip_proto(proto)?;
    let g = group_bytes(proto, group, len)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        // SAFETY: main thread; `g` is 16 readable bytes; the shim checks.
        let rv = unsafe { vpp_rs_mfib_local_forward(p, mfib_index, g.as_ptr(), len, del as u8) };
        check(rv, || format!("(*,{group}/{len}) local forward in mfib_index {mfib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, p, g, mfib_index, del);
        Err(no_shim())
    }
}

/// linux-nl's table specials: a LOCAL FORWARD path on (*,group/len), e.g.
/// (*,224.0.0.0/24) or (*,ff00::/8).
pub fn add_local_forward(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
) -> Result<()> {
    local_forward(mt, proto, mfib_index, group, len, false)
}

/// Removes what [`add_local_forward`] added. Err(NO_SUCH_ENTRY) when
/// there is no (*,group/len) entry.
pub fn remove_local_forward(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
) -> Result<()> {
    local_forward(mt, proto, mfib_index, group, len, true)
}

fn accept(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
    sw_if_index: u32,
    del: bool,
) -> Result<()> {
    let p = ip_proto(proto)?;
    let g = group_bytes(proto, group, len)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        // SAFETY: main thread; `g` is 16 readable bytes; the shim checks
        // index, interface and prefix.
        let rv =
            unsafe { vpp_rs_mfib_accept_interface(p, mfib_index, g.as_ptr(), len, sw_if_index, del as u8) };
        check(rv, || format!("(*,{group}/{len}) accept on {sw_if_index} in mfib_index {mfib_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, p, g, mfib_index, sw_if_index, del);
        Err(no_shim())
    }
}

/// An ACCEPT path for `sw_if_index` on (*,group/len) (linux-nl adds one per
/// interface on (*,224.0.0.0/24) and (*,ff00::/8) of the interface's table).
pub fn add_accept_interface(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
    sw_if_index: u32,
) -> Result<()> {
    accept(mt, proto, mfib_index, group, len, sw_if_index, false)
}

/// Removes what [`add_accept_interface`] added.
pub fn remove_accept_interface(
    mt: &MainThread,
    proto: Proto,
    mfib_index: u32,
    group: IpAddr,
    len: u8,
    sw_if_index: u32,
) -> Result<()> {
    accept(mt, proto, mfib_index, group, len, sw_if_index, true)
}

/// `mfib_table_get_index_for_sw_if_index`. Err(INVALID_SW_IF_INDEX) for
/// no such interface.
pub fn table_of_interface(mt: &MainThread, proto: Proto, sw_if_index: u32) -> Result<u32> {
    let p = ip_proto(proto)?;
    #[cfg(vpp_process_shim)]
    {
        let _ = mt;
        let mut i = u32::MAX;
        // SAFETY: main thread; the shim checks the interface; `i` is writable.
        let rv = unsafe { vpp_rs_mfib_table_of_interface(p, sw_if_index, &mut i) };
        check(rv, || format!("no {proto:?} mfib table of interface {sw_if_index}"))?;
        Ok(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, p, sw_if_index);
        Err(no_shim())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_checked() {
        let g4: IpAddr = "224.0.0.0".parse().unwrap();
        let g6: IpAddr = "ff00::".parse().unwrap();
        assert_eq!(group_bytes(Proto::Ip4, g4, 24).unwrap()[..4], [224, 0, 0, 0]);
        assert_eq!(group_bytes(Proto::Ip6, g6, 8).unwrap()[0], 0xff);
        assert_eq!(group_bytes(Proto::Ip4, g4, 33).unwrap_err().retval(), retval::INVALID_VALUE);
        assert_eq!(group_bytes(Proto::Ip4, g6, 8).unwrap_err().retval(), retval::INVALID_ADDRESS_FAMILY);
        assert_eq!(ip_proto(Proto::Mpls).unwrap_err().retval(), retval::INVALID_ADDRESS_FAMILY);
    }
}
