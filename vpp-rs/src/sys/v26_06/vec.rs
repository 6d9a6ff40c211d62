//! vppinfra vectors (`vppinfra/vec_bootstrap.h`).

use super::assert_layout;

/// `vec_header_t`: the header right before a vector's data; `vec_len(v)`
/// is `((vec_header_t *) v - 1)->len`.
#[repr(C)]
pub struct vec_header_t {
    /// Number of elements (not the allocated length).
    pub len: u32,
    /// Header size divided by `VEC_MIN_ALIGN`.
    pub hdr_size: u8,
    /// Bit-fields `log2_align : 7` and `default_heap : 1`.
    pub log2_align_default_heap: u8,
    /// Elements the vector can grow by without reallocation.
    pub grow_elts: u8,
    pub vpad: [u8; 1],
    /// The vector's data.
    pub vector_data: [u8; 0],
}
assert_layout!(vec_header_t, size 8, align 4,
    len @ 0, hdr_size @ 4, log2_align_default_heap @ 5, grow_elts @ 6, vpad @ 7, vector_data @ 8);
