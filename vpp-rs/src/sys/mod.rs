//! Raw `#[repr(C)]` mirrors of the VPP ABI subset this framework touches.
//!
//! The structures are written by hand from the VPP release's headers (one
//! module per supported release, selected by a cargo feature) so that a plain
//! `cargo build` works without VPP. When a VPP source tree is available
//! (`VPP_SRC` with `VPP_BUILD_DIR`, or installed headers in
//! `VPP_INCLUDE_DIR`), the build script runs bindgen over the real headers and
//! compile-time assertions compare size, alignment and every mirrored field
//! offset (see [`verify`](self) and the crate README).
//!
//! Names follow VPP's C names so the mirrors, the bindgen output and VPP's
//! sources read alike.
#![allow(non_camel_case_types, missing_docs)]

#[cfg(not(feature = "vpp-26-06"))]
compile_error!("vpp-rs needs one VPP release feature, e.g. `vpp-26-06`");

#[cfg(feature = "vpp-26-06")]
mod v26_06;
#[cfg(feature = "vpp-26-06")]
pub use v26_06::*;

#[cfg(vpp_layout_check)]
#[allow(dead_code)]
mod fault;
#[cfg(vpp_layout_check)]
mod verify;
