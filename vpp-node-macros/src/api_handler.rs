//! `#[vpp::api_handler]`: serve one binary-API request from Rust.
//!
//! ```ignore
//! #[vpp::api_handler]
//! fn lcp_default_ns_get(req: LcpDefaultNsGet, cx: &vpp::api::Context) -> vpp::Result<LcpDefaultNsGetReply> { .. }
//!
//! #[vpp::api_handler(mp_safe)]
//! fn lcp_itf_pair_dump(req: LcpItfPairDump, cx: &vpp::api::Context) -> vpp::Result<()> { .. } // details via cx
//! ```
//!
//! The request type is the first parameter's type; a handler returning
//! `Result<()>` serves a dump (details only; the request type must implement
//! `wire::Dump`, so a request that has a reply is a compile error naming
//! it), any other `Result<Reply>` a request with a reply. `mp_safe` is passed
//! to dispatch, so that `cx.barrier()` is `None` for such handlers.

use crate::args::{ctor_dtor, Args};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type};

const KNOWN: &[&str] = &["mp_safe"];

fn ok_type_is_unit(ret: &ReturnType) -> Option<bool> {
    let ReturnType::Type(_, ty) = ret else { return None };
    let Type::Path(p) = &**ty else { return None };
    let last = p.path.segments.last()?;
    let PathArguments::AngleBracketed(a) = &last.arguments else { return None };
    match a.args.first()? {
        GenericArgument::Type(Type::Tuple(t)) => Some(t.elems.is_empty()),
        GenericArgument::Type(_) => Some(false),
        _ => None,
    }
}

/// Expand `#[vpp::api_handler]`.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let mut a = Args::parse("api_handler", attr)?;
    let mp_safe = a.flag("mp_safe");
    a.finish(KNOWN)?;
    let f: ItemFn = syn::parse2(item)?;
    let expected =
        "(req: Request, cx: &vpp::api::Context) -> vpp::Result<Reply> (or vpp::Result<()> for a dump)";
    crate::sig::check(&f, 2, expected)?;
    let req_ty = match f.sig.inputs.first() {
        Some(FnArg::Typed(pt)) => (*pt.ty).clone(),
        Some(other) => {
            return Err(syn::Error::new_spanned(other, "the first parameter is the request, taken by value"))
        }
        None => unreachable!("arity checked"),
    };
    let Some(is_dump) = ok_type_is_unit(&f.sig.output) else {
        return Err(syn::Error::new_spanned(
            &f.sig.output,
            format!("an API handler returns vpp::Result<Reply> or vpp::Result<()>: expected {expected}"),
        ));
    };
    let ident = &f.sig.ident;
    let handler = format_ident!("__vpp_api_{}", ident);
    let calc = format_ident!("__vpp_api_{}_calc_size", ident);
    let dispatch = if is_dump {
        quote!(::vpp::api::dispatch_dump::<#req_ty, _>(msg, #mp_safe, #ident))
    } else {
        quote!(::vpp::api::dispatch_request::<#req_ty, _>(msg, #mp_safe, #ident))
    };
    let ctors = ctor_dtor(quote!(__VPP_API_HANDLER.register();), quote!());
    Ok(quote! {
        #f
        const _: () = {
            unsafe extern "C" fn #handler(msg: *mut ::core::ffi::c_void) {
                // SAFETY: VPP calls handlers with the message it dispatches.
                unsafe { #dispatch }
            }
            unsafe extern "C" fn #calc(msg: *mut ::core::ffi::c_void) -> u64 {
                // SAFETY: VPP calls calc_size with the message it dispatches.
                unsafe { ::vpp::api::calc_size::<#req_ty>(msg) }
            }
            static __VPP_API_HANDLER: ::vpp::api::HandlerRegistration = ::vpp::api::HandlerRegistration::new(
                <#req_ty as ::vpp::api::wire::Message>::NAME_CRC,
                #handler,
                #calc,
                #mp_safe,
            );
            #ctors
        };
    })
}
