//! `#[vpp::config(...)]`: a startup-config stanza handler.
//!
//! ```ignore
//! #[vpp::config(name = "my-plugin")]
//! fn my_config(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> { Ok(()) }
//! ```

use crate::args::{ctor_dtor, Args};
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::ItemFn;

const KNOWN: &[&str] = &["name", "early"];

/// Expand `#[vpp::config]`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut a = Args::parse("config", attr)?;
    let name = a.string("name");
    let early = a.flag("early");
    if let Some(n) = &name {
        let v = n.value();
        if v.is_empty() || v.len() > 31 || v.contains(char::is_whitespace) || v.contains('\0') {
            a.error(
                n.span(),
                "a stanza name is 1 to 31 bytes without whitespace (VPP stores it in char[32])",
            );
        }
    }
    let missing = name.is_none();
    a.finish(KNOWN)?;
    if missing {
        return Err(syn::Error::new(
            Span::call_site(),
            "#[vpp::config] needs `name = \"...\"`, the startup.conf stanza",
        ));
    }
    let name = name.expect("checked");
    let f: ItemFn = syn::parse2(item)?;
    crate::sig::check(&f, 2, "(vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()>")?;
    let ident = &f.sig.ident;
    let where_c = crate::args::c_lit(&syn::LitStr::new(&ident.to_string(), ident.span()))?;
    let ctors = ctor_dtor(quote!(__VPP_CONFIG.register();), quote!(__VPP_CONFIG.unregister();));
    Ok(quote! {
        #f
        const _: () = {
            unsafe extern "C" fn __vpp_config_fn(
                vm: *mut ::vpp::sys::vlib_main_t,
                input: *mut ::vpp::sys::unformat_input_t,
            ) -> *mut ::vpp::sys::clib_error_t {
                // SAFETY: VPP runs config functions on the main thread before
                // any worker starts, with its vlib_main_t and the stanza's input.
                unsafe {
                    ::vpp::__private::to_clib_result(#where_c, || {
                        let mut input = ::vpp::Input::from_raw(input);
                        #ident(::vpp::Barrier::new_unchecked(::vpp::Vm::from_ptr(vm)), &mut input)
                    })
                }
            }
            static __VPP_CONFIG: ::vpp::__private::ConfigRegistration =
                ::vpp::__private::ConfigRegistration::new(__vpp_config_fn, #name, #early);
            #ctors
        };
    })
}
