//! VPP's software interfaces, seen from the main thread: existence, names
//! and name lookup (the interface pool is only stable there).
//!
//! VPP has these only as `static inline` functions, so they go through
//! `csrc/interface_shim.c`, compiled with VPP's headers; a build without
//! headers answers every call with an error.

use crate::error::{Error, Result};
use crate::thread::MainThread;

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
    /// Head of the sw-interface add/del callback list (csrc/control_shim.c).
    fn vpp_rs_sw_interface_add_del_functions() -> *mut *mut crate::sys::_vnet_interface_function_list_elt_t;
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

/// A software-interface add/delete callback: what
/// `VNET_SW_INTERFACE_ADD_DEL_FUNCTION` registers in C.
pub trait SwInterfaceAddDel {
    /// Called after interface `sw_if_index` is created (`is_add`) and
    /// before it is deleted. An error is reported to VPP's caller.
    fn call(b: &crate::thread::Barrier, sw_if_index: u32, is_add: bool) -> Result<()>;
}

/// A static registration of a [`SwInterfaceAddDel`] callback, linked into
/// `vnet_main`'s low-priority list by [`SwInterfaceAddDelRegistration::register`]
/// (from a load-time constructor) like the C macro does.
///
/// ```ignore
/// struct OnItf;
/// impl vpp::interface::SwInterfaceAddDel for OnItf { fn call(..) -> vpp::Result<()> { .. } }
/// static REG: SwInterfaceAddDelRegistration = SwInterfaceAddDelRegistration::new::<OnItf>();
/// // in a #[link_section = ".init_array"] constructor: unsafe { REG.register() }
/// ```
pub struct SwInterfaceAddDelRegistration(
    core::cell::UnsafeCell<crate::sys::_vnet_interface_function_list_elt_t>,
);

// SAFETY: linked by load-time constructors; read and called by VPP on the
// main thread only.
unsafe impl Sync for SwInterfaceAddDelRegistration {}

unsafe extern "C" fn add_del_trampoline<T: SwInterfaceAddDel>(
    _vnm: *mut core::ffi::c_void,
    sw_if_index: u32,
    is_add: u32,
) -> *mut crate::sys::clib_error_t {
    // SAFETY: VPP runs interface add/del callbacks on the main thread
    // (`vnet_create_sw_interface` / `vnet_delete_sw_interface` are
    // main-thread-only), outside node dispatch; the calling thread's main
    // is thread 0's.
    let mt =
        unsafe { MainThread::new_unchecked(crate::vm::Vm::from_ptr(crate::sys::vlib_get_main_not_inline())) };
    // Recursive: free when the caller (a CLI or API handler) holds it.
    let guard = mt.barrier();
    // SAFETY: VPP provides `_clib_error_return`; a panic in the callback
    // becomes an error instead of unwinding into C.
    unsafe {
        crate::error::to_clib_result(c"sw interface add/del", || T::call(&guard, sw_if_index, is_add != 0))
    }
}

impl SwInterfaceAddDelRegistration {
    /// The record for callback `T`.
    pub const fn new<T: SwInterfaceAddDel>() -> Self {
        SwInterfaceAddDelRegistration(core::cell::UnsafeCell::new(
            crate::sys::_vnet_interface_function_list_elt_t {
                next_interface_function: core::ptr::null_mut(),
                fp: Some(add_del_trampoline::<T>),
            },
        ))
    }

    /// Link into VPP's list (constructor). Without VPP headers (no shim)
    /// this does nothing.
    ///
    /// # Safety
    /// Call once, from a load-time constructor (single threaded, before
    /// VPP creates interfaces).
    pub unsafe fn register(&'static self) {
        #[cfg(vpp_process_shim)]
        // SAFETY: single-threaded constructor; the shim returns the address
        // of the list head in libvnet's `vnet_main`.
        unsafe {
            crate::list::push(vpp_rs_sw_interface_add_del_functions(), self.0.get(), |r| {
                core::ptr::addr_of_mut!((*r).next_interface_function)
            })
        }
    }

    /// Unlink (destructor).
    ///
    /// # Safety
    /// As for [`SwInterfaceAddDelRegistration::register`].
    pub unsafe fn unregister(&'static self) {
        #[cfg(vpp_process_shim)]
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(vpp_rs_sw_interface_add_del_functions(), self.0.get(), |r| {
                core::ptr::addr_of_mut!((*r).next_interface_function)
            })
        }
    }
}
