//! VPP's software interfaces, seen from the main thread: existence, names
//! and name lookup (the interface pool is only stable there).
//!
//! VPP has these only as `static inline` functions, so they go through
//! `csrc/interface_shim.c`, compiled with VPP's headers; a build without
//! headers answers every call with an error.

use crate::error::{Error, Result};
use crate::thread::MainThread;

mod address;
mod callbacks;
mod ip_address;
mod state;
mod sub;

pub use address::{addresses, AddressCallback, AddressCallbackRegistration, AddressEvent};
pub use callbacks::{
    HwLinkUpDown, HwLinkUpDownRegistration, SwAdminUpDown, SwAdminUpDownRegistration, SwInterfaceAddDel,
    SwInterfaceAddDelRegistration, SwMtuChange, SwMtuChangeRegistration,
};
pub use ip_address::{
    add_del_address, ip6_link_disable, ip6_link_enable, ip6_link_is_enabled, ip6_link_local,
};
#[cfg_attr(not(vpp_process_shim), allow(unused_imports))]
pub(crate) use state::existing as require_sw;
pub use state::{
    accept_all_dmac, admin_down, admin_up, hw_mac, set_hw_mac, set_hw_mtu, set_mtu, state, update_adjacency,
    State,
};
pub use sub::{create_sub, delete_sub, sub_info, SubInfo};

#[cfg(vpp_process_shim)]
extern "C" {
    /// `vnet_sw_interface_is_valid` (csrc/interface_shim.c).
    fn vpp_rs_sw_if_index_is_valid(sw_if_index: u32) -> i32;
    /// `format_vnet_sw_if_index_name` into a buffer (csrc/interface_shim.c).
    fn vpp_rs_sw_if_index_name(sw_if_index: u32, buf: *mut core::ffi::c_char, len: u32) -> i32;
    /// `unformat_vnet_sw_interface` over a C string (csrc/interface_shim.c).
    fn vpp_rs_sw_if_index_by_name(name: *const core::ffi::c_char) -> u32;
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::new("interface lookups need vpp-rs built with VPP headers (VPP_INCLUDE_DIR/VPP_PREFIX/VPP_SRC)")
}

/// Whether `sw_if_index` names an existing software interface.
pub fn is_valid(mt: &MainThread, sw_if_index: u32) -> Result<bool> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread (the token), where VPP's interface pool is
        // stable; the shim only reads it.
        Ok(unsafe { vpp_rs_sw_if_index_is_valid(sw_if_index) } != 0)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// The name VPP shows for `sw_if_index` (`GigabitEthernet0/8/0.100`,
/// `tap4096`, ...), or `None` if there is no such interface.
pub fn name(mt: &MainThread, sw_if_index: u32) -> Result<Option<String>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut buf = [0u8; 128];
        // SAFETY: main thread (the token); the shim writes at most
        // `buf.len()` bytes, NUL included.
        let n = unsafe { vpp_rs_sw_if_index_name(sw_if_index, buf.as_mut_ptr().cast(), buf.len() as u32) };
        if n < 0 {
            return Ok(None);
        }
        let n = (n as usize).min(buf.len() - 1);
        Ok(Some(String::from_utf8_lossy(&buf[..n]).into_owned()))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// The sw_if_index of the interface VPP calls `name`, as the CLI parses
/// interface names.
pub fn by_name(mt: &MainThread, name: &str) -> Result<Option<u32>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let Ok(c) = std::ffi::CString::new(name) else { return Ok(None) };
        // SAFETY: main thread (the token); a valid C string the shim only
        // reads.
        let i = unsafe { vpp_rs_sw_if_index_by_name(c.as_ptr()) };
        Ok((i != u32::MAX).then_some(i))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = name;
        Err(no_shim())
    }
}

#[cfg(vpp_process_shim)]
extern "C" {
    /// Facts about an interface (csrc/control_shim.c).
    fn vpp_rs_sw_if_facts(sw_if_index: u32, sup_sw_if_index: *mut u32) -> i32;
}

/// What pair creation needs to know about an interface.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Point-to-point (`vnet_sw_interface_is_p2p`): tunnels, IPsec, ...
    pub is_p2p: bool,
    /// A sub-interface (`vnet_sw_interface_is_sub`).
    pub is_sub: bool,
    /// Its hardware interface is of the Ethernet class.
    pub is_ethernet: bool,
    /// The super interface (itself for a main interface).
    pub sup_sw_if_index: u32,
}

/// Facts about `sw_if_index`, or `None` if there is no such interface.
pub fn facts(mt: &MainThread, sw_if_index: u32) -> Result<Option<Facts>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut sup = u32::MAX;
        // SAFETY: main thread (the token); the shim checks the index and
        // only reads VPP's interface tables.
        let r = unsafe { vpp_rs_sw_if_facts(sw_if_index, &mut sup) };
        if r < 0 {
            return Ok(None);
        }
        Ok(Some(Facts {
            is_p2p: r & 1 != 0,
            is_sub: r & 2 != 0,
            is_ethernet: r & 4 != 0,
            sup_sw_if_index: sup,
        }))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}
