fn my_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    Ok(())
}
const _: () = {
    unsafe extern "C" fn __vpp_config_fn(
        vm: *mut ::vpp::sys::vlib_main_t,
        input: *mut ::vpp::sys::unformat_input_t,
    ) -> *mut ::vpp::sys::clib_error_t {
        unsafe {
            ::vpp::__private::to_clib_result(
                c"my_config",
                || {
                    let mut input = ::vpp::Input::from_raw(input);
                    my_config(
                        ::vpp::Barrier::new_unchecked(::vpp::Vm::from_ptr(vm)),
                        &mut input,
                    )
                },
            )
        }
    }
    static __VPP_CONFIG: ::vpp::__private::ConfigRegistration = ::vpp::__private::ConfigRegistration::new(
        __vpp_config_fn,
        "my-plugin",
        true,
    );
    #[used]
    #[link_section = ".init_array"]
    static __VPP_CTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_ctor() {
            unsafe {
                __VPP_CONFIG.register();
            }
        }
        __vpp_ctor
    };
    #[used]
    #[link_section = ".fini_array"]
    static __VPP_DTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_dtor() {
            unsafe {
                __VPP_CONFIG.unregister();
            }
        }
        __vpp_dtor
    };
};
