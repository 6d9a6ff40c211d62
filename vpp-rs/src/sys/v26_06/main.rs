//! `vlib_main_t` (per thread) and `vlib_global_main_t`.

use super::{assert_layout, vlib_buffer_main_t, vlib_node_main_t};

/// `vlib_trace_main_t` (72 bytes), embedded in `vlib_main_t`.
#[repr(C)]
pub struct vlib_trace_main_t {
    pub trace_buffer_pool: *mut u8,
    _pad0: [u8; 16],
    pub trace_enable: i32,
    _pad1: [u8; 28],
    pub add_trace_callback: *mut u8,
    _tail: [u8; 8],
}
assert_layout!(vlib_trace_main_t, size 72, align 8,
    trace_buffer_pool @ 0, trace_enable @ 24, add_trace_callback @ 56);

/// `vlib_error_main_t` (32 bytes), embedded in `vlib_main_t`.
#[repr(C)]
pub struct vlib_error_main_t {
    /// Per-thread error counters, indexed by `vlib_error_t`. VPP may move
    /// this vector when nodes register errors: re-read it on every use.
    pub counters: *mut u64,
    _tail: [u8; 24],
}
assert_layout!(vlib_error_main_t, size 32, align 8, counters @ 0);

/// `vlib_main_t` (`vlib/main.h`), 1408 bytes: only the fields the framework
/// reads are named; the rest is opaque padding.
#[repr(C, align(64))]
pub struct vlib_main_t {
    _pad0: [u8; 96],
    pub cpu_time_last_node_dispatch: u64,
    _pad1: [u8; 8],
    pub main_loop_count: u32,
    _pad2: [u8; 180],
    pub buffer_main: *mut vlib_buffer_main_t,
    _pad3: [u8; 40],
    pub node_main: vlib_node_main_t,
    pub trace_main: vlib_trace_main_t,
    pub error_main: vlib_error_main_t,
    _pad4: [u8; 424],
    pub thread_index: u16,
    _pad5: [u8; 2],
    pub numa_node: u32,
    _pad6: [u8; 4],
    pub wakeup_fd: i32,
    _pad7: [u8; 24],
    pub wakeup_pending: u8,
    pub thread_sleeps: u8,
    _tail: [u8; 230],
}
assert_layout!(vlib_main_t, size 1408, align 64,
    cpu_time_last_node_dispatch @ 96, main_loop_count @ 112, buffer_main @ 296, node_main @ 344,
    trace_main @ 608, error_main @ 680, error_main.counters @ 680, thread_index @ 1136,
    numa_node @ 1140, wakeup_fd @ 1148, wakeup_pending @ 1176, thread_sleeps @ 1177);

impl vlib_main_t {
    /// An all-zero `vlib_main_t`, for stand-ins and tests.
    pub fn zeroed() -> Self {
        // SAFETY: every field is an integer, byte array or raw pointer, for
        // which the all-zero bit pattern is valid.
        unsafe { core::mem::zeroed() }
    }
}

/// `vlib_global_main_t` (`vlib/main.h`), 256 bytes: registration list heads.
#[repr(C, align(64))]
pub struct vlib_global_main_t {
    /// Vector of per-thread `vlib_main_t *`.
    pub vlib_mains: *mut *mut vlib_main_t,
    pub name: *mut u8,
    _pad0: [u8; 48],
    /// The head of `cli_main` (its command registration list follows at 80).
    pub cli_main: [u8; 16],
    pub cli_command_registrations: *mut super::vlib_cli_command_t,
    _pad1: [u8; 32],
    pub node_registrations: *mut super::vlib_node_registration_t,
    pub elog_main: *mut u8,
    _pad2: [u8; 16],
    pub init_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub main_loop_enter_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub main_loop_exit_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub worker_init_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub num_workers_change_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub api_init_function_registrations: *mut super::_vlib_init_function_list_elt_t,
    pub config_function_registrations: *mut super::vlib_config_function_runtime_t,
    pub init_functions_called: *mut u8,
    _tail: [u8; 40],
}
assert_layout!(vlib_global_main_t, size 256, align 64,
    vlib_mains @ 0, name @ 8, cli_main @ 64, cli_command_registrations @ 80,
    node_registrations @ 120, elog_main @ 128, init_function_registrations @ 152,
    main_loop_enter_function_registrations @ 160, main_loop_exit_function_registrations @ 168,
    worker_init_function_registrations @ 176, num_workers_change_function_registrations @ 184,
    api_init_function_registrations @ 192, config_function_registrations @ 200,
    init_functions_called @ 208);

/// `VLIB_LOG_LEVEL_ERR` (`vlib_log_level_t` starts with `UNKNOWN` = 0).
pub const VLIB_LOG_LEVEL_ERR: u32 = 4;
/// `VLIB_LOG_LEVEL_WARNING`.
pub const VLIB_LOG_LEVEL_WARNING: u32 = 5;
/// `VLIB_LOG_LEVEL_NOTICE`.
pub const VLIB_LOG_LEVEL_NOTICE: u32 = 6;
/// `VLIB_LOG_LEVEL_INFO`.
pub const VLIB_LOG_LEVEL_INFO: u32 = 7;
