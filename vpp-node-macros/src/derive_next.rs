//! `#[derive(NextNodes)]`: an enum whose variants are a node's next nodes.
//!
//! ```ignore
//! #[derive(Clone, Copy, vpp::NextNodes)]
//! enum Next {
//!     #[next("error-drop")]
//!     Drop,
//! }
//! ```

use crate::args::{c_lit, push_err};
use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, LitStr};

/// Expand the derive.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let d: DeriveInput = syn::parse2(input)?;
    let Data::Enum(e) = &d.data else {
        return Err(syn::Error::new_spanned(&d.ident, "NextNodes is derived for an enum of unit variants"));
    };
    let mut err = None;
    let mut names = Vec::new();
    let mut arms = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        if !matches!(v.fields, Fields::Unit) {
            push_err(&mut err, syn::Error::new_spanned(&v.fields, "next-node variants carry no data"));
            continue;
        }
        if let Some((_, d)) = &v.discriminant {
            push_err(
                &mut err,
                syn::Error::new_spanned(
                    d,
                    "the next index is the variant's position; remove the discriminant",
                ),
            );
        }
        let attrs: Vec<_> = v.attrs.iter().filter(|a| a.path().is_ident("next")).collect();
        match attrs.as_slice() {
            [a] => match a.parse_args::<LitStr>() {
                Ok(s) if !s.value().is_empty() => match c_lit(&s) {
                    Ok(c) => names.push(c),
                    Err(e) => push_err(&mut err, e),
                },
                Ok(s) => push_err(&mut err, syn::Error::new(s.span(), "the node name cannot be empty")),
                Err(_) => push_err(
                    &mut err,
                    syn::Error::new_spanned(a, "write the node name as #[next(\"node-name\")]"),
                ),
            },
            [] => push_err(
                &mut err,
                syn::Error::new_spanned(
                    &v.ident,
                    format!("variant `{}` needs #[next(\"node-name\")]", v.ident),
                ),
            ),
            [_, b, ..] => push_err(&mut err, syn::Error::new_spanned(b, "only one #[next(...)] per variant")),
        }
        let ident = &v.ident;
        let idx = i as u16;
        arms.push(quote!(Self::#ident => #idx));
    }
    if let Some(e) = err {
        return Err(e);
    }
    let name = &d.ident;
    let (ig, tg, wc) = d.generics.split_for_impl();
    let body = if arms.is_empty() { quote!(match self {}) } else { quote!(match self { #(#arms,)* }) };
    Ok(quote! {
        // SAFETY: `index` returns each variant's position, below `NAMES.len()`
        // (one name per variant).
        unsafe impl #ig ::vpp::NextNodes for #name #tg #wc {
            const NAMES: &'static [&'static ::core::ffi::CStr] = &[#(#names),*];
            #[inline(always)]
            fn index(self) -> u16 { #body }
        }
    })
}
