//! `#[derive(ErrorCounters)]`: an enum whose variants are a node's error
//! counters, as `show errors` prints them.
//!
//! ```ignore
//! #[derive(Clone, Copy, vpp::ErrorCounters)]
//! enum Errors {
//!     #[counter("packets counted", severity = info)]
//!     Counted,
//!     #[counter(name = "too_short", desc = "packet too short")]
//!     TooShort,
//! }
//! ```

use crate::args::{c_lit, push_err, Arg, Value};
use proc_macro2::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Data, DeriveInput, Fields, LitStr, Token};

struct CounterArgs {
    desc: Option<LitStr>,
    rest: Punctuated<Arg, Token![,]>,
}

impl Parse for CounterArgs {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let desc = if input.peek(LitStr) {
            let d = input.parse()?;
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
            Some(d)
        } else {
            None
        };
        Ok(CounterArgs { desc, rest: Punctuated::parse_terminated(input)? })
    }
}

fn snake(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Expand the derive.
pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let d: DeriveInput = syn::parse2(input)?;
    let Data::Enum(e) = &d.data else {
        return Err(syn::Error::new_spanned(
            &d.ident,
            "ErrorCounters is derived for an enum of unit variants",
        ));
    };
    let mut err = None;
    let mut descs = Vec::new();
    let mut arms = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        if !matches!(v.fields, Fields::Unit) {
            push_err(&mut err, syn::Error::new_spanned(&v.fields, "counter variants carry no data"));
            continue;
        }
        let attrs: Vec<_> = v.attrs.iter().filter(|a| a.path().is_ident("counter")).collect();
        let [a] = attrs.as_slice() else {
            push_err(
                &mut err,
                syn::Error::new_spanned(
                    &v.ident,
                    format!("variant `{}` needs one #[counter(\"description\")]", v.ident),
                ),
            );
            continue;
        };
        let args: CounterArgs = match a.parse_args() {
            Ok(x) => x,
            Err(e) => {
                push_err(&mut err, e);
                continue;
            }
        };
        let mut desc = args.desc;
        let mut name = None;
        let mut severity = quote!(Error);
        for arg in args.rest {
            let key = arg.key.to_string();
            match (key.as_str(), arg.value) {
                ("desc", Some(Value::Str(s))) if desc.is_none() => desc = Some(s),
                ("name", Some(Value::Str(s))) => name = Some(s),
                ("severity", Some(Value::Expr(syn::Expr::Path(p)))) => {
                    match p.path.get_ident().map(|i| i.to_string()).as_deref() {
                        Some("error") => severity = quote!(Error),
                        Some("warning") | Some("warn") => severity = quote!(Warning),
                        Some("info") => severity = quote!(Info),
                        _ => push_err(
                            &mut err,
                            syn::Error::new_spanned(&p, "severity is one of: error, warning, info"),
                        ),
                    }
                }
                ("desc" | "name" | "severity", _) => push_err(
                    &mut err,
                    syn::Error::new(
                        arg.key.span(),
                        format!("`{key}` takes a string (name, desc) or error/warning/info (severity), once"),
                    ),
                ),
                _ => push_err(
                    &mut err,
                    syn::Error::new(
                        arg.key.span(),
                        format!(
                            "unknown argument `{key}` for #[counter]; expected one of: desc, name, severity"
                        ),
                    ),
                ),
            }
        }
        let Some(desc) = desc else {
            push_err(
                &mut err,
                syn::Error::new_spanned(a, "a counter needs a description: #[counter(\"what happened\")]"),
            );
            continue;
        };
        let name = name.unwrap_or_else(|| LitStr::new(&snake(&v.ident.to_string()), v.ident.span()));
        match (c_lit(&name), c_lit(&desc)) {
            (Ok(n), Ok(dsc)) => descs.push(quote!(
                ::vpp::__private::ErrorDesc::new(#n, #dsc, ::vpp::Severity::#severity)
            )),
            (Err(e), _) | (_, Err(e)) => push_err(&mut err, e),
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
        // SAFETY: `index` returns each variant's position, below `DESCS.len()`
        // (one description per variant).
        unsafe impl #ig ::vpp::ErrorCounters for #name #tg #wc {
            const DESCS: &'static [::vpp::__private::ErrorDesc] = &[#(#descs),*];
            #[inline(always)]
            fn index(self) -> u16 { #body }
        }
    })
}
