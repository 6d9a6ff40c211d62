fn my_init(vm: &vpp::Vm) -> vpp::Result<()> {
    Ok(())
}
const _: () = {
    unsafe extern "C" fn __vpp_init_fn(
        vm: *mut ::vpp::sys::vlib_main_t,
    ) -> *mut ::vpp::sys::clib_error_t {
        unsafe {
            ::vpp::__private::to_clib_result(
                c"my_init",
                || my_init(::vpp::Barrier::new_unchecked(::vpp::Vm::from_ptr(vm))),
            )
        }
    }
    static __VPP_RUNS_BEFORE: ::vpp::__private::CStrList<3usize> = ::vpp::__private::CStrList::new(
        &[c"ip6_lookup_init", c"foo_init"],
    );
    static __VPP_RUNS_AFTER: ::vpp::__private::CStrList<2usize> = ::vpp::__private::CStrList::new(
        &[c"ip4_lookup_init"],
    );
    static __VPP_INIT: ::vpp::__private::InitRegistration = ::vpp::__private::InitRegistration::new(
        __vpp_init_fn,
        c"my_init",
        __VPP_RUNS_BEFORE.as_ptr(),
        __VPP_RUNS_AFTER.as_ptr(),
        ::core::ptr::null(),
    );
    #[used]
    #[link_section = ".init_array"]
    static __VPP_CTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_ctor() {
            unsafe {
                __VPP_INIT.register(::vpp::__private::InitKind::Init);
            }
        }
        __vpp_ctor
    };
    #[used]
    #[link_section = ".fini_array"]
    static __VPP_DTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_dtor() {
            unsafe {
                __VPP_INIT.unregister(::vpp::__private::InitKind::Init);
            }
        }
        __vpp_dtor
    };
};
