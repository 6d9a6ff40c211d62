//! `#[vpp::init(...)]`: init functions and their siblings (main-loop
//! enter/exit, worker init, API init), with ordering constraints.
//!
//! ```ignore
//! #[vpp::init(runs_after = ["ip4_lookup_init"])]
//! fn my_init(vm: &vpp::Vm) -> vpp::Result<()> { Ok(()) }
//! ```

use crate::args::{c_list, ctor_dtor, Args};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::ItemFn;

const KNOWN: &[&str] = &["kind", "runs_before", "runs_after", "init_order"];

/// Expand `#[vpp::init]`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut a = Args::parse("init", attr)?;
    let kind = a.choice(
        "kind",
        &["init", "main_loop_enter", "main_loop_exit", "worker", "num_workers_change", "api"],
    );
    let before = a.string_list("runs_before").unwrap_or_default();
    let after = a.string_list("runs_after").unwrap_or_default();
    let order = a.string_list("init_order").unwrap_or_default();
    a.finish(KNOWN)?;
    let f: ItemFn = syn::parse2(item)?;
    crate::sig::check(&f, 1, "(vm: &vpp::Vm) -> vpp::Result<()>")?;
    // The strongest token the context gives (module docs of `vpp::thread`):
    // init, api and config functions run before the workers start.
    let token = match kind.as_ref().map(|k| k.0.as_str()) {
        None | Some("init") | Some("api") => quote!(::vpp::Barrier::new_unchecked(::vpp::Vm::from_ptr(vm))),
        Some("worker") => quote!(::vpp::Vm::from_ptr(vm)),
        _ => quote!(::vpp::MainThread::new_unchecked(::vpp::Vm::from_ptr(vm))),
    };
    let kind = match kind.as_ref().map(|k| k.0.as_str()) {
        Some("main_loop_enter") => quote!(MainLoopEnter),
        Some("main_loop_exit") => quote!(MainLoopExit),
        Some("worker") => quote!(WorkerInit),
        Some("num_workers_change") => quote!(NumWorkersChange),
        Some("api") => quote!(ApiInit),
        _ => quote!(Init),
    };
    let name = &f.sig.ident;
    let name_c = crate::args::c_lit(&syn::LitStr::new(&name.to_string(), name.span()))?;
    let (bdef, bptr) = c_list(&format_ident!("__VPP_RUNS_BEFORE"), &before)?;
    let (adef, aptr) = c_list(&format_ident!("__VPP_RUNS_AFTER"), &after)?;
    let (odef, optr) = c_list(&format_ident!("__VPP_INIT_ORDER"), &order)?;
    let ctors = ctor_dtor(
        quote!(__VPP_INIT.register(::vpp::__private::InitKind::#kind);),
        quote!(__VPP_INIT.unregister(::vpp::__private::InitKind::#kind);),
    );
    Ok(quote! {
        #f
        const _: () = {
            unsafe extern "C" fn __vpp_init_fn(vm: *mut ::vpp::sys::vlib_main_t) -> *mut ::vpp::sys::clib_error_t {
                // SAFETY: VPP calls init functions with the calling thread's
                // vlib_main_t: the main thread before the workers start (init,
                // api), the main thread with workers running (main-loop
                // enter/exit, workers change), or each worker (worker init);
                // the token matches. Errors become a clib_error_t.
                unsafe { ::vpp::__private::to_clib_result(#name_c, || #name(#token)) }
            }
            #bdef #adef #odef
            static __VPP_INIT: ::vpp::__private::InitRegistration =
                ::vpp::__private::InitRegistration::new(__vpp_init_fn, #name_c, #bptr, #aptr, #optr);
            #ctors
        };
    })
}
