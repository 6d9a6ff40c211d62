//! Static C string lists for registrations (`VLIB_INITS(...)`, `VNET_FEATURES(...)`).

use core::ffi::{c_char, CStr};

/// A NULL-terminated array of C strings usable in a `static`.
#[repr(transparent)]
pub struct CStrList<const N: usize>(pub [*const c_char; N]);

// SAFETY: only pointers to 'static immutable C string literals are stored.
unsafe impl<const N: usize> Sync for CStrList<N> {}

impl<const N: usize> CStrList<N> {
    /// Build from `N - 1` strings; the last slot is the NULL terminator.
    pub const fn new(items: &[&'static CStr]) -> Self {
        assert!(items.len() + 1 == N, "CStrList needs N - 1 items");
        let mut out = [core::ptr::null::<c_char>(); N];
        let mut i = 0;
        while i + 1 < N {
            out[i] = items[i].as_ptr();
            i += 1;
        }
        CStrList(out)
    }

    /// Pointer to the first element, as VPP's `char **` fields want.
    pub const fn as_ptr(&'static self) -> *const *const c_char {
        self.0.as_ptr()
    }
}

/// Copy a string into a fixed, NUL-padded C array at compile time; fails to
/// compile if it does not fit with its terminator.
pub const fn fixed<const N: usize>(s: &str) -> [u8; N] {
    let b = s.as_bytes();
    assert!(b.len() < N, "string does not fit the fixed-size field");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < b.len() {
        out[i] = b[i];
        i += 1;
    }
    out
}

/// Build the `[*const c_char; N]` next-node array from a trait's names.
pub const fn name_ptrs<const N: usize>(names: &[&'static CStr]) -> [*const c_char; N] {
    assert!(names.len() == N);
    let mut out = [core::ptr::null::<c_char>(); N];
    let mut i = 0;
    while i < N {
        out[i] = names[i].as_ptr();
        i += 1;
    }
    out
}
