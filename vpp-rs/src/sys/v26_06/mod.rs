//! VPP 26.06 (x86_64, release build) ABI mirrors.
//!
//! Offsets are those of `shared/data/vpp-26.06-layout.txt`; every structure
//! carries compile-time assertions on the offsets it relies on, and the
//! bindgen check (build script) compares them with the real headers.

mod adj;
mod api;
mod buffer;
mod externs;
mod fib;
mod itf_callbacks;
mod main;
mod node;
mod registration;
mod vec;

pub use adj::*;
pub use api::*;
pub use buffer::*;
pub use externs::*;
pub use fib::*;
pub use itf_callbacks::*;
pub use main::*;
pub use node::*;
pub use registration::*;
pub use vec::*;

/// VPP's machine word.
pub type uword = u64;
/// VPP's signed machine word (`word`).
pub type word = i64;
/// vppinfra's `any` (a `word`): the error code of `_clib_error_return`.
pub type any = word;
/// Error code stored in `vlib_buffer_t::error`.
pub type vlib_error_t = u16;
/// Opaque `clib_error_t` (a vppinfra vector of errors).
#[repr(C)]
pub struct clib_error_t {
    _opaque: [u8; 0],
}

/// Cache line size of the build (`CLIB_LOG2_CACHE_LINE_BYTES` = 6).
pub const CLIB_LOG2_CACHE_LINE_BYTES: u32 = 6;
/// `VLIB_FRAME_SIZE`: maximum vectors in one frame.
pub const VLIB_FRAME_SIZE: usize = 256;
/// `VLIB_BUFFER_PRE_DATA_SIZE`: headroom before `data`.
pub const VLIB_BUFFER_PRE_DATA_SIZE: usize = 128;
/// Offset of `data[]` in `vlib_buffer_t`.
pub const VLIB_BUFFER_DATA_OFFSET: usize = 256;
/// `VLIB_NODE_RUNTIME_DATA_SIZE`.
pub const VLIB_NODE_RUNTIME_DATA_SIZE: usize = 56;
/// `VLIB_RX` / `VLIB_TX` indices of `sw_if_index[]`.
pub const VLIB_RX: usize = 0;
/// See [`VLIB_RX`].
pub const VLIB_TX: usize = 1;
/// The version string in-tree plugins of this release carry.
pub const VPP_BUILD_VER: &str = "26.06-release";
/// The release prefix accepted by the loader's version check.
pub const VPP_RELEASE: &str = "26.06";

/// Compile-time offset assertion used throughout the mirrors.
macro_rules! assert_layout {
    ($t:ty, size $size:expr, align $align:expr $(, $($field:tt).+ @ $off:expr)* $(,)?) => {
        const _: () = {
            assert!(::core::mem::size_of::<$t>() == $size, concat!("size of ", stringify!($t)));
            assert!(::core::mem::align_of::<$t>() == $align, concat!("align of ", stringify!($t)));
            $( assert!(::core::mem::offset_of!($t, $($field).+) == $off,
                concat!("offset of ", stringify!($t), "::", stringify!($($field).+))); )*
        };
    };
}
pub(crate) use assert_layout;
