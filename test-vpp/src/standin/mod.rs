//! In-process vlib stand-in: runs a plugin's generated node functions on
//! synthetic frames, with the real `vlib_buffer_t` layout, and reports what
//! the node did (per-next enqueues, error counters, formatted traces).
//!
//! The stand-in defines the VPP symbols plugin code links against
//! ([`symbols`]), so the plugin's load-time constructors register their
//! nodes, features, CLI commands and init/config functions into the
//! stand-in's `vlib_global_main` just as they do in VPP; the harness finds
//! nodes there by name.
//!
//! ```ignore
//! let mut h = Harness::new();
//! let node = h.node("rust-count").unwrap();
//! let pkts = h.alloc_packets(&[ipv4_packet(64)], 0);
//! let out = h.run(&node, &pkts);
//! assert_eq!(out.counter("packets counted"), 1);
//! ```

pub mod symbols;

use core::ffi::CStr;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};
use vpp::sys;

/// Bytes per stand-in buffer: the 256-byte header (incl. pre-data) plus
/// 2048 bytes of data, a multiple of the 64-byte cache line.
pub const BUFFER_STRIDE: usize = 256 + 2048;

/// What the stand-in's VPP symbols saw.
#[derive(Default)]
pub struct Record {
    /// (buffer index, next index) per enqueued packet, in order.
    pub enqueued: Vec<(u32, u16)>,
    /// Enqueues to a next index the node does not have (VPP would write
    /// out of bounds): (next index, the node's `n_next_nodes`).
    pub bad_nexts: Vec<(u16, u16)>,
    /// Trace data per traced buffer.
    pub traces: Vec<(u32, Box<[u128]>)>,
    /// `vnet_feature_enable_disable` calls: arc, node, sw_if_index, enable.
    pub feature_calls: Vec<(String, String, u32, bool)>,
    /// Next message id offset handed out.
    pub next_msg_id: u16,
    /// Published `<name>_<crc>` strings and their ids.
    pub msg_names: Vec<(String, u32)>,
    /// Configurations passed to `vl_msg_api_config`.
    pub msg_configs: Vec<MsgConfig>,
    /// Messages sent to API clients (with their 2-byte id).
    pub api_sent: Vec<Vec<u8>>,
    /// Control-plane calls in order (features, punt, adjacencies), as text.
    pub cp_calls: Vec<String>,
    /// Nodes `vnet_feature_enable_disable` refuses (failure injection).
    pub missing_nodes: Vec<String>,
    /// Buffer indices the stand-in's `vpp_rs_buffer_copy` allocates from
    /// (set by the harness: the top of its buffer memory).
    pub spare_buffers: Vec<u32>,
    /// `vpp_rs_buffer_copy` calls: (source, copy).
    pub copies: Vec<(u32, u32)>,
    /// `vpp_rs_buffer_copy_n` calls: the number of buffers asked for.
    pub copy_batches: Vec<u32>,
    /// Buffers freed through `vpp_rs_buffer_free`.
    pub freed: Vec<u32>,
    /// `vpp_rs_ip_output_feature_start` calls: (is_ip6, next in, cfg_index).
    pub output_feature_starts: Vec<(bool, u32, u32)>,
    /// What `vpp_rs_ip_output_feature_start` returns (`None`: the next
    /// index it was given, as when TX has no output features).
    pub output_feature_next: Option<u32>,
    /// Names passed to `vpp_rs_adj_delegate_register`.
    pub adj_delegates: Vec<String>,
    /// Adjacencies the delegate was attached to.
    pub adj_attached: Vec<u32>,
}

/// A message configuration as `vl_msg_api_config` received it.
#[derive(Clone, Copy, Debug)]
pub struct MsgConfig {
    /// Absolute message id.
    pub id: i32,
    /// `void handler(void *)` or NULL.
    pub handler: *mut u8,
    /// `uword calc_size(void *)` or NULL.
    pub calc_size: *mut u8,
    /// traced/replay/bounce/mp_safe/autoendian bits.
    pub flags: u8,
}

thread_local! {
    /// The current thread's record (the harness runs nodes on its thread).
    pub static RECORD: RefCell<Record> = RefCell::new(Record::default());
}

extern "C" {
    fn standin_take_cli_output() -> *mut u8;
    fn standin_vec_free(v: *mut u8);
    fn clib_setjmp();
    fn format(s: *mut u8, fmt: *const core::ffi::c_char, ...) -> *mut u8;
}

/// An `unformat_input_t` over a stand-in vector holding `text`.
fn input_over(text: &str) -> (sys::unformat_input_t, *mut u8) {
    let c = std::ffi::CString::new(text).unwrap_or_default();
    // SAFETY: "%s" with one C string; returns a stand-in vector.
    let v = unsafe { format(core::ptr::null_mut(), c"%s".as_ptr(), c.as_ptr()) };
    let input = sys::unformat_input_t {
        buffer: v,
        index: 0,
        buffer_marks: core::ptr::null_mut(),
        fill_buffer: core::ptr::null_mut(),
        free: core::ptr::null_mut(),
        fill_buffer_arg: core::ptr::null_mut(),
    };
    (input, v)
}

static LOCK: Mutex<()> = Mutex::new(());

/// Buffers of a harness of `n` kept for copies made by the code under test.
fn spare_buffers(n: usize) -> usize {
    (n / 2).min(64)
}

/// Keep the C half of the stand-in linked (see [`symbols::link`]).
fn link_c() {
    core::hint::black_box(standin_take_cli_output as *const ());
    core::hint::black_box(clib_setjmp as *const ());
}

/// A registered node, as found in `vlib_global_main.node_registrations`.
#[derive(Clone, Copy)]
pub struct NodeRef {
    reg: *mut sys::vlib_node_registration_t,
}

impl NodeRef {
    fn reg(&self) -> &sys::vlib_node_registration_t {
        // SAFETY: registrations are 'static objects of the linked plugin.
        unsafe { &*self.reg }
    }

    /// Node name.
    pub fn name(&self) -> String {
        // SAFETY: registrations carry a static C string name.
        unsafe { CStr::from_ptr(self.reg().name).to_string_lossy().into_owned() }
    }

    /// Next-node names, in next-index order.
    pub fn next_nodes(&self) -> Vec<String> {
        let n = self.reg().n_next_nodes as usize;
        // SAFETY: `next_nodes[]` trails the registration with `n` entries.
        unsafe {
            let p = (*self.reg).next_nodes.as_ptr();
            (0..n).map(|i| CStr::from_ptr(*p.add(i)).to_string_lossy().into_owned()).collect()
        }
    }

    /// Error counter (name, description) pairs.
    pub fn errors(&self) -> Vec<(String, String)> {
        let r = self.reg();
        (0..r.n_errors as usize)
            .map(|i| {
                // SAFETY: `error_counters` has `n_errors` entries of static strings.
                unsafe {
                    let d = &*r.error_counters.add(i);
                    (
                        CStr::from_ptr(d.name).to_string_lossy().into_owned(),
                        CStr::from_ptr(d.desc).to_string_lossy().into_owned(),
                    )
                }
            })
            .collect()
    }

    /// `vlib_node_type_t` of the node.
    pub fn kind(&self) -> u32 {
        self.reg().type_
    }

    /// The `sibling_of` name, if any.
    pub fn sibling_of(&self) -> Option<String> {
        let p = self.reg().sibling_of;
        // SAFETY: NULL or a static C string.
        (!p.is_null()).then(|| unsafe { CStr::from_ptr(p).to_string_lossy().into_owned() })
    }

    /// The march variants registered: `(variant, function)`.
    pub fn variants(&self) -> Vec<(u32, sys::vlib_node_function_t)> {
        let mut out = Vec::new();
        let mut p = self.reg().node_fn_registrations;
        while !p.is_null() {
            // SAFETY: a list of static fn registrations built by constructors.
            unsafe {
                if let Some(f) = (*p).function {
                    out.push(((*p).march_variant, f));
                }
                p = (*p).next_registration;
            }
        }
        out
    }

    /// The function VPP would run on this CPU: the direct function, or the
    /// highest-priority supported variant (x86_64_v4 > v3 > default).
    pub fn selected_function(&self) -> Option<(u32, sys::vlib_node_function_t)> {
        if let Some(f) = self.reg().function {
            return Some((sys::CLIB_MARCH_VARIANT_TYPE, f));
        }
        let prio = |v: u32| match v {
            sys::CLIB_MARCH_VARIANT_TYPE_X86_64_V4 if vpp::node::cpu_has_x86_64_v4() => 95,
            sys::CLIB_MARCH_VARIANT_TYPE_X86_64_V3 if vpp::node::cpu_has_x86_64_v3() => 45,
            sys::CLIB_MARCH_VARIANT_TYPE => 0,
            _ => -1,
        };
        self.variants().into_iter().filter(|v| prio(v.0) >= 0).max_by_key(|v| prio(v.0))
    }

    fn format_trace(&self) -> Option<sys::format_function_t> {
        self.reg().format_trace
    }
}

/// The outcome of running a node on one frame.
#[derive(Debug, Default)]
pub struct RunResult {
    /// The node function's return value.
    pub returned: u64,
    /// (buffer index, next index) per enqueued packet.
    pub enqueued: Vec<(u32, u16)>,
    /// Counter values after the run, by counter name.
    pub counters: BTreeMap<String, u64>,
    /// `show trace` lines printed by the node's formatter.
    pub traces: Vec<String>,
    /// The march variant that ran.
    pub variant: u32,
}

impl RunResult {
    /// Packets enqueued to each next index.
    pub fn per_next(&self) -> BTreeMap<u16, usize> {
        let mut m = BTreeMap::new();
        for &(_, n) in &self.enqueued {
            *m.entry(n).or_default() += 1;
        }
        m
    }

    /// A counter's value (0 if absent).
    pub fn counter(&self, name: &str) -> u64 {
        self.counters.get(name).copied().unwrap_or(0)
    }
}

/// The stand-in: one `vlib_main_t` with buffer memory, error counters and
/// a feature-arc config heap. Only one exists at a time (tests serialise).
pub struct Harness {
    _guard: MutexGuard<'static, ()>,
    vm: Box<sys::vlib_main_t>,
    _bm: Box<sys::vlib_buffer_main_t>,
    mem: Vec<u8>,
    base: usize,
    n_buffers: usize,
    next_free: usize,
    counters: Vec<u64>,
    /// A vppinfra `u32` vector: two header words, then the entries.
    feature_heap: Vec<u32>,
    /// `vm->node_main.nodes`: a vppinfra vector of 4096 (NULL) node pointers,
    /// so node indices the stand-in hands out are in range.
    node_vec: Vec<u64>,
    /// Backing store of the stand-in `adj_pool` (element 0 holds the
    /// vector header).
    adj_store: Vec<sys::ip_adjacency_t>,
    /// Next indices the feature arc adds to the node under test (VPP adds
    /// the arc's next features to the node's next nodes): the runtime's
    /// `n_next_nodes` is at least this.
    feature_n_next: usize,
}

impl Harness {
    /// A stand-in with 1024 buffers.
    pub fn new() -> Harness {
        Harness::with_buffers(1024)
    }

    /// A stand-in with `n` buffers.
    pub fn with_buffers(n: usize) -> Harness {
        let guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        RECORD.with(|r| {
            let mut r = r.borrow_mut();
            r.enqueued.clear();
            r.traces.clear();
            r.feature_calls.clear();
            r.api_sent.clear();
            r.copies.clear();
            r.copy_batches.clear();
            r.freed.clear();
            r.output_feature_starts.clear();
            r.output_feature_next = None;
            r.adj_attached.clear();
            // The top buffers are for copies the code under test makes.
            let first_spare = n - spare_buffers(n);
            r.spare_buffers = (first_spare..n).rev().map(|i| ((i * BUFFER_STRIDE) >> 6) as u32).collect();
        });
        let mem = vec![0u8; n * BUFFER_STRIDE + 64];
        let base = (mem.as_ptr() as usize + 63) & !63;
        // SAFETY: plain-data struct; all-zero is valid.
        let mut bm: Box<sys::vlib_buffer_main_t> = Box::new(unsafe { core::mem::zeroed() });
        bm.buffer_mem_start = base as u64;
        bm.buffer_mem_size = (n * BUFFER_STRIDE) as u64;
        let mut vm = Box::new(sys::vlib_main_t::zeroed());
        vm.buffer_main = &mut *bm;
        let mut h = Harness {
            _guard: guard,
            vm,
            _bm: bm,
            mem,
            base,
            n_buffers: n,
            next_free: 0,
            adj_store: Vec::new(),
            counters: vec![0; 4096],
            feature_heap: Vec::new(),
            feature_n_next: 0,
            node_vec: {
                let mut v = vec![0u64; 1 + 4096];
                v[0] = 4096; // vec_header_t: u32 len, then zero bytes.
                v
            },
        };
        h.vm.error_main.counters = h.counters.as_mut_ptr();
        // SAFETY: the vector's data starts after its 8-byte header word.
        h.vm.node_main.nodes = unsafe { h.node_vec.as_mut_ptr().add(1) } as *mut *mut sys::vlib_node_t;
        *symbols::INTERFACES.lock().unwrap_or_else(|e| e.into_inner()) = vec![Some("local0".into())];
        symbols::MPLS_ENABLED.lock().unwrap_or_else(|e| e.into_inner()).clear();
        // SAFETY: single-threaded set-up of the stand-in's own global.
        unsafe { *core::ptr::addr_of_mut!(symbols::adj_pool) = core::ptr::null_mut() };
        // SAFETY: single-threaded set-up of the stand-in's own global.
        unsafe {
            (*core::ptr::addr_of_mut!(symbols::feature_main)).shared_feature_config_heap =
                core::ptr::null_mut()
        };
        h
    }

    /// Run `f` as main-thread control-plane code holding the barrier (as a
    /// CLI command or API handler would): VPP's "current main" is this
    /// harness's vm meanwhile, so callbacks VPP would make find it.
    pub fn as_main<R>(&mut self, f: impl FnOnce(&vpp::Barrier) -> R) -> R {
        symbols::CURRENT_VM.store(&mut *self.vm, core::sync::atomic::Ordering::Relaxed);
        // SAFETY: the stand-in is single threaded: this thread is the main
        // thread and no worker exists.
        let r = f(unsafe { vpp::Barrier::new_unchecked(self.vm()) });
        symbols::CURRENT_VM.store(core::ptr::null_mut(), core::sync::atomic::Ordering::Relaxed);
        r
    }

    /// Create a software interface named `name`; returns its sw_if_index.
    pub fn add_interface(&mut self, name: &str) -> u32 {
        let mut i = symbols::INTERFACES.lock().unwrap_or_else(|e| e.into_inner());
        i.push(Some(name.to_string()));
        (i.len() - 1) as u32
    }

    /// Delete software interface `sw_if_index`, running the registered
    /// sw-interface add/del callbacks first (is_add 0), as VPP does.
    pub fn delete_interface(&mut self, sw_if_index: u32) {
        // SAFETY: the list is built by load-time constructors; callbacks are
        // C functions of the linked plugin, called on this (main) thread
        // with this harness's vm as the current main.
        unsafe {
            symbols::CURRENT_VM.store(&mut *self.vm, core::sync::atomic::Ordering::Relaxed);
            let mut p = *core::ptr::addr_of!(symbols::SW_ITF_ADD_DEL);
            while !p.is_null() {
                if let Some(f) = (*p).fp {
                    let e = f(core::ptr::null_mut(), sw_if_index, 0);
                    let _ = clib_result(e);
                }
                p = (*p).next_interface_function;
            }
            symbols::CURRENT_VM.store(core::ptr::null_mut(), core::sync::atomic::Ordering::Relaxed);
        }
        if let Some(slot) =
            symbols::INTERFACES.lock().unwrap_or_else(|e| e.into_inner()).get_mut(sw_if_index as usize)
        {
            *slot = None;
        }
    }

    /// The stand-in's `vlib_main_t`.
    pub fn vm(&self) -> &vpp::Vm {
        // SAFETY: the box lives as long as the harness.
        unsafe { vpp::Vm::from_ptr(&*self.vm as *const _ as *mut _) }
    }

    /// Every node registered by the linked plugin(s).
    pub fn nodes(&self) -> Vec<NodeRef> {
        let mut out = Vec::new();
        // SAFETY: the list is built by load-time constructors and not
        // modified afterwards.
        let mut p = unsafe { (*core::ptr::addr_of!(symbols::vlib_global_main)).node_registrations };
        while !p.is_null() {
            out.push(NodeRef { reg: p });
            // SAFETY: as above.
            p = unsafe { (*p).next_registration };
        }
        out
    }

    /// The registered node called `name`.
    pub fn node(&self, name: &str) -> Option<NodeRef> {
        self.nodes().into_iter().find(|n| n.name() == name)
    }

    /// Feature registrations: (arc, node, runs_before, runs_after).
    pub fn features(&self) -> Vec<(String, String, Vec<String>, Vec<String>)> {
        let list = |p: *const *const core::ffi::c_char| -> Vec<String> {
            let mut v = Vec::new();
            if !p.is_null() {
                let mut i = 0;
                // SAFETY: NULL-terminated arrays of static strings.
                unsafe {
                    while !(*p.add(i)).is_null() {
                        v.push(CStr::from_ptr(*p.add(i)).to_string_lossy().into_owned());
                        i += 1;
                    }
                }
            }
            v
        };
        let mut out = Vec::new();
        // SAFETY: built by load-time constructors.
        let mut p = unsafe { (*core::ptr::addr_of!(symbols::feature_main)).next_feature };
        while !p.is_null() {
            // SAFETY: as above.
            unsafe {
                out.push((
                    CStr::from_ptr((*p).arc_name).to_string_lossy().into_owned(),
                    CStr::from_ptr((*p).node_name).to_string_lossy().into_owned(),
                    list((*p).runs_before),
                    list((*p).runs_after),
                ));
                p = (*p).next;
            }
        }
        out
    }

    /// Make `adjs` VPP's adjacency pool (`adj_pool`, a vppinfra vector:
    /// adjacency `i` is `adjs[i]`).
    pub fn set_adjacencies(&mut self, adjs: Vec<sys::ip_adjacency_t>) {
        let n = adjs.len();
        // SAFETY: plain-data struct; all-zero is valid.
        let mut store: Vec<sys::ip_adjacency_t> = vec![unsafe { core::mem::zeroed() }];
        store.extend(adjs);
        self.adj_store = store;
        // SAFETY: element 0 is header space: the vector's `u32` length goes
        // in the 8 bytes right before element 1 (the pool pointer).
        unsafe {
            let p = self.adj_store.as_mut_ptr().add(1);
            let hdr = (p as *mut u8).sub(8) as *mut sys::vec_header_t;
            hdr.write(sys::vec_header_t {
                len: n as u32,
                hdr_size: 0,
                log2_align_default_heap: 0,
                grow_elts: 0,
                vpad: [0],
                vector_data: [],
            });
            *core::ptr::addr_of_mut!(symbols::adj_pool) = p;
        }
    }

    /// Send an adjacency event to the plugin's delegate as VPP's
    /// `adj_delegate_adj_*` would (0 created, 1 modified, 2 deleted);
    /// returns whether the delegate follows a created adjacency (the
    /// stand-in then records the attachment).
    pub fn adj_event(&mut self, adj_index: u32, event: i32) -> bool {
        let vm = &mut *self.vm as *mut sys::vlib_main_t;
        // SAFETY: the harness's main-thread vm, outside any node dispatch.
        let r = unsafe { vpp::adj::delegate::vpp_rs_adj_event(vm, adj_index, event) } != 0;
        if r && event == 0 {
            RECORD.with(|rec| rec.borrow_mut().adj_attached.push(adj_index));
        }
        r
    }

    /// Adjacencies the delegate follows (attached by `vpp_rs_adj_delegate_attach`
    /// or through [`Harness::adj_event`]).
    pub fn adj_attached(&self) -> Vec<u32> {
        RECORD.with(|r| r.borrow().adj_attached.clone())
    }

    /// `vpp_rs_buffer_copy` calls of the last runs: (source, copy).
    pub fn copies(&self) -> Vec<(u32, u32)> {
        RECORD.with(|r| r.borrow().copies.clone())
    }

    /// `vpp_rs_buffer_copy_n` calls of the last runs: the number of buffers
    /// each asked to copy (its copies are in [`Harness::copies`] too).
    pub fn copy_batches(&self) -> Vec<u32> {
        RECORD.with(|r| r.borrow().copy_batches.clone())
    }

    /// Leave only `n` spare buffers for copies (to make copies fail).
    pub fn limit_spare_buffers(&mut self, n: usize) {
        RECORD.with(|r| {
            let mut r = r.borrow_mut();
            let keep = r.spare_buffers.len().min(n);
            let drop = r.spare_buffers.len() - keep;
            r.spare_buffers.drain(..drop);
        });
    }

    /// Copy each packet into a fresh buffer (current_data 0) received on
    /// `sw_if_index`; returns the buffer indices.
    pub fn alloc_packets(&mut self, packets: &[Vec<u8>], sw_if_index: u32) -> Vec<u32> {
        let mut out = Vec::with_capacity(packets.len());
        for p in packets {
            assert!(
                self.next_free < self.n_buffers - spare_buffers(self.n_buffers),
                "stand-in out of buffers"
            );
            assert!(p.len() <= 2048, "packet larger than one buffer");
            let off = self.next_free * BUFFER_STRIDE;
            self.next_free += 1;
            let start = self.base - self.mem.as_ptr() as usize + off;
            let b = &mut self.mem[start..start + BUFFER_STRIDE];
            b.fill(0);
            b[256..256 + p.len()].copy_from_slice(p);
            let bi = (off >> 6) as u32;
            let buf = self.buffer(bi);
            buf.current_length = p.len() as u16;
            buf.ref_count = 1;
            // SAFETY: opaque holds vnet_buffer_opaque_t.
            let op = unsafe { &mut *(buf.opaque.as_mut_ptr() as *mut sys::vnet_buffer_opaque_t) };
            op.sw_if_index = [sw_if_index, !0];
            out.push(bi);
        }
        out
    }

    /// The raw buffer with index `bi`.
    pub fn buffer(&mut self, bi: u32) -> &mut sys::vlib_buffer_t {
        let off = (bi as usize) << 6;
        assert!(off + BUFFER_STRIDE <= self.n_buffers * BUFFER_STRIDE, "buffer index out of range");
        // SAFETY: inside the harness's aligned buffer memory.
        unsafe { &mut *((self.base + off) as *mut sys::vlib_buffer_t) }
    }

    /// Mark buffers as traced (`VLIB_BUFFER_IS_TRACED`).
    pub fn trace(&mut self, bis: &[u32]) {
        for &bi in bis {
            self.buffer(bi).flags |= sys::VLIB_BUFFER_IS_TRACED;
        }
    }

    /// Put the buffers on a feature arc whose next feature is next index
    /// `next` of the node under test (what `vnet_feature_next` will return).
    pub fn set_feature_next(&mut self, bis: &[u32], next: u32) {
        // vppinfra vector of two entries: `vec_header_t` (u32 len, then
        // hdr_size/log2_align/default_heap/grow_elts bytes, all 0) before
        // the data, as `vec_len` reads it.
        self.set_feature_arc(bis, &[next, 0], 0, next as usize + 1);
    }

    /// Make `heap_words` VPP's shared feature config heap
    /// (`feature_main.shared_feature_config_heap`, a vppinfra `u32` vector:
    /// 8-byte `vec_header_t` with the length in its first `u32`, then the
    /// words), put every buffer's arc cursor (`current_config_index`) at
    /// `cursor`, and give the node under test at least `n_next_nodes` next
    /// nodes (the arc's next features that VPP adds to it).
    ///
    /// `vnet_feature_next_with_data(&next, b, n)` reads
    /// `heap[cursor + ceil(n / 4)]` and moves the cursor past it.
    pub fn set_feature_arc(&mut self, bis: &[u32], heap_words: &[u32], cursor: u32, n_next_nodes: usize) {
        let len = u32::try_from(heap_words.len()).expect("heap length fits a vec_header_t");
        let mut v = Vec::with_capacity(2 + heap_words.len());
        // vec_header_t: u32 len, then hdr_size/log2_align/default_heap/
        // grow_elts/vpad bytes, all 0.
        v.extend_from_slice(&[len, 0]);
        v.extend_from_slice(heap_words);
        self.feature_heap = v;
        self.feature_n_next = n_next_nodes;
        // SAFETY: the stand-in's own global, single threaded; the pointer is
        // the vector's data, after its 8-byte header.
        unsafe {
            (*core::ptr::addr_of_mut!(symbols::feature_main)).shared_feature_config_heap =
                self.feature_heap.as_mut_ptr().add(2)
        };
        for &bi in bis {
            self.buffer(bi).current_config_index = cursor;
        }
    }

    /// Run `node` once on a frame of `bis` and report what it did.
    pub fn run(&mut self, node: &NodeRef, bis: &[u32]) -> RunResult {
        assert!(bis.len() <= sys::VLIB_FRAME_SIZE, "a frame holds at most 256 buffers");
        let (variant, f) = node.selected_function().expect("node has no function for this CPU");
        RECORD.with(|r| {
            let mut r = r.borrow_mut();
            r.enqueued.clear();
            r.bad_nexts.clear();
            r.traces.clear();
        });
        // Counters of this node start at 100 (as if other nodes came first).
        let n_err = node.errors().len();
        let errors: Vec<u16> = (0..n_err as u16).map(|k| 100 + k).collect();
        // SAFETY: plain-data struct; all-zero is valid.
        let mut rt: Box<sys::vlib_node_runtime_t> = Box::new(unsafe { core::mem::zeroed() });
        rt.errors = errors.as_ptr() as *mut u16;
        // The node's own next nodes, plus the feature next VPP's arc adds.
        rt.n_next_nodes = node.next_nodes().len().max(self.feature_n_next) as u16;
        let before: Vec<u64> = (0..n_err).map(|k| self.counters[100 + k]).collect();
        // Frame: 16-byte header area then the indices (vector_offset 16).
        let mut frame = vec![0u32; 4 + 256 + 4];
        frame[4..4 + bis.len()].copy_from_slice(bis);
        {
            // SAFETY: the frame header is the first 14 bytes.
            let fh = unsafe { &mut *(frame.as_mut_ptr() as *mut sys::vlib_frame_t) };
            fh.vector_offset = 16;
            fh.n_vectors = bis.len() as u16;
        }
        let vm_ptr = &mut *self.vm as *mut sys::vlib_main_t;
        // SAFETY: valid vm, runtime and frame built above.
        let returned = unsafe { f(vm_ptr, &mut *rt, frame.as_mut_ptr() as *mut sys::vlib_frame_t) };
        let (enqueued, raw_traces, bad_nexts) = RECORD.with(|r| {
            let mut r = r.borrow_mut();
            (std::mem::take(&mut r.enqueued), std::mem::take(&mut r.traces), std::mem::take(&mut r.bad_nexts))
        });
        assert!(
            bad_nexts.is_empty(),
            "node {} enqueued to next indices it does not have (next, n_next_nodes): {bad_nexts:?}",
            node.name()
        );
        // Like VPP's error-drop node: count each dropped buffer under its
        // `b->error` code.
        let next_names = node.next_nodes();
        for &(bi, next) in &enqueued {
            if next_names.get(next as usize).is_some_and(|n| n == "error-drop") {
                let code = self.buffer(bi).error as usize;
                if let Some(c) = self.counters.get_mut(code) {
                    *c += 1;
                }
            }
        }
        let counters = node
            .errors()
            .into_iter()
            .enumerate()
            .map(|(k, (_, desc))| (desc, self.counters[100 + k] - before[k]))
            .collect();
        let traces = match node.format_trace() {
            Some(fmt) => {
                raw_traces.iter().map(|(_, data)| self.format_one(fmt, data.as_ptr() as *mut u8)).collect()
            }
            None => Vec::new(),
        };
        RunResult { returned, enqueued, counters, traces, variant }
    }

    /// Call a `format_trace` function the way VPP's `show trace` does, with
    /// a SysV `va_list` holding (vm, node, data).
    fn format_one(&self, f: sys::format_function_t, data: *mut u8) -> String {
        let mut regs: [*mut u8; 6] = [
            &*self.vm as *const _ as *mut u8,
            core::ptr::null_mut(),
            data,
            core::ptr::null_mut(),
            core::ptr::null_mut(),
            core::ptr::null_mut(),
        ];
        let mut ap = sys::va_list_tag {
            gp_offset: 0,
            fp_offset: 48,
            overflow_arg_area: core::ptr::null_mut(),
            reg_save_area: regs.as_mut_ptr() as *mut u8,
        };
        // SAFETY: `ap` describes three pointer arguments in the register
        // save area, which is what format_trace functions read.
        unsafe { take_vec(f(core::ptr::null_mut(), &mut ap)) }
    }

    /// Drain what CLI commands printed (`vlib_cli_output`).
    pub fn take_cli_output(&self) -> String {
        // SAFETY: the stand-in's C side returns its own vector or NULL.
        unsafe { take_vec(standin_take_cli_output()) }
    }

    /// Call every registered `VLIB_INIT_FUNCTION` once (in list order, no
    /// ordering constraints), returning the error text of those that fail.
    pub fn run_init_functions(&mut self) -> Vec<(String, String)> {
        let mut errs = Vec::new();
        // SAFETY: the list is built by load-time constructors.
        let mut p = unsafe { (*core::ptr::addr_of!(symbols::vlib_global_main)).init_function_registrations };
        let vm = &mut *self.vm as *mut sys::vlib_main_t;
        while !p.is_null() {
            // SAFETY: static registrations with static names and C functions.
            unsafe {
                if let Some(f) = (*p).f {
                    if let Err(msg) = clib_result(f(vm)) {
                        errs.push((CStr::from_ptr((*p).name).to_string_lossy().into_owned(), msg));
                    }
                }
                p = (*p).next_init_function;
            }
        }
        errs
    }

    /// Call the config function registered for stanza `name` with `text`
    /// (what VPP does for `name { text }` in startup.conf).
    pub fn run_config(&mut self, name: &str, text: &str) -> Result<(), String> {
        // SAFETY: the list is built by load-time constructors.
        let mut p =
            unsafe { (*core::ptr::addr_of!(symbols::vlib_global_main)).config_function_registrations };
        while !p.is_null() {
            // SAFETY: static registrations with inline NUL-terminated names.
            let (reg_name, f, next) = unsafe {
                let n = &(*p).name;
                let end = n.iter().position(|&c| c == 0).unwrap_or(n.len());
                (String::from_utf8_lossy(&n[..end]).into_owned(), (*p).function, (*p).next_registration)
            };
            if reg_name == name {
                let f = f.ok_or("config registration without function")?;
                let (mut input, v) = input_over(text);
                // SAFETY: a valid vm and input, as VPP passes them; `v` and
                // the returned error are stand-in vectors (or NULL).
                return unsafe {
                    let e = f(&mut *self.vm, &mut input);
                    standin_vec_free(v);
                    clib_result(e)
                };
            }
            p = next;
        }
        Err(format!("no config function for `{name}`"))
    }

    /// Run the CLI command whose path is the longest prefix of `line` (as
    /// VPP's CLI tree does); returns its output or its error text.
    pub fn run_cli(&mut self, line: &str) -> Result<String, String> {
        // SAFETY: the list is built by load-time constructors.
        let mut p = unsafe { (*core::ptr::addr_of!(symbols::vlib_global_main)).cli_command_registrations };
        let words: Vec<&str> = line.split_whitespace().collect();
        let mut best: Option<(usize, *mut sys::vlib_cli_command_t)> = None;
        while !p.is_null() {
            // SAFETY: static registrations with static paths.
            let (path, next) =
                unsafe { (CStr::from_ptr((*p).path).to_string_lossy().into_owned(), (*p).next_cli_command) };
            let pw: Vec<&str> = path.split_whitespace().collect();
            if words.len() >= pw.len()
                && words[..pw.len()] == pw[..]
                && best.is_none_or(|(n, _)| pw.len() > n)
            {
                best = Some((pw.len(), p));
            }
            p = next;
        }
        let Some((n, p)) = best else { return Err(format!("unknown command `{line}`")) };
        // SAFETY: a static registration found above.
        let f = unsafe { (*p).function }.ok_or("CLI registration without function")?;
        let (mut input, v) = input_over(&words[n..].join(" "));
        let _ = self.take_cli_output();
        // CLI commands run on the main thread: this harness's vm meanwhile.
        symbols::CURRENT_VM.store(&mut *self.vm, core::sync::atomic::Ordering::Relaxed);
        // SAFETY: a valid vm, input and command, as VPP passes them; `v` and
        // the returned error are stand-in vectors (or NULL).
        let r = unsafe {
            let e = f(&mut *self.vm, &mut input, p);
            standin_vec_free(v);
            clib_result(e)
        };
        symbols::CURRENT_VM.store(core::ptr::null_mut(), core::sync::atomic::Ordering::Relaxed);
        let out = self.take_cli_output();
        r.map(|()| out)
    }

    /// `<name>_<crc>` strings published with `vl_msg_api_add_msg_name_crc`.
    pub fn api_message_table(&self) -> Vec<(String, u32)> {
        RECORD.with(|r| r.borrow().msg_names.clone())
    }

    /// The configuration registered for message id `id`.
    pub fn api_config(&self, id: u16) -> Option<MsgConfig> {
        RECORD.with(|r| r.borrow().msg_configs.iter().rev().find(|c| c.id == id as i32).copied())
    }

    /// Deliver `msg` (2-byte id first, network order) the way VPP's
    /// dispatcher does: drop it if `calc_size` says it is truncated, else
    /// call the handler. Returns `None` if dropped or unhandled, else the
    /// messages sent back to the client.
    pub fn api_call(&mut self, msg: &[u8]) -> Option<Vec<Vec<u8>>> {
        let id = u16::from_be_bytes([*msg.first()?, *msg.get(1)?]);
        let cfg = self.api_config(id)?;
        if cfg.handler.is_null() {
            return None;
        }
        let p = symbols::vl_msg_api_alloc(msg.len() as i32) as *mut u8;
        // SAFETY: `p` has room for `msg`; the function pointers were
        // registered by the plugin with these C signatures.
        unsafe {
            core::ptr::copy_nonoverlapping(msg.as_ptr(), p, msg.len());
            if !cfg.calc_size.is_null() {
                let calc: unsafe extern "C" fn(*mut core::ffi::c_void) -> u64 =
                    core::mem::transmute(cfg.calc_size);
                if calc(p as *mut _) > msg.len() as u64 {
                    symbols::vl_msg_api_free(p as *mut _);
                    return None;
                }
            }
            RECORD.with(|r| r.borrow_mut().api_sent.clear());
            let h: unsafe extern "C" fn(*mut core::ffi::c_void) = core::mem::transmute(cfg.handler);
            // Handlers run on the main thread: this harness's vm while they do.
            symbols::CURRENT_VM.store(&mut *self.vm, core::sync::atomic::Ordering::Relaxed);
            h(p as *mut _);
            symbols::CURRENT_VM.store(core::ptr::null_mut(), core::sync::atomic::Ordering::Relaxed);
            symbols::vl_msg_api_free(p as *mut _);
        }
        Some(RECORD.with(|r| std::mem::take(&mut r.borrow_mut().api_sent)))
    }

    /// Control-plane calls seen so far (and forget them).
    pub fn take_cp_calls(&self) -> Vec<String> {
        RECORD.with(|r| std::mem::take(&mut r.borrow_mut().cp_calls))
    }

    /// Make `vnet_feature_enable_disable` refuse `node` (as VPP refuses a
    /// node that does not exist), or accept it again.
    pub fn set_node_missing(&mut self, node: &str, missing: bool) {
        RECORD.with(|r| {
            let mut r = r.borrow_mut();
            r.missing_nodes.retain(|n| n != node);
            if missing {
                r.missing_nodes.push(node.to_string());
            }
        });
    }

    /// Make `vlib_get_node_by_name` find `name`.
    pub fn add_graph_node(&mut self, name: &str) {
        symbols::GRAPH_NODES.lock().unwrap_or_else(|e| e.into_inner()).push(name.to_string());
    }

    /// `vnet_feature_enable_disable` calls seen so far.
    pub fn feature_calls(&self) -> Vec<(String, String, u32, bool)> {
        RECORD.with(|r| r.borrow().feature_calls.clone())
    }
}

impl Default for Harness {
    fn default() -> Self {
        Harness::new()
    }
}

/// Read a stand-in vector and free it.
///
/// # Safety
/// `v` must be NULL or a vector made by the stand-in's C side, not used
/// afterwards.
unsafe fn take_vec(v: *mut u8) -> String {
    // SAFETY: forwarded contract.
    unsafe {
        let s = vec_to_string(v);
        standin_vec_free(v);
        s
    }
}

/// A `clib_error_t *` returned by plugin code: NULL is success, anything
/// else the stand-in's error vector (read and freed).
///
/// # Safety
/// `e` must be NULL or an error made by the stand-in's `_clib_error_return`.
unsafe fn clib_result(e: *mut sys::clib_error_t) -> Result<(), String> {
    if e.is_null() {
        Ok(())
    } else {
        // SAFETY: forwarded contract.
        Err(unsafe { take_vec(e as *mut u8) })
    }
}

/// Read a stand-in vector (or a `clib_error_t` built by the stand-in).
///
/// # Safety
/// `v` must be NULL or a vector made by the stand-in's C side.
pub unsafe fn vec_to_string(v: *mut u8) -> String {
    // SAFETY: forwarded contract; the length is 8 bytes before the data.
    unsafe {
        let n = vpp::input::vec_len(v);
        if n == 0 {
            return String::new();
        }
        String::from_utf8_lossy(core::slice::from_raw_parts(v, n)).into_owned()
    }
}
