//! Shared argument parsing: `key = value` lists where every key is checked
//! against the attribute's known keys, and errors are spanned and combined.

use proc_macro2::{Span, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{bracketed, Expr, Ident, LitStr, Token};

/// One argument: `key`, `key = value` or `key = [v, ...]`.
pub struct Arg {
    pub key: Ident,
    pub value: Option<Value>,
}

/// The value of an argument.
pub enum Value {
    Str(LitStr),
    List(Vec<LitStr>, Span),
    Expr(Expr),
}

impl Value {
    fn span(&self) -> Span {
        match self {
            Value::Str(s) => s.span(),
            Value::List(_, s) => *s,
            Value::Expr(e) => syn::spanned::Spanned::span(e),
        }
    }
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let key: Ident = input.call(syn::ext::IdentExt::parse_any)?;
        if !input.peek(Token![=]) {
            return Ok(Arg { key, value: None });
        }
        input.parse::<Token![=]>()?;
        let value = if input.peek(syn::token::Bracket) {
            let content;
            let b = bracketed!(content in input);
            let items: Punctuated<LitStr, Token![,]> = Punctuated::parse_terminated(&content)?;
            Value::List(items.into_iter().collect(), b.span.join())
        } else if input.peek(LitStr) {
            Value::Str(input.parse()?)
        } else {
            Value::Expr(input.parse()?)
        };
        Ok(Arg { key, value: Some(value) })
    }
}

/// A parsed argument list, consumed key by key.
pub struct Args {
    args: Vec<Arg>,
    attr: &'static str,
    errors: Option<syn::Error>,
}

impl Args {
    /// Parse `tokens` as the arguments of `#[vpp::<attr>(...)]` (or of
    /// `vpp::plugin! { ... }` when `attr` is `"plugin"`).
    pub fn parse(attr: &'static str, tokens: TokenStream) -> syn::Result<Self> {
        let list = syn::parse::Parser::parse2(Punctuated::<Arg, Token![,]>::parse_terminated, tokens)?;
        let mut args: Vec<Arg> = Vec::new();
        let mut errors: Option<syn::Error> = None;
        for a in list {
            if args.iter().any(|b| b.key == a.key) {
                push_err(
                    &mut errors,
                    syn::Error::new(a.key.span(), format!("duplicate argument `{}`", a.key)),
                );
            } else {
                args.push(a);
            }
        }
        Ok(Args { args, attr, errors })
    }

    /// Record an error; all errors are reported together by [`Args::finish`].
    pub fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        push_err(&mut self.errors, syn::Error::new(span, msg));
    }

    fn take(&mut self, key: &str) -> Option<Arg> {
        let i = self.args.iter().position(|a| a.key == key)?;
        Some(self.args.remove(i))
    }

    /// The span of argument `key`, if present.
    pub fn span_of(&self, key: &str) -> Option<Span> {
        self.args.iter().find(|a| a.key == key).map(|a| a.key.span())
    }

    /// `key = "text"`.
    pub fn string(&mut self, key: &str) -> Option<LitStr> {
        let a = self.take(key)?;
        match a.value {
            Some(Value::Str(s)) => Some(s),
            other => {
                let span = other.as_ref().map(Value::span).unwrap_or(a.key.span());
                self.error(span, format!("`{key}` expects a string literal, e.g. `{key} = \"...\"`"));
                None
            }
        }
    }

    /// `key = ["a", "b"]` or `key = "a"`.
    pub fn string_list(&mut self, key: &str) -> Option<Vec<LitStr>> {
        let a = self.take(key)?;
        match a.value {
            Some(Value::List(v, _)) => Some(v),
            Some(Value::Str(s)) => Some(vec![s]),
            other => {
                let span = other.as_ref().map(Value::span).unwrap_or(a.key.span());
                self.error(span, format!("`{key}` expects a list of strings, e.g. `{key} = [\"a\", \"b\"]`"));
                None
            }
        }
    }

    /// `key = some::Type` (a path).
    pub fn path(&mut self, key: &str) -> Option<syn::Path> {
        let a = self.take(key)?;
        match a.value {
            Some(Value::Expr(Expr::Path(p))) if p.qself.is_none() => Some(p.path),
            other => {
                let span = other.as_ref().map(Value::span).unwrap_or(a.key.span());
                self.error(span, format!("`{key}` expects a type name, e.g. `{key} = MyType`"));
                None
            }
        }
    }

    /// `key = word` where word is one of `choices`.
    pub fn choice(&mut self, key: &str, choices: &[&str]) -> Option<(String, Span)> {
        let p = self.path(key)?;
        let span = syn::spanned::Spanned::span(&p);
        match p.get_ident().map(|i| i.to_string()) {
            Some(w) if choices.contains(&w.as_str()) => Some((w, span)),
            _ => {
                self.error(span, format!("`{key}` must be one of: {}", choices.join(", ")));
                None
            }
        }
    }

    /// `key = 17` (an integer literal that fits in `u8`).
    pub fn int_u8(&mut self, key: &str) -> Option<u8> {
        let a = self.take(key)?;
        match a.value {
            Some(Value::Expr(Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }))) => {
                match i.base10_parse::<u8>() {
                    Ok(v) => Some(v),
                    Err(_) => {
                        self.error(i.span(), format!("`{key}` must fit in 0..=255"));
                        None
                    }
                }
            }
            other => {
                let span = other.as_ref().map(Value::span).unwrap_or(a.key.span());
                self.error(span, format!("`{key}` expects an integer, e.g. `{key} = 17`"));
                None
            }
        }
    }

    /// A bare flag `key` (also accepts `key = true/false`).
    pub fn flag(&mut self, key: &str) -> bool {
        let Some(a) = self.take(key) else {
            return false;
        };
        match a.value {
            None => true,
            Some(Value::Expr(Expr::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }))) => b.value,
            Some(v) => {
                self.error(v.span(), format!("`{key}` is a flag: write `{key}` or `{key} = true`"));
                false
            }
        }
    }

    /// Fail on every argument not consumed, naming it and the known keys;
    /// return all recorded errors combined.
    pub fn finish(mut self, known: &[&str]) -> syn::Result<()> {
        let what = match self.attr {
            "plugin" => "vpp::plugin!".to_string(),
            attr => format!("#[vpp::{attr}]"),
        };
        for a in std::mem::take(&mut self.args) {
            let msg =
                format!("unknown argument `{}` for {what}; expected one of: {}", a.key, known.join(", "));
            push_err(&mut self.errors, syn::Error::new(a.key.span(), msg));
        }
        match self.errors {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// Add `e` to a combined error.
pub fn push_err(acc: &mut Option<syn::Error>, e: syn::Error) {
    match acc {
        Some(a) => a.combine(e),
        None => *acc = Some(e),
    }
}

/// A C string literal token for `s`, or an error if it contains a NUL.
pub fn c_lit(s: &LitStr) -> syn::Result<TokenStream> {
    let v = s.value();
    if v.contains('\0') {
        return Err(syn::Error::new(s.span(), "string must not contain a NUL byte"));
    }
    let c = std::ffi::CString::new(v).expect("checked above");
    let lit = proc_macro2::Literal::c_string(&c);
    let mut lit = lit;
    lit.set_span(s.span());
    Ok(quote::quote!(#lit))
}

/// Tokens for a `CStrList` static (NULL terminated) holding `items`, or a
/// null pointer expression when `items` is empty.
pub fn c_list(name: &Ident, items: &[LitStr]) -> syn::Result<(TokenStream, TokenStream)> {
    if items.is_empty() {
        return Ok((TokenStream::new(), quote::quote!(::core::ptr::null())));
    }
    let lits = items.iter().map(c_lit).collect::<syn::Result<Vec<_>>>()?;
    let n = items.len() + 1;
    let def = quote::quote! {
        static #name: ::vpp::__private::CStrList<#n> = ::vpp::__private::CStrList::new(&[#(#lits),*]);
    };
    Ok((def, quote::quote!(#name.as_ptr())))
}

/// Tokens that put `f` into `.init_array` (and `g` into `.fini_array`).
pub fn ctor_dtor(ctor_body: TokenStream, dtor_body: TokenStream) -> TokenStream {
    quote::quote! {
        #[used]
        #[link_section = ".init_array"]
        static __VPP_CTOR: unsafe extern "C" fn() = {
            unsafe extern "C" fn __vpp_ctor() {
                // SAFETY: runs once at load time, single threaded, before
                // VPP reads its registration lists.
                unsafe { #ctor_body }
            }
            __vpp_ctor
        };
        #[used]
        #[link_section = ".fini_array"]
        static __VPP_DTOR: unsafe extern "C" fn() = {
            unsafe extern "C" fn __vpp_dtor() {
                // SAFETY: runs once at unload time, single threaded.
                unsafe { #dtor_body }
            }
            __vpp_dtor
        };
    }
}
