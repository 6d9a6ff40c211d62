//! `vlib_buffer_t`, its vnet opaques, frames and the buffer main.

use super::{assert_layout, uword, vlib_error_t};

/// `vlib_buffer_t` (`vlib/buffer.h`): 256-byte header, packet data follows.
///
/// The C type is a union of this layout with SIMD views; `current_config_index`
/// shares its four bytes with `punt_reason`.
#[repr(C, align(64))]
pub struct vlib_buffer_t {
    pub current_data: i16,
    pub current_length: u16,
    pub flags: u32,
    pub flow_id: u32,
    pub ref_count: u8,
    pub buffer_pool_index: u8,
    pub error: vlib_error_t,
    pub next_buffer: u32,
    /// Feature-arc cursor; also `punt_reason`.
    pub current_config_index: u32,
    /// `vnet_buffer_opaque_t` lives here.
    pub opaque: [u32; 10],
    pub trace_handle: u32,
    pub total_length_not_including_first_buffer: u32,
    /// `vnet_buffer_opaque2_t` lives here.
    pub opaque2: [u32; 14],
    pub pre_data: [u8; 128],
    pub data: [u8; 0],
}
assert_layout!(vlib_buffer_t, size 256, align 64,
    current_data @ 0, current_length @ 2, flags @ 4, flow_id @ 8, ref_count @ 12,
    buffer_pool_index @ 13, error @ 14, next_buffer @ 16, current_config_index @ 20,
    opaque @ 24, trace_handle @ 64, total_length_not_including_first_buffer @ 68,
    opaque2 @ 72, pre_data @ 128, data @ 256);

/// `VLIB_BUFFER_IS_TRACED`.
pub const VLIB_BUFFER_IS_TRACED: u32 = 1 << 0;
/// `VLIB_BUFFER_NEXT_PRESENT`.
pub const VLIB_BUFFER_NEXT_PRESENT: u32 = 1 << 1;
/// `VLIB_BUFFER_TOTAL_LENGTH_VALID`.
pub const VLIB_BUFFER_TOTAL_LENGTH_VALID: u32 = 1 << 2;
/// `VNET_BUFFER_F_LOCALLY_ORIGINATED`.
pub const VNET_BUFFER_F_LOCALLY_ORIGINATED: u32 = 1 << 25;
/// `VNET_BUFFER_F_IS_IP4`.
pub const VNET_BUFFER_F_IS_IP4: u32 = 1 << 24;
/// `VNET_BUFFER_F_IS_IP6`.
pub const VNET_BUFFER_F_IS_IP6: u32 = 1 << 23;
/// `VNET_BUFFER_F_L2_HDR_OFFSET_VALID`.
pub const VNET_BUFFER_F_L2_HDR_OFFSET_VALID: u32 = 1 << 20;
/// `VNET_BUFFER_F_L3_HDR_OFFSET_VALID`.
pub const VNET_BUFFER_F_L3_HDR_OFFSET_VALID: u32 = 1 << 19;
/// `VNET_BUFFER_F_L4_HDR_OFFSET_VALID`.
pub const VNET_BUFFER_F_L4_HDR_OFFSET_VALID: u32 = 1 << 18;

/// The `ip` member of `vnet_buffer_opaque_t` (the common, non-union view).
#[repr(C)]
pub struct vnet_buffer_opaque_ip_t {
    /// `adj_index[VLIB_RX]`, `adj_index[VLIB_TX]`.
    pub adj_index: [u32; 2],
    pub flow_hash: u32,
    /// Also `save_protocol`.
    pub fib_index: u32,
    pub save_rewrite_length: u8,
    _pad: [u8; 3],
    /// Also `rpf_id`.
    pub rx_sw_if_index: u32,
}

/// `vnet_buffer_opaque_t` (`vnet/buffer.h`), stored in `vlib_buffer_t::opaque`.
#[repr(C, align(8))]
pub struct vnet_buffer_opaque_t {
    /// `sw_if_index[VLIB_RX]`, `sw_if_index[VLIB_TX]`.
    pub sw_if_index: [u32; 2],
    pub l2_hdr_offset: i16,
    pub l3_hdr_offset: i16,
    pub l4_hdr_offset: i16,
    pub _unused: u8,
    pub oflags: u8,
    pub ip: vnet_buffer_opaque_ip_t,
}
assert_layout!(vnet_buffer_opaque_t, size 40, align 8,
    sw_if_index @ 0, l2_hdr_offset @ 8, l3_hdr_offset @ 10, l4_hdr_offset @ 12, oflags @ 15,
    ip @ 16, ip.adj_index @ 16, ip.flow_hash @ 24, ip.fib_index @ 28,
    ip.save_rewrite_length @ 32, ip.rx_sw_if_index @ 36);

/// `vnet_buffer_opaque2_t` (`vnet/buffer.h`), stored in `vlib_buffer_t::opaque2`.
#[repr(C, align(8))]
pub struct vnet_buffer_opaque2_t {
    pub _nat_cnat: [u8; 8],
    pub _reass: [u8; 12],
    pub gso_size: u16,
    pub gso_l4_hdr_sz: u16,
    pub outer_l3_hdr_offset: i16,
    pub outer_l4_hdr_offset: i16,
    pub qos_bits: u8,
    pub qos_source: u8,
    pub loop_counter: u8,
    pub _pad: u8,
    pub unused: [u32; 6],
}
assert_layout!(vnet_buffer_opaque2_t, size 56, align 8,
    gso_size @ 20, gso_l4_hdr_sz @ 22, outer_l3_hdr_offset @ 24, outer_l4_hdr_offset @ 26,
    qos_bits @ 28, loop_counter @ 30, unused @ 32);

/// `vlib_frame_t` (`vlib/node.h`): header of a vector of buffer indices.
#[repr(C)]
pub struct vlib_frame_t {
    pub frame_flags: u16,
    pub flags: u16,
    pub scalar_offset: u16,
    pub vector_offset: u16,
    pub aux_offset: u16,
    pub n_vectors: u16,
    pub frame_size_index: u16,
    pub arguments: [u8; 0],
}
assert_layout!(vlib_frame_t, size 14, align 2,
    frame_flags @ 0, flags @ 2, scalar_offset @ 4, vector_offset @ 6, aux_offset @ 8,
    n_vectors @ 10, frame_size_index @ 12);

/// `vlib_next_frame_t` (`vlib/node.h`).
#[repr(C)]
pub struct vlib_next_frame_t {
    pub frame: *mut vlib_frame_t,
    pub node_runtime_index: u32,
    pub flags: u32,
    pub vectors_since_last_overflow: u32,
    _pad: u32,
}
assert_layout!(vlib_next_frame_t, size 24, align 8,
    frame @ 0, node_runtime_index @ 8, flags @ 12, vectors_since_last_overflow @ 16);

/// `vlib_buffer_main_t` (`vlib/buffer.h`): only the leading fields are used.
#[repr(C, align(64))]
pub struct vlib_buffer_main_t {
    pub buffer_mem_start: uword,
    pub buffer_mem_size: uword,
    pub buffer_pools: *mut u8,
    pub alloc_callback_fn: *mut u8,
    pub free_callback_fn: *mut u8,
    pub default_buffer_pool_index_for_numa: [u8; 32],
    _rest: [u8; 136],
    pub default_data_size: u32,
    _tail: [u8; 44],
}
assert_layout!(vlib_buffer_main_t, size 256, align 64,
    buffer_mem_start @ 0, buffer_mem_size @ 8, buffer_pools @ 16, alloc_callback_fn @ 24,
    free_callback_fn @ 32, default_buffer_pool_index_for_numa @ 40, default_data_size @ 208);

/// Signature of `vlib_buffer_enqueue_to_next_fn` and friends.
pub type vlib_buffer_enqueue_to_next_fn_t = unsafe extern "C" fn(
    vm: *mut super::vlib_main_t,
    node: *mut super::vlib_node_runtime_t,
    buffers: *mut u32,
    nexts: *mut u16,
    count: uword,
);
/// Signature of `vlib_buffer_enqueue_to_single_next_fn`.
pub type vlib_buffer_enqueue_to_single_next_fn_t = unsafe extern "C" fn(
    vm: *mut super::vlib_main_t,
    node: *mut super::vlib_node_runtime_t,
    buffers: *mut u32,
    next_index: u16,
    count: u32,
);

/// `vlib_buffer_func_main_t` (`vlib/buffer_funcs.h`): the best-variant
/// dispatch table VPP fills at init time.
#[repr(C)]
pub struct vlib_buffer_func_main_t {
    pub buffer_enqueue_to_next_fn: Option<vlib_buffer_enqueue_to_next_fn_t>,
    pub buffer_enqueue_to_next_with_aux_fn: *mut u8,
    pub buffer_enqueue_to_single_next_fn: Option<vlib_buffer_enqueue_to_single_next_fn_t>,
    pub buffer_enqueue_to_single_next_with_aux_fn: *mut u8,
    pub buffer_enqueue_to_single_next_with_aux64_fn: *mut u8,
    pub buffer_enqueue_to_single_next_with_aux64_and_scalar_fn: *mut u8,
    pub buffer_enqueue_to_thread_fn: *mut u8,
    pub buffer_enqueue_to_single_thread_fn: *mut u8,
    pub buffer_enqueue_to_thread_with_aux_fn: *mut u8,
}
assert_layout!(vlib_buffer_func_main_t, size 72, align 8,
    buffer_enqueue_to_next_fn @ 0, buffer_enqueue_to_next_with_aux_fn @ 8,
    buffer_enqueue_to_single_next_fn @ 16, buffer_enqueue_to_single_next_with_aux_fn @ 24,
    buffer_enqueue_to_thread_fn @ 48);
