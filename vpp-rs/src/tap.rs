//! VPP's tap plugin (`tap_plugin.so`): create and delete TAP/TUN interfaces
//! whose Linux side is a named interface in a chosen network namespace,
//! and set their carrier and speed.
//!
//! The functions are looked up at run time (`vlib_get_plugin_symbol`, as
//! tap.h's inlines do), so a plugin using this module needs no link-time
//! dependency on `tap_plugin.so`; without it every call answers an error
//! (`FEATURE_DISABLED`, like tap.h).

use crate::api::retval;
use crate::error::{Error, Result};
use crate::thread::{Barrier, MainThread};

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_tap_create(
        vm: *mut crate::sys::vlib_main_t,
        host_if_name: *const core::ffi::c_char,
        host_ns: *const core::ffi::c_char,
        is_tun: u8,
        host_mac: *const u8,
        host_mtu: u32,
        num_rx_queues: u16,
        num_tx_queues: u16,
        auto_id_offset: u32,
        sw_if_index: *mut u32,
        err: *mut core::ffi::c_char,
        errlen: u32,
    ) -> i32;
    fn vpp_rs_tap_delete(vm: *mut crate::sys::vlib_main_t, sw_if_index: u32) -> i32;
    fn vpp_rs_tap_get_ifindex(vm: *mut crate::sys::vlib_main_t, sw_if_index: u32) -> u32;
    fn vpp_rs_tap_set_carrier(hw_if_index: u32, carrier_up: u32) -> i32;
    fn vpp_rs_tap_set_speed(hw_if_index: u32, speed: u32) -> i32;
}

/// What [`create`] makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TapArgs<'a> {
    /// The Linux interface name (under 16 bytes).
    pub host_if_name: &'a str,
    /// The network namespace (a name under /var/run/netns), `None`: VPP's.
    pub netns: Option<&'a str>,
    /// A TUN (no L2 header) instead of a TAP.
    pub tun: bool,
    /// The Linux side's MAC (TAP only).
    pub host_mac: Option<[u8; 6]>,
    /// The Linux side's MTU.
    pub host_mtu: Option<u32>,
    /// Receive queues (at least 1).
    pub num_rx_queues: u16,
    /// Transmit queues (at least 1).
    pub num_tx_queues: u16,
    /// VPP names the interface `tap<N>` with N from this offset on.
    pub auto_id_offset: u32,
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::with_retval(retval::FEATURE_DISABLED, "taps need vpp-rs built with VPP headers")
}

fn c_string(what: &str, s: &str) -> Result<std::ffi::CString> {
    std::ffi::CString::new(s)
        .map_err(|_| Error::with_retval(retval::INVALID_ARGUMENT, format!("{what} contains NUL")))
}

/// `tap_create_if`: returns the new interface's sw_if_index, or the tap
/// plugin's retval and message (e.g. the Linux name exists, the namespace
/// cannot be opened, no /dev/vhost-net).
pub fn create(b: &Barrier, args: &TapArgs<'_>) -> Result<u32> {
    let name = c_string("host interface name", args.host_if_name)?;
    let ns = args.netns.filter(|n| !n.is_empty()).map(|n| c_string("namespace", n)).transpose()?;
    #[cfg(vpp_process_shim)]
    {
        let mut sw = u32::MAX;
        let mut err = [0 as core::ffi::c_char; 256];
        let mac = args.host_mac;
        // SAFETY: barrier held (interface creation); the strings are
        // NUL-terminated and outlive the call; `mac` is 6 readable bytes or
        // NULL; `err` has the length we pass.
        let rv = unsafe {
            vpp_rs_tap_create(
                b.as_ptr(),
                name.as_ptr(),
                ns.as_ref().map_or(core::ptr::null(), |n| n.as_ptr()),
                args.tun as u8,
                mac.as_ref().map_or(core::ptr::null(), |m| m.as_ptr()),
                args.host_mtu.unwrap_or(0),
                args.num_rx_queues.max(1),
                args.num_tx_queues.max(1),
                args.auto_id_offset,
                &mut sw,
                err.as_mut_ptr(),
                err.len() as u32,
            )
        };
        if rv != 0 {
            // SAFETY: the shim NUL-terminates `err`.
            let msg = unsafe { core::ffi::CStr::from_ptr(err.as_ptr()) }.to_string_lossy().into_owned();
            return Err(Error::with_retval(
                rv,
                format!(
                    "cannot create {} {}: {}",
                    if args.tun { "tun" } else { "tap" },
                    args.host_if_name,
                    msg.trim()
                ),
            ));
        }
        Ok(sw)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, name, ns);
        Err(no_shim())
    }
}

/// `tap_delete_if`: the tap plugin's retval when `sw_if_index` is not one
/// of its interfaces.
pub fn delete(b: &Barrier, sw_if_index: u32) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held; the tap plugin checks the index.
        let rv = unsafe { vpp_rs_tap_delete(b.as_ptr(), sw_if_index) };
        if rv != 0 {
            return Err(Error::with_retval(rv, format!("cannot delete tap {sw_if_index}")));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (b, sw_if_index);
        Err(no_shim())
    }
}

/// `tap_get_ifindex`: the Linux ifindex of a tap, `None` when unknown.
pub fn ifindex(mt: &MainThread, sw_if_index: u32) -> Option<u32> {
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread; the tap plugin checks the index.
        let i = unsafe { vpp_rs_tap_get_ifindex(mt.as_ptr(), sw_if_index) };
        (i != 0 && i != u32::MAX).then_some(i)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (mt, sw_if_index);
        None
    }
}

/// `tap_set_carrier` on the tap of `hw_if_index` (`INVALID_INTERFACE` when
/// it is not a tap: the tap plugin itself would index its pool with any
/// interface's instance).
pub fn set_carrier(mt: &MainThread, hw_if_index: u32, up: bool) -> Result<()> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread; the tap plugin checks the index.
        let rv = unsafe { vpp_rs_tap_set_carrier(hw_if_index, up as u32) };
        if rv != 0 {
            return Err(Error::with_retval(rv, format!("cannot set the carrier of hw {hw_if_index}")));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (hw_if_index, up);
        Err(no_shim())
    }
}

/// `tap_set_speed` (Mbit/s) on the tap of `hw_if_index` (`INVALID_INTERFACE`
/// when it is not a tap).
pub fn set_speed(mt: &MainThread, hw_if_index: u32, mbps: u32) -> Result<()> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread; the tap plugin checks the index.
        let rv = unsafe { vpp_rs_tap_set_speed(hw_if_index, mbps) };
        if rv != 0 {
            return Err(Error::with_retval(rv, format!("cannot set the speed of hw {hw_if_index}")));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (hw_if_index, mbps);
        Err(no_shim())
    }
}
