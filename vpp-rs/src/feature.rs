//! Feature arcs: registering a node as a feature and enabling it.

use crate::sys;
use core::cell::UnsafeCell;
use core::ffi::{c_char, CStr};
use std::ffi::CString;

/// A static feature record (`vnet_feature_registration_t`).
#[repr(transparent)]
pub struct FeatureRegistration(UnsafeCell<sys::vnet_feature_registration_t>);

// SAFETY: written by load-time constructors and by VPP on the main thread.
unsafe impl Sync for FeatureRegistration {}

impl FeatureRegistration {
    /// Build the record: `node` on `arc`, ordered by node names.
    pub const fn new(
        arc: &'static CStr,
        node: &'static CStr,
        runs_before: *const *const c_char,
        runs_after: *const *const c_char,
    ) -> Self {
        FeatureRegistration(UnsafeCell::new(sys::vnet_feature_registration_t {
            next: core::ptr::null_mut(),
            next_in_arc: core::ptr::null_mut(),
            arc_name: arc.as_ptr(),
            node_name: node.as_ptr(),
            feature_index_ptr: core::ptr::null_mut(),
            feature_index: 0,
            runs_before,
            runs_after,
            enable_disable_cb: None,
        }))
    }

    /// Pointer to the C record.
    pub fn as_ptr(&self) -> *mut sys::vnet_feature_registration_t {
        self.0.get()
    }

    /// The arc name.
    pub fn arc(&self) -> &'static CStr {
        // SAFETY: set from a 'static CStr in `new`.
        unsafe { CStr::from_ptr((*self.0.get()).arc_name) }
    }

    /// The node name.
    pub fn node(&self) -> &'static CStr {
        // SAFETY: set from a 'static CStr in `new`.
        unsafe { CStr::from_ptr((*self.0.get()).node_name) }
    }

    /// Link into `feature_main.next_feature` (constructor).
    ///
    /// # Safety
    /// Call once from a load-time constructor.
    pub unsafe fn register(&'static self) {
        // SAFETY: single-threaded constructor; plain list push.
        unsafe {
            crate::list::push(core::ptr::addr_of_mut!(sys::feature_main.next_feature), self.as_ptr(), |r| {
                core::ptr::addr_of_mut!((*r).next)
            })
        }
    }

    /// Unlink (destructor).
    ///
    /// # Safety
    /// As for [`FeatureRegistration::register`].
    pub unsafe fn unregister(&'static self) {
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(core::ptr::addr_of_mut!(sys::feature_main.next_feature), self.as_ptr(), |r| {
                core::ptr::addr_of_mut!((*r).next)
            })
        }
    }
}

/// Enable or disable feature `node` of `arc` on an interface
/// (`vnet_feature_enable_disable`). Main thread only.
pub fn enable_disable(arc: &str, node: &str, sw_if_index: u32, enable: bool) -> Result<(), i32> {
    let (Ok(a), Ok(n)) = (CString::new(arc), CString::new(node)) else {
        return Err(-1);
    };
    // SAFETY: plain C strings; VPP validates the names and the interface.
    let rv = unsafe {
        sys::vnet_feature_enable_disable(
            a.as_ptr(),
            n.as_ptr(),
            sw_if_index,
            enable as i32,
            core::ptr::null_mut(),
            0,
        )
    };
    if rv == 0 {
        Ok(())
    } else {
        Err(rv)
    }
}
