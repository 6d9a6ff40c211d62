//! Signature checks shared by the function attributes.

use syn::ItemFn;

/// Check that `f` is a plain (non-async, non-generic) function with `n`
/// parameters; `expected` describes the signature in the error.
pub fn check(f: &ItemFn, n: usize, expected: &str) -> syn::Result<()> {
    let sig = &f.sig;
    if let Some(a) = &sig.asyncness {
        return Err(syn::Error::new(a.span, "this function cannot be async"));
    }
    if !sig.generics.params.is_empty() {
        return Err(syn::Error::new_spanned(&sig.generics, "this function cannot be generic"));
    }
    if sig.inputs.len() != n {
        let msg = format!("expected the signature {expected}");
        return Err(if sig.inputs.is_empty() {
            syn::Error::new(sig.paren_token.span.join(), msg)
        } else {
            syn::Error::new_spanned(&sig.inputs, msg)
        });
    }
    Ok(())
}
