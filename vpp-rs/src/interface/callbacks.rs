//! Interface callbacks: what `VNET_SW_INTERFACE_ADD_DEL_FUNCTION`,
//! `VNET_SW_INTERFACE_ADMIN_UP_DOWN_FUNCTION`,
//! `VNET_HW_INTERFACE_LINK_UP_DOWN_FUNCTION` and
//! `VNET_SW_INTERFACE_MTU_CHANGE_FUNCTION` register in C: a static record
//! linked into one of `vnet_main`'s low-priority lists by a load-time
//! constructor, called by VPP on the main thread.
//!
//! ```ignore
//! struct OnAdmin;
//! impl vpp::interface::SwAdminUpDown for OnAdmin {
//!     fn call(b: &vpp::Barrier, sw_if_index: u32, admin_up: bool) -> vpp::Result<()> { Ok(()) }
//! }
//! static REG: vpp::interface::SwAdminUpDownRegistration =
//!     vpp::interface::SwAdminUpDownRegistration::new::<OnAdmin>();
//! // in a #[link_section = ".init_array"] constructor: unsafe { REG.register() }
//! ```

use crate::error::Result;
use crate::sys;
use crate::thread::{Barrier, MainThread};
use core::cell::UnsafeCell;

#[cfg(vpp_process_shim)]
extern "C" {
    /// Head of one of vnet_main's callback lists (csrc/itf_state_shim.c).
    fn vpp_rs_itf_function_list(kind: u32) -> *mut *mut sys::_vnet_interface_function_list_elt_t;
}

/// A software-interface add/delete callback.
pub trait SwInterfaceAddDel {
    /// Called after interface `sw_if_index` is created (`is_add`) and
    /// before it is deleted. An error is reported to VPP's caller.
    fn call(b: &Barrier, sw_if_index: u32, is_add: bool) -> Result<()>;
}

/// A software-interface admin up/down callback.
pub trait SwAdminUpDown {
    /// Called after `sw_if_index`'s admin state changed to `admin_up`.
    fn call(b: &Barrier, sw_if_index: u32, admin_up: bool) -> Result<()>;
}

/// A hardware-interface link up/down callback.
pub trait HwLinkUpDown {
    /// Called after the link of hardware interface `hw_if_index` went up
    /// (`link_up`) or down.
    fn call(b: &Barrier, hw_if_index: u32, link_up: bool) -> Result<()>;
}

/// A software-interface MTU change callback.
pub trait SwMtuChange {
    /// Called after an MTU of `sw_if_index` changed.
    fn call(b: &Barrier, sw_if_index: u32) -> Result<()>;
}

/// `VNET_SW_INTERFACE_FLAG_ADMIN_UP` / `VNET_HW_INTERFACE_FLAG_LINK_UP`.
const FLAG_UP: u32 = 1;

type Fp = unsafe extern "C" fn(*mut core::ffi::c_void, u32, u32) -> *mut sys::clib_error_t;

/// Run `f` for a VPP interface callback: main thread (VPP calls these only
/// there), barrier held (recursive: free when the caller holds it), panics
/// and errors turned into a `clib_error_t`.
///
/// # Safety
/// Only from a callback VPP runs on its main thread.
unsafe fn run(
    what: &'static core::ffi::CStr,
    f: impl FnOnce(&Barrier) -> Result<()>,
) -> *mut sys::clib_error_t {
    // SAFETY: VPP runs interface callbacks on the main thread, outside
    // node dispatch (the caller's contract); thread 0's main.
    let mt = unsafe { MainThread::new_unchecked(crate::vm::Vm::from_ptr(sys::vlib_get_main_not_inline())) };
    let guard = mt.barrier();
    // SAFETY: VPP provides `_clib_error_return`; a panic in the callback
    // becomes an error instead of unwinding into C.
    unsafe { crate::error::to_clib_result(what, || f(&guard)) }
}

unsafe extern "C" fn add_del<T: SwInterfaceAddDel>(
    _vnm: *mut core::ffi::c_void,
    sw_if_index: u32,
    is_add: u32,
) -> *mut sys::clib_error_t {
    // SAFETY: VPP calls sw add/del functions on the main thread.
    unsafe { run(c"sw interface add/del", |b| T::call(b, sw_if_index, is_add != 0)) }
}

unsafe extern "C" fn admin_up_down<T: SwAdminUpDown>(
    _vnm: *mut core::ffi::c_void,
    sw_if_index: u32,
    flags: u32,
) -> *mut sys::clib_error_t {
    // SAFETY: VPP calls admin up/down functions on the main thread.
    unsafe { run(c"sw interface admin up/down", |b| T::call(b, sw_if_index, flags & FLAG_UP != 0)) }
}

unsafe extern "C" fn link_up_down<T: HwLinkUpDown>(
    _vnm: *mut core::ffi::c_void,
    hw_if_index: u32,
    flags: u32,
) -> *mut sys::clib_error_t {
    // SAFETY: VPP calls link up/down functions on the main thread.
    unsafe { run(c"hw interface link up/down", |b| T::call(b, hw_if_index, flags & FLAG_UP != 0)) }
}

unsafe extern "C" fn mtu_change<T: SwMtuChange>(
    _vnm: *mut core::ffi::c_void,
    sw_if_index: u32,
    _flags: u32,
) -> *mut sys::clib_error_t {
    // SAFETY: VPP calls MTU change functions on the main thread.
    unsafe { run(c"sw interface mtu change", |b| T::call(b, sw_if_index)) }
}

/// One record on one of `vnet_main`'s lists.
struct Record {
    #[cfg_attr(not(vpp_process_shim), allow(dead_code))]
    elt: UnsafeCell<sys::_vnet_interface_function_list_elt_t>,
    list: u32,
}

impl Record {
    const fn new(fp: Fp, list: u32) -> Self {
        Record {
            elt: UnsafeCell::new(sys::_vnet_interface_function_list_elt_t {
                next_interface_function: core::ptr::null_mut(),
                fp: Some(fp),
            }),
            list,
        }
    }

    /// # Safety
    /// Once, from a load-time constructor (single threaded, before VPP
    /// calls the list).
    unsafe fn register(&'static self) {
        #[cfg(vpp_process_shim)]
        // SAFETY: single-threaded constructor; the shim returns the address
        // of the list head in libvnet's `vnet_main`.
        unsafe {
            crate::list::push(vpp_rs_itf_function_list(self.list), self.elt.get(), |r| {
                core::ptr::addr_of_mut!((*r).next_interface_function)
            })
        }
        #[cfg(not(vpp_process_shim))]
        let _ = self.list;
    }

    /// # Safety
    /// As for `register`, from the destructor.
    unsafe fn unregister(&'static self) {
        #[cfg(vpp_process_shim)]
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(vpp_rs_itf_function_list(self.list), self.elt.get(), |r| {
                core::ptr::addr_of_mut!((*r).next_interface_function)
            })
        }
    }
}

macro_rules! registration {
    ($(#[$doc:meta])* $name:ident, $trait:ident, $tramp:ident, $list:expr) => {
        $(#[$doc])*
        pub struct $name(Record);

        // SAFETY: linked by load-time constructors; read and called by VPP
        // on the main thread only.
        unsafe impl Sync for $name {}

        impl $name {
            /// The record for callback `T`.
            pub const fn new<T: $trait>() -> Self {
                $name(Record::new($tramp::<T>, $list))
            }

            /// Link into VPP's list. Without VPP headers (no shim) this does
            /// nothing.
            ///
            /// # Safety
            /// Call once, from a load-time constructor (single threaded,
            /// before VPP calls the list).
            pub unsafe fn register(&'static self) {
                // SAFETY: forwarded contract.
                unsafe { self.0.register() }
            }

            /// Unlink (destructor).
            ///
            /// # Safety
            #[doc = concat!("As for [`", stringify!($name), "::register`].")]
            pub unsafe fn unregister(&'static self) {
                // SAFETY: forwarded contract.
                unsafe { self.0.unregister() }
            }
        }
    };
}

registration!(
    /// A static registration of a [`SwInterfaceAddDel`] callback.
    SwInterfaceAddDelRegistration, SwInterfaceAddDel, add_del, 0
);
registration!(
    /// A static registration of a [`SwAdminUpDown`] callback.
    SwAdminUpDownRegistration, SwAdminUpDown, admin_up_down, 1
);
registration!(
    /// A static registration of a [`HwLinkUpDown`] callback.
    HwLinkUpDownRegistration, HwLinkUpDown, link_up_down, 2
);
registration!(
    /// A static registration of a [`SwMtuChange`] callback.
    SwMtuChangeRegistration, SwMtuChange, mtu_change, 3
);
