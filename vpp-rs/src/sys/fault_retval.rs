//! Retval constants checked as if this were a `retval.rs` when the build
//! runs with `VPP_EXTERN_SELFTEST_FAULT=1`: one right, one wrong (in VPP
//! 26.06 `VNET_API_ERROR_INVALID_VALUE` is -7; -1 is `UNSPECIFIED`), one
//! unknown. Never compiled. See `tests/extern_check.rs`.

/// `VNET_API_ERROR_INVALID_ARGUMENT`.
pub const INVALID_ARGUMENT: i32 = -73;
/// Wrong on purpose.
pub const INVALID_VALUE: i32 = -1;
/// No such enumerator.
pub const NO_SUCH_RETVAL: i32 = -999;
