//! `#[vpp::feature(...)]`: put a `#[vpp::node]` function on a feature arc.
//!
//! ```ignore
//! #[vpp::node(name = "my-node")]
//! #[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
//! fn my_node(..) -> usize { .. }
//! ```

use crate::args::{c_list, c_lit, Args};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Attribute, ItemFn, LitStr};

const KNOWN: &[&str] = &["arc", "runs_before", "runs_after"];

/// Parsed feature arguments.
pub struct FeatureArgs {
    pub arc: LitStr,
    pub runs_before: Vec<LitStr>,
    pub runs_after: Vec<LitStr>,
}

/// Parse `#[vpp::feature(...)]` arguments.
/// `at` is what a "missing `arc`" error points at (the whole attribute).
pub fn parse_args(tokens: TokenStream, at: TokenStream) -> syn::Result<FeatureArgs> {
    let mut a = Args::parse("feature", tokens)?;
    let arc = a.string("arc");
    let runs_before = a.string_list("runs_before").unwrap_or_default();
    let runs_after = a.string_list("runs_after").unwrap_or_default();
    a.finish(KNOWN)?;
    let Some(arc) = arc else {
        return Err(syn::Error::new_spanned(
            at,
            "#[vpp::feature] needs `arc = \"...\"`, the feature arc to join (e.g. \"ip4-unicast\")",
        ));
    };
    if arc.value().is_empty() {
        return Err(syn::Error::new(arc.span(), "the arc name cannot be empty"));
    }
    Ok(FeatureArgs { arc, runs_before, runs_after })
}

fn is_attr(a: &Attribute, last: &str) -> bool {
    let segs: Vec<_> = a.path().segments.iter().map(|s| s.ident.to_string()).collect();
    segs.last().map(String::as_str) == Some(last)
        && (segs.len() == 1 || segs[0] == "vpp" || segs[0] == "vpp_node_macros")
}

/// `#[vpp::feature(...)]` (or `#[vpp_node_macros::feature(...)]`), the
/// helper attribute `#[vpp::node]` consumes. A bare `#[feature]` is not ours.
pub fn is_feature_attr(a: &Attribute) -> bool {
    is_attr(a, "feature") && a.path().segments.len() > 1
}

/// Remove every `#[vpp::feature(...)]` from a node function and parse them.
pub fn take_feature_attrs(f: &mut ItemFn) -> syn::Result<Vec<FeatureArgs>> {
    let mut out = Vec::new();
    let mut err: Option<syn::Error> = None;
    let mut kept = Vec::new();
    for a in std::mem::take(&mut f.attrs) {
        if is_feature_attr(&a) {
            let tokens = match &a.meta {
                syn::Meta::List(l) => l.tokens.clone(),
                _ => TokenStream::new(),
            };
            match parse_args(tokens, quote!(#a)) {
                Ok(fa) => out.push(fa),
                Err(e) => crate::args::push_err(&mut err, e),
            }
        } else {
            kept.push(a);
        }
    }
    f.attrs = kept;
    match err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// Items, constructor statements and destructor statements registering the
/// node `node` as a feature.
pub fn expand_registration(
    fa: &FeatureArgs,
    node: &LitStr,
    i: usize,
) -> syn::Result<(TokenStream, TokenStream, TokenStream)> {
    let reg = format_ident!("__VPP_FEATURE_{}", i);
    let before = format_ident!("__VPP_FEATURE_{}_RUNS_BEFORE", i);
    let after = format_ident!("__VPP_FEATURE_{}_RUNS_AFTER", i);
    let (before_def, before_ptr) = c_list(&before, &fa.runs_before)?;
    let (after_def, after_ptr) = c_list(&after, &fa.runs_after)?;
    let arc = c_lit(&fa.arc)?;
    let node = c_lit(node)?;
    let items = quote! {
        #before_def
        #after_def
        static #reg: ::vpp::__private::FeatureRegistration =
            ::vpp::__private::FeatureRegistration::new(#arc, #node, #before_ptr, #after_ptr);
    };
    Ok((items, quote!(#reg.register();), quote!(#reg.unregister();)))
}

/// `#[vpp::feature]` expanded on its own: it must sit on a `#[vpp::node]`
/// function. Written above the node attribute, it moves itself below it so
/// the node expansion picks it up; otherwise it is an error.
pub fn expand(attr: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let span = Span::call_site();
    parse_args(attr.clone(), TokenStream::new())?;
    let mut f: ItemFn = syn::parse2(item)?;
    let Some(pos) = f.attrs.iter().position(|a| is_attr(a, "node")) else {
        return Err(syn::Error::new(
            span,
            "#[vpp::feature] puts a node on a feature arc: use it on a function that also has #[vpp::node(name = \"...\")]",
        ));
    };
    let feat: Attribute = syn::parse_quote!(#[::vpp::feature(#attr)]);
    f.attrs.insert(pos + 1, feat);
    Ok(quote!(#f))
}
