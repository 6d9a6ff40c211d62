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

use crate::error::{Error, Result};
use crate::node::NodeRegistration;
use crate::sys;
use crate::thread::{BarrierGuard, MainThread};
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
    mt: &'a MainThread,
    node_index: u32,
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
const NO_SHIM: &str = "process waits need vpp-rs built with VPP headers (VPP_SRC/VPP_INCLUDE_DIR/VPP_PREFIX)";

impl<'a> Process<'a> {
    /// The main thread's `vlib_main_t`.
    pub fn vm(&self) -> &'a Vm {
        self.mt.vm()
    }

    /// The main-thread token: processes run on the main thread, without the
    /// worker barrier.
    pub fn main_thread(&self) -> &'a MainThread {
        self.mt
    }

    /// Stop the workers until the guard is dropped. The guard borrows the
    /// process, so it cannot be held across a wait or suspend.
    pub fn barrier(&self) -> BarrierGuard<'_> {
        self.mt.barrier()
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
                    self.mt.vm().as_ptr(),
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
            unsafe { vpp_rs_process_suspend(self.mt.vm().as_ptr(), seconds) };
            Ok(())
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = seconds;
            Err(Error::new(NO_SHIM))
        }
    }
}

/// The registration of a process node (what `#[vpp::node(kind = process)]`
/// emits), and the handle to signal it.
#[repr(transparent)]
pub struct ProcessRegistration(NodeRegistration<0>);

impl ProcessRegistration {
    /// Wrap a process node's registration record.
    ///
    /// # Safety
    /// As for [`NodeRegistration::new`], and `reg.type_` must be
    /// `VLIB_NODE_TYPE_PROCESS`.
    pub const unsafe fn new(reg: sys::vlib_node_registration_t) -> Self {
        // SAFETY: forwarded contract.
        ProcessRegistration(unsafe { NodeRegistration::new(reg, []) })
    }

    /// The node registration.
    pub fn node(&self) -> &NodeRegistration<0> {
        &self.0
    }

    /// The node index VPP assigned (valid once the graph is built).
    pub fn index(&self) -> u32 {
        self.0.index()
    }

    /// Link into VPP's node registrations (load-time constructor).
    ///
    /// # Safety
    /// As for [`NodeRegistration::register`].
    pub unsafe fn register(&'static self) {
        // SAFETY: forwarded contract.
        unsafe { self.0.register() }
    }

    /// Unlink (destructor).
    ///
    /// # Safety
    /// As for [`NodeRegistration::unregister`].
    pub unsafe fn unregister(&'static self) {
        // SAFETY: forwarded contract.
        unsafe { self.0.unregister() }
    }

    /// Whether VPP has registered this process: its index names a process
    /// node in the main thread's graph.
    fn is_live(&self, mt: &MainThread) -> bool {
        let index = self.index() as usize;
        // SAFETY: main thread (the token), where the node vector is stable
        // outside graph changes; the index is bounds-checked against the
        // vector before the node pointer is read.
        unsafe {
            let nodes = (*mt.vm().as_ptr()).node_main.nodes;
            if index >= crate::input::vec_len(nodes as *const u8) {
                return false;
            }
            let n = *nodes.add(index);
            !n.is_null() && (*n).type_ == sys::VLIB_NODE_TYPE_PROCESS && (*n).index as usize == index
        }
    }

    /// Signal event `kind` with `data` to this process
    /// (`vlib_process_signal_event`). Main thread only, hence the token;
    /// an error before VPP has registered the process.
    pub fn signal(&self, mt: &MainThread, kind: u64, data: u64) -> Result<()> {
        if !self.is_live(mt) {
            return Err(Error::new(format!(
                "process {} is not registered with VPP (yet)",
                self.0.name().to_string_lossy()
            )));
        }
        #[cfg(vpp_process_shim)]
        {
            // SAFETY: main thread (the token); the node is a registered
            // process (checked above), as VPP's inline requires.
            unsafe { vpp_rs_process_signal_event(mt.vm().as_ptr(), self.index() as u64, kind, data) };
            Ok(())
        }
        #[cfg(not(vpp_process_shim))]
        {
            let _ = (kind, data);
            Err(Error::new(NO_SHIM))
        }
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
    // SAFETY: forwarded contract: processes run on the main thread, outside
    // node dispatch, with VPP's vm.
    let (mt, node_index) = unsafe { (MainThread::new_unchecked(Vm::from_ptr(vm)), (*rt).node_index) };
    let mut p = Process { mt, node_index };
    match crate::error::catch("process", || Ok(body(&mut p))) {
        Ok(n) => n as u64,
        Err(e) => {
            eprintln!("vpp-rs: process node {node_index} stopped: {e}");
            0
        }
    }
}
