//! Binary-API registration records.

use super::assert_layout;
use core::ffi::c_char;

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
