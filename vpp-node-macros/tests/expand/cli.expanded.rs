fn show(
    vm: &vpp::Vm,
    input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    Ok(())
}
const _: () = {
    unsafe extern "C" fn __vpp_cli_fn(
        vm: *mut ::vpp::sys::vlib_main_t,
        input: *mut ::vpp::sys::unformat_input_t,
        _cmd: *mut ::vpp::sys::vlib_cli_command_t,
    ) -> *mut ::vpp::sys::clib_error_t {
        unsafe {
            ::vpp::__private::to_clib_result(
                c"show",
                || {
                    let token = ::vpp::MainThread::new_unchecked(
                        ::vpp::Vm::from_ptr(vm),
                    );
                    let mut input = ::vpp::Input::from_raw(input);
                    let mut out = ::vpp::CliOutput::new(token);
                    show(token, &mut input, &mut out)
                },
            )
        }
    }
    static __VPP_CLI: ::vpp::__private::CliRegistration = ::vpp::__private::CliRegistration::new(
        c"show my-plugin",
        ::core::option::Option::Some(c"show my-plugin [verbose]"),
        ::core::option::Option::None,
        __vpp_cli_fn,
        true,
    );
    #[used]
    #[link_section = ".init_array"]
    static __VPP_CTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_ctor() {
            unsafe {
                __VPP_CLI.register();
            }
        }
        __vpp_ctor
    };
    #[used]
    #[link_section = ".fini_array"]
    static __VPP_DTOR: unsafe extern "C" fn() = {
        unsafe extern "C" fn __vpp_dtor() {
            unsafe {
                __VPP_CLI.unregister();
            }
        }
        __vpp_dtor
    };
};
