//! State that packet nodes read without locks and the control plane changes
//! under the worker barrier: VPP's own model for its FIB, adjacency and
//! interface tables, as a type.
//!
//! ```ignore
//! static PAIRS: vpp::BarrierCell<PairTable> = vpp::BarrierCell::new(PairTable::new());
//!
//! // In a node body (any thread): no lock, no atomic.
//! let table = PAIRS.get(node);
//!
//! // In an API handler or CLI command holding the barrier:
//! PAIRS.update(barrier, |t| t.insert(pair));
//!
//! // In `show` commands on the main thread, without the barrier:
//! let t = PAIRS.read(mt);
//! ```
//!
//! Why this is sound:
//! - a node reads through `&Node`, so the reference ends when the node
//!   function returns; workers are parked at the barrier only between node
//!   calls, and on the main thread no node runs while a control-plane
//!   callback does;
//! - [`BarrierCell::update`] needs `&Barrier` (main thread, workers parked),
//!   so no node runs anywhere while the value is changed;
//! - main-thread readers ([`BarrierCell::read`]) and the updater share the
//!   main thread; a borrow count (touched only on the main thread) turns a
//!   `read` held across an `update`, or an `update` nested in another, into
//!   a panic instead of aliasing.

use crate::node::{ErrorCounters, NextNodes, Node, TraceData};
use crate::thread::{Barrier, MainThread};
use core::cell::{Cell, UnsafeCell};
use core::ops::Deref;

/// A value read lock-free by packet nodes and changed under the barrier.
/// See the [module docs](self).
pub struct BarrierCell<T> {
    value: UnsafeCell<T>,
    /// Main-thread borrow state: >0 readers, -1 the updater.
    borrow: MainThreadCounter,
}

/// A counter only the main thread touches (the `&MainThread` it is reached
/// through proves it).
struct MainThreadCounter(Cell<isize>);

// SAFETY: the counter is read and written only through `&MainThread` or
// `&Barrier` paths (main thread only), never from workers.
unsafe impl Sync for MainThreadCounter {}

// SAFETY: workers read `T` through `&T` concurrently (so `T: Sync`); the
// main thread moves values in and out of it under the barrier (so
// `T: Send`). Writes never overlap reads, as the module docs explain.
unsafe impl<T: Send + Sync> Sync for BarrierCell<T> {}

impl<T> BarrierCell<T> {
    /// A cell holding `value` (usable in statics).
    pub const fn new(value: T) -> Self {
        BarrierCell { value: UnsafeCell::new(value), borrow: MainThreadCounter(Cell::new(0)) }
    }

    /// Read from a packet node, on any thread, without synchronisation.
    #[inline(always)]
    pub fn get<'a, N: NextNodes, E: ErrorCounters, R: TraceData>(
        &'a self,
        node: &'a Node<'_, N, E, R>,
    ) -> &'a T {
        let _ = node;
        // SAFETY: writes happen only in `update`, under the barrier, which
        // never overlaps a node call (module docs); the reference ends with
        // the node's borrow.
        unsafe { &*self.value.get() }
    }

    /// Read without a token, for entry points VPP's C code calls directly
    /// (another plugin's `vlib_get_plugin_symbol` lookups).
    ///
    /// # Safety
    /// The caller runs on a VPP graph thread, or on the main thread outside
    /// any [`BarrierCell::update`] of this cell, and drops the reference
    /// before returning to VPP (so no barrier can start while it lives).
    pub unsafe fn get_unchecked(&self) -> &T {
        // SAFETY: the caller's contract, as for `get`.
        unsafe { &*self.value.get() }
    }

    /// Read on the main thread (CLI, API handlers, processes).
    ///
    /// # Panics
    /// If an [`BarrierCell::update`] of this cell is in progress.
    pub fn read<'a>(&'a self, mt: &'a MainThread) -> ReadGuard<'a, T> {
        let _ = mt;
        let b = self.borrow.0.get();
        assert!(b >= 0, "BarrierCell::read during an update of the same cell");
        self.borrow.0.set(b + 1);
        ReadGuard { cell: self, _main: core::marker::PhantomData }
    }

    /// [`BarrierCell::read`], or `None` while an update of this cell is in
    /// progress (e.g. in a callback VPP makes from inside that update).
    pub fn try_read<'a>(&'a self, mt: &'a MainThread) -> Option<ReadGuard<'a, T>> {
        (self.borrow.0.get() >= 0).then(|| self.read(mt))
    }

    /// [`BarrierCell::update`], or `None` (without calling `f`) while the
    /// cell is borrowed on the main thread.
    pub fn try_update<R>(&self, b: &Barrier, f: impl FnOnce(&mut T) -> R) -> Option<R> {
        (self.borrow.0.get() == 0).then(|| self.update(b, f))
    }

    /// Change the value with the workers parked. Returns what `f` returns.
    ///
    /// # Panics
    /// If a [`BarrierCell::read`] guard of this cell is alive, or when
    /// nested in another update of it.
    pub fn update<R>(&self, b: &Barrier, f: impl FnOnce(&mut T) -> R) -> R {
        let _ = b;
        let n = self.borrow.0.get();
        assert!(n == 0, "BarrierCell::update while the cell is borrowed ({n})");
        self.borrow.0.set(-1);
        struct Reset<'a>(&'a Cell<isize>);
        impl Drop for Reset<'_> {
            fn drop(&mut self) {
                self.0.set(0);
            }
        }
        let _reset = Reset(&self.borrow.0);
        // SAFETY: main thread with the workers parked (the token): no node
        // holds a reference; the borrow count excludes main-thread readers
        // and nested updates for the duration of `f`.
        f(unsafe { &mut *self.value.get() })
    }
}

/// A main-thread read of a [`BarrierCell`]; dereferences to the value.
/// Not `Send`: it must be dropped on the main thread, where the borrow count
/// lives.
pub struct ReadGuard<'a, T> {
    cell: &'a BarrierCell<T>,
    _main: core::marker::PhantomData<&'a MainThread>,
}

impl<T> Deref for ReadGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: the borrow count keeps `update` out while the guard lives.
        unsafe { &*self.cell.value.get() }
    }
}

impl<T> Drop for ReadGuard<'_, T> {
    fn drop(&mut self) {
        let b = &self.cell.borrow.0;
        b.set(b.get() - 1);
    }
}
