//! Feature arcs: registering a node as a feature and enabling it.

use crate::buffer::Buffer;
use crate::error::{Error, Result};
use crate::sys;
use crate::thread::Barrier;
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
    /// Call once from a load-time constructor. VPP will read the
    /// `runs_before`/`runs_after` lists given to [`FeatureRegistration::new`]:
    /// each must be NULL or a NULL-terminated array of `'static` C strings.
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

/// The next node of a buffer on its feature arc (`vnet_feature_next`):
/// reads VPP's shared config heap at the buffer's cursor (past
/// `n_config_bytes` of feature configuration) and moves the cursor past the
/// entry. `None`, and the buffer unchanged, if the cursor is outside the
/// heap or the entry is not a next index.
#[inline(always)]
pub(crate) fn next_on_arc(b: &mut Buffer, n_config_bytes: u32) -> Option<u16> {
    let words = n_config_bytes.div_ceil(4);
    let i = b.current_config_index().checked_add(words)? as usize;
    // SAFETY: `feature_main` is a libvnet global; its config heap is a
    // vppinfra `u32` vector (or NULL) that VPP only replaces under the
    // barrier, never while nodes run. The read is bounds-checked against the
    // vector's length.
    let next = unsafe {
        let heap = (*core::ptr::addr_of!(sys::feature_main)).shared_feature_config_heap;
        if i >= crate::input::vec_len(heap as *const u8) {
            return None;
        }
        *heap.add(i)
    };
    let next = u16::try_from(next).ok()?;
    b.set_current_config_index(i as u32 + 1);
    Some(next)
}

/// Enable or disable feature `node` of `arc` on interface `sw_if_index`
/// (`vnet_feature_enable_disable`).
///
/// Workers read feature state per packet, so this takes the [`Barrier`].
/// The interface must exist (VPP itself would grow its per-interface tables
/// to any index it is given); unknown arcs and nodes are VPP's
/// `INVALID_VALUE` / `INVALID_VALUE_2`.
pub fn enable_disable(b: &Barrier, arc: &str, node: &str, sw_if_index: u32, enable: bool) -> Result<()> {
    if !crate::interface::is_valid(b, sw_if_index)? {
        return Err(Error::with_retval(
            crate::api::retval::INVALID_SW_IF_INDEX,
            format!("no interface with sw_if_index {sw_if_index}"),
        ));
    }
    let (Ok(a), Ok(n)) = (CString::new(arc), CString::new(node)) else {
        return Err(Error::new("feature arc and node names cannot contain NUL"));
    };
    // SAFETY: main thread with the barrier held (the token); plain C
    // strings; VPP validates the arc and node names; the interface exists.
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
        Err(Error::with_retval(
            rv,
            format!("vnet_feature_enable_disable({arc}, {node}, {sw_if_index}) failed: {rv}"),
        ))
    }
}

/// Whether feature `node` of `arc` is enabled on `sw_if_index`
/// (`vnet_feature_is_enabled`). Unknown arcs and nodes are VPP's
/// `INVALID_VALUE` / `INVALID_VALUE_2`; an interface beyond VPP's tables is
/// "not enabled" (VPP checks the index).
pub fn is_enabled(_mt: &crate::thread::MainThread, arc: &str, node: &str, sw_if_index: u32) -> Result<bool> {
    let (Ok(a), Ok(n)) = (CString::new(arc), CString::new(node)) else {
        return Err(Error::new("feature arc and node names cannot contain NUL"));
    };
    // SAFETY: main thread (the token): feature tables change only there;
    // plain C strings; VPP bounds-checks the interface index.
    let rv = unsafe { sys::vnet_feature_is_enabled(a.as_ptr(), n.as_ptr(), sw_if_index) };
    match rv {
        0 => Ok(false),
        1 => Ok(true),
        rv => Err(Error::with_retval(rv, format!("vnet_feature_is_enabled({arc}, {node}) failed: {rv}"))),
    }
}
