//! Thread and barrier discipline as types.
//!
//! VPP runs packet nodes on every thread, but most of its control plane
//! (graph, features, interfaces, FIB, processes, binary-API sends) may only
//! be touched from the main thread, and anything workers read may only be
//! changed while they are parked at the worker barrier. Calling such a
//! function from a worker, or from the main thread without the barrier, is
//! a data race inside VPP.
//!
//! Two zero-sized-by-reference tokens encode this:
//!
//! - [`MainThread`]: "this code runs on VPP's main thread, in a control-plane
//!   context" (an init, config, CLI or API callback, or a process node). It
//!   is what `vlib_process_signal_event`, API sends and `vlib_cli_output`
//!   need.
//! - [`Barrier`]: "... and the workers are stopped" (or not started yet). It
//!   is what changes to state workers read need: feature arcs, the linux-cp
//!   pair table, FIB and interface changes.
//!
//! Both are only ever handed out as `&'a MainThread` / `&'a Barrier` by the
//! framework's trampolines, for the duration of one callback: the lifetime
//! keeps them from being stored, and since they wrap a `vlib_main_t` (which is
//! neither `Send` nor `Sync`), a reference cannot move to another thread.
//! Both dereference to [`Vm`], and `&Barrier` dereferences to `&MainThread`,
//! so a callback declares the weakest token it needs:
//!
//! ```ignore
//! #[vpp::cli(path = "set my-feature")]            // CLI commands hold the barrier
//! fn set(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
//!     vpp::feature::enable_disable(b, "ip4-unicast", "my-node", 1, true)
//! }
//! ```
//!
//! | where the code runs | token it gets |
//! |---|---|
//! | `#[vpp::init]`, `kind = api`, `#[vpp::config]` (before workers start) | `&Barrier` |
//! | `#[vpp::init(kind = main_loop_enter \| main_loop_exit)]` | `&MainThread` |
//! | `#[vpp::init(kind = worker)]`, node bodies | none (`&Vm` only) |
//! | `#[vpp::cli]` | `&Barrier`; `&MainThread` with `mp_safe` |
//! | `#[vpp::api_handler]` | `cx.main_thread()`; `cx.barrier()` unless `mp_safe` |
//! | process nodes | `p.main_thread()`; `p.barrier()` takes the barrier for a scope |

use crate::sys;
use crate::vm::Vm;
use core::ops::Deref;

/// Proof that the code holding it runs on VPP's main thread in a
/// control-plane context (see the [module docs](self)).
///
/// Only the framework creates it; use it as `&MainThread`.
#[repr(transparent)]
pub struct MainThread(Vm);

/// Proof that the code holding it runs on VPP's main thread with the worker
/// threads stopped at the barrier (or not started yet).
///
/// Only the framework creates it; use it as `&Barrier`.
#[repr(transparent)]
pub struct Barrier(MainThread);

impl MainThread {
    /// Assert that `vm` is the main thread's `vlib_main_t` and that the
    /// caller runs on the main thread in a control-plane context.
    ///
    /// # Safety
    /// The caller must be VPP's main thread, outside any node dispatch, for
    /// as long as the returned reference lives.
    #[inline(always)]
    pub unsafe fn new_unchecked(vm: &Vm) -> &MainThread {
        // SAFETY: `MainThread` is a transparent wrapper of `Vm`; the
        // context is the caller's contract.
        unsafe { &*(vm as *const Vm as *const MainThread) }
    }

    /// The main thread's `vlib_main_t`.
    #[inline(always)]
    pub fn vm(&self) -> &Vm {
        &self.0
    }

    /// Stop the workers at the barrier until the guard is dropped
    /// (`vlib_worker_thread_barrier_sync` / `_release`). Recursive, and free
    /// without workers.
    ///
    /// Inside a callback that already has a [`Barrier`], use that one.
    pub fn barrier(&self) -> BarrierGuard<'_> {
        // SAFETY: main thread (this token's invariant); the function name is
        // a static C string VPP only reads for its barrier statistics.
        unsafe { sys::vlib_worker_thread_barrier_sync_int(self.0.as_ptr(), c"vpp-rs".as_ptr()) };
        BarrierGuard { mt: self }
    }
}

impl Deref for MainThread {
    type Target = Vm;
    #[inline(always)]
    fn deref(&self) -> &Vm {
        &self.0
    }
}

impl Barrier {
    /// Assert that the caller runs on the main thread with the workers
    /// stopped.
    ///
    /// # Safety
    /// As for [`MainThread::new_unchecked`], and the workers must stay at the
    /// barrier (or not be started) while the reference lives.
    #[inline(always)]
    pub unsafe fn new_unchecked(vm: &Vm) -> &Barrier {
        // SAFETY: transparent wrappers all the way down; the context is the
        // caller's contract.
        unsafe { &*(vm as *const Vm as *const Barrier) }
    }

    /// The main-thread token this barrier token implies.
    #[inline(always)]
    pub fn main_thread(&self) -> &MainThread {
        &self.0
    }
}

impl Deref for Barrier {
    type Target = MainThread;
    #[inline(always)]
    fn deref(&self) -> &MainThread {
        &self.0
    }
}

/// The worker barrier, held until dropped. Dereferences to [`Barrier`].
///
/// Borrowing the [`MainThread`] token it came from keeps a process node from
/// suspending (which needs `&mut Process`) while it holds the barrier.
#[must_use = "the barrier is released when the guard is dropped"]
pub struct BarrierGuard<'a> {
    mt: &'a MainThread,
}

impl Deref for BarrierGuard<'_> {
    type Target = Barrier;
    #[inline(always)]
    fn deref(&self) -> &Barrier {
        // SAFETY: main thread (from `mt`), workers parked until `drop`.
        unsafe { Barrier::new_unchecked(self.mt.vm()) }
    }
}

impl Drop for BarrierGuard<'_> {
    fn drop(&mut self) {
        // SAFETY: main thread; pairs the sync in `MainThread::barrier`.
        unsafe { sys::vlib_worker_thread_barrier_release(self.mt.vm().as_ptr()) };
    }
}
