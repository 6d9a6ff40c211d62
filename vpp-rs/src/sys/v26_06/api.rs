//! Binary-API registration records.

use super::assert_layout;
use core::ffi::{c_char, c_void};

/// `vl_msg_api_msg_config_t` (`vlibapi/api_common.h`).
#[repr(C)]
pub struct vl_msg_api_msg_config_t {
    pub id: i32,
    pub name: *const c_char,
    pub crc: u32,
    pub handler: *mut u8,
    pub cleanup: *mut u8,
    /// `void e(void *msg, bool to_net)`.
    pub endian: *mut u8,
    pub format_fn: *mut u8,
    pub tojson: *mut u8,
    pub fromjson: *mut u8,
    pub calc_size: *mut u8,
    pub size: i32,
    /// Bit 0 traced, 1 replay, 2 message_bounce, 3 is_mp_safe, 4 is_autoendian.
    pub flags: u8,
}
assert_layout!(vl_msg_api_msg_config_t, size 88, align 8,
    id @ 0, name @ 8, crc @ 16, handler @ 24, cleanup @ 32, endian @ 40, format_fn @ 48,
    tojson @ 56, fromjson @ 64, calc_size @ 72, size @ 80, flags @ 84);

/// `vl_registration_type_t`: a free pool slot.
pub const REGISTRATION_TYPE_FREE: u32 = 0;
/// `vl_registration_type_t`: a shared-memory client.
pub const REGISTRATION_TYPE_SHMEM: u32 = 1;
/// `vl_registration_type_t`: the API socket listener.
pub const REGISTRATION_TYPE_SOCKET_LISTEN: u32 = 2;
/// `vl_registration_type_t`: a client connected to VPP's API socket.
pub const REGISTRATION_TYPE_SOCKET_SERVER: u32 = 3;
/// `vl_registration_type_t`: VPP's own connection to another server.
pub const REGISTRATION_TYPE_SOCKET_CLIENT: u32 = 4;

/// `vl_api_registration_t` (`vlibapi/api_common.h`): one API client, as
/// VPP's client lookups return it. VPP owns and writes it; the framework
/// reads `registration_type` and `vl_input_queue` to choose the sender the
/// way `vl_api_send_msg` does.
#[repr(C)]
pub struct vl_api_registration_t {
    /// A `vl_registration_type_t` (`REGISTRATION_TYPE_*`).
    pub registration_type: u32,
    /// Index in VPP's registration pool.
    pub vl_api_registration_pool_index: u32,
    /// Client name (a vppinfra vector).
    pub name: *mut u8,
    /// Dead-client scan: when the client was last heard from.
    pub last_heard: f64,
    /// Dead-client scan: queue head at the last scan.
    pub last_queue_head: i32,
    /// Dead-client scan: pings sent without an answer.
    pub unanswered_pings: i32,
    /// Set while the client is being removed.
    pub is_being_removed: i32,
    /// Shared memory only: the client's input queue (`svm_queue_t *`).
    pub vl_input_queue: *mut c_void,
    /// Shared memory only: the client's region (`svm_region_t *`).
    pub vlib_rp: *mut c_void,
    /// Shared memory only: the region's header.
    pub shmem_hdr: *mut c_void,
    /// Socket only: `clib_file` index.
    pub clib_file_index: u32,
    /// Socket only: pending input (a vector).
    pub unprocessed_input: *mut i8,
    /// Socket only: length of the unprocessed message.
    pub unprocessed_msg_length: u32,
    /// Socket only: output vector.
    pub output_vector: *mut u8,
    /// Socket only: descriptors to close with the connection (a vector).
    pub additional_fds_to_close: *mut i32,
    /// Socket client only: server handle.
    pub server_handle: u32,
    /// Socket client only: server index.
    pub server_index: u32,
    /// Dead-client scan flag.
    pub keepalive: bool,
}
assert_layout!(vl_api_registration_t, size 120, align 8,
    registration_type @ 0, vl_api_registration_pool_index @ 4, name @ 8, last_heard @ 16,
    last_queue_head @ 24, unanswered_pings @ 28, is_being_removed @ 32, vl_input_queue @ 40,
    vlib_rp @ 48, shmem_hdr @ 56, clib_file_index @ 64, unprocessed_input @ 72,
    unprocessed_msg_length @ 80, output_vector @ 88, additional_fds_to_close @ 96,
    server_handle @ 104, server_index @ 108, keepalive @ 112);

impl vl_api_registration_t {
    /// An all-zero registration (a free slot), for stand-ins and tests.
    pub const fn zeroed() -> Self {
        // SAFETY: integers, a float, a bool (0 is `false`) and raw pointers:
        // all-zero is a valid value of each.
        unsafe { core::mem::zeroed() }
    }
}
