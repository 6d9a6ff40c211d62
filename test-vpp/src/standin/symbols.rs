//! The VPP symbols a Rust plugin links against, defined by the stand-in so
//! that plugin code runs in an ordinary test binary. Calls are recorded in
//! [`super::RECORD`] for the harness to report.

//!
//! # Safety
//! Every `unsafe` function here has the contract of the VPP function of the
//! same name: valid pointers, as VPP's own callers pass them.

#![allow(non_upper_case_globals, clippy::missing_safety_doc)]

use super::RECORD;
use core::ffi::{c_char, c_void};
use vpp::sys;

/// Stand-in `vlib_global_main`: plugin constructors link their
/// registrations into it exactly as in VPP.
#[no_mangle]
pub static mut vlib_global_main: sys::vlib_global_main_t =
    // SAFETY: all-zero is a valid value for this plain-data struct.
    unsafe { core::mem::zeroed() };

/// Stand-in `feature_main`.
#[no_mangle]
pub static mut feature_main: sys::vnet_feature_main_t =
    // SAFETY: as above.
    unsafe { core::mem::zeroed() };

/// Stand-in enqueue table, pointing at recording functions.
#[no_mangle]
pub static mut vlib_buffer_func_main: sys::vlib_buffer_func_main_t = sys::vlib_buffer_func_main_t {
    buffer_enqueue_to_next_fn: Some(enqueue_to_next),
    buffer_enqueue_to_next_with_aux_fn: core::ptr::null_mut(),
    buffer_enqueue_to_single_next_fn: Some(enqueue_to_single_next),
    buffer_enqueue_to_single_next_with_aux_fn: core::ptr::null_mut(),
    buffer_enqueue_to_single_next_with_aux64_fn: core::ptr::null_mut(),
    buffer_enqueue_to_single_next_with_aux64_and_scalar_fn: core::ptr::null_mut(),
    buffer_enqueue_to_thread_fn: core::ptr::null_mut(),
    buffer_enqueue_to_single_thread_fn: core::ptr::null_mut(),
    buffer_enqueue_to_thread_with_aux_fn: core::ptr::null_mut(),
};

/// Record enqueues to next indices the node does not have.
///
/// # Safety
/// `node` must be the runtime the stand-in passed to the node.
unsafe fn check_nexts(node: *mut sys::vlib_node_runtime_t, nexts: impl Iterator<Item = u16>) {
    // SAFETY: the caller's contract.
    let n_next = unsafe { (*node).n_next_nodes };
    let bad: Vec<(u16, u16)> = nexts.filter(|&n| n >= n_next).map(|n| (n, n_next)).collect();
    if !bad.is_empty() {
        RECORD.with(|r| r.borrow_mut().bad_nexts.extend(bad));
    }
}

unsafe extern "C" fn enqueue_to_next(
    _vm: *mut sys::vlib_main_t,
    node: *mut sys::vlib_node_runtime_t,
    buffers: *mut u32,
    nexts: *mut u16,
    count: u64,
) {
    // SAFETY: the framework passes two arrays of at least `count` entries.
    let (b, n) = unsafe {
        (
            core::slice::from_raw_parts(buffers, count as usize),
            core::slice::from_raw_parts(nexts, count as usize),
        )
    };
    // SAFETY: the runtime the stand-in passed to the node.
    unsafe { check_nexts(node, n.iter().copied()) };
    RECORD.with(|r| r.borrow_mut().enqueued.extend(b.iter().copied().zip(n.iter().copied())));
}

unsafe extern "C" fn enqueue_to_single_next(
    _vm: *mut sys::vlib_main_t,
    node: *mut sys::vlib_node_runtime_t,
    buffers: *mut u32,
    next: u16,
    count: u32,
) {
    // SAFETY: the framework passes an array of at least `count` entries.
    let b = unsafe { core::slice::from_raw_parts(buffers, count as usize) };
    // SAFETY: the runtime the stand-in passed to the node.
    unsafe { check_nexts(node, core::iter::repeat_n(next, b.len())) };
    RECORD.with(|r| r.borrow_mut().enqueued.extend(b.iter().map(|&bi| (bi, next))));
}

/// Trace data is kept per buffer index; the harness formats it later with
/// the node's registered `format_trace`.
#[no_mangle]
pub unsafe extern "C" fn vlib_add_trace(
    vm: *mut sys::vlib_main_t,
    _r: *mut sys::vlib_node_runtime_t,
    b: *mut sys::vlib_buffer_t,
    n_data_bytes: u32,
) -> *mut c_void {
    // SAFETY: `vm` and `b` are the harness's own valid objects.
    let bi = unsafe {
        let start = (*(*vm).buffer_main).buffer_mem_start as usize;
        ((b as usize - start) >> 6) as u32
    };
    RECORD.with(|r| {
        let mut r = r.borrow_mut();
        // 16-byte aligned storage, like VPP's trace area.
        let words = (n_data_bytes as usize).div_ceil(16).max(1);
        r.traces.push((bi, vec![0u128; words].into_boxed_slice()));
        r.traces.last_mut().map(|t| t.1.as_mut_ptr() as *mut c_void).unwrap_or(core::ptr::null_mut())
    })
}

/// Chain length, as VPP's slow path (`vlib/buffer.c`) computes it: follows
/// `next_buffer` while `NEXT_PRESENT`, then caches the length of the
/// segments after the first in `total_length_not_including_first_buffer`
/// and sets `TOTAL_LENGTH_VALID` on the first buffer.
#[no_mangle]
pub unsafe extern "C" fn vlib_buffer_length_in_chain_slow_path(
    vm: *mut sys::vlib_main_t,
    b_first: *mut sys::vlib_buffer_t,
) -> u64 {
    // SAFETY: harness buffers, linked by the harness itself.
    unsafe {
        let start = (*(*vm).buffer_main).buffer_mem_start as usize;
        let l_first = (*b_first).current_length as u64;
        let mut l = 0u64;
        let mut b = b_first;
        while (*b).flags & sys::VLIB_BUFFER_NEXT_PRESENT != 0 {
            b = (start + (((*b).next_buffer as usize) << 6)) as *mut sys::vlib_buffer_t;
            l += (*b).current_length as u64;
        }
        (*b_first).total_length_not_including_first_buffer = l as u32;
        (*b_first).flags |= sys::VLIB_BUFFER_TOTAL_LENGTH_VALID;
        l + l_first
    }
}

/// Frames are not used by the stand-in's nodes (they enqueue in batches).
#[no_mangle]
pub extern "C" fn vlib_get_next_frame_internal(
    _vm: *mut sys::vlib_main_t,
    _node: *mut sys::vlib_node_runtime_t,
    _next_index: u32,
    _alloc_new_frame: u32,
) -> *mut sys::vlib_frame_t {
    core::ptr::null_mut()
}

/// See [`vlib_get_next_frame_internal`].
#[no_mangle]
pub extern "C" fn vlib_put_next_frame(
    _vm: *mut sys::vlib_main_t,
    _r: *mut sys::vlib_node_runtime_t,
    _next_index: u32,
    _n_packets_left: u32,
) {
}

/// Link a CLI command like VPP does before the CLI is up.
#[no_mangle]
pub unsafe extern "C" fn vlib_cli_command_registration_helper(x: *mut sys::vlib_cli_command_t) {
    // SAFETY: called from load-time constructors, single threaded.
    unsafe {
        let head = core::ptr::addr_of_mut!(vlib_global_main.cli_command_registrations);
        (*x).next_cli_command = *head;
        *head = x;
    }
}

/// 1 if the last recorded `vnet_feature_enable_disable` of this arc, node
/// and interface enabled it (VPP's answer when an enable left it on), else 0;
/// `INVALID_VALUE_2` for nodes listed in [`super::Record::missing_nodes`].
#[no_mangle]
pub unsafe extern "C" fn vnet_feature_is_enabled(
    arc_name: *const c_char,
    node_name: *const c_char,
    sw_if_index: u32,
) -> i32 {
    // SAFETY: the framework passes NUL-terminated strings.
    let (a, n) = unsafe {
        (
            core::ffi::CStr::from_ptr(arc_name).to_string_lossy().into_owned(),
            core::ffi::CStr::from_ptr(node_name).to_string_lossy().into_owned(),
        )
    };
    RECORD.with(|r| {
        let r = r.borrow();
        if r.missing_nodes.contains(&n) {
            return -8;
        }
        let on = r
            .feature_calls
            .iter()
            .rev()
            .find(|(fa, fnode, sw, _)| *fa == a && *fnode == n && *sw == sw_if_index)
            .is_some_and(|c| c.3);
        on as i32
    })
}

/// Records the call; fails with `INVALID_VALUE_2` for nodes listed in
/// [`super::Record::missing_nodes`] (as VPP does for a node that is not a
/// feature of the arc).
#[no_mangle]
pub unsafe extern "C" fn vnet_feature_enable_disable(
    arc_name: *const c_char,
    node_name: *const c_char,
    sw_if_index: u32,
    enable_disable: i32,
    _feature_config: *mut c_void,
    _n_feature_config_bytes: u32,
) -> i32 {
    // SAFETY: the framework passes NUL-terminated strings.
    let (a, n) = unsafe {
        (
            core::ffi::CStr::from_ptr(arc_name).to_string_lossy().into_owned(),
            core::ffi::CStr::from_ptr(node_name).to_string_lossy().into_owned(),
        )
    };
    let fail = RECORD.with(|r| r.borrow().missing_nodes.contains(&n));
    RECORD.with(|r| {
        let mut r = r.borrow_mut();
        r.cp_calls.push(format!(
            "feature {} {a} {n} {sw_if_index}",
            if enable_disable != 0 { "on" } else { "off" }
        ));
        if !fail {
            r.feature_calls.push((a, n, sw_if_index, enable_disable != 0));
        }
    });
    // VNET_API_ERROR_INVALID_VALUE_2, as VPP answers for an unknown feature.
    if fail {
        -8
    } else {
        0
    }
}

/// No workers in the stand-in.
#[no_mangle]
pub extern "C" fn vlib_worker_thread_barrier_sync_int(_vm: *mut sys::vlib_main_t, _f: *const c_char) {}

/// No workers in the stand-in.
#[no_mangle]
pub extern "C" fn vlib_worker_thread_barrier_release(_vm: *mut sys::vlib_main_t) {}

/// The `vlib_main_t` of the thread running an API handler (set by
/// [`super::Harness::api_call`]; the stand-in has only the main thread).
pub(super) static CURRENT_VM: core::sync::atomic::AtomicPtr<sys::vlib_main_t> =
    core::sync::atomic::AtomicPtr::new(core::ptr::null_mut());

/// The harness's `vlib_main_t` while it dispatches an API message, else NULL.
#[no_mangle]
pub extern "C" fn vlib_get_main_not_inline() -> *mut sys::vlib_main_t {
    CURRENT_VM.load(core::sync::atomic::Ordering::Relaxed)
}

/// Runs the call at once (the stand-in has a single thread).
#[no_mangle]
pub unsafe extern "C" fn vlib_force_rpc_call_main_thread(function: *mut c_void, args: *mut u8, _size: u32) {
    if !function.is_null() {
        // SAFETY: callers pass a `void f(void *)` and its argument.
        unsafe {
            let f: unsafe extern "C" fn(*mut u8) = core::mem::transmute(function);
            f(args)
        }
    }
}

/// Hands out message-id ranges from 1000 on.
#[no_mangle]
pub extern "C" fn vl_msg_api_get_msg_ids(_name: *const c_char, n: i32) -> u16 {
    RECORD.with(|r| {
        let mut r = r.borrow_mut();
        let base = 1000 + r.next_msg_id;
        r.next_msg_id += n.max(0) as u16;
        base
    })
}

/// Records the published `<name>_<crc>`.
#[no_mangle]
pub unsafe extern "C" fn vl_msg_api_add_msg_name_crc(_am: *mut c_void, s: *const c_char, id: u32) {
    // SAFETY: callers pass a NUL-terminated string.
    let s = unsafe { core::ffi::CStr::from_ptr(s).to_string_lossy().into_owned() };
    RECORD.with(|r| r.borrow_mut().msg_names.push((s, id)));
}

/// Records the message configuration (id, handler, calc_size, flags).
#[no_mangle]
pub unsafe extern "C" fn vl_msg_api_config(c: *mut sys::vl_msg_api_msg_config_t) {
    // SAFETY: callers pass a valid config.
    let (id, h, cs, flags) = unsafe { ((*c).id, (*c).handler, (*c).calc_size, (*c).flags) };
    RECORD
        .with(|r| r.borrow_mut().msg_configs.push(super::MsgConfig { id, handler: h, calc_size: cs, flags }));
}

/// Allocate an API message with a 16-byte header whose big-endian
/// `data_len` sits 8 bytes before the message, like `msgbuf_t`.
#[no_mangle]
pub extern "C" fn vl_msg_api_alloc(nbytes: i32) -> *mut c_void {
    let n = nbytes.max(0) as usize;
    let mut v = vec![0u8; 16 + n].into_boxed_slice();
    v[8..12].copy_from_slice(&(n as u32).to_be_bytes());
    let p = Box::into_raw(v) as *mut u8;
    // SAFETY: inside the allocation.
    unsafe { p.add(16) as *mut c_void }
}

/// Free a message from [`vl_msg_api_alloc`].
#[no_mangle]
pub unsafe extern "C" fn vl_msg_api_free(msg: *mut c_void) {
    // SAFETY: `msg` came from vl_msg_api_alloc: rebuild its box.
    unsafe {
        let p = (msg as *mut u8).sub(16);
        let n = u32::from_be_bytes(*(p.add(8) as *const [u8; 4])) as usize;
        drop(Box::from_raw(core::ptr::slice_from_raw_parts_mut(p, 16 + n)));
    }
}

/// The stand-in's single socket client, a connection to VPP's API socket.
static mut SOCKET_CLIENT: sys::vl_api_registration_t = sys::vl_api_registration_t {
    registration_type: sys::REGISTRATION_TYPE_SOCKET_SERVER,
    ..sys::vl_api_registration_t::zeroed()
};

/// Every handle is the stand-in's socket client.
#[no_mangle]
pub extern "C" fn vl_socket_api_registration_handle_is_valid(_reg_index: u32) -> u8 {
    1
}

/// The stand-in's socket client registration.
#[no_mangle]
pub extern "C" fn vl_socket_api_client_handle_to_registration(_idx: u32) -> *mut sys::vl_api_registration_t {
    core::ptr::addr_of_mut!(SOCKET_CLIENT)
}

/// Shared-memory clients do not exist in the stand-in.
#[no_mangle]
pub extern "C" fn vl_mem_api_client_index_to_registration(_handle: u32) -> *mut sys::vl_api_registration_t {
    core::ptr::null_mut()
}

/// Record a message sent to the client and free it.
#[no_mangle]
pub unsafe extern "C" fn vl_socket_api_send(_rp: *mut sys::vl_api_registration_t, elem: *mut u8) {
    // SAFETY: `elem` came from vl_msg_api_alloc.
    unsafe {
        let n = u32::from_be_bytes(*(elem.sub(8) as *const [u8; 4])) as usize;
        let bytes = core::slice::from_raw_parts(elem, n).to_vec();
        RECORD.with(|r| r.borrow_mut().api_sent.push(bytes));
        vl_msg_api_free(elem as *mut c_void);
    }
}

/// Not used (no shared-memory clients).
#[no_mangle]
pub extern "C" fn vl_msg_api_send_shmem(_q: *mut c_void, _elem: *mut u8) {}

/// The stand-in's software interfaces, by sw_if_index (`None`: deleted).
/// Index 0 is `local0`, as in VPP.
pub static INTERFACES: std::sync::Mutex<Vec<Option<String>>> = std::sync::Mutex::new(Vec::new());

fn interfaces() -> std::sync::MutexGuard<'static, Vec<Option<String>>> {
    INTERFACES.lock().unwrap_or_else(|e| e.into_inner())
}

/// Stand-in of vpp-rs's interface shim (`csrc/interface_shim.c`), over
/// [`INTERFACES`].
#[no_mangle]
pub extern "C" fn vpp_rs_sw_if_index_is_valid(sw_if_index: u32) -> i32 {
    interfaces().get(sw_if_index as usize).is_some_and(|i| i.is_some()) as i32
}

/// Stand-in of vpp-rs's interface shim: the name, truncated to `len - 1`.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_sw_if_index_name(sw_if_index: u32, buf: *mut c_char, len: u32) -> i32 {
    let Some(Some(name)) = interfaces().get(sw_if_index as usize).cloned() else { return -1 };
    if len > 0 {
        let k = name.len().min(len as usize - 1);
        // SAFETY: the caller passes `len` writable bytes; k + 1 <= len.
        unsafe {
            core::ptr::copy_nonoverlapping(name.as_ptr(), buf as *mut u8, k);
            *buf.add(k) = 0;
        }
    }
    name.len() as i32
}

/// Stand-in of vpp-rs's interface shim: exact-name lookup.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_sw_if_index_by_name(name: *const c_char) -> u32 {
    // SAFETY: the caller passes a C string.
    let n = unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy();
    interfaces().iter().position(|i| i.as_deref() == Some(&*n)).map_or(u32::MAX, |i| i as u32)
}

// --- graph, ethernet types, other plugins ---

/// Stand-in node lookup: registered nodes get index 1000 + their position
/// in the registration list (processes are `VLIB_NODE_TYPE_PROCESS`).
#[no_mangle]
pub unsafe extern "C" fn vlib_get_node_by_name(
    _vm: *mut sys::vlib_main_t,
    name: *mut u8,
) -> *mut sys::vlib_node_t {
    use std::collections::HashMap;
    static NODES: std::sync::Mutex<Option<HashMap<String, usize>>> = std::sync::Mutex::new(None);
    // SAFETY: VPP's callers pass a NUL-terminated name.
    let want = unsafe { core::ffi::CStr::from_ptr(name as *const c_char) }.to_string_lossy().into_owned();
    let mut i = 0u32;
    // SAFETY: the registration list is built by load-time constructors.
    let mut r = unsafe { (*core::ptr::addr_of!(vlib_global_main)).node_registrations };
    while !r.is_null() {
        // SAFETY: registrations hold static C-string names.
        let (n, ty, next) =
            unsafe { (core::ffi::CStr::from_ptr((*r).name), (*r).type_, (*r).next_registration) };
        if n.to_string_lossy() == want {
            let mut g = NODES.lock().unwrap_or_else(|e| e.into_inner());
            let p = *g.get_or_insert_with(HashMap::new).entry(want).or_insert_with(|| {
                // SAFETY: all-zero is a valid vlib_node_t (plain data).
                let mut node: Box<sys::vlib_node_t> = Box::new(unsafe { core::mem::zeroed() });
                node.index = 1000 + i;
                node.type_ = ty;
                Box::into_raw(node) as usize
            });
            return p as *mut sys::vlib_node_t;
        }
        i += 1;
        r = next;
    }
    // Nodes the test declared part of VPP's graph (index 2000 + position).
    let extra = GRAPH_NODES.lock().unwrap_or_else(|e| e.into_inner()).iter().position(|n| *n == want);
    if let Some(k) = extra {
        let mut g = NODES.lock().unwrap_or_else(|e| e.into_inner());
        let p = *g.get_or_insert_with(HashMap::new).entry(want).or_insert_with(|| {
            // SAFETY: all-zero is a valid vlib_node_t (plain data).
            let mut node: Box<sys::vlib_node_t> = Box::new(unsafe { core::mem::zeroed() });
            node.index = 2000 + k as u32;
            Box::into_raw(node) as usize
        });
        return p as *mut sys::vlib_node_t;
    }
    core::ptr::null_mut()
}

/// The stand-in's ethernet type registry: (type, name, input node or ~0).
pub static ETHERTYPES: std::sync::Mutex<Vec<(u16, &'static str, u32)>> = std::sync::Mutex::new(Vec::new());

fn ethertypes() -> std::sync::MutexGuard<'static, Vec<(u16, &'static str, u32)>> {
    let mut g = ETHERTYPES.lock().unwrap_or_else(|e| e.into_inner());
    if g.is_empty() {
        // A few of VPP's ethernet/types.def entries, IP already taken.
        *g = vec![
            (0x0800, "IP4", 7),
            (0x86dd, "IP6", 8),
            (0x8809, "SLOW_PROTOCOLS", !0),
            (0x88cc, "LLDP", !0),
        ];
    }
    g
}

/// Stand-in of vpp-rs's ethernet shim.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_ethernet_type_node(type_: u16, node_index: *mut u32) -> i32 {
    match ethertypes().iter().find(|e| e.0 == type_) {
        Some(e) => {
            // SAFETY: the caller passes one writable u32.
            unsafe { *node_index = e.2 };
            0
        }
        None => -1,
    }
}

/// Stand-in of vpp-rs's ethernet shim.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_ethernet_types_of_node(node_index: u32, types: *mut u16, max: u32) -> u32 {
    let found: Vec<u16> = ethertypes().iter().filter(|e| e.2 == node_index).map(|e| e.0).collect();
    for (i, t) in found.iter().take(max as usize).enumerate() {
        // SAFETY: the caller passes `max` writable entries.
        unsafe { *types.add(i) = *t };
    }
    found.len() as u32
}

/// Stand-in of vpp-rs's ethernet shim (hex, decimal or a registry name).
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_ethernet_type_parse(text: *const c_char, type_: *mut u16) -> i32 {
    // SAFETY: the caller passes a C string.
    let t = unsafe { core::ffi::CStr::from_ptr(text) }.to_string_lossy().into_owned();
    let v = match t.strip_prefix("0x") {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => t.parse::<u32>().ok().or_else(|| ethertypes().iter().find(|e| e.1 == t).map(|e| e.0 as u32)),
    };
    match v.and_then(|v| u16::try_from(v).ok()) {
        Some(v) => {
            // SAFETY: one writable u16.
            unsafe { *type_ = v };
            0
        }
        None => -1,
    }
}

/// Stand-in `ethernet_register_input_type`: records the node in the registry.
#[no_mangle]
pub extern "C" fn ethernet_register_input_type(_vm: *mut sys::vlib_main_t, type_: u16, node_index: u32) {
    if let Some(e) = ethertypes().iter_mut().find(|e| e.0 == type_) {
        e.2 = node_index;
    }
}

/// Whether the stand-in's "osi plugin" is loaded.
pub static OSI_LOADED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// The stand-in osi plugin's `osi_register_input_protocol`: the protocols
/// VPP's osi plugin lists, `INVALID_REGISTRATION` (-31) for the others.
unsafe extern "C" fn osi_register_input_protocol(protocol: u32, _node_index: u32) -> i32 {
    const LISTED: &[u32] = &[
        0x00, 0x01, 0x03, 0x08, 0x09, 0x0c, 0x80, 0x81, 0x82, 0x83, 0x85, 0x8a, 0x8c, 0x8d, 0x8e, 0xb0, 0xc1,
        0xcc, 0xcf,
    ];
    if LISTED.contains(&protocol) {
        0
    } else {
        -31
    }
}

/// Stand-in `vlib_get_plugin_symbol`: only the osi plugin's registration
/// function, while [`OSI_LOADED`].
#[no_mangle]
pub unsafe extern "C" fn vlib_get_plugin_symbol(plugin: *const c_char, symbol: *const c_char) -> *mut c_void {
    // SAFETY: C strings from the caller.
    let (p, s) = unsafe { (core::ffi::CStr::from_ptr(plugin), core::ffi::CStr::from_ptr(symbol)) };
    if OSI_LOADED.load(std::sync::atomic::Ordering::Relaxed)
        && p.to_bytes() == b"osi_plugin.so"
        && s.to_bytes() == b"osi_register_input_protocol"
    {
        osi_register_input_protocol as *mut c_void
    } else {
        core::ptr::null_mut()
    }
}

// --- MPLS ---

/// Interfaces with MPLS enabled in the stand-in.
pub static MPLS_ENABLED: std::sync::Mutex<Vec<u32>> = std::sync::Mutex::new(Vec::new());

/// The plugin's MPLS state callback (vpp-rs's shim keeps one).
static MPLS_CB: std::sync::Mutex<Option<unsafe extern "C" fn(u32, u32)>> = std::sync::Mutex::new(None);

/// Stand-in `mpls_sw_interface_is_enabled`.
#[no_mangle]
pub extern "C" fn mpls_sw_interface_is_enabled(sw_if_index: u32) -> u8 {
    MPLS_ENABLED.lock().unwrap_or_else(|e| e.into_inner()).contains(&sw_if_index) as u8
}

/// Stand-in of vpp-rs's MPLS shim: changes the state and, on a change,
/// calls the registered callback (as VPP does, which may re-enter).
#[no_mangle]
pub extern "C" fn vpp_rs_mpls_enable_disable(sw_if_index: u32, is_enable: u8) -> i32 {
    let changed = {
        let mut v = MPLS_ENABLED.lock().unwrap_or_else(|e| e.into_inner());
        let on = v.contains(&sw_if_index);
        match (on, is_enable != 0) {
            (false, true) => {
                v.push(sw_if_index);
                true
            }
            (true, false) => {
                v.retain(|&x| x != sw_if_index);
                true
            }
            _ => false,
        }
    };
    let cb = *MPLS_CB.lock().unwrap_or_else(|e| e.into_inner());
    if let (true, Some(f)) = (changed, cb) {
        // SAFETY: the plugin's registered callback, called as VPP would.
        unsafe { f(sw_if_index, is_enable as u32) };
    }
    0
}

/// Stand-in of vpp-rs's MPLS shim: keeps the callback.
#[no_mangle]
pub extern "C" fn vpp_rs_mpls_add_state_callback(f: Option<unsafe extern "C" fn(u32, u32)>) {
    *MPLS_CB.lock().unwrap_or_else(|e| e.into_inner()) = f;
}

// --- control plane (pairs, FIB, punt) ---

/// Log a control-plane call in [`super::Record::cp_calls`].
fn cp(call: String) {
    RECORD.with(|r| r.borrow_mut().cp_calls.push(call));
}

/// Backing store of the adjacencies the stand-in's lock functions create:
/// element 0 is header space (the vector length sits in its last 8 bytes),
/// adjacency `i` is element `i + 1`. Index 0 is never handed out.
static mut LOCKED_ADJ_STORE: [sys::ip_adjacency_t; 65] =
    // SAFETY: all-zero is a valid adjacency record (plain data).
    unsafe { core::mem::zeroed() };

/// Stand-in `adj_pool`: NULL (no adjacencies) until the harness installs a
/// pool (`Harness::set_adjacencies`) or a lock function points it at
/// `LOCKED_ADJ_STORE`. A test uses one or the other.
#[no_mangle]
pub static mut adj_pool: *mut sys::ip_adjacency_t = core::ptr::null_mut();

/// One stand-in adjacency: (kind, proto, sw_if_index, index, locks).
type StandinAdj = (String, u8, u32, u32, u32);

/// The adjacencies the lock functions made, with their lock counts.
static ADJS: std::sync::Mutex<Vec<StandinAdj>> = std::sync::Mutex::new(Vec::new());

fn adj_lock(kind: &str, proto: u8, sw_if_index: u32, data_bytes: u16) -> u32 {
    let mut a = ADJS.lock().unwrap_or_else(|e| e.into_inner());
    let i = match a.iter_mut().find(|x| x.0 == kind && x.1 == proto && x.2 == sw_if_index) {
        Some(x) => {
            x.4 += 1;
            x.3
        }
        None => {
            let i = a.len() as u32 + 1;
            a.push((kind.to_string(), proto, sw_if_index, i, 1));
            assert!(i < 64, "stand-in adjacency store full");
            // SAFETY: the stand-in's control plane runs on one thread; the
            // store is a static of 65 elements and i + 1 <= 64.
            unsafe {
                let adj = &mut (*core::ptr::addr_of_mut!(LOCKED_ADJ_STORE))[i as usize + 1];
                adj.rewrite_header.sw_if_index = sw_if_index;
                adj.rewrite_header.data_bytes = data_bytes;
            }
            i
        }
    };
    // SAFETY: as above; the 8 bytes before element 1 are the end of
    // element 0 (header space), where `vec_len` reads the length.
    unsafe {
        let p = (core::ptr::addr_of_mut!(LOCKED_ADJ_STORE) as *mut sys::ip_adjacency_t).add(1);
        let hdr = (p as *mut u8).sub(8) as *mut sys::vec_header_t;
        (*hdr).len = 64;
        *core::ptr::addr_of_mut!(adj_pool) = p;
    }
    cp(format!("adj_{kind}_add_or_lock proto={proto} sw_if_index={sw_if_index} -> {i}"));
    i
}

/// The locks still held on the stand-in's adjacencies: (index, locks).
pub fn adj_locks() -> Vec<(u32, u32)> {
    ADJS.lock().unwrap_or_else(|e| e.into_inner()).iter().filter(|x| x.4 > 0).map(|x| (x.3, x.4)).collect()
}

/// Records; an Ethernet-like neighbour adjacency has no rewrite for the
/// zero next hop on a p2p link (rewrite length 0).
#[no_mangle]
pub unsafe extern "C" fn adj_nbr_add_or_lock(
    nh_proto: u8,
    _link_type: u8,
    _nh_addr: *const sys::ip46_address_t,
    sw_if_index: u32,
) -> u32 {
    adj_lock("nbr", nh_proto, sw_if_index, 0)
}

/// Stand-in of vpp-rs's `adj_mcast_add_or_lock` shim: rewrite length 14
/// (Ethernet).
#[no_mangle]
pub extern "C" fn vpp_rs_adj_mcast_add_or_lock(proto: u8, _link_type: u8, sw_if_index: u32) -> u32 {
    adj_lock("mcast", proto, sw_if_index, 14)
}

/// Records and drops one lock.
#[no_mangle]
pub extern "C" fn adj_unlock(adj_index: u32) {
    let mut a = ADJS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(x) = a.iter_mut().find(|x| x.3 == adj_index) {
        assert!(x.4 > 0, "adj_unlock of unlocked adjacency {adj_index}");
        x.4 -= 1;
    }
    drop(a);
    cp(format!("adj_unlock {adj_index}"));
}

/// Stand-in of vpp-rs's punt-redirect shim: records the path.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_ip_punt_redirect_add(
    is_ip6: u8,
    rx_sw_if_index: u32,
    path: *const sys::fib_route_path_t,
) {
    // SAFETY: the caller passes a valid path.
    let p = unsafe { &*path };
    let (proto, via, flags, w, fib) =
        (p.frp_proto, p.frp_sw_if_index, p.frp_flags, p.frp_weight, p.frp_fib_index);
    cp(format!(
        "ip{}_punt_redirect_add rx={rx_sw_if_index} proto={proto} via={via} flags={flags:#x} weight={w} fib={fib:#x}",
        if is_ip6 != 0 { 6 } else { 4 }
    ));
}

/// Records.
#[no_mangle]
pub extern "C" fn ip4_punt_redirect_del(rx_sw_if_index: u32) {
    cp(format!("ip4_punt_redirect_del rx={rx_sw_if_index}"));
}

/// Records.
#[no_mangle]
pub extern "C" fn ip6_punt_redirect_del(rx_sw_if_index: u32) {
    cp(format!("ip6_punt_redirect_del rx={rx_sw_if_index}"));
}

/// Records; client handle 7.
#[no_mangle]
pub unsafe extern "C" fn vlib_punt_client_register(who: *const c_char) -> i32 {
    // SAFETY: a C string.
    let w = unsafe { core::ffi::CStr::from_ptr(who) }.to_string_lossy().into_owned();
    cp(format!("vlib_punt_client_register {w}"));
    7
}

/// Records.
#[no_mangle]
pub unsafe extern "C" fn vlib_punt_register(client: i32, reason: u32, node: *const c_char) -> i32 {
    // SAFETY: a C string.
    let n = unsafe { core::ffi::CStr::from_ptr(node) }.to_string_lossy().into_owned();
    cp(format!("vlib_punt_register client={client} reason={reason} node={n}"));
    0
}

/// Stand-in reasons 10..13.
#[no_mangle]
pub static mut ipsec_punt_reason: [u32; 4] = [10, 11, 12, 13];

/// Records.
#[no_mangle]
pub extern "C" fn udp_punt_unknown(_vm: *mut sys::vlib_main_t, is_ip4: u8, is_add: u8) {
    cp(format!("udp_punt_unknown is_ip4={is_ip4} is_add={is_add}"));
}

/// Records.
#[no_mangle]
pub extern "C" fn tcp_punt_unknown(_vm: *mut sys::vlib_main_t, is_ip4: u8, is_add: u8) {
    cp(format!("tcp_punt_unknown is_ip4={is_ip4} is_add={is_add}"));
}

/// Node names the stand-in's graph has (see [`super::Harness::add_graph_node`]);
/// the plugin's own registered nodes count too.
pub static GRAPH_NODES: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Stand-in of vpp-rs's interface-facts shim: names starting with `tun`
/// or `ipip` are p2p, `.` makes a sub-interface, everything else is
/// Ethernet.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_sw_if_facts(sw_if_index: u32, sup_sw_if_index: *mut u32) -> i32 {
    let Some(Some(name)) = interfaces().get(sw_if_index as usize).cloned() else { return -1 };
    // SAFETY: the caller passes a writable u32.
    unsafe { *sup_sw_if_index = sw_if_index };
    if name.starts_with("tun") || name.starts_with("ipip") {
        1
    } else if name.contains('.') {
        2 | 4
    } else {
        4
    }
}

/// Head of the stand-in's sw-interface add/del callback list.
pub static mut SW_ITF_ADD_DEL: *mut sys::_vnet_interface_function_list_elt_t = core::ptr::null_mut();

/// Heads of the stand-in's other interface callback lists (admin up/down,
/// link up/down, MTU change): registered into, never called.
pub static mut ITF_OTHER_LISTS: [*mut sys::_vnet_interface_function_list_elt_t; 3] =
    [core::ptr::null_mut(); 3];

/// Stand-in of vpp-rs's shim: the list heads above (0 add/del, 1 admin,
/// 2 link, 3 MTU).
#[no_mangle]
pub extern "C" fn vpp_rs_itf_function_list(kind: u32) -> *mut *mut sys::_vnet_interface_function_list_elt_t {
    match kind {
        0 => core::ptr::addr_of_mut!(SW_ITF_ADD_DEL),
        // SAFETY: in-bounds element address of a static array.
        k @ 1..=3 => unsafe { core::ptr::addr_of_mut!(ITF_OTHER_LISTS[k as usize - 1]) },
        _ => core::ptr::null_mut(),
    }
}

/// Stand-in of vpp-rs's tap shim: no tap plugin here, as tap.h answers
/// when `tap_plugin.so` is not loaded (`FEATURE_DISABLED`).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn vpp_rs_tap_create(
    _vm: *mut sys::vlib_main_t,
    _host_if_name: *const c_char,
    _host_ns: *const c_char,
    _is_tun: u8,
    _host_mac: *const u8,
    _host_mtu: u32,
    _num_rx_queues: u16,
    _num_tx_queues: u16,
    _auto_id_offset: u32,
    _sw_if_index: *mut u32,
    err: *mut c_char,
    errlen: u32,
) -> i32 {
    let msg = b"tap plugin not loaded\0";
    if errlen as usize >= msg.len() {
        // SAFETY: the caller passes `errlen` writable bytes.
        unsafe { core::ptr::copy_nonoverlapping(msg.as_ptr() as *const c_char, err, msg.len()) };
    }
    -30
}

/// Stand-in of vpp-rs's tap shim: no taps.
#[no_mangle]
pub extern "C" fn vpp_rs_tap_delete(_vm: *mut sys::vlib_main_t, _sw_if_index: u32) -> i32 {
    -1
}

/// Stand-in of vpp-rs's tap shim: no taps.
#[no_mangle]
pub extern "C" fn vpp_rs_tap_get_ifindex(_vm: *mut sys::vlib_main_t, _sw_if_index: u32) -> u32 {
    u32::MAX
}

/// Stand-in of vpp-rs's tap shim: no taps.
#[no_mangle]
pub extern "C" fn vpp_rs_tap_set_carrier(_hw_if_index: u32, _carrier_up: u32) -> i32 {
    -1
}

/// Stand-in of vpp-rs's tap shim: no taps.
#[no_mangle]
pub extern "C" fn vpp_rs_tap_set_speed(_hw_if_index: u32, _speed: u32) -> i32 {
    -1
}

/// Stand-in of vpp-rs's stats shim: no stats segment.
#[no_mangle]
pub extern "C" fn vpp_rs_stats_add_gauge(_name: *const core::ffi::c_char) -> u32 {
    u32::MAX
}

/// Stand-in of vpp-rs's stats shim: nothing to set.
#[no_mangle]
pub extern "C" fn vpp_rs_stats_set_gauge(_entry_index: u32, _value: u64) {}

/// Stand-in of vpp-rs's plugin-config shim: startup.conf names no plugin.
///
/// # Safety
/// `default_disable` is NULL or writable, as vpp-rs passes it.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_plugin_config(
    _name: *const core::ffi::c_char,
    _is_enabled: *mut u8,
    _is_disabled: *mut u8,
    default_disable: *mut u8,
) -> i32 {
    if !default_disable.is_null() {
        // SAFETY: the caller passes a writable u8 (the contract above).
        unsafe { *default_disable = 0 };
    }
    -1
}

/// Stand-in of vpp-rs's interface-state shim: every harness interface is
/// admin down, MTU 9000, hw index = sw index, link down, speed unknown,
/// Ethernet (MAC `02:00:00:00:00:<index>`) unless p2p by name.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_sw_if_state(
    sw_if_index: u32,
    flags: *mut u32,
    l3_mtu: *mut u32,
    hw_if_index: *mut u32,
    link_speed: *mut u32,
    mac: *mut u8,
    unnumbered_sw_if_index: *mut u32,
) -> i32 {
    let Some(Some(name)) = interfaces().get(sw_if_index as usize).cloned() else { return -1 };
    let m: [u8; 6] = if name.starts_with("tun") || name.starts_with("ipip") {
        [0; 6]
    } else {
        [2, 0, 0, 0, 0, sw_if_index as u8]
    };
    // SAFETY: the caller passes writable fields and 6 bytes at `mac`.
    unsafe {
        *flags = 0;
        *l3_mtu = 9000;
        *hw_if_index = sw_if_index;
        *link_speed = u32::MAX;
        *unnumbered_sw_if_index = u32::MAX;
        core::ptr::copy_nonoverlapping(m.as_ptr(), mac, 6);
    }
    0
}

/// Stand-in of vpp-rs's interface-state shim: no sub-interface details.
#[no_mangle]
pub extern "C" fn vpp_rs_sub_if_info(
    _sw_if_index: u32,
    _sub_id: *mut u32,
    _raw_flags: *mut u16,
    _outer_vlan: *mut u16,
    _inner_vlan: *mut u16,
    _exact: *mut u8,
) -> i32 {
    -1
}

/// Stand-in of vpp-rs's interface-state shim: refused.
#[no_mangle]
pub extern "C" fn vpp_rs_create_sub_interface(
    _sup_sw_if_index: u32,
    _id: u32,
    _raw_flags: u16,
    _inner_vlan: u16,
    _outer_vlan: u16,
    _sw_if_index: *mut u32,
) -> i32 {
    -1
}

/// Stand-in of vpp-rs's interface-state shim: refused.
#[no_mangle]
pub extern "C" fn vpp_rs_delete_sub_interface(_sw_if_index: u32) -> i32 {
    -1
}

/// Stand-in of vpp-rs's interface-state shim: ignored.
#[no_mangle]
pub extern "C" fn vpp_rs_sw_if_set_mtu(_sw_if_index: u32, _mtu: u32) {}

/// Stand-in of vpp-rs's interface-state shim: ignored.
#[no_mangle]
pub extern "C" fn vpp_rs_sw_if_admin_up(_sw_if_index: u32) {}

/// Stand-in of vpp-rs's interface-state shim: ignored.
#[no_mangle]
pub extern "C" fn vpp_rs_ethernet_accept_all_dmac(_hw_if_index: u32) {}

/// Stand-in of vpp-rs's interface-state shim: no addresses.
#[no_mangle]
pub extern "C" fn vpp_rs_sw_if_addresses(
    _sw_if_index: u32,
    _is_ip6: u8,
    _addrs: *mut u8,
    _lens: *mut u8,
    _max: u32,
) -> u32 {
    0
}

/// Stand-in of vpp-rs's interface-state shim: never called back.
#[no_mangle]
pub extern "C" fn vpp_rs_ip_address_callback_set(
    _f: Option<unsafe extern "C" fn(u32, *const u8, u32, u32, u32)>,
) {
}

/// Stand-in of vpp-rs's neighbour shim: no neighbour table here
/// (`FEATURE_DISABLED`).
#[no_mangle]
pub extern "C" fn vpp_rs_ip_neighbor_add(
    _sw_if_index: u32,
    _is_ip6: u8,
    _ip: *const u8,
    _mac: *const u8,
    _is_static: u8,
    _stats_index: *mut u32,
) -> i32 {
    -30
}

/// Stand-in of vpp-rs's neighbour shim: no neighbour table here
/// (`FEATURE_DISABLED`).
#[no_mangle]
pub extern "C" fn vpp_rs_ip_neighbor_del(_sw_if_index: u32, _is_ip6: u8, _ip: *const u8) -> i32 {
    -30
}

/// Stand-in of vpp-rs's neighbour shim: no neighbours.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vpp_rs_ip_neighbor_list(
    _is_ip6: u8,
    _sw_if_index: u32,
    _sw_if_indexes: *mut u32,
    _ips: *mut u8,
    _macs: *mut u8,
    _flags: *mut u8,
    _ages: *mut f64,
    _max: u32,
) -> u32 {
    0
}

/// Stand-in of vpp-rs's neighbour shim: nothing to mark.
#[no_mangle]
pub extern "C" fn vpp_rs_ip_neighbor_mark(_is_ip6: u8, _sw_if_index: u32) {}

/// Stand-in of vpp-rs's neighbour shim: nothing to sweep.
#[no_mangle]
pub extern "C" fn vpp_rs_ip_neighbor_sweep(_is_ip6: u8) {}

/// Stand-in of vpp-rs's interface-L3 shim: refused (`FEATURE_DISABLED`,
/// message "not supported in the stand-in").
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_sw_if_add_del_address(
    _sw_if_index: u32,
    _is_ip6: u8,
    _addr: *const u8,
    _len: u8,
    _is_del: u8,
    err: *mut c_char,
    errlen: u32,
) -> i32 {
    // SAFETY: the caller passes `errlen` writable bytes at `err`.
    unsafe { standin_l3_error(err, errlen) }
}

/// Write the stand-in's L3 refusal into a shim's message buffer and answer
/// `FEATURE_DISABLED`.
///
/// # Safety
/// `err` must have `errlen` writable bytes (or `errlen` be 0).
unsafe fn standin_l3_error(err: *mut c_char, errlen: u32) -> i32 {
    let msg = b"not supported in the stand-in\0";
    if !err.is_null() && errlen as usize >= msg.len() {
        // SAFETY: `errlen` writable bytes at `err` (the caller's contract).
        unsafe { core::ptr::copy_nonoverlapping(msg.as_ptr() as *const c_char, err, msg.len()) };
    }
    -30
}

/// Stand-in of vpp-rs's interface-L3 shim: refused (`FEATURE_DISABLED`).
#[no_mangle]
pub extern "C" fn vpp_rs_ip6_link_enable(_sw_if_index: u32, _ll: *const u8) -> i32 {
    -30
}

/// Stand-in of vpp-rs's interface-L3 shim: refused (`FEATURE_DISABLED`).
#[no_mangle]
pub extern "C" fn vpp_rs_ip6_link_disable(_sw_if_index: u32) -> i32 {
    -30
}

/// Stand-in of vpp-rs's interface-L3 shim: IPv6 is never enabled.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_ip6_link_is_enabled(_sw_if_index: u32, ll: *mut u8) -> i32 {
    if !ll.is_null() {
        // SAFETY: the caller passes 16 writable bytes at `ll` (or NULL).
        unsafe { core::ptr::write_bytes(ll, 0, 16) };
    }
    0
}

/// Stand-in of vpp-rs's interface-L3 shim: ignored.
#[no_mangle]
pub extern "C" fn vpp_rs_sw_if_admin_down(_sw_if_index: u32) {}

/// Stand-in of vpp-rs's interface-L3 shim: no hardware interfaces.
#[no_mangle]
pub extern "C" fn vpp_rs_hw_if_info(_hw_if_index: u32, _mac: *mut u8, _mac_len: *mut u32) -> i32 {
    -1
}

/// Stand-in of vpp-rs's interface-L3 shim: refused (`FEATURE_DISABLED`).
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_hw_if_set_mtu(
    _hw_if_index: u32,
    _mtu: u32,
    err: *mut c_char,
    errlen: u32,
) -> i32 {
    // SAFETY: the caller passes `errlen` writable bytes at `err`.
    unsafe { standin_l3_error(err, errlen) }
}

/// Stand-in of vpp-rs's interface-L3 shim: refused (`FEATURE_DISABLED`).
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_hw_if_change_mac(
    _hw_if_index: u32,
    _mac: *const u8,
    err: *mut c_char,
    errlen: u32,
) -> i32 {
    // SAFETY: the caller passes `errlen` writable bytes at `err`.
    unsafe { standin_l3_error(err, errlen) }
}

/// Stand-in of vpp-rs's interface-L3 shim: no adjacencies.
#[no_mangle]
pub extern "C" fn vpp_rs_adj_sw_if_index(_adj_index: u32) -> u32 {
    u32::MAX
}

/// Stand-in of vpp-rs's interface-L3 shim: ignored.
#[no_mangle]
pub extern "C" fn vpp_rs_update_adjacency(_sw_if_index: u32, _adj_index: u32) {}

// --- data plane (nodes) ---

/// Stand-in of vpp-rs's buffer shim (`csrc/buffer_shim.c`): takes a spare
/// buffer of the harness and copies the whole source buffer (header, pre-data
/// and data) into it, like `vlib_buffer_copy` for a one-segment buffer.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_buffer_copy(vm: *mut sys::vlib_main_t, b: *mut sys::vlib_buffer_t) -> u32 {
    let Some(bi) = RECORD.with(|r| r.borrow_mut().spare_buffers.pop()) else { return u32::MAX };
    // SAFETY: harness buffers; the spare buffer is distinct from `b`.
    unsafe {
        let start = (*(*vm).buffer_main).buffer_mem_start as usize;
        let dst = (start + ((bi as usize) << 6)) as *mut u8;
        core::ptr::copy_nonoverlapping(b as *const u8, dst, super::BUFFER_STRIDE);
        let d = dst as *mut sys::vlib_buffer_t;
        (*d).ref_count = 1;
        (*d).flags &= !sys::VLIB_BUFFER_NEXT_PRESENT;
        let src = ((b as usize - start) >> 6) as u32;
        RECORD.with(|r| r.borrow_mut().copies.push((src, bi)));
    }
    bi
}

/// Stand-in of vpp-rs's AVX2 buffer copy: the same as the baseline one.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_buffer_copy_avx2(
    vm: *mut sys::vlib_main_t,
    b: *mut sys::vlib_buffer_t,
) -> u32 {
    // SAFETY: the caller's contract is the baseline copy's.
    unsafe { vpp_rs_buffer_copy(vm, b) }
}

/// Stand-in of vpp-rs's batched buffer copy (`csrc/buffer_copy.inc`): the
/// baseline copy of each source in turn (`~0` once the spare buffers run
/// out); records the batch size.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_buffer_copy_n(
    vm: *mut sys::vlib_main_t,
    src: *const u32,
    dst: *mut u32,
    n: u32,
) -> u32 {
    let n = n.min(256) as usize;
    RECORD.with(|r| r.borrow_mut().copy_batches.push(n as u32));
    let mut made = 0;
    // SAFETY: the caller passes `n` source indices of harness buffers and
    // `n` writable destination entries.
    unsafe {
        let start = (*(*vm).buffer_main).buffer_mem_start as usize;
        for i in 0..n {
            let b = (start + ((*src.add(i) as usize) << 6)) as *mut sys::vlib_buffer_t;
            let c = vpp_rs_buffer_copy(vm, b);
            *dst.add(i) = c;
            made += (c != u32::MAX) as u32;
        }
    }
    made
}

/// Stand-in of vpp-rs's AVX2 batched copy: the same as the baseline one.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_buffer_copy_n_avx2(
    vm: *mut sys::vlib_main_t,
    src: *const u32,
    dst: *mut u32,
    n: u32,
) -> u32 {
    // SAFETY: the caller's contract is the baseline copy's.
    unsafe { vpp_rs_buffer_copy_n(vm, src, dst, n) }
}

/// Stand-in of vpp-rs's buffer shim: records the freed buffers.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_buffer_free(_vm: *mut sys::vlib_main_t, buffers: *mut u32, n_buffers: u32) {
    // SAFETY: the caller passes `n_buffers` indices.
    let b = unsafe { core::slice::from_raw_parts(buffers, n_buffers as usize) };
    RECORD.with(|r| r.borrow_mut().freed.extend_from_slice(b));
}

/// Stand-in of vpp-rs's adjacency delegate shim: records the name.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_adj_delegate_register(name: *const c_char) -> i32 {
    // SAFETY: the caller passes a C string.
    let n = unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy().into_owned();
    RECORD.with(|r| r.borrow_mut().adj_delegates.push(n));
    0
}

/// Stand-in of vpp-rs's adjacency delegate shim: records the attachment
/// (once per adjacency) if `adj_index` is in the stand-in pool.
#[no_mangle]
pub extern "C" fn vpp_rs_adj_delegate_attach(adj_index: u32) -> i32 {
    if adj_index as usize >= vpp::adj::view::pool_len() {
        return -1;
    }
    RECORD.with(|r| {
        let mut r = r.borrow_mut();
        if !r.adj_attached.contains(&adj_index) {
            r.adj_attached.push(adj_index);
        }
    });
    0
}

/// Stand-in of vpp-rs's adjacency delegate shim: the stand-in pool's
/// adjacencies whose egress interface is `sw_if_index`.
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_adj_nbr_walk(sw_if_index: u32, adj_indices: *mut u32, max: u32) -> u32 {
    let mut n = 0u32;
    // SAFETY: the stand-in pool is a vector of `pool_len` adjacencies; the
    // caller passes `max` writable entries.
    unsafe {
        let p = *core::ptr::addr_of!(adj_pool);
        for i in 0..vpp::adj::view::pool_len() {
            if (*p.add(i)).rewrite_header.sw_if_index == sw_if_index {
                if n < max {
                    *adj_indices.add(n as usize) = i as u32;
                }
                n += 1;
            }
        }
    }
    n
}

/// Stand-in of vpp-rs's adjacency shim: records the call; returns
/// `Record::output_feature_next` or the next index given.
#[no_mangle]
pub extern "C" fn vpp_rs_ip_output_feature_start(
    _vm: *mut sys::vlib_main_t,
    is_ip6: i32,
    _b: *mut sys::vlib_buffer_t,
    next_index: u32,
    cfg_index: u32,
) -> u32 {
    RECORD.with(|r| {
        let mut r = r.borrow_mut();
        r.output_feature_starts.push((is_ip6 != 0, next_index, cfg_index));
        r.output_feature_next.unwrap_or(next_index)
    })
}

// vpp::fib and vpp::mfib (csrc/fib_shim.c, csrc/mfib_shim.c): the stand-in
// has no FIB; every call answers FEATURE_DISABLED (-30), walks find nothing.

/// Stand-in: no FIB sources.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_source_allocate(
    _name: *const c_char,
    _priority: u8,
    _is_simple: u8,
    _source: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no routes to punt.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_entry_punt_add(
    _fib_index: u32,
    _pfx: *const sys::vpp_rs_fib_prefix_t,
    _source: u32,
    _entry_index: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no tables to bind to.
#[no_mangle]
pub extern "C" fn vpp_rs_ip_table_bind(_proto: u8, _sw_if_index: u32, _table_id: u32) -> i32 {
    -30
}
/// Stand-in: no FIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_lock(
    _proto: u8,
    _table_id: u32,
    _source: u32,
    _fib_index: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no FIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_unlock(_proto: u8, _fib_index: u32, _source: u32) -> i32 {
    -30
}
/// Stand-in: no FIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_find(_proto: u8, _table_id: u32, _fib_index: *mut u32) -> i32 {
    -30
}
/// Stand-in: no FIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_id(_proto: u8, _fib_index: u32, _table_id: *mut u32) -> i32 {
    -30
}
/// Stand-in: no FIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_of_interface(_proto: u8, _sw_if_index: u32, _fib_index: *mut u32) -> i32 {
    -30
}
/// Stand-in: no routes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn vpp_rs_fib_entry_paths(
    _op: u32,
    _fib_index: u32,
    _pfx: *const sys::vpp_rs_fib_prefix_t,
    _source: u32,
    _flags: u32,
    _paths: *const sys::vpp_rs_fib_path_t,
    _n_paths: u32,
    _entry_index: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no routes (every entry answers `FEATURE_DISABLED`).
///
/// # Safety
/// `u` points to `n` entries (as the shim's callers guarantee).
#[no_mangle]
pub unsafe extern "C" fn vpp_rs_fib_entries_update(
    u: *mut sys::vpp_rs_fib_update_t,
    n: u32,
    _paths: *const sys::vpp_rs_fib_path_t,
    _n_paths: u32,
) {
    if u.is_null() {
        return;
    }
    // SAFETY: the caller passes `n` entries at `u`, not aliased during the call.
    let entries = unsafe { std::slice::from_raw_parts_mut(u, n as usize) };
    for e in entries {
        e.rv = -30;
        e.entry_index = u32::MAX;
    }
}
/// Stand-in: no routes.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_entry_delete(
    _fib_index: u32,
    _pfx: *const sys::vpp_rs_fib_prefix_t,
    _source: u32,
) -> i32 {
    -30
}
/// Stand-in: no routes.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_entry_special_add(
    _fib_index: u32,
    _pfx: *const sys::vpp_rs_fib_prefix_t,
    _source: u32,
    _flags: u32,
    _entry_index: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no routes.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_entry_special_remove(
    _fib_index: u32,
    _pfx: *const sys::vpp_rs_fib_prefix_t,
    _source: u32,
) -> i32 {
    -30
}
/// Stand-in: no tables to mark or sweep.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_mark_sweep(
    _fib_index: u32,
    _proto: u8,
    _source: u32,
    _is_sweep: u8,
) -> i32 {
    -30
}
/// Stand-in: no entries (the callback never runs).
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_entries(
    _fib_index: u32,
    _proto: u8,
    _source: u32,
    _f: Option<
        unsafe extern "C" fn(
            *mut c_void,
            *const sys::vpp_rs_fib_prefix_t,
            u32,
            *const sys::vpp_rs_fib_path_t,
            u32,
        ),
    >,
    _ctx: *mut c_void,
) -> i32 {
    -30
}
/// Stand-in: nothing to flush.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_flush_interfaces(
    _fib_index: u32,
    _proto: u8,
    _source: u32,
    _sw_if_indexes: *const u32,
    _n: u32,
    _n_removed: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no entries.
#[no_mangle]
pub extern "C" fn vpp_rs_fib_table_num_entries(
    _fib_index: u32,
    _proto: u8,
    _source: u32,
    _n: *mut u32,
) -> i32 {
    -30
}
/// Stand-in: no mFIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_mfib_table_lock(_proto: u8, _table_id: u32, _mfib_index: *mut u32) -> i32 {
    -30
}
/// Stand-in: no mFIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_mfib_table_unlock(_proto: u8, _mfib_index: u32) -> i32 {
    -30
}
/// Stand-in: no mFIB entries.
#[no_mangle]
pub extern "C" fn vpp_rs_mfib_local_forward(
    _proto: u8,
    _mfib_index: u32,
    _group: *const u8,
    _len: u8,
    _is_del: u8,
) -> i32 {
    -30
}
/// Stand-in: no mFIB entries.
#[no_mangle]
pub extern "C" fn vpp_rs_mfib_accept_interface(
    _proto: u8,
    _mfib_index: u32,
    _group: *const u8,
    _len: u8,
    _sw_if_index: u32,
    _is_del: u8,
) -> i32 {
    -30
}
/// Stand-in: no mFIB tables.
#[no_mangle]
pub extern "C" fn vpp_rs_mfib_table_of_interface(
    _proto: u8,
    _sw_if_index: u32,
    _mfib_index: *mut u32,
) -> i32 {
    -30
}

/// Reference every stand-in symbol so that a test binary which names this
/// function links the whole stand-in (plugin crates' own unit tests use
/// `#[used] static _L: fn() = test_vpp::standin::symbols::link;`).
pub fn link() {
    let fns: [*const (); 101] = [
        mpls_sw_interface_is_enabled as *const (),
        vpp_rs_mpls_enable_disable as *const (),
        vpp_rs_mpls_add_state_callback as *const (),
        vlib_get_node_by_name as *const (),
        vpp_rs_ethernet_type_node as *const (),
        vpp_rs_ethernet_types_of_node as *const (),
        vpp_rs_ethernet_type_parse as *const (),
        ethernet_register_input_type as *const (),
        vlib_get_plugin_symbol as *const (),
        vpp_rs_adj_delegate_register as *const (),
        vpp_rs_adj_delegate_attach as *const (),
        vpp_rs_adj_nbr_walk as *const (),
        vpp_rs_buffer_copy as *const (),
        vpp_rs_buffer_copy_avx2 as *const (),
        vpp_rs_buffer_copy_n as *const (),
        vpp_rs_buffer_copy_n_avx2 as *const (),
        vpp_rs_buffer_free as *const (),
        vpp_rs_ip_output_feature_start as *const (),
        adj_nbr_add_or_lock as *const (),
        vpp_rs_adj_mcast_add_or_lock as *const (),
        adj_unlock as *const (),
        vpp_rs_ip_punt_redirect_add as *const (),
        ip4_punt_redirect_del as *const (),
        ip6_punt_redirect_del as *const (),
        vlib_punt_client_register as *const (),
        vlib_punt_register as *const (),
        udp_punt_unknown as *const (),
        tcp_punt_unknown as *const (),
        vpp_rs_sw_if_facts as *const (),
        vpp_rs_itf_function_list as *const (),
        vpp_rs_tap_create as *const (),
        vpp_rs_tap_delete as *const (),
        vpp_rs_tap_get_ifindex as *const (),
        vpp_rs_tap_set_carrier as *const (),
        vpp_rs_tap_set_speed as *const (),
        vpp_rs_plugin_config as *const (),
        vpp_rs_stats_add_gauge as *const (),
        vpp_rs_stats_set_gauge as *const (),
        vpp_rs_sw_if_state as *const (),
        vpp_rs_sub_if_info as *const (),
        vpp_rs_create_sub_interface as *const (),
        vpp_rs_delete_sub_interface as *const (),
        vpp_rs_sw_if_set_mtu as *const (),
        vpp_rs_sw_if_admin_up as *const (),
        vpp_rs_ethernet_accept_all_dmac as *const (),
        vpp_rs_sw_if_addresses as *const (),
        vpp_rs_ip_address_callback_set as *const (),
        vpp_rs_ip_neighbor_add as *const (),
        vpp_rs_ip_neighbor_del as *const (),
        vpp_rs_ip_neighbor_list as *const (),
        vpp_rs_ip_neighbor_mark as *const (),
        vpp_rs_ip_neighbor_sweep as *const (),
        vpp_rs_sw_if_add_del_address as *const (),
        vpp_rs_ip6_link_enable as *const (),
        vpp_rs_ip6_link_disable as *const (),
        vpp_rs_ip6_link_is_enabled as *const (),
        vpp_rs_sw_if_admin_down as *const (),
        vpp_rs_hw_if_info as *const (),
        vpp_rs_hw_if_set_mtu as *const (),
        vpp_rs_hw_if_change_mac as *const (),
        vpp_rs_adj_sw_if_index as *const (),
        vpp_rs_update_adjacency as *const (),
        vnet_feature_enable_disable as *const (),
        vnet_feature_is_enabled as *const (),
        vlib_worker_thread_barrier_sync_int as *const (),
        vpp_rs_sw_if_index_is_valid as *const (),
        vpp_rs_sw_if_index_name as *const (),
        vpp_rs_sw_if_index_by_name as *const (),
        vlib_add_trace as *const (),
        vlib_buffer_length_in_chain_slow_path as *const (),
        vlib_get_next_frame_internal as *const (),
        vlib_put_next_frame as *const (),
        vlib_cli_command_registration_helper as *const (),
        vlib_force_rpc_call_main_thread as *const (),
        vl_msg_api_get_msg_ids as *const (),
        vl_msg_api_add_msg_name_crc as *const (),
        vl_msg_api_config as *const (),
        vl_socket_api_send as *const (),
        vl_msg_api_alloc as *const (),
        vlib_get_main_not_inline as *const (),
        vpp_rs_fib_source_allocate as *const (),
        vpp_rs_fib_table_lock as *const (),
        vpp_rs_fib_entry_punt_add as *const (),
        vpp_rs_ip_table_bind as *const (),
        vpp_rs_fib_table_unlock as *const (),
        vpp_rs_fib_table_find as *const (),
        vpp_rs_fib_table_id as *const (),
        vpp_rs_fib_table_of_interface as *const (),
        vpp_rs_fib_entry_paths as *const (),
        vpp_rs_fib_entry_delete as *const (),
        vpp_rs_fib_entry_special_add as *const (),
        vpp_rs_fib_entry_special_remove as *const (),
        vpp_rs_fib_table_mark_sweep as *const (),
        vpp_rs_fib_table_entries as *const (),
        vpp_rs_fib_table_flush_interfaces as *const (),
        vpp_rs_fib_table_num_entries as *const (),
        vpp_rs_mfib_table_lock as *const (),
        vpp_rs_mfib_table_unlock as *const (),
        vpp_rs_mfib_local_forward as *const (),
        vpp_rs_mfib_accept_interface as *const (),
        vpp_rs_mfib_table_of_interface as *const (),
    ];
    core::hint::black_box(fns);
    core::hint::black_box(core::ptr::addr_of!(vlib_global_main));
    core::hint::black_box(core::ptr::addr_of!(feature_main));
    core::hint::black_box(core::ptr::addr_of!(vlib_buffer_func_main));
    core::hint::black_box(core::ptr::addr_of!(adj_pool));
    core::hint::black_box(core::ptr::addr_of!(ipsec_punt_reason));
    super::link_c();
}
