//! `#[vpp::cli(...)]`: a CLI command.
//!
//! ```ignore
//! #[vpp::cli(path = "show my-plugin", short_help = "show my-plugin")]
//! fn show(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> { Ok(()) }
//! ```

use crate::args::{c_lit, ctor_dtor, Args};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::ItemFn;

const KNOWN: &[&str] = &["path", "short_help", "long_help", "mp_safe"];

/// Expand `#[vpp::cli]`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut a = Args::parse("cli", attr)?;
    let path = a.string("path");
    let short = a.string("short_help");
    let long = a.string("long_help");
    let mp_safe = a.flag("mp_safe");
    if let Some(p) = &path {
        if p.value().split_whitespace().next().is_none() {
            a.error(p.span(), "a CLI path has at least one word");
        }
    }
    let missing = path.is_none();
    a.finish(KNOWN)?;
    if missing {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[vpp::cli] needs `path = \"...\"`, the command words",
        ));
    }
    let path = c_lit(&path.expect("checked"))?;
    let opt = |l: Option<syn::LitStr>| -> syn::Result<TokenStream> {
        Ok(match l {
            Some(l) => {
                let c = c_lit(&l)?;
                quote!(::core::option::Option::Some(#c))
            }
            None => quote!(::core::option::Option::None),
        })
    };
    let short = opt(short)?;
    let long = opt(long)?;
    let f: ItemFn = syn::parse2(item)?;
    crate::sig::check(
        &f,
        3,
        "(vm: &vpp::Vm, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()>",
    )?;
    let ident = &f.sig.ident;
    // VPP holds the worker barrier around commands that are not mp_safe.
    let token = if mp_safe {
        quote!(::vpp::MainThread::new_unchecked(::vpp::Vm::from_ptr(vm)))
    } else {
        quote!(::vpp::Barrier::new_unchecked(::vpp::Vm::from_ptr(vm)))
    };
    let where_c = c_lit(&syn::LitStr::new(&ident.to_string(), ident.span()))?;
    let ctors = ctor_dtor(quote!(__VPP_CLI.register();), quote!(__VPP_CLI.unregister();));
    Ok(quote! {
        #f
        const _: () = {
            unsafe extern "C" fn __vpp_cli_fn(
                vm: *mut ::vpp::sys::vlib_main_t,
                input: *mut ::vpp::sys::unformat_input_t,
                _cmd: *mut ::vpp::sys::vlib_cli_command_t,
            ) -> *mut ::vpp::sys::clib_error_t {
                // SAFETY: VPP runs CLI commands on the main thread with its
                // vlib_main_t (under the worker barrier unless mp_safe) and
                // the rest of the command line.
                unsafe {
                    ::vpp::__private::to_clib_result(#where_c, || {
                        let token = #token;
                        let mut input = ::vpp::Input::from_raw(input);
                        let mut out = ::vpp::CliOutput::new(token);
                        #ident(token, &mut input, &mut out)
                    })
                }
            }
            static __VPP_CLI: ::vpp::__private::CliRegistration =
                ::vpp::__private::CliRegistration::new(#path, #short, #long, __vpp_cli_fn, #mp_safe);
            #ctors
        };
    })
}
