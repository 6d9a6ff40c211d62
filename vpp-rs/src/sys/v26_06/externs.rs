//! Symbols exported by VPP's core libraries (resolved from the `vpp`
//! executable's global scope when VPP `dlopen`s a plugin, or from the
//! `test-vpp` stand-in in tests).

use super::{
    any, clib_error_t, ip_adjacency_t, uword, vl_api_registration_t, vl_msg_api_msg_config_t,
    vlib_buffer_func_main_t, vlib_buffer_t, vlib_cli_command_t, vlib_frame_t, vlib_global_main_t,
    vlib_main_t, vlib_node_runtime_t, vnet_feature_main_t,
};
use core::ffi::{c_char, c_void};

extern "C" {
    /// Global registration lists and per-thread mains (libvlib).
    pub static mut vlib_global_main: vlib_global_main_t;
    /// Feature arcs and the shared feature config heap (libvnet).
    pub static mut feature_main: vnet_feature_main_t;
    /// Best-variant buffer enqueue functions (libvlib), valid after init.
    pub static mut vlib_buffer_func_main: vlib_buffer_func_main_t;
    /// The adjacency pool (libvnet; a vppinfra pool, i.e. a vector).
    pub static mut adj_pool: *mut ip_adjacency_t;

    /// Reserve `n_data_bytes` of trace data for a traced buffer.
    pub fn vlib_add_trace(
        vm: *mut vlib_main_t,
        r: *mut vlib_node_runtime_t,
        b: *mut vlib_buffer_t,
        n_data_bytes: u32,
    ) -> *mut c_void;
    /// Length of a chained buffer when `TOTAL_LENGTH_VALID` is not set.
    pub fn vlib_buffer_length_in_chain_slow_path(vm: *mut vlib_main_t, b: *mut vlib_buffer_t) -> uword;
    /// Get (or allocate) the frame for `next_index`.
    pub fn vlib_get_next_frame_internal(
        vm: *mut vlib_main_t,
        node: *mut vlib_node_runtime_t,
        next_index: u32,
        alloc_new_frame: u32,
    ) -> *mut vlib_frame_t;
    /// Queue a frame; `n_packets_left` = free slots left in it.
    pub fn vlib_put_next_frame(
        vm: *mut vlib_main_t,
        r: *mut vlib_node_runtime_t,
        next_index: u32,
        n_packets_left: u32,
    );

    /// Link a CLI command (and register it at once if the CLI is up).
    pub fn vlib_cli_command_registration_helper(x: *mut vlib_cli_command_t);
    /// Print to the CLI session running the current command.
    pub fn vlib_cli_output(vm: *mut vlib_main_t, fmt: *const c_char, ...);
    /// vppinfra `format`: append to a vector.
    pub fn format(s: *mut u8, fmt: *const c_char, ...) -> *mut u8;
    /// vppinfra error constructor behind `clib_error_return`.
    pub fn _clib_error_return(
        errors: *mut clib_error_t,
        code: any,
        flags: uword,
        where_: *const c_char,
        fmt: *const c_char,
        ...
    ) -> *mut clib_error_t;

    /// Enable or disable a feature node on an interface (main thread).
    pub fn vnet_feature_enable_disable(
        arc_name: *const c_char,
        node_name: *const c_char,
        sw_if_index: u32,
        enable_disable: i32,
        feature_config: *mut c_void,
        n_feature_config_bytes: u32,
    ) -> i32;

    /// Whether a feature node is enabled on an interface: 1 yes, 0 no, a
    /// negative `VNET_API_ERROR_*` for an unknown arc or feature.
    pub fn vnet_feature_is_enabled(
        arc_name: *const c_char,
        feature_node_name: *const c_char,
        sw_if_index: u32,
    ) -> i32;

    /// Register (or find) a log class and subclass (`vlib/log.h`).
    pub fn vlib_log_register_class(class: *mut c_char, subclass: *mut c_char) -> u32;
    /// Log through VPP's logger (`show logging`, syslog); `fmt` is a
    /// vppinfra format.
    pub fn vlib_log(level: u32, class: u32, fmt: *mut c_char, ...);

    /// Stop workers at the barrier (main thread, recursive).
    pub fn vlib_worker_thread_barrier_sync_int(vm: *mut vlib_main_t, func_name: *const c_char);
    /// Release the worker barrier.
    pub fn vlib_worker_thread_barrier_release(vm: *mut vlib_main_t);
    /// The calling thread's `vlib_main_t` (`vlib_get_main`, exported).
    pub fn vlib_get_main_not_inline() -> *mut vlib_main_t;
    /// Queue `function(args copy)` to run on thread 0 under the barrier.
    pub fn vlib_force_rpc_call_main_thread(function: *mut c_void, args: *mut u8, size: u32);

    /// Reserve a contiguous message-id range for an API module.
    pub fn vl_msg_api_get_msg_ids(name: *const c_char, n: i32) -> u16;
    /// Publish `<name>_<crc>` under an absolute id (the string must be static).
    pub fn vl_msg_api_add_msg_name_crc(am: *mut c_void, string: *const c_char, id: u32);
    /// Register a message's handler and helpers.
    pub fn vl_msg_api_config(c: *mut vl_msg_api_msg_config_t);
}

extern "C" {
    /// Allocate an API message (not zeroed), preceded by its `msgbuf_t`.
    pub fn vl_msg_api_alloc(nbytes: i32) -> *mut c_void;
    /// Free an API message.
    pub fn vl_msg_api_free(msg: *mut c_void);
    /// Whether `index` (host order) names a socket client.
    pub fn vl_socket_api_registration_handle_is_valid(reg_index: u32) -> u8;
    /// The socket client registration for a handle (host order).
    pub fn vl_socket_api_client_handle_to_registration(idx: u32) -> *mut vl_api_registration_t;
    /// The shared-memory client registration for a client index.
    pub fn vl_mem_api_client_index_to_registration(handle: u32) -> *mut vl_api_registration_t;
    /// Send a message to a socket client (takes ownership).
    pub fn vl_socket_api_send(rp: *mut vl_api_registration_t, elem: *mut u8);
    /// Send a message to a shared-memory client queue (takes ownership).
    pub fn vl_msg_api_send_shmem(q: *mut c_void, elem: *mut u8);
}
