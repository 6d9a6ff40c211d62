fn bye(vm: &vpp::Vm) -> vpp::Result<()> {
    Ok(())
}
const _: () = {
    unsafe extern "C" fn __vpp_init_fn(
        vm: *mut ::vpp::sys::vlib_main_t,
    ) -> *mut ::vpp::sys::clib_error_t {
        unsafe {
            ::vpp::__private::to_clib_result(
                c"bye",
                || bye(::vpp::MainThread::new_unchecked(::vpp::Vm::from_ptr(vm))),
            )
        }
    }
    static __VPP_INIT_ORDER: ::vpp::__private::CStrList<3usize> = ::vpp::__private::CStrList::new(
        &[c"a_exit", c"b_exit"],
    );
    static __VPP_INIT: ::vpp::__private::InitRegistration = ::vpp::__private::InitRegistration::new(
        __vpp_init_fn,
        c"bye",
        ::core::ptr::null(),
        ::core::ptr::null(),
        __VPP_INIT_ORDER.as_ptr(),
    );
    #[used]
    #[link_section = ".init_array"]
    static __VPP_CTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_ctor() {
            unsafe {
                __VPP_INIT.register(::vpp::__private::InitKind::MainLoopExit);
            }
        }
        __vpp_ctor
    };
    #[used]
    #[link_section = ".fini_array"]
    static __VPP_DTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_dtor() {
            unsafe {
                __VPP_INIT.unregister(::vpp::__private::InitKind::MainLoopExit);
            }
        }
        __vpp_dtor
    };
};
