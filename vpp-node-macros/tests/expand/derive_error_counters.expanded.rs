unsafe impl ::vpp::ErrorCounters for Errors {
    const DESCS: &'static [::vpp::__private::ErrorDesc] = &[
        ::vpp::__private::ErrorDesc::new(
            c"counted",
            c"packets counted",
            ::vpp::Severity::Info,
        ),
        ::vpp::__private::ErrorDesc::new(
            c"short",
            c"packet too short",
            ::vpp::Severity::Warning,
        ),
        ::vpp::__private::ErrorDesc::new(
            c"no_route",
            c"no route",
            ::vpp::Severity::Error,
        ),
    ];
    #[inline(always)]
    fn index(self) -> u16 {
        match self {
            Self::Counted => 0u16,
            Self::TooShort => 1u16,
            Self::NoRoute => 2u16,
        }
    }
}
