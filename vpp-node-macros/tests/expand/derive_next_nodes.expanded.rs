unsafe impl ::vpp::NextNodes for Next {
    const NAMES: &'static [&'static ::core::ffi::CStr] = &[c"error-drop", c"ip4-lookup"];
    #[inline(always)]
    fn index(self) -> u16 {
        match self {
            Self::Drop => 0u16,
            Self::Lookup => 1u16,
        }
    }
}
