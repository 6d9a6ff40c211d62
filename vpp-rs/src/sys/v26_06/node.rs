//! Node registrations, node runtime and the node main.

use super::{assert_layout, uword, vlib_frame_t, vlib_main_t};
use core::ffi::c_char;

/// `vlib_node_function_t`.
pub type vlib_node_function_t = unsafe extern "C" fn(
    vm: *mut vlib_main_t,
    node: *mut vlib_node_runtime_t,
    frame: *mut vlib_frame_t,
) -> uword;

/// `format_function_t`: `u8 *f(u8 *s, va_list *args)`; `args` is a SysV
/// `va_list` (see [`va_list_tag`]).
pub type format_function_t = unsafe extern "C" fn(s: *mut u8, args: *mut va_list_tag) -> *mut u8;

/// One SysV x86_64 `va_list` element (`__va_list_tag`), read by hand because
/// stable Rust has no `va_arg`.
#[repr(C)]
pub struct va_list_tag {
    pub gp_offset: u32,
    pub fp_offset: u32,
    pub overflow_arg_area: *mut u8,
    pub reg_save_area: *mut u8,
}

/// `vlib_node_type_t`.
pub const VLIB_NODE_TYPE_INTERNAL: u32 = 0;
/// Input node.
pub const VLIB_NODE_TYPE_INPUT: u32 = 1;
/// Pre-input node.
pub const VLIB_NODE_TYPE_PRE_INPUT: u32 = 2;
/// Cooperative process.
pub const VLIB_NODE_TYPE_PROCESS: u32 = 3;
/// Scheduled node.
pub const VLIB_NODE_TYPE_SCHED: u32 = 4;

/// `VLIB_NODE_FLAG_TRACE_SUPPORTED`.
pub const VLIB_NODE_FLAG_TRACE_SUPPORTED: u16 = 1 << 8;
/// `VLIB_NODE_FLAG_IS_OUTPUT`.
pub const VLIB_NODE_FLAG_IS_OUTPUT: u16 = 1 << 1;
/// `VLIB_NODE_FLAG_IS_DROP`.
pub const VLIB_NODE_FLAG_IS_DROP: u16 = 1 << 2;
/// `VLIB_NODE_FLAG_ALLOW_LAZY_NEXT_NODES`.
pub const VLIB_NODE_FLAG_ALLOW_LAZY_NEXT_NODES: u16 = 1 << 10;

/// `vlib_node_state_t`: polling.
pub const VLIB_NODE_STATE_POLLING: u8 = 0;
/// Interrupt driven.
pub const VLIB_NODE_STATE_INTERRUPT: u8 = 1;
/// Disabled.
pub const VLIB_NODE_STATE_DISABLED: u8 = 2;

/// `clib_march_variant_type_t` values.
pub const CLIB_MARCH_VARIANT_TYPE: u32 = 0;
/// `CLIB_MARCH_VARIANT_TYPE_scalar`.
pub const CLIB_MARCH_VARIANT_TYPE_SCALAR: u32 = 1;
/// `CLIB_MARCH_VARIANT_TYPE_x86_64_v3`.
pub const CLIB_MARCH_VARIANT_TYPE_X86_64_V3: u32 = 2;
/// `CLIB_MARCH_VARIANT_TYPE_x86_64_v4`.
pub const CLIB_MARCH_VARIANT_TYPE_X86_64_V4: u32 = 3;

/// `vlib_error_desc_t` (`vlib/error.h`). VPP copies these at registration.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct vlib_error_desc_t {
    pub name: *const c_char,
    pub desc: *const c_char,
    /// 0 error, 1 warning, 2 info.
    pub severity: u32,
    pub stats_entry_index: u32,
}
assert_layout!(vlib_error_desc_t, size 24, align 8, name @ 0, desc @ 8, severity @ 16, stats_entry_index @ 20);

/// `vlib_node_fn_registration_t`: one march variant of a node function.
#[repr(C)]
pub struct vlib_node_fn_registration_t {
    pub function: Option<vlib_node_function_t>,
    pub march_variant: u32,
    pub next_registration: *mut vlib_node_fn_registration_t,
}
assert_layout!(vlib_node_fn_registration_t, size 24, align 8,
    function @ 0, march_variant @ 8, next_registration @ 16);

/// `vlib_node_registration_t` without its trailing `next_nodes[]` names.
#[repr(C)]
pub struct vlib_node_registration_t {
    pub function: Option<vlib_node_function_t>,
    pub node_fn_registrations: *mut vlib_node_fn_registration_t,
    pub name: *const c_char,
    pub sibling_of: *const c_char,
    pub index: u32,
    pub type_: u32,
    pub error_strings: *const *const c_char,
    pub error_counters: *const vlib_error_desc_t,
    pub format_buffer: Option<format_function_t>,
    pub unformat_buffer: *mut u8,
    pub format_trace: Option<format_function_t>,
    pub unformat_trace: *mut u8,
    pub validate_frame: *mut u8,
    pub runtime_data: *mut u8,
    pub process_log2_n_stack_bytes: u16,
    pub runtime_data_bytes: u8,
    pub state: u8,
    pub flags: u16,
    pub protocol_hint: u8,
    pub vector_size: u8,
    pub aux_size: u8,
    pub _pad: u8,
    pub scalar_size: u16,
    pub n_errors: u16,
    pub n_next_nodes: u16,
    pub next_registration: *mut vlib_node_registration_t,
    pub next_nodes: [*const c_char; 0],
}
assert_layout!(vlib_node_registration_t, size 128, align 8,
    function @ 0, node_fn_registrations @ 8, name @ 16, sibling_of @ 24, index @ 32, type_ @ 36,
    error_strings @ 40, error_counters @ 48, format_buffer @ 56, unformat_buffer @ 64,
    format_trace @ 72, unformat_trace @ 80, validate_frame @ 88, runtime_data @ 96,
    process_log2_n_stack_bytes @ 104, runtime_data_bytes @ 106, state @ 107, flags @ 108,
    protocol_hint @ 110, vector_size @ 111, aux_size @ 112, scalar_size @ 114, n_errors @ 116,
    n_next_nodes @ 118, next_registration @ 120, next_nodes @ 128);

/// `vlib_node_runtime_t` (`vlib/node.h`): per-thread node state.
#[repr(C, align(64))]
pub struct vlib_node_runtime_t {
    pub function: Option<vlib_node_function_t>,
    /// Vector of error codes: `errors[k]` is the value for counter `k`.
    pub errors: *mut u16,
    pub clocks_since_last_overflow: u32,
    pub max_clock: u32,
    pub max_clock_n: u32,
    pub calls_since_last_overflow: u32,
    pub vectors_since_last_overflow: u32,
    pub next_frame_index: u32,
    pub node_index: u32,
    pub input_main_loops_per_call: u32,
    pub main_loop_count_last_dispatch: u32,
    pub main_loop_vector_stats: [u32; 2],
    pub flags: u16,
    pub state: u8,
    pub dispatch_reason: u8,
    pub n_next_nodes: u16,
    pub cached_next_index: u16,
    pub stop_timer_handle_plus_1: u32,
    pub runtime_data: [u8; 56],
}
assert_layout!(vlib_node_runtime_t, size 128, align 64,
    function @ 0, errors @ 8, clocks_since_last_overflow @ 16, max_clock @ 20, max_clock_n @ 24,
    calls_since_last_overflow @ 28, vectors_since_last_overflow @ 32, next_frame_index @ 36,
    node_index @ 40, input_main_loops_per_call @ 44, main_loop_count_last_dispatch @ 48,
    main_loop_vector_stats @ 52, flags @ 60, state @ 62, dispatch_reason @ 63, n_next_nodes @ 64,
    cached_next_index @ 66, stop_timer_handle_plus_1 @ 68, runtime_data @ 72);

/// `vlib_node_t` (`vlib/node.h`): the fields a binding reads.
#[repr(C)]
pub struct vlib_node_t {
    pub function: Option<vlib_node_function_t>,
    /// vppinfra vector (not NUL terminated).
    pub name: *mut u8,
    _pad0: [u8; 104],
    pub type_: u32,
    pub index: u32,
    pub runtime_index: u32,
    _pad1: u32,
    pub runtime_data: *mut u8,
    pub flags: u16,
    _pad2: [u8; 4],
    pub n_errors: u16,
    _pad3: [u8; 16],
    pub error_heap_index: u32,
    _pad4: [u8; 20],
    pub next_nodes: *mut u32,
    pub sibling_of: *mut u8,
    _tail: [u8; 88],
}
assert_layout!(vlib_node_t, size 296, align 8,
    function @ 0, name @ 8, type_ @ 120, index @ 124, runtime_index @ 128, runtime_data @ 136,
    flags @ 144, n_errors @ 150, error_heap_index @ 168, next_nodes @ 192, sibling_of @ 200);

/// `vlib_node_main_t` (`vlib/node.h`), embedded in `vlib_main_t`.
#[repr(C)]
pub struct vlib_node_main_t {
    /// Vector of `vlib_node_t *`, indexed by node index.
    pub nodes: *mut *mut vlib_node_t,
    pub node_by_name: *mut u8,
    _pad0: [u8; 8],
    pub nodes_by_type: [*mut vlib_node_runtime_t; 5],
    _pad1: [u8; 48],
    pub next_frames: *mut super::vlib_next_frame_t,
    _pad2: [u8; 48],
    pub processes: *mut *mut u8,
    pub current_process_index: u32,
    _tail: [u8; 84],
}
assert_layout!(vlib_node_main_t, size 264, align 8,
    nodes @ 0, node_by_name @ 8, nodes_by_type @ 24, next_frames @ 112, processes @ 168,
    current_process_index @ 176);
