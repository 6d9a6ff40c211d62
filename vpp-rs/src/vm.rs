//! The per-thread `vlib_main_t`.

use crate::buffer::Buffer;
use crate::sys;
use core::cell::UnsafeCell;

/// A VPP thread's `vlib_main_t`, as node, CLI and init functions receive it.
///
/// VPP owns and mutates the structure; Rust only ever holds `&Vm`, and reads
/// the fields it needs through raw pointers.
#[repr(transparent)]
pub struct Vm(UnsafeCell<sys::vlib_main_t>);

impl Vm {
    /// Borrow the `vlib_main_t` VPP passed in.
    ///
    /// # Safety
    /// `ptr` must point to a live `vlib_main_t` that outlives `'a`.
    #[inline(always)]
    pub unsafe fn from_ptr<'a>(ptr: *mut sys::vlib_main_t) -> &'a Vm {
        // SAFETY: `Vm` is a transparent wrapper over the C struct; the caller
        // guarantees the pointer is valid for 'a.
        unsafe { &*(ptr as *const Vm) }
    }

    /// The raw pointer, for calls into VPP.
    #[inline(always)]
    pub fn as_ptr(&self) -> *mut sys::vlib_main_t {
        self.0.get()
    }

    /// This thread's index (0 is the main thread).
    #[inline(always)]
    pub fn thread_index(&self) -> u16 {
        // SAFETY: the struct is valid (constructor contract); the field is
        // only written by VPP before threads start.
        unsafe { (*self.as_ptr()).thread_index }
    }

    /// Start of the buffer memory (`buffer_main->buffer_mem_start`).
    #[inline(always)]
    pub(crate) fn buffer_mem_start(&self) -> usize {
        // SAFETY: `buffer_main` is set by VPP before any node runs and never
        // freed; reading a `uword` from it is valid.
        unsafe { (*(*self.as_ptr()).buffer_main).buffer_mem_start as usize }
    }

    /// The buffer with index `bi` (`vlib_get_buffer`).
    ///
    /// # Safety
    /// `bi` must be a buffer index this thread owns (e.g. from its frame),
    /// and no other reference to that buffer may be live.
    #[inline(always)]
    #[allow(clippy::mut_from_ref)] // buffer memory belongs to VPP, not to `Vm`
    pub unsafe fn buffer(&self, bi: u32) -> &mut Buffer {
        let p = self.buffer_mem_start() + ((bi as usize) << sys::CLIB_LOG2_CACHE_LINE_BYTES);
        // SAFETY: VPP buffers live at buffer_mem_start + (index << 6); the
        // caller owns the buffer, so handing out a unique reference holds.
        unsafe { &mut *(p as *mut Buffer) }
    }

    /// Translate buffer indices to pointers in one pass (`vlib_get_buffers`).
    #[inline(always)]
    pub fn get_buffers(&self, indices: &[u32], out: &mut [*mut sys::vlib_buffer_t]) {
        let base = self.buffer_mem_start();
        for (o, &bi) in out.iter_mut().zip(indices) {
            *o = base.wrapping_add((bi as usize) << sys::CLIB_LOG2_CACHE_LINE_BYTES) as *mut _;
        }
    }

    /// The buffer index of a buffer (`vlib_get_buffer_index`).
    #[inline(always)]
    pub fn buffer_index(&self, b: &Buffer) -> u32 {
        ((b as *const Buffer as usize).wrapping_sub(self.buffer_mem_start())
            >> sys::CLIB_LOG2_CACHE_LINE_BYTES) as u32
    }

    /// This thread's counter `code` (a `vlib_error_t` from
    /// [`crate::Node::error_code`]), or `None` before VPP set up counters.
    ///
    /// The stats segment reads the counters from another thread while this
    /// one updates them, as in C; the accesses are atomic (relaxed), which
    /// compiles to the same plain loads and stores as VPP's `+=`.
    #[inline(always)]
    fn counter(&self, code: u16) -> Option<&core::sync::atomic::AtomicU64> {
        // SAFETY: `error_main.counters` is this thread's counter vector,
        // which VPP sizes to cover every registered error code (codes come
        // from node runtimes, never from user integers: the callers are
        // crate-private); it is re-read on each call because registrations
        // may move it. u64 counters are 8-aligned, as `AtomicU64` needs.
        unsafe {
            let counters = (*self.as_ptr()).error_main.counters;
            if counters.is_null() {
                None
            } else {
                Some(core::sync::atomic::AtomicU64::from_ptr(counters.add(code as usize)))
            }
        }
    }

    /// Add `n` to error counter `code` (`vlib_error_count`). Only this
    /// thread writes its counters, so load + store is enough.
    #[inline(always)]
    pub(crate) fn increment_error(&self, code: u16, n: u64) {
        use core::sync::atomic::Ordering::Relaxed;
        if let Some(c) = self.counter(code) {
            c.store(c.load(Relaxed).wrapping_add(n), Relaxed);
        }
    }
}
