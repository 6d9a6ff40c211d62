//! Graph nodes: typed next nodes and error counters, the per-frame context
//! a node body receives, and the static registration records.

use crate::buffer::{copy_buffers, Buffer, OwnedBuffer};
use crate::sys;
use crate::vm::Vm;
use core::cell::UnsafeCell;
use core::ffi::{c_char, CStr};
use core::marker::PhantomData;

/// The next nodes of a node, as a Rust enum (derive with
/// `#[derive(vpp::NextNodes)]`). Variant `i` is next index `i`.
///
/// # Safety
/// The framework hands `index()` to VPP's enqueue functions, which index the
/// node's next-node table without bounds checks. An implementation must
/// return, for every value, an index below `NAMES.len()`, and `NAMES` must be
/// exactly the next nodes the node is registered with (the derive and
/// `#[vpp::node(next = ...)]` guarantee both).
pub unsafe trait NextNodes: Copy {
    /// Node names, in next-index order.
    const NAMES: &'static [&'static CStr];
    /// Number of next nodes.
    const COUNT: usize = Self::NAMES.len();
    /// The next index of this variant (below [`NextNodes::COUNT`]).
    fn index(self) -> u16;
}

/// A node without next nodes of its own (e.g. a feature node that only
/// uses [`Node::feature_next`], or a `sibling_of` node).
#[derive(Clone, Copy, Debug)]
pub enum NoNext {}

// SAFETY: no values, so no index is ever produced.
unsafe impl NextNodes for NoNext {
    const NAMES: &'static [&'static CStr] = &[];
    fn index(self) -> u16 {
        match self {}
    }
}

/// Index of a next node of a node whose next nodes are `N`, as VPP's
/// enqueue takes it.
///
/// VPP indexes the node's next-node table with it unchecked, so it cannot be
/// made from an integer, nor from another node's next nodes: it comes from
/// one of the node's own `N` variants (`Next::Drop.into()`), from
/// [`Node::feature_next`], or from [`Node::next_checked`], each in
/// range for the node.
pub struct NextIndex<N: NextNodes = NoNext>(u16, PhantomData<N>);

impl<N: NextNodes> NextIndex<N> {
    /// Wrap an index the caller has checked against the node's next nodes.
    #[inline(always)]
    pub(crate) const fn new_unchecked(i: u16) -> Self {
        NextIndex(i, PhantomData)
    }

    /// The raw next index.
    #[inline(always)]
    pub const fn get(self) -> u16 {
        self.0
    }
}

impl<N: NextNodes> Clone for NextIndex<N> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<N: NextNodes> Copy for NextIndex<N> {}
impl<N: NextNodes> PartialEq for NextIndex<N> {
    fn eq(&self, o: &Self) -> bool {
        self.0 == o.0
    }
}
impl<N: NextNodes> Eq for NextIndex<N> {}
impl<N: NextNodes> core::fmt::Debug for NextIndex<N> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "NextIndex({})", self.0)
    }
}

impl<N: NextNodes> From<N> for NextIndex<N> {
    #[inline(always)]
    fn from(n: N) -> NextIndex<N> {
        NextIndex::new_unchecked(n.index())
    }
}

/// Severity of an error counter (`vl_counter_severity_e`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Severity {
    /// Shown as an error.
    Error = 0,
    /// Shown as a warning.
    Warning = 1,
    /// Informational counter.
    Info = 2,
}

/// One error counter description (`vlib_error_desc_t`), usable in statics.
///
/// Built only from `'static` C strings, so its accessors can read them.
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct ErrorDesc(sys::vlib_error_desc_t);

// SAFETY: the descriptor only holds pointers to 'static C strings, which are
// immutable and valid from any thread.
unsafe impl Sync for ErrorDesc {}

impl ErrorDesc {
    /// Describe a counter: `name` as shown by `show errors`, `desc` its text.
    pub const fn new(name: &'static CStr, desc: &'static CStr, severity: Severity) -> Self {
        ErrorDesc(sys::vlib_error_desc_t {
            name: name.as_ptr(),
            desc: desc.as_ptr(),
            severity: severity as u32,
            stats_entry_index: 0,
        })
    }

    /// The counter name.
    pub fn name(&self) -> &'static CStr {
        // SAFETY: built by `new` from a 'static CStr.
        unsafe { CStr::from_ptr(self.0.name) }
    }

    /// The counter description.
    pub fn desc(&self) -> &'static CStr {
        // SAFETY: built by `new` from a 'static CStr.
        unsafe { CStr::from_ptr(self.0.desc) }
    }

    /// The severity.
    pub fn severity(&self) -> u32 {
        self.0.severity
    }
}

/// The error counters of a node, as a Rust enum (derive with
/// `#[derive(vpp::ErrorCounters)]`). Variant `i` is counter `i`.
///
/// # Safety
/// The framework reads `rt.errors[index()]` and increments VPP's counter
/// vector at the code it finds there, without bounds checks. An
/// implementation must return, for every value, an index below
/// `DESCS.len()`, and `DESCS` must be exactly the counters the node is
/// registered with (the derive and `#[vpp::node(errors = ...)]` guarantee
/// both).
pub unsafe trait ErrorCounters: Copy {
    /// Counter descriptions, in counter order.
    const DESCS: &'static [ErrorDesc];
    /// The counter index of this variant (below `DESCS.len()`).
    fn index(self) -> u16;
}

/// A node without error counters.
#[derive(Clone, Copy, Debug)]
pub enum NoErrors {}

// SAFETY: no values, so no index is ever produced.
unsafe impl ErrorCounters for NoErrors {
    const DESCS: &'static [ErrorDesc] = &[];
    fn index(self) -> u16 {
        match self {}
    }
}

/// Data recorded for a traced packet and printed by `show trace`.
///
/// Implemented for any `Copy + Display + Send` type with alignment of at
/// most 8 (VPP's trace area alignment; checked at compile time). Traces are
/// written on the worker that handled the packet and formatted on the main
/// thread, hence `Send`.
pub trait TraceData: Copy + core::fmt::Display + Send + 'static {}
impl<T: Copy + core::fmt::Display + Send + 'static> TraceData for T {}

/// A node without trace data.
#[derive(Clone, Copy, Debug)]
pub enum NoTrace {}

impl core::fmt::Display for NoTrace {
    fn fmt(&self, _: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match *self {}
    }
}

/// The buffers a node was called with.
///
/// A frame owns its buffers for the node: it is not `Copy` or `Clone`, and
/// the safe ways to finish with it ([`Node::for_each_buffer`],
/// [`Node::enqueue_all`]) take it by value, so every buffer is handed on
/// exactly once. A frame dropped unused leaks its buffers (never a double
/// free).
#[must_use = "a node hands its frame's buffers on (for_each_buffer, enqueue_all), or they leak"]
pub struct Frame<'a> {
    indices: &'a [u32],
}

impl<'a> Frame<'a> {
    /// Wrap VPP's frame.
    ///
    /// # Safety
    /// `f` must be NULL or a valid frame whose vector is `u32` buffer
    /// indices, each naming a distinct buffer the calling node owns; at most
    /// one `Frame` may be made of it.
    #[inline(always)]
    pub unsafe fn from_ptr(f: *mut sys::vlib_frame_t) -> Frame<'a> {
        if f.is_null() {
            return Frame { indices: &[] };
        }
        // SAFETY: `vlib_frame_vector_args`: the indices start at
        // `vector_offset` and there are `n_vectors` of them.
        unsafe {
            let p = (f as *const u8).add((*f).vector_offset as usize) as *const u32;
            Frame { indices: core::slice::from_raw_parts(p, (*f).n_vectors as usize) }
        }
    }

    /// A frame over a slice of buffer indices (input nodes, the stand-in).
    ///
    /// # Safety
    /// Each index must name a distinct, valid buffer of the calling thread
    /// that the caller owns and hands over to the frame's consumer (it will
    /// be enqueued to another node, which then owns it), with no other
    /// `Frame` or reference over the same buffers.
    pub unsafe fn from_indices(indices: &'a [u32]) -> Frame<'a> {
        Frame { indices }
    }

    /// Number of packets.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    /// True for an empty frame.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// The buffer indices.
    #[inline(always)]
    pub fn indices(&self) -> &[u32] {
        self.indices
    }
}

/// What a node body receives: the thread's `vlib_main_t`, the node runtime,
/// and typed access to counters, traces and enqueue.
pub struct Node<'a, N: NextNodes = NoNext, E: ErrorCounters = NoErrors, T: TraceData = NoTrace> {
    vm: &'a Vm,
    rt: *mut sys::vlib_node_runtime_t,
    _p: PhantomData<(N, E, T)>,
}

impl<'a, N: NextNodes, E: ErrorCounters, T: TraceData> Node<'a, N, E, T> {
    /// Wrap the arguments VPP passed to a node function.
    ///
    /// # Safety
    /// `rt` must be the runtime VPP passed with `vm` for a node registered
    /// with `N`'s next nodes and `E`'s counters.
    #[inline(always)]
    pub unsafe fn new(vm: &'a Vm, rt: *mut sys::vlib_node_runtime_t) -> Self {
        Node { vm, rt, _p: PhantomData }
    }

    /// The thread's `vlib_main_t`.
    #[inline(always)]
    pub fn vm(&self) -> &'a Vm {
        self.vm
    }

    /// The raw node runtime.
    #[inline(always)]
    pub fn runtime(&self) -> *mut sys::vlib_node_runtime_t {
        self.rt
    }

    /// This node's index in the graph.
    #[inline(always)]
    pub fn node_index(&self) -> u32 {
        // SAFETY: `rt` is valid for the call (constructor contract).
        unsafe { (*self.rt).node_index }
    }

    /// How many next nodes this node has now (its own, plus those VPP added,
    /// e.g. for feature arcs).
    #[inline(always)]
    pub fn n_next_nodes(&self) -> u16 {
        // SAFETY: `rt` is valid for the call; VPP changes the field only
        // under the barrier, never during a dispatch.
        unsafe { (*self.rt).n_next_nodes }
    }

    /// The `vlib_error_t` code of counter `e`, as stored in `b->error`.
    #[inline(always)]
    pub fn error_code(&self, e: E) -> u16 {
        // SAFETY: VPP sizes `errors` to the node's counters, and `E` is the
        // counter enum the node was registered with, whose indices are in
        // range (constructor contract, `ErrorCounters` contract).
        unsafe { *(*self.rt).errors.add(e.index() as usize) }
    }

    /// Add `n` to counter `e` (`vlib_node_increment_counter`).
    #[inline(always)]
    pub fn count(&self, e: E, n: u64) {
        self.vm.increment_error(self.error_code(e), n);
    }

    /// Mark `b` as dropped for reason `e`; send it to a drop next node.
    #[inline(always)]
    pub fn set_drop_reason(&self, b: &mut Buffer, e: E) {
        b.set_error(self.error_code(e));
    }

    /// Record trace data for `b` if it is traced; `f` only runs then.
    #[inline(always)]
    pub fn trace_with(&self, b: &mut Buffer, f: impl FnOnce(&Buffer) -> T) {
        if b.is_traced() {
            let t = f(b);
            self.add_trace(b, t);
        }
    }

    /// Record `t` as trace data of `b` (which should be traced).
    #[inline]
    pub fn add_trace(&self, b: &mut Buffer, t: T) {
        const { assert!(core::mem::align_of::<T>() <= 8, "trace data must have align <= 8") };
        // SAFETY: `vlib_add_trace` returns at least `size_of::<T>()` writable
        // bytes, 8-aligned, owned by the trace buffer of this thread.
        unsafe {
            let p =
                sys::vlib_add_trace(self.vm.as_ptr(), self.rt, b.as_ptr(), core::mem::size_of::<T>() as u32)
                    as *mut T;
            if !p.is_null() {
                p.write(t);
            }
        }
    }

    /// The next feature on `b`'s feature arc (`vnet_feature_next`): returns
    /// its next index and moves the buffer's arc cursor past it.
    ///
    /// For a node registered as a feature (`#[vpp::feature]`) without
    /// per-interface configuration.
    #[inline(always)]
    pub fn feature_next(&self, b: &mut Buffer) -> NextIndex<N> {
        self.feature_next_with_config(b, 0)
    }

    /// [`Node::feature_next`] for a feature enabled with `n_config_bytes`
    /// of per-interface configuration.
    ///
    /// The cursor and the next index it yields are checked against VPP's
    /// config heap and this node's next nodes; a buffer whose cursor is not
    /// on this node's arc (the node was not reached through a feature arc)
    /// aborts VPP with a message instead of enqueueing out of bounds.
    #[inline(always)]
    pub fn feature_next_with_config(&self, b: &mut Buffer, n_config_bytes: u32) -> NextIndex<N> {
        // The cursor on entry, for the message: `next_on_arc` has already
        // moved it when the entry it read is out of range for this node.
        let cursor = b.current_config_index();
        match crate::feature::next_on_arc(b, n_config_bytes) {
            Some(next) if next < self.n_next_nodes() => NextIndex::new_unchecked(next),
            _ => bad_feature_cursor(self.node_index(), cursor),
        }
    }

    /// Send `buffers[i]` to `nexts[i]` for `i < count` in one call
    /// (`vlib_buffer_enqueue_to_next`, VPP's best variant).
    ///
    /// `buffers` and `nexts` are frame-sized arrays because VPP's enqueue
    /// reads whole SIMD blocks past `count`.
    ///
    /// # Safety
    /// Each of the first `count` indices must name a distinct, valid buffer
    /// of this thread that the node owns (and gives up by this call), and
    /// each of the first `count` next indices must be below
    /// [`Node::n_next_nodes`] (any [`NextIndex`] obtained from this node's
    /// `N` or from [`Node::feature_next`] is).
    #[inline(always)]
    pub unsafe fn enqueue_to_next(&self, buffers: &mut [u32; 256], nexts: &mut [u16; 256], count: usize) {
        let count = count.min(256);
        // SAFETY: the table is filled by `vlib_buffer_funcs_init` before
        // nodes run; both arrays hold 256 entries, covering VPP's over-read;
        // ownership and next indices are the caller's contract.
        unsafe {
            let fm = &*core::ptr::addr_of!(sys::vlib_buffer_func_main);
            if let Some(f) = fm.buffer_enqueue_to_next_fn {
                f(self.vm.as_ptr(), self.rt, buffers.as_mut_ptr(), nexts.as_mut_ptr(), count as u64);
            }
        }
    }

    /// Send the first `count` buffers of `buffers` to one next node.
    ///
    /// # Safety
    /// As for [`Node::enqueue_to_next`], with `next` below
    /// [`Node::n_next_nodes`].
    #[inline(always)]
    pub unsafe fn enqueue_to_single_next(&self, buffers: &mut [u32; 256], next: NextIndex<N>, count: usize) {
        let count = count.min(256);
        // SAFETY: as in `enqueue_to_next`.
        unsafe {
            let fm = &*core::ptr::addr_of!(sys::vlib_buffer_func_main);
            if let Some(f) = fm.buffer_enqueue_to_single_next_fn {
                f(self.vm.as_ptr(), self.rt, buffers.as_mut_ptr(), next.get(), count as u32);
            }
        }
    }

    /// Send every buffer of `frame` to next node `next`, in one call.
    /// Returns the number of packets.
    #[inline(always)]
    pub fn enqueue_all(&mut self, frame: Frame<'_>, next: N) -> usize {
        let n = frame.len().min(sys::VLIB_FRAME_SIZE);
        let mut bis = [0u32; 256];
        bis[..n].copy_from_slice(&frame.indices()[..n]);
        // SAFETY: the frame owns its distinct buffers and is consumed here;
        // `next` comes from `N`, whose indices are below the node's
        // registered next nodes (`NextNodes` contract).
        unsafe { self.enqueue_to_single_next(&mut bis, next.into(), n) };
        n
    }

    /// Run `f` on every buffer of `frame` and enqueue each to the next node
    /// it returns, in one batch. Headers are prefetched a few packets ahead.
    /// Consumes the frame; returns the number of packets handled.
    #[inline(always)]
    pub fn for_each_buffer<F>(&mut self, frame: Frame<'_>, mut f: F) -> usize
    where
        F: FnMut(&mut Self, &mut Buffer) -> NextIndex<N>,
    {
        const AHEAD: usize = 4;
        let n = frame.len().min(sys::VLIB_FRAME_SIZE);
        let mut bis = [0u32; 256];
        let mut nexts = [0u16; 256];
        let mut bufs = [core::ptr::null_mut::<sys::vlib_buffer_t>(); 256];
        bis[..n].copy_from_slice(&frame.indices()[..n]);
        self.vm.get_buffers(&bis[..n], &mut bufs[..n]);
        for i in 0..n {
            if i + AHEAD < n {
                prefetch(bufs[i + AHEAD] as *const u8);
            }
            // SAFETY: each index in the frame names a distinct buffer owned
            // by this node (`Frame` contract); the reference lives only for
            // this call of `f`, which cannot reach the consumed frame.
            let b = unsafe { Buffer::from_ptr(bufs[i]) };
            nexts[i] = f(self, b).get();
        }
        // SAFETY: the buffers are the frame's (owned, distinct, consumed
        // here); every next index is a `NextIndex`, valid for this node.
        unsafe { self.enqueue_to_next(&mut bis, &mut nexts, n) };
        n
    }
}

/// Buffers a node creates while handling a frame (copies, replies), sent
/// on in one batch after the frame's own buffers
/// ([`Node::for_each_buffer_with_extra`]). Holds at most one frame's worth
/// (256); each pushed buffer is owned, so it is enqueued exactly once.
pub struct Extra<'v, N: NextNodes> {
    vm: &'v Vm,
    _next: PhantomData<N>,
    bis: [u32; 256],
    nexts: [u16; 256],
    n: usize,
}

impl<'v, N: NextNodes> Extra<'v, N> {
    fn new(vm: &'v Vm) -> Self {
        Extra { vm, _next: PhantomData, bis: [0; 256], nexts: [0; 256], n: 0 }
    }

    /// Queue `b` for next node `next` (a next index of the running node).
    /// When the batch is full, gives the buffer back (dropping it frees it).
    #[inline(always)]
    pub fn push(&mut self, b: OwnedBuffer<'v>, next: NextIndex<N>) -> Result<(), OwnedBuffer<'v>> {
        if self.n == self.bis.len() || !core::ptr::eq(b.vm, self.vm) {
            return Err(b);
        }
        self.bis[self.n] = b.into_index();
        self.nexts[self.n] = next.get();
        self.n += 1;
        Ok(())
    }

    /// Buffers queued so far.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when nothing is queued.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// The copies a node asks for while handling a frame
/// ([`Node::for_each_buffer_copying`]): at most one per buffer of the frame,
/// made together (one shim call, one buffer allocation) once every buffer
/// of the frame has been handled, before the frame's buffers are sent on.
pub struct CopyRequests {
    /// The buffer being handled and its position in the frame.
    cur: *const sys::vlib_buffer_t,
    cur_pos: u16,
    /// Per request: frame position, the buffer's position and length at
    /// the request, the caller's tag.
    pos: [u16; 256],
    at: [(i16, u16); 256],
    tags: [u32; 256],
    n: usize,
}

impl CopyRequests {
    fn new() -> Self {
        CopyRequests {
            cur: core::ptr::null(),
            cur_pos: 0,
            pos: [0; 256],
            at: [(0, 0); 256],
            tags: [0; 256],
            n: 0,
        }
    }

    /// Ask for a copy of `b`, which must be the buffer being handled, with
    /// the caller's `tag` (handed back with the copy). The copy
    /// (`vlib_buffer_copy`) starts at `b`'s current position *as it is now*
    /// (e.g. after rewinding to its Ethernet header; `b` may move on again
    /// afterwards), and carries `b`'s data and metadata as they are once
    /// the frame has been handled.
    ///
    /// Returns `false` (no copy) when `b` is not the buffer being handled
    /// or already has a request.
    #[inline(always)]
    pub fn request(&mut self, b: &Buffer, tag: u32) -> bool {
        let p = b as *const Buffer as *const sys::vlib_buffer_t;
        if !core::ptr::eq(p, self.cur) || (self.n > 0 && self.pos[self.n - 1] == self.cur_pos) {
            return false;
        }
        // At most one request per frame buffer, and frames hold at most
        // 256: `n` stays below 256 here.
        let n = self.n.min(255);
        self.pos[n] = self.cur_pos;
        self.at[n] = b.position();
        self.tags[n] = tag;
        self.n = n + 1;
        true
    }

    /// Copies requested so far in this frame.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when no copy has been requested.
    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }
}

/// What [`Node::for_each_buffer_copying`] did with a frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CopyStats {
    /// Buffers of the frame handled.
    pub packets: usize,
    /// Copies made and sent on.
    pub copied: usize,
    /// Requested copies VPP had no free buffer for (not made).
    pub failed: usize,
}

impl<'a, N: NextNodes, E: ErrorCounters, T: TraceData> Node<'a, N, E, T> {
    /// A next index of this node from a raw value (e.g. an adjacency's
    /// `rewrite_header.next_index` in a `sibling_of` node): `None` unless it
    /// is below [`Node::n_next_nodes`].
    #[inline(always)]
    pub fn next_checked(&self, next: u32) -> Option<NextIndex<N>> {
        (next < self.n_next_nodes() as u32).then(|| NextIndex::new_unchecked(next as u16))
    }

    /// Copy `b` (`vlib_buffer_copy`: every segment from `current_data` on,
    /// with its metadata) into new buffers of this thread. `None` when VPP
    /// has no free buffer (or vpp-rs was built without VPP headers).
    #[inline]
    pub fn copy_buffer(&self, b: &mut Buffer) -> Option<OwnedBuffer<'a>> {
        OwnedBuffer::copy_of(self.vm, b)
    }

    /// [`Node::for_each_buffer`], where `f` may also create buffers (with
    /// [`Node::copy_buffer`]) and queue them in the [`Extra`] batch; those
    /// are enqueued after the frame's, in one more call. Returns (frame
    /// packets, extra buffers).
    #[inline(always)]
    pub fn for_each_buffer_with_extra<F>(&mut self, frame: Frame<'_>, mut f: F) -> (usize, usize)
    where
        F: FnMut(&mut Self, &mut Buffer, &mut Extra<'a, N>) -> NextIndex<N>,
    {
        let mut extra = Extra::new(self.vm);
        let n = self.for_each_buffer(frame, |node, b| f(node, b, &mut extra));
        let k = extra.n;
        if k > 0 {
            // SAFETY: every queued index came from an `OwnedBuffer` of this
            // thread (same `Vm`) consumed by `push`, so each is owned and
            // distinct; every next index is a `NextIndex` of this node.
            unsafe { self.enqueue_to_next(&mut extra.bis, &mut extra.nexts, k) };
        }
        (n, k)
    }
}

impl<'a, N: NextNodes, E: ErrorCounters, T: TraceData> Node<'a, N, E, T> {
    /// [`Node::for_each_buffer`], where `f` may also ask for copies of the
    /// buffers it handles ([`CopyRequests::request`]). Once every buffer of
    /// the frame has been handled, the requested copies are made in one
    /// batch (one shim call, one buffer allocation; what `vlib_buffer_copy`
    /// makes of each), `g` is called with each copy and its request's tag
    /// and returns the copy's next node, then the frame's buffers are
    /// enqueued, then the copies, each group in one call. Copies VPP has no
    /// buffer for are not made ([`CopyStats::failed`]).
    #[inline(always)]
    pub fn for_each_buffer_copying<F, G>(&mut self, frame: Frame<'_>, mut f: F, mut g: G) -> CopyStats
    where
        F: FnMut(&mut Self, &mut Buffer, &mut CopyRequests) -> NextIndex<N>,
        G: FnMut(&mut Self, &mut Buffer, u32) -> NextIndex<N>,
    {
        const AHEAD: usize = 4;
        let n = frame.len().min(sys::VLIB_FRAME_SIZE);
        let mut bis = [0u32; 256];
        let mut nexts = [0u16; 256];
        let mut bufs = [core::ptr::null_mut::<sys::vlib_buffer_t>(); 256];
        bis[..n].copy_from_slice(&frame.indices()[..n]);
        self.vm.get_buffers(&bis[..n], &mut bufs[..n]);
        let mut req = CopyRequests::new();
        for i in 0..n {
            if i + AHEAD < n {
                prefetch(bufs[i + AHEAD] as *const u8);
            }
            req.cur = bufs[i];
            req.cur_pos = i as u16;
            // SAFETY: each index in the frame names a distinct buffer owned
            // by this node (`Frame` contract); the reference lives only for
            // this call of `f`, which cannot reach the consumed frame.
            let b = unsafe { Buffer::from_ptr(bufs[i]) };
            nexts[i] = f(self, b, &mut req).get();
        }
        let mut stats = CopyStats { packets: n, copied: 0, failed: 0 };
        let k = req.n;
        if k > 0 {
            let mut src = [0u32; 256];
            let mut copies = [u32::MAX; 256];
            let mut now = [(0i16, 0u16); 256];
            for j in 0..k {
                let p = req.pos[j] as usize;
                // SAFETY: `p` is the position of a buffer of the frame (set
                // by this loop above), still owned here; no other reference
                // to it is live.
                let b = unsafe { Buffer::from_ptr(bufs[p]) };
                now[j] = b.position();
                b.restore_position(req.at[j]);
                src[j] = bis[p];
            }
            // SAFETY: `src[..k]` are distinct buffers of the frame (one
            // request per buffer), owned by this node until the enqueue
            // below; no reference to them is live.
            unsafe { copy_buffers(self.vm, &src[..k], &mut copies[..k]) };
            let mut copy_nexts = [0u16; 256];
            let mut m = 0;
            let mut single = true;
            for j in 0..k {
                let p = req.pos[j] as usize;
                // SAFETY: as above.
                unsafe { Buffer::from_ptr(bufs[p]) }.restore_position(now[j]);
                if copies[j] == u32::MAX {
                    continue;
                }
                // SAFETY: a buffer the copy just allocated for this node:
                // valid, owned, referred to by nothing else.
                let c = unsafe { self.vm.buffer(copies[j]) };
                let next = g(self, c, req.tags[j]).get();
                single &= m == 0 || next == copy_nexts[0];
                copies[m] = copies[j];
                copy_nexts[m] = next;
                m += 1;
            }
            stats.copied = m;
            stats.failed = k - m;
            // SAFETY: the frame's buffers (owned, distinct, consumed here);
            // every next index is a `NextIndex`, valid for this node.
            unsafe { self.enqueue_to_next(&mut bis, &mut nexts, n) };
            if m > 0 {
                // SAFETY: the copies are new buffers this node owns and
                // gives up here, each once; every next index came from a
                // `NextIndex` of this node.
                unsafe {
                    if single {
                        self.enqueue_to_single_next(&mut copies, NextIndex::new_unchecked(copy_nexts[0]), m)
                    } else {
                        self.enqueue_to_next(&mut copies, &mut copy_nexts, m)
                    }
                }
            }
        } else {
            // SAFETY: as above.
            unsafe { self.enqueue_to_next(&mut bis, &mut nexts, n) };
        }
        stats
    }
}

/// A feature-arc cursor that does not lead to one of this node's next
/// nodes: VPP's feature state and this node disagree, and any enqueue would
/// write out of bounds. Stop with a message instead.
#[cold]
#[inline(never)]
fn bad_feature_cursor(node_index: u32, config_index: u32) -> ! {
    eprintln!(
        "vpp-rs: node {node_index}: feature_next on a buffer whose feature-arc cursor ({config_index}) \
         is not on this node's arc (is the node registered with #[vpp::feature] and reached through its arc?)"
    );
    std::process::abort()
}

/// Prefetch one cache line for reading and writing.
#[inline(always)]
pub fn prefetch(p: *const u8) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetch is a hint; it never faults, whatever the address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Node kinds (`vlib_node_type_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum NodeKind {
    /// Called with frames from other nodes.
    Internal = sys::VLIB_NODE_TYPE_INTERNAL,
    /// Polled by the main loop.
    Input = sys::VLIB_NODE_TYPE_INPUT,
    /// Runs before input nodes.
    PreInput = sys::VLIB_NODE_TYPE_PRE_INPUT,
    /// Cooperative process on the main thread.
    Process = sys::VLIB_NODE_TYPE_PROCESS,
}

/// The raw record of a node registration with its `N` next-node names.
#[repr(C)]
pub struct RawNodeRegistration<const N: usize> {
    /// `vlib_node_registration_t`.
    pub reg: sys::vlib_node_registration_t,
    /// The trailing `next_nodes[]`.
    pub next_nodes: [*const c_char; N],
}

/// A static node registration (what `VLIB_REGISTER_NODE` defines).
///
/// VPP writes `index` and the list link into it, hence the cell.
#[repr(transparent)]
pub struct NodeRegistration<const N: usize>(UnsafeCell<RawNodeRegistration<N>>);

// SAFETY: the record is written only by its constructor/destructor (load
// time, single threaded) and by VPP on the main thread during graph set-up.
unsafe impl<const N: usize> Sync for NodeRegistration<N> {}

impl<const N: usize> NodeRegistration<N> {
    /// Build a registration at compile time.
    ///
    /// # Safety
    /// `reg.name` (and `reg.sibling_of` unless NULL) must point to `'static`
    /// NUL-terminated strings, each of `next_nodes` too, and the other
    /// pointers and counts must describe what VPP expects of a
    /// `vlib_node_registration_t` (`error_counters` with `n_errors` entries,
    /// `n_next_nodes == N`): [`NodeRegistration::name`] reads `name`, and
    /// VPP reads the rest once the record is registered.
    pub const unsafe fn new(reg: sys::vlib_node_registration_t, next_nodes: [*const c_char; N]) -> Self {
        NodeRegistration(UnsafeCell::new(RawNodeRegistration { reg, next_nodes }))
    }

    /// Pointer to the C record.
    pub fn as_ptr(&self) -> *mut sys::vlib_node_registration_t {
        self.0.get() as *mut sys::vlib_node_registration_t
    }

    /// The node name.
    pub fn name(&self) -> &'static CStr {
        // SAFETY: `name` points to a 'static C string (constructor contract)
        // that neither VPP nor Rust ever changes.
        unsafe { CStr::from_ptr((*self.as_ptr()).name) }
    }

    /// The node index VPP assigned (valid once the graph is built).
    pub fn index(&self) -> u32 {
        // SAFETY: aligned read of a u32 VPP writes once on the main thread.
        unsafe { core::ptr::read_volatile(core::ptr::addr_of!((*self.as_ptr()).index)) }
    }

    /// Link into `vlib_global_main.node_registrations` (constructor).
    ///
    /// # Safety
    /// Call once, from a load-time constructor, with VPP's (or a
    /// stand-in's) `vlib_global_main` present.
    pub unsafe fn register(&'static self) {
        // SAFETY: constructors run single-threaded inside dlopen; the list
        // head is a plain pointer VPP reads later.
        unsafe {
            crate::list::push(
                core::ptr::addr_of_mut!(sys::vlib_global_main.node_registrations),
                self.as_ptr(),
                |r| core::ptr::addr_of_mut!((*r).next_registration),
            )
        }
    }

    /// Unlink from the registration list (destructor).
    ///
    /// # Safety
    /// As for [`NodeRegistration::register`].
    pub unsafe fn unregister(&'static self) {
        // SAFETY: single-threaded destructor; walks VPP's singly linked list.
        unsafe {
            crate::list::remove(
                core::ptr::addr_of_mut!(sys::vlib_global_main.node_registrations),
                self.as_ptr(),
                |r| core::ptr::addr_of_mut!((*r).next_registration),
            )
        }
    }
}

/// One march variant of a node function (`vlib_node_fn_registration_t`).
#[repr(transparent)]
pub struct NodeFnRegistration(UnsafeCell<sys::vlib_node_fn_registration_t>);

// SAFETY: written only by load-time constructors, read by VPP at start-up.
unsafe impl Sync for NodeFnRegistration {}

/// CPU variants a node function can be built for, as VPP names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum MarchVariant {
    /// The baseline build (x86-64-v2).
    Default = sys::CLIB_MARCH_VARIANT_TYPE,
    /// AVX2 class (`x86_64_v3`, priority 45).
    X86_64V3 = sys::CLIB_MARCH_VARIANT_TYPE_X86_64_V3,
    /// AVX-512 class (`x86_64_v4`, priority 95).
    X86_64V4 = sys::CLIB_MARCH_VARIANT_TYPE_X86_64_V4,
}

impl NodeFnRegistration {
    /// A variant record for `f`.
    pub const fn new(f: sys::vlib_node_function_t, variant: MarchVariant) -> Self {
        NodeFnRegistration(UnsafeCell::new(sys::vlib_node_fn_registration_t {
            function: Some(f),
            march_variant: variant as u32,
            next_registration: core::ptr::null_mut(),
        }))
    }

    /// The function of this variant.
    pub fn function(&self) -> Option<sys::vlib_node_function_t> {
        // SAFETY: the field is only written at construction.
        unsafe { (*self.0.get()).function }
    }

    /// The variant of this record.
    pub fn variant(&self) -> u32 {
        // SAFETY: as above.
        unsafe { (*self.0.get()).march_variant }
    }

    /// Push onto `node`'s list of variants (constructor).
    ///
    /// # Safety
    /// Call once from a load-time constructor.
    pub unsafe fn register<const N: usize>(&'static self, node: &'static NodeRegistration<N>) {
        // SAFETY: single-threaded constructor; plain list push.
        unsafe {
            crate::list::push(
                core::ptr::addr_of_mut!((*node.as_ptr()).node_fn_registrations),
                self.0.get(),
                |r| core::ptr::addr_of_mut!((*r).next_registration),
            )
        }
    }
}

/// CPU support check VPP does for `x86_64_v3` (AVX2, BMI1/2, FMA, MOVBE, LZCNT).
pub fn cpu_has_x86_64_v3() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
            && std::arch::is_x86_feature_detected!("bmi1")
            && std::arch::is_x86_feature_detected!("bmi2")
            && std::arch::is_x86_feature_detected!("fma")
            && std::arch::is_x86_feature_detected!("movbe")
            && std::arch::is_x86_feature_detected!("lzcnt")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// CPU support check VPP does for `x86_64_v4` (AVX-512 F/BW/DQ/VL/CD).
pub fn cpu_has_x86_64_v4() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512dq")
            && std::arch::is_x86_feature_detected!("avx512vl")
            && std::arch::is_x86_feature_detected!("avx512cd")
    }
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// Run a node body for one call from VPP: what every generated node
/// function (and each of its march variants) does.
///
/// # Safety
/// `vm`, `rt` and `frame` must be the arguments VPP passed to a node
/// registered with `N`'s next nodes and `E`'s counters.
#[inline(always)]
pub unsafe fn dispatch<N, E, T, F>(
    vm: *mut sys::vlib_main_t,
    rt: *mut sys::vlib_node_runtime_t,
    frame: *mut sys::vlib_frame_t,
    body: F,
) -> u64
where
    N: NextNodes,
    E: ErrorCounters,
    T: TraceData,
    F: for<'a, 'b> FnOnce(&'a mut Node<'b, N, E, T>, Frame<'b>) -> usize,
{
    // SAFETY: forwarded from the caller: VPP's arguments are valid for the
    // duration of the call, and the frame's buffers belong to this node.
    unsafe {
        let vm = Vm::from_ptr(vm);
        let frame = Frame::from_ptr(frame);
        let mut node = Node::<N, E, T>::new(vm, rt);
        body(&mut node, frame) as u64
    }
}
