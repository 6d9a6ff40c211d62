//! A deliberately wrong mirror of `vlib_buffer_t` (`current_data` and
//! `current_length` swapped) and a wrong `VLIB_FRAME_SIZE`, checked instead of the real mirror when the
//! build runs with `VPP_LAYOUT_SELFTEST_FAULT=1`; the layout check must
//! reject it. See `tests/layout_check.rs`.

/// `vlib_buffer_t` with two fields swapped.
#[repr(C, align(64))]
pub struct vlib_buffer_t {
    pub current_length: u16,
    pub current_data: i16,
    pub flags: u32,
    pub flow_id: u32,
    pub ref_count: u8,
    pub buffer_pool_index: u8,
    pub error: u16,
    pub next_buffer: u32,
    pub current_config_index: u32,
    pub opaque: [u32; 10],
    pub trace_handle: u32,
    pub total_length_not_including_first_buffer: u32,
    pub opaque2: [u32; 14],
    pub pre_data: [u8; 128],
    pub data: [u8; 0],
}

/// `VLIB_FRAME_SIZE` off by one (VPP's is 256).
pub const VLIB_FRAME_SIZE: usize = 255;
