//! Process nodes: cooperative tasks on the main thread (`VLIB_NODE_TYPE_PROCESS`).
//!
//! ```ignore
//! #[vpp::node(name = "my-process", kind = process)]
//! fn my_process(p: &mut vpp::process::Process) -> usize {
//!     loop {
//!         match p.wait_for_event_or_clock(1.0) {
//!             Some(ev) => { /* ev.kind, ev.data */ }
//!             None => { /* timeout */ }
//!         }
//!     }
//! }
//! ```
//!
//! VPP's waits switch stacks with `setjmp`/`longjmp` inside static inline
//! functions; the framework wraps them in a small C shim
//! (`vpp-rs/csrc/process_shim.c`) so each call returns once to Rust. The
//! shim is compiled against VPP's headers, so waiting needs a build with
//! `VPP_SRC`/`VPP_INCLUDE_DIR`/`VPP_PREFIX` headers; without them the wait
//! calls return [`crate::Error`] and a process body runs once.

#[cfg_attr(vpp_process_shim, allow(unused_imports))]
use crate::error::{Error, Result};
use crate::sys;
use crate::vm::Vm;

/// An event delivered to a process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// The event type the signaller used.
    pub kind: u64,
    /// The data words signalled with it (several signals of one type
    /// coalesce, as in VPP).
    pub data: Vec<u64>,
}

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_process_wait_for_event_or_clock(
        vm: *mut sys::vlib_main_t,
        dt: f64,
        data: *mut u64,
        max: u32,
        n_data: *mut u32,
    ) -> u64;
    fn vpp_rs_process_suspend(vm: *mut sys::vlib_main_t, dt: f64);
    fn vpp_rs_process_signal_event(vm: *mut sys::vlib_main_t, node_index: u64, kind: u64, data: u64);
}

/// What a process body receives.
pub struct Process<'a> {
    vm: &'a Vm,
    node_index: u32,
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
const NO_SHIM: &str = "process waits need vpp-rs built with VPP headers (VPP_SRC/VPP_INCLUDE_DIR/VPP_PREFIX)";

impl<'a> Process<'a> {
    /// The main thread's `vlib_main_t`.
    pub fn vm(&self) -> &'a Vm {
        self.vm
    }

    /// This process's node index (to signal it).
    pub fn node_index(&self) -> u32 {
        self.node_index
    }

    /// Wait up to `seconds` for an event; `Ok(None)` on timeout.
    pub fn wait_for_event_or_clock(&mut self, seconds: f64) -> Result<Option<Event>> {
        #[cfg(vpp_process_shim)]
        {
            let mut data = [0u64; 64];
            let mut n = 0u32;
            // SAFETY: called on this process's own stack from its body, as
            // VPP's inline requires; the shim copies at most 64 words.
            let kind = unsafe {
                vpp_rs_process_wait_for_event_or_clock(
                    self.vm.as_ptr(),
                    seconds,
                    data.as_mut_ptr(),
                    64,
                    &mut n,
                )
            };
            if kind == u64::MAX {
                return Ok(None);
            }
            Ok(Some(Event { kind, data: data[..(n as usize).min(64)].to_vec() }))
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = seconds;
            Err(Error::new(NO_SHIM))
        }
    }

    /// Sleep for `seconds`, letting the main loop run.
    pub fn suspend(&mut self, seconds: f64) -> Result<()> {
        #[cfg(vpp_process_shim)]
        {
            // SAFETY: as for `wait_for_event_or_clock`.
            unsafe { vpp_rs_process_suspend(self.vm.as_ptr(), seconds) };
            Ok(())
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = seconds;
            Err(Error::new(NO_SHIM))
        }
    }
}

/// Signal event `kind` with `data` to process `node_index`. Main thread only
/// (CLI, API handlers, init functions, other processes).
pub fn signal_event(vm: &Vm, node_index: u32, kind: u64, data: u64) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main-thread call with a valid vm; VPP checks the node.
        unsafe { vpp_rs_process_signal_event(vm.as_ptr(), node_index as u64, kind, data) };
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (vm, node_index, kind, data);
        Err(Error::new(NO_SHIM))
    }
}

/// Run a process body: what the generated process node function does.
///
/// # Safety
/// `vm` and `rt` must be the arguments VPP passes to a process function.
pub unsafe fn dispatch<F>(vm: *mut sys::vlib_main_t, rt: *mut sys::vlib_node_runtime_t, body: F) -> u64
where
    F: for<'a, 'b> FnOnce(&'a mut Process<'b>) -> usize,
{
    // SAFETY: forwarded contract.
    let (vm, node_index) = unsafe { (Vm::from_ptr(vm), (*rt).node_index) };
    let mut p = Process { vm, node_index };
    match crate::error::catch("process", || Ok(body(&mut p))) {
        Ok(n) => n as u64,
        Err(e) => {
            eprintln!("vpp-rs: process node {node_index} stopped: {e}");
            0
        }
    }
}
