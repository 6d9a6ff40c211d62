//! MPLS enable state of interfaces, and notification of its changes.

use crate::error::{Error, Result};
use crate::thread::{Barrier, MainThread};

extern "C" {
    fn mpls_sw_interface_is_enabled(sw_if_index: u32) -> u8;
}

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_mpls_enable_disable(sw_if_index: u32, is_enable: u8) -> i32;
    fn vpp_rs_mpls_add_state_callback(f: Option<unsafe extern "C" fn(sw_if_index: u32, is_enable: u32)>);
}

/// Whether MPLS is enabled on `sw_if_index` (any index: VPP answers no for
/// interfaces it never saw).
pub fn is_enabled(mt: &MainThread, sw_if_index: u32) -> bool {
    let _ = mt;
    // SAFETY: main thread; VPP bounds-checks the index against its vector.
    unsafe { mpls_sw_interface_is_enabled(sw_if_index) != 0 }
}

/// Enable or disable MPLS on an existing interface
/// (`mpls_sw_interface_enable_disable`); state-change callbacks run inside.
pub fn enable_disable(b: &Barrier, sw_if_index: u32, enable: bool) -> Result<()> {
    if !crate::interface::is_valid(b, sw_if_index)? {
        return Err(Error::with_retval(
            crate::api::retval::INVALID_SW_IF_INDEX,
            format!("no interface {sw_if_index}"),
        ));
    }
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread with the barrier; an existing interface (VPP
        // grows per-interface vectors to the index it is given).
        let rv = unsafe { vpp_rs_mpls_enable_disable(sw_if_index, enable as u8) };
        if rv == 0 {
            Ok(())
        } else {
            Err(Error::with_retval(rv, format!("mpls enable/disable on {sw_if_index} failed ({rv})")))
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = enable;
        Err(Error::new("MPLS control needs vpp-rs built with VPP headers"))
    }
}

/// A callback for MPLS enable/disable changes (`mpls_interface_state_change_add_callback`).
pub trait StateChange {
    /// MPLS was enabled (`enabled`) or disabled on `sw_if_index`. Runs on
    /// the main thread with the barrier (taken if the caller did not).
    fn call(b: &Barrier, sw_if_index: u32, enabled: bool);
}

#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
unsafe extern "C" fn trampoline<T: StateChange>(sw_if_index: u32, is_enable: u32) {
    // SAFETY: VPP changes MPLS state on the main thread (CLI, API, other
    // control-plane code), outside node dispatch.
    let mt =
        unsafe { MainThread::new_unchecked(crate::vm::Vm::from_ptr(crate::sys::vlib_get_main_not_inline())) };
    let guard = mt.barrier();
    if let Err(e) = crate::error::catch("mpls state callback", || {
        T::call(&guard, sw_if_index, is_enable != 0);
        Ok(())
    }) {
        eprintln!("vpp-rs: {e}");
    }
}

/// Have `T::call` run on every MPLS enable/disable. One callback per
/// plugin: a second registration replaces the first.
pub fn on_state_change<T: StateChange>(b: &Barrier) -> Result<()> {
    let _ = b;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread with the barrier (init); the trampoline is a
        // 'static function of this plugin.
        unsafe { vpp_rs_mpls_add_state_callback(Some(trampoline::<T>)) };
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    Err(Error::new("MPLS callbacks need vpp-rs built with VPP headers"))
}
