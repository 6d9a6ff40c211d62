//! `NextNodes` is an unsafe trait: VPP trusts the indices it yields.
use core::ffi::CStr;

#[derive(Clone, Copy)]
pub enum Next {
    Drop,
}

impl vpp::NextNodes for Next {
    const NAMES: &'static [&'static CStr] = &[c"error-drop"];
    fn index(self) -> u16 {
        7
    }
}

fn main() {}
