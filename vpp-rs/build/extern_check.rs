//! Extern-signature and retval checks of the build script (see `build.rs`).
//!
//! `extern "C"` declarations: every function and static declared in an
//! `extern "C"` block under `src/` is looked up in bindgen's output for the
//! VPP headers (plus `csrc/shim.h` for the `vpp_rs_*` C shims); parameter
//! count, each parameter type, the return type, variadic-ness and the type of
//! each static must agree after normalisation ([`Norm`]).
//!
//! Retval constants: every `pub const NAME: i32 = -N;` in a `src/**/retval.rs`
//! must equal VPP's `VNET_API_ERROR_NAME` enumerator.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quote::ToTokens;

/// Declarations where the Rust side deliberately uses `*mut c_void` for a
/// typed pointer of the headers, as (function, parameter name or `return`,
/// reason). An entry that no longer matches a mismatch is itself an error, so
/// this list cannot go stale.
pub const OPAQUE_POINTERS: &[(&str, &str, &str)] = &[
    (
        "vl_msg_api_add_msg_name_crc",
        "am",
        "api_main_t is not mirrored; callers pass vlibapi_get_main()'s pointer through",
    ),
    (
        "vl_msg_api_send_shmem",
        "q",
        "svm_queue_t is not mirrored; the queue pointer is read from the registration",
    ),
];

/// One `extern "C"` item of the Rust sources.
pub struct Decl {
    pub file: String,
    pub name: String,
    pub kind: Kind,
}

pub enum Kind {
    Fn { params: Vec<(String, syn::Type)>, ret: Option<syn::Type>, variadic: bool },
    Static(syn::Type),
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> =
        std::fs::read_dir(dir).expect("read src dir").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn parse(path: &Path) -> syn::File {
    println!("cargo::rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn collect_items(items: &[syn::Item], file: &str, out: &mut Vec<Decl>) {
    for item in items {
        match item {
            syn::Item::ForeignMod(m) if m.abi.name.as_ref().is_some_and(|n| n.value() == "C") => {
                for fi in &m.items {
                    match fi {
                        syn::ForeignItem::Fn(f) => {
                            let params = f
                                .sig
                                .inputs
                                .iter()
                                .filter_map(|a| match a {
                                    syn::FnArg::Typed(t) => {
                                        Some((t.pat.to_token_stream().to_string(), (*t.ty).clone()))
                                    }
                                    syn::FnArg::Receiver(_) => None,
                                })
                                .collect();
                            let ret = match &f.sig.output {
                                syn::ReturnType::Default => None,
                                syn::ReturnType::Type(_, t) => Some((**t).clone()),
                            };
                            out.push(Decl {
                                file: file.to_string(),
                                name: f.sig.ident.to_string(),
                                kind: Kind::Fn { params, ret, variadic: f.sig.variadic.is_some() },
                            });
                        }
                        syn::ForeignItem::Static(s) => out.push(Decl {
                            file: file.to_string(),
                            name: s.ident.to_string(),
                            kind: Kind::Static((*s.ty).clone()),
                        }),
                        _ => {}
                    }
                }
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    collect_items(inner, file, out);
                }
            }
            _ => {}
        }
    }
}

/// Every `extern "C"` item under `src/`. With `fault`, the items of
/// `src/sys/fault_externs.rs` replace the same-named real ones (self-test);
/// otherwise that file is ignored.
pub fn rust_decls(src: &Path, fault: bool) -> Vec<Decl> {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    let fault_file = src.join("sys/fault_externs.rs");
    let mut decls = Vec::new();
    for f in files.iter().filter(|f| **f != fault_file) {
        let rel = f.strip_prefix(src.parent().unwrap_or(src)).unwrap_or(f).display().to_string();
        collect_items(&parse(f).items, &rel, &mut decls);
    }
    if fault {
        let mut faulty = Vec::new();
        collect_items(&parse(&fault_file).items, "src/sys/fault_externs.rs", &mut faulty);
        decls.retain(|d| !faulty.iter().any(|x| x.name == d.name));
        decls.extend(faulty);
    }
    decls
}

/// `type` aliases of a set of items (the mirrors' `uword`, bindgen's `u32`).
pub fn aliases(items: &[syn::Item], out: &mut BTreeMap<String, syn::Type>) {
    for item in items {
        match item {
            syn::Item::Type(t) => {
                out.insert(t.ident.to_string(), (*t.ty).clone());
            }
            // bindgen names a C enum typedef by re-exporting the enum's
            // integer alias: `pub use self::fib_protocol_t_ as fib_protocol_t;`.
            syn::Item::Use(u) => {
                if let syn::UseTree::Path(p) = &u.tree {
                    if let syn::UseTree::Rename(r) = &*p.tree {
                        if p.ident == "self" {
                            let target = syn::Type::Verbatim(r.ident.to_token_stream());
                            let target: syn::Type = syn::parse2(target.to_token_stream()).unwrap_or(target);
                            out.insert(r.rename.to_string(), target);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Mirror-side aliases: every `pub type` of the release directory.
pub fn mirror_aliases(dir: &Path) -> BTreeMap<String, syn::Type> {
    let mut out = BTreeMap::new();
    let mut files = Vec::new();
    rs_files(dir, &mut files);
    for f in files {
        aliases(&parse(&f).items, &mut out);
    }
    out
}

/// Type normaliser: both sides are reduced to one spelling before comparing.
/// - `c_char`, `c_int`, ... become the fixed-width type they are on x86_64
///   Linux (`i8`, `i32`, ...);
/// - typedefs of scalars and pointers (`u32`, `uword`, `f64`) are resolved;
///   typedefs of structs keep their typedef name (`vlib_main_t`), so struct
///   pointers compare by name;
/// - pointer constness is ignored (it does not change the ABI, and VPP's
///   prototypes are not const-correct: `vlib_cli_output (vm, char *fmt, ...)`).
pub struct Norm<'a> {
    pub aliases: &'a BTreeMap<String, syn::Type>,
}

const PRIMS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "i8", "i16", "i32", "i64", "i128", "f32", "f64", "usize", "isize",
    "bool", "c_void",
];

fn c_scalar(name: &str) -> Option<&'static str> {
    Some(match name {
        "c_char" | "c_schar" => "i8",
        "c_uchar" => "u8",
        "c_short" => "i16",
        "c_ushort" => "u16",
        "c_int" => "i32",
        "c_uint" => "u32",
        "c_long" | "c_longlong" => "i64",
        "c_ulong" | "c_ulonglong" => "u64",
        "c_float" => "f32",
        "c_double" => "f64",
        _ => return None,
    })
}

impl Norm<'_> {
    pub fn ty(&self, t: &syn::Type) -> String {
        self.ty_depth(t, 0)
    }

    fn ty_depth(&self, t: &syn::Type, depth: u32) -> String {
        match t {
            syn::Type::Ptr(p) => format!("*{}", self.ty_depth(&p.elem, depth)),
            syn::Type::Array(a) => {
                // bindgen writes lengths as `4usize`.
                let len = a.len.to_token_stream().to_string();
                let len = len.trim_end_matches("usize");
                format!("[{}; {}]", self.ty_depth(&a.elem, depth), len)
            }
            syn::Type::Tuple(tu) if tu.elems.is_empty() => "()".into(),
            syn::Type::Paren(p) => self.ty_depth(&p.elem, depth),
            syn::Type::BareFn(f) => {
                let args: Vec<String> = f.inputs.iter().map(|a| self.ty_depth(&a.ty, depth)).collect();
                let ret = match &f.output {
                    syn::ReturnType::Default => "()".to_string(),
                    syn::ReturnType::Type(_, r) => self.ty_depth(r, depth),
                };
                format!("fn({}){}->{ret}", args.join(","), if f.variadic.is_some() { "..." } else { "" })
            }
            syn::Type::Path(p) if p.qself.is_none() => {
                let last = p.path.segments.last().expect("type path");
                let name = last.ident.to_string();
                if !last.arguments.is_empty() {
                    // `Option<unsafe extern "C" fn(..)>` (function pointers):
                    // compare the argument and return types, normalised.
                    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                        if let [syn::GenericArgument::Type(inner)] = args.args.iter().collect::<Vec<_>>()[..]
                        {
                            return format!("{name}<{}>", self.ty_depth(inner, depth));
                        }
                    }
                    return t.to_token_stream().to_string().replace(' ', "");
                }
                self.name(&name, depth)
            }
            other => other.to_token_stream().to_string().replace(' ', ""),
        }
    }

    fn name(&self, name: &str, depth: u32) -> String {
        if let Some(s) = c_scalar(name) {
            return s.into();
        }
        if PRIMS.contains(&name) || depth > 16 {
            return name.into();
        }
        match self.aliases.get(name) {
            Some(target) => {
                let r = self.ty_depth(target, depth + 1);
                let base = r.trim_start_matches('*');
                // Resolve scalars and pointers; keep a struct's typedef name.
                if r.starts_with('*') || r.starts_with('[') || PRIMS.contains(&base) || r.contains("fn(") {
                    r
                } else {
                    name.into()
                }
            }
            None => name.into(),
        }
    }
}

/// A type as written, with rustfmt-like spacing (`*mut ::std::os::raw::c_char`).
fn spell(t: &syn::Type) -> String {
    t.to_token_stream()
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace("* mut ", "*mut ")
        .replace("* const ", "*const ")
}

fn is_void_ptr(n: &str) -> bool {
    n.starts_with('*') && n.trim_start_matches('*') == "c_void"
}

/// Compare the Rust declarations with bindgen's. Returns the number of
/// functions and statics compared and the mismatches found.
pub fn compare(
    decls: &[Decl],
    rust_aliases: &BTreeMap<String, syn::Type>,
    bindings: &syn::File,
) -> (usize, usize, Vec<String>) {
    let mut c_aliases = BTreeMap::new();
    aliases(&bindings.items, &mut c_aliases);
    let mut c_decls = Vec::new();
    collect_items(&bindings.items, "bindgen", &mut c_decls);
    let c_by_name: BTreeMap<_, _> = c_decls.iter().map(|d| (d.name.as_str(), d)).collect();
    let rn = Norm { aliases: rust_aliases };
    let cn = Norm { aliases: &c_aliases };
    let mut errors = Vec::new();
    let mut used_allow = BTreeSet::new();
    let (mut n_fn, mut n_static) = (0, 0);
    for d in decls {
        let who = format!("`{}` ({})", d.name, d.file);
        let Some(c) = c_by_name.get(d.name.as_str()) else {
            errors.push(format!(
                "VPP extern mismatch: {who} is not declared in the VPP headers (or csrc/shim.h); add its header to HEADERS in vpp-rs/build.rs or fix the name"
            ));
            continue;
        };
        let mut cmp = |what: &str, pname: &str, ours: &syn::Type, theirs: &syn::Type| -> Option<String> {
            let (a, b) = (rn.ty(ours), cn.ty(theirs));
            if a == b {
                return None;
            }
            if is_void_ptr(&a) && b.starts_with('*') {
                if let Some(e) = OPAQUE_POINTERS.iter().find(|e| e.0 == d.name && e.1 == pname) {
                    used_allow.insert((e.0, e.1));
                    return None;
                }
            }
            Some(format!(
                "VPP extern mismatch: {who} {what}: the headers have `{}` ({b}), the declaration has `{}` ({a})",
                spell(theirs),
                spell(ours),
            ))
        };
        match (&d.kind, &c.kind) {
            (Kind::Static(ours), Kind::Static(theirs)) => {
                n_static += 1;
                errors.extend(cmp("static type", "static", ours, theirs));
            }
            (
                Kind::Fn { params, ret, variadic },
                Kind::Fn { params: cparams, ret: cret, variadic: cvariadic },
            ) => {
                n_fn += 1;
                if params.len() != cparams.len() {
                    let names = |p: &[(String, syn::Type)]| p.iter().map(|x| x.0.clone()).collect::<Vec<_>>().join(", ");
                    errors.push(format!(
                        "VPP extern mismatch: {who} takes {} parameters ({}) but the headers declare {} ({})",
                        params.len(),
                        names(params),
                        cparams.len(),
                        names(cparams)
                    ));
                } else {
                    for (i, ((pn, pt), (cpn, ct))) in params.iter().zip(cparams).enumerate() {
                        errors.extend(cmp(&format!("parameter {} `{pn}` (C `{cpn}`)", i + 1), pn, pt, ct));
                    }
                }
                if variadic != cvariadic {
                    errors.push(format!(
                        "VPP extern mismatch: {who}: variadic in the headers: {cvariadic}, in the declaration: {variadic}"
                    ));
                }
                let unit: syn::Type = syn::parse_quote!(());
                errors.extend(cmp("return type", "return", ret.as_ref().unwrap_or(&unit), cret.as_ref().unwrap_or(&unit)));
            }
            _ => errors.push(format!(
                "VPP extern mismatch: {who} is a function in one and a variable in the other (headers vs declaration)"
            )),
        }
    }
    for e in OPAQUE_POINTERS {
        let declared = decls.iter().any(|d| d.name == e.0);
        if declared && !used_allow.contains(&(e.0, e.1)) {
            errors.push(format!(
                "VPP extern check: OPAQUE_POINTERS entry ({}, {}) in vpp-rs/build/extern_check.rs matches no `*mut c_void` declaration any more: remove it",
                e.0, e.1
            ));
        }
    }
    (n_fn, n_static, errors)
}

/// An integer literal, possibly negated (`-7`).
fn int_lit(e: &syn::Expr) -> Option<i64> {
    match e {
        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(i), .. }) => i.base10_parse::<i64>().ok(),
        syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Neg(_), expr, .. }) => int_lit(expr).map(|v| -v),
        _ => None,
    }
}

/// `pub const NAME: i32 = -N;` items of every `src/**/retval.rs` (and, with
/// `fault`, of `src/sys/fault_retval.rs`), as (file, VNET_API_ERROR name, value).
pub fn retval_consts(src: &Path, fault: bool) -> Vec<(String, String, i64)> {
    let mut files = Vec::new();
    rs_files(src, &mut files);
    files.retain(|f| f.file_name().is_some_and(|n| n == "retval.rs"));
    if fault {
        files.push(src.join("sys/fault_retval.rs"));
    }
    let mut out = Vec::new();
    for f in files {
        let rel = f.strip_prefix(src.parent().unwrap_or(src)).unwrap_or(&f).display().to_string();
        let mut items = parse(&f).items;
        while let Some(item) = items.pop() {
            match item {
                // Only the `i32` codes: tables and lookups beside them are
                // not enumerators.
                syn::Item::Const(c) if matches!(&*c.ty, syn::Type::Path(p) if p.path.is_ident("i32")) => {
                    let name = c.ident.to_string();
                    let value = int_lit(&c.expr);
                    let v = value.unwrap_or_else(|| {
                        panic!("{rel}: const {name} is not an integer literal; the retval check needs `pub const {name}: i32 = -N;`")
                    });
                    let c_name = if name.starts_with("VNET_API_ERROR_") {
                        name
                    } else {
                        format!("VNET_API_ERROR_{name}")
                    };
                    out.push((rel.clone(), c_name, v));
                }
                syn::Item::Mod(m) => items.extend(m.content.map(|c| c.1).unwrap_or_default()),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// The `VNET_API_ERROR_*` enumerators in bindgen's output (enum
/// `vnet_api_error_t`, constified as `vnet_api_error_t_VNET_API_ERROR_X`).
pub fn header_retvals(bindings: &syn::File) -> BTreeMap<String, i64> {
    let mut out = BTreeMap::new();
    for item in &bindings.items {
        if let syn::Item::Const(c) = item {
            let name = c.ident.to_string();
            let Some(i) = name.find("VNET_API_ERROR_") else { continue };
            let v = int_lit(&c.expr);
            if let Some(v) = v {
                out.insert(name[i..].to_string(), v);
            }
        }
    }
    out
}
