//! Registration records VPP collects from plugins: plugin, init and config
//! functions, CLI commands, feature arcs, features and log classes.

use super::{assert_layout, clib_error_t, uword, vlib_main_t};
use core::ffi::c_char;

/// `vlib_plugin_registration_t` (`vlib/unix/plugin.h`), placed in section
/// `.vlib_plugin_registration` under the symbol `vlib_plugin_registration`.
#[repr(C, align(64))]
pub struct vlib_plugin_registration_t {
    /// Bit 0 `default_disabled`, bit 1 `deep_bind`.
    pub flags: u8,
    pub version: [u8; 64],
    pub version_required: [u8; 64],
    pub overrides: [u8; 256],
    pub early_init: *const c_char,
    pub description: *const c_char,
    pub load_after: *const c_char,
}
assert_layout!(vlib_plugin_registration_t, size 448, align 64,
    flags @ 0, version @ 1, version_required @ 65, overrides @ 129, early_init @ 392,
    description @ 400, load_after @ 408);

/// `vlib_init_function_t`: `clib_error_t *f(vlib_main_t *)`.
pub type vlib_init_function_t = unsafe extern "C" fn(vm: *mut vlib_main_t) -> *mut clib_error_t;

/// `_vlib_init_function_list_elt_t` (`vlib/init.h`).
#[repr(C)]
pub struct _vlib_init_function_list_elt_t {
    pub next_init_function: *mut _vlib_init_function_list_elt_t,
    pub f: Option<vlib_init_function_t>,
    pub name: *const c_char,
    pub runs_before: *const *const c_char,
    pub runs_after: *const *const c_char,
    pub init_order: *const *const c_char,
}
assert_layout!(_vlib_init_function_list_elt_t, size 48, align 8,
    next_init_function @ 0, f @ 8, name @ 16, runs_before @ 24, runs_after @ 32, init_order @ 40);

/// `unformat_input_t` (`vppinfra/format.h`).
#[repr(C)]
pub struct unformat_input_t {
    /// vppinfra vector holding the text.
    pub buffer: *mut u8,
    /// Read position in `buffer`.
    pub index: uword,
    pub buffer_marks: *mut uword,
    pub fill_buffer: *mut u8,
    pub free: *mut u8,
    pub fill_buffer_arg: *mut u8,
}
assert_layout!(unformat_input_t, size 48, align 8, buffer @ 0, index @ 8);

/// `vlib_config_function_t`.
pub type vlib_config_function_t =
    unsafe extern "C" fn(vm: *mut vlib_main_t, input: *mut unformat_input_t) -> *mut clib_error_t;

/// `vlib_config_function_runtime_t` (`vlib/init.h`).
#[repr(C)]
pub struct vlib_config_function_runtime_t {
    pub function: Option<vlib_config_function_t>,
    pub input: unformat_input_t,
    pub next_registration: *mut vlib_config_function_runtime_t,
    pub is_early: u8,
    /// Stanza name, inline and NUL terminated.
    pub name: [u8; 32],
}
assert_layout!(vlib_config_function_runtime_t, size 104, align 8,
    function @ 0, input @ 8, next_registration @ 56, is_early @ 64, name @ 65);

/// `vlib_cli_command_function_t`.
pub type vlib_cli_command_function_t = unsafe extern "C" fn(
    vm: *mut vlib_main_t,
    input: *mut unformat_input_t,
    cmd: *mut vlib_cli_command_t,
) -> *mut clib_error_t;

/// `vlib_cli_command_t` (`vlib/cli.h`).
#[repr(C)]
pub struct vlib_cli_command_t {
    pub path: *const c_char,
    pub short_help: *const c_char,
    pub long_help: *const c_char,
    pub function: Option<vlib_cli_command_function_t>,
    pub function_arg: uword,
    pub is_mp_safe: uword,
    /// Filled by VPP.
    pub _internal: [u8; 40],
    pub next_cli_command: *mut vlib_cli_command_t,
    pub hit_counter: u32,
    pub _pad: u32,
}
assert_layout!(vlib_cli_command_t, size 104, align 8,
    path @ 0, short_help @ 8, long_help @ 16, function @ 24, function_arg @ 32, is_mp_safe @ 40,
    next_cli_command @ 88, hit_counter @ 96);

/// Callback when a feature is enabled/disabled on an interface.
pub type vnet_feature_enable_disable_function_t =
    unsafe extern "C" fn(sw_if_index: u32, enable_disable: i32) -> *mut clib_error_t;

/// `vnet_feature_registration_t` (`vnet/feature/feature.h`).
#[repr(C)]
pub struct vnet_feature_registration_t {
    pub next: *mut vnet_feature_registration_t,
    pub next_in_arc: *mut vnet_feature_registration_t,
    pub arc_name: *const c_char,
    pub node_name: *const c_char,
    pub feature_index_ptr: *mut u32,
    pub feature_index: u32,
    pub runs_before: *const *const c_char,
    pub runs_after: *const *const c_char,
    pub enable_disable_cb: Option<vnet_feature_enable_disable_function_t>,
}
assert_layout!(vnet_feature_registration_t, size 72, align 8,
    next @ 0, next_in_arc @ 8, arc_name @ 16, node_name @ 24, feature_index_ptr @ 32,
    feature_index @ 40, runs_before @ 48, runs_after @ 56, enable_disable_cb @ 64);

/// `vnet_feature_arc_registration_t` (`vnet/feature/feature.h`).
#[repr(C)]
pub struct vnet_feature_arc_registration_t {
    pub next: *mut vnet_feature_arc_registration_t,
    pub arc_name: *const c_char,
    pub start_nodes: *const *const c_char,
    pub n_start_nodes: i32,
    pub last_in_arc: *const c_char,
    pub feature_arc_index: u8,
    pub arc_index_ptr: *mut u8,
}
assert_layout!(vnet_feature_arc_registration_t, size 56, align 8,
    next @ 0, arc_name @ 8, start_nodes @ 16, n_start_nodes @ 24, last_in_arc @ 32,
    feature_arc_index @ 40, arc_index_ptr @ 48);

/// `vnet_feature_main_t` (`vnet/feature/feature.h`), exported as `feature_main`.
#[repr(C)]
pub struct vnet_feature_main_t {
    pub next_arc: *mut vnet_feature_arc_registration_t,
    pub arc_index_by_name: *mut u8,
    pub next_feature: *mut vnet_feature_registration_t,
    pub next_feature_by_arc: *mut *mut vnet_feature_registration_t,
    pub next_constraint: *mut u8,
    _pad0: [u8; 16],
    pub feature_config_mains: *mut u8,
    /// Shared config heap: `next = heap[b.current_config_index]`.
    pub shared_feature_config_heap: *mut u32,
    _pad1: [u8; 8],
    pub sw_if_index_has_features: *mut u8,
    pub feature_count_by_sw_if_index: *mut u8,
    pub device_input_feature_arc_index: u8,
    _tail: [u8; 23],
}
assert_layout!(vnet_feature_main_t, size 120, align 8,
    next_arc @ 0, arc_index_by_name @ 8, next_feature @ 16, next_feature_by_arc @ 24,
    next_constraint @ 32, feature_config_mains @ 56, shared_feature_config_heap @ 64,
    sw_if_index_has_features @ 80, feature_count_by_sw_if_index @ 88,
    device_input_feature_arc_index @ 96);

/// `vlib_log_class_registration_t` (`vlib/log.h`).
#[repr(C)]
pub struct vlib_log_class_registration_t {
    pub class_name: *const c_char,
    pub subclass_name: *const c_char,
    pub class: u32,
    pub default_level: u32,
    pub default_syslog_level: u32,
    pub default_kmsg_level: u32,
    pub next: *mut vlib_log_class_registration_t,
}
assert_layout!(vlib_log_class_registration_t, size 40, align 8,
    class_name @ 0, subclass_name @ 8, class @ 16, default_level @ 20,
    default_syslog_level @ 24, default_kmsg_level @ 28, next @ 32);
