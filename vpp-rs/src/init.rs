//! Init functions (`VLIB_INIT_FUNCTION` and its siblings).

use crate::sys;
use core::cell::UnsafeCell;
use core::ffi::{c_char, CStr};

/// Which of VPP's init lists a function joins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InitKind {
    /// `VLIB_INIT_FUNCTION`: after the graph is built, before config.
    Init,
    /// `VLIB_MAIN_LOOP_ENTER_FUNCTION`.
    MainLoopEnter,
    /// `VLIB_MAIN_LOOP_EXIT_FUNCTION`.
    MainLoopExit,
    /// `VLIB_WORKER_INIT_FUNCTION`.
    WorkerInit,
    /// `VLIB_NUM_WORKERS_CHANGE_FN`.
    NumWorkersChange,
    /// `VLIB_API_INIT_FUNCTION`.
    ApiInit,
}

/// A static init-function record (`_vlib_init_function_list_elt_t`).
#[repr(transparent)]
pub struct InitRegistration(UnsafeCell<sys::_vlib_init_function_list_elt_t>);

// SAFETY: written by load-time constructors and by VPP on the main thread.
unsafe impl Sync for InitRegistration {}

fn list_head(kind: InitKind) -> *mut *mut sys::_vlib_init_function_list_elt_t {
    // SAFETY: only the addresses of fields of the extern static are taken.
    unsafe {
        let g = core::ptr::addr_of_mut!(sys::vlib_global_main);
        match kind {
            InitKind::Init => core::ptr::addr_of_mut!((*g).init_function_registrations),
            InitKind::MainLoopEnter => {
                core::ptr::addr_of_mut!((*g).main_loop_enter_function_registrations)
            }
            InitKind::MainLoopExit => {
                core::ptr::addr_of_mut!((*g).main_loop_exit_function_registrations)
            }
            InitKind::WorkerInit => core::ptr::addr_of_mut!((*g).worker_init_function_registrations),
            InitKind::NumWorkersChange => {
                core::ptr::addr_of_mut!((*g).num_workers_change_function_registrations)
            }
            InitKind::ApiInit => core::ptr::addr_of_mut!((*g).api_init_function_registrations),
        }
    }
}

impl InitRegistration {
    /// Build the record. `name` is the function's name for ordering
    /// constraints; the lists are NULL-terminated (or NULL).
    pub const fn new(
        f: sys::vlib_init_function_t,
        name: &'static CStr,
        runs_before: *const *const c_char,
        runs_after: *const *const c_char,
        init_order: *const *const c_char,
    ) -> Self {
        InitRegistration(UnsafeCell::new(sys::_vlib_init_function_list_elt_t {
            next_init_function: core::ptr::null_mut(),
            f: Some(f),
            name: name.as_ptr(),
            runs_before,
            runs_after,
            init_order,
        }))
    }

    /// Pointer to the C record.
    pub fn as_ptr(&self) -> *mut sys::_vlib_init_function_list_elt_t {
        self.0.get()
    }

    /// The name used in ordering constraints.
    pub fn name(&self) -> &'static CStr {
        // SAFETY: set from a 'static CStr in `new`.
        unsafe { CStr::from_ptr((*self.0.get()).name) }
    }

    /// Push onto the list of `kind` (constructor).
    ///
    /// # Safety
    /// Call once from a load-time constructor. VPP will read the lists given
    /// to [`InitRegistration::new`]: each must be NULL or a NULL-terminated
    /// array of `'static` C strings (as `CStrList` builds them).
    pub unsafe fn register(&'static self, kind: InitKind) {
        // SAFETY: single-threaded constructor; plain list push.
        unsafe {
            crate::list::push(list_head(kind), self.as_ptr(), |r| {
                core::ptr::addr_of_mut!((*r).next_init_function)
            })
        }
    }

    /// Unlink from the list of `kind` (destructor).
    ///
    /// # Safety
    /// As for [`InitRegistration::register`].
    pub unsafe fn unregister(&'static self, kind: InitKind) {
        // SAFETY: single-threaded destructor; walks the list.
        unsafe {
            crate::list::remove(list_head(kind), self.as_ptr(), |r| {
                core::ptr::addr_of_mut!((*r).next_init_function)
            })
        }
    }
}
