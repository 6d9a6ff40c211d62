//! Rust code generation for `.api` files.
//!
//! For every message, typedef, enum, enumflag, union and alias the generator
//! writes a Rust type implementing [`crate::wire::Wire`]; messages also
//! implement [`crate::wire::Message`] and, following the services,
//! [`crate::wire::Request`], [`crate::wire::Stream`] or [`crate::wire::Dump`].
//!
//! Length fields of variable-length arrays are not struct members: they are
//! written from the `Vec`'s length and checked against the input on decode.
//!
//! Typical use from a plugin's `build.rs`:
//!
//! ```no_run
//! let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("lcp.rs");
//! vpp_api::codegen::generate_file(
//!     "api/lcp.api".as_ref(),
//!     &["api/core".into()],
//!     &out,
//!     &vpp_api::codegen::Options::default(),
//! )
//! .unwrap();
//! // and in the crate: `pub mod lcp { include!(concat!(env!("OUT_DIR"), "/lcp.rs")); }`
//! ```

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::ast::*;
use crate::crc::{TypeRegistry, UserType};
use crate::model::{Message, Module};
use crate::wire::MessageKind;

/// Generator settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime module in the generated code (default
    /// `::vpp_api::wire`; `crate::wire` inside this crate).
    pub runtime: String,
    /// Embed the module's `.api.json` text as `API_JSON`.
    pub embed_json: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { runtime: "::vpp_api::wire".to_string(), embed_json: true }
    }
}

/// Code generation failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError(pub String);

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CodegenError {}

/// Parse `input` (imports resolved against `include_dirs`), generate Rust
/// and write it to `output` (only if the content changed). Also prints
/// `cargo:rerun-if-changed` lines when run under a build script.
pub fn generate_file(
    input: &Path,
    include_dirs: &[PathBuf],
    output: &Path,
    opts: &Options,
) -> Result<(), Box<dyn std::error::Error>> {
    let file = crate::parser::parse_file(input, include_dirs)?;
    let code = generate(&file, opts)?;
    if std::env::var_os("OUT_DIR").is_some() {
        println!("cargo:rerun-if-changed={}", input.display());
        for d in include_dirs {
            println!("cargo:rerun-if-changed={}", d.display());
        }
    }
    if std::fs::read_to_string(output).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(output, code)?;
    }
    Ok(())
}

/// Generate Rust source for a parsed file.
pub fn generate(file: &ApiFile, opts: &Options) -> Result<String, CodegenError> {
    let module = Module::build(file).map_err(|e| CodegenError(e.to_string()))?;
    generate_module(&module, opts)
}

/// Generate Rust source for a processed module.
pub fn generate_module(m: &Module, opts: &Options) -> Result<String, CodegenError> {
    let mut g = Gen { m, out: String::new() };
    g.header(opts)?;
    for t in &m.types {
        match t {
            UserType::Typedef(t) => {
                let fields: Vec<Field> = item_fields(&t.items).cloned().collect();
                let doc = format!("Type `{}`.", t.name);
                g.record(&t.name, &doc, &fields, None)?;
            }
            UserType::Alias(a) => g.alias(a)?,
            UserType::Enum(e) if e.is_flag => g.enumflag(e)?,
            UserType::Enum(e) => g.enumeration(e)?,
            UserType::Union(u) => g.union(u)?,
        }
    }
    for msg in &m.messages {
        let doc = format!("Message `{}` (CRC `0x{:08x}`).", msg.def.name, msg.crc);
        g.record(&msg.def.name, &doc, &msg.def.fields, Some(msg))?;
    }
    g.any_message()?;
    Ok(g.out)
}

// ---- naming ----------------------------------------------------------------

/// `lcp_itf_pair_add_del` → `LcpItfPairAddDel`.
pub fn camel(name: &str) -> String {
    let mut s = String::new();
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            s.push(c.to_ascii_uppercase());
            s.extend(cs.map(|c| c.to_ascii_lowercase()));
        }
    }
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'V');
    }
    s
}

const RUST_KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// A field name usable as a Rust identifier.
pub fn field_ident(name: &str) -> String {
    match name {
        "self" | "Self" | "super" | "crate" | "_" => format!("{name}_"),
        n if RUST_KEYWORDS.contains(&n) => format!("r#{n}"),
        n => n.to_string(),
    }
}

fn builtin_size(ty: &str) -> Option<usize> {
    Some(match ty {
        "u8" | "i8" | "bool" => 1,
        "u16" | "i16" => 2,
        "u32" | "i32" => 4,
        "u64" | "i64" | "f64" => 8,
        _ => return None,
    })
}

fn user_name(ty: &str) -> Option<&str> {
    ty.strip_prefix("vl_api_")?.strip_suffix("_t")
}

/// Escape text for a `///` doc line.
fn doc_text(s: &str) -> String {
    s.replace('\n', " ")
}

struct Gen<'a> {
    m: &'a Module,
    out: String,
}

type R = Result<(), CodegenError>;

impl Gen<'_> {
    fn reg(&self) -> &TypeRegistry {
        &self.m.registry
    }

    fn w(&mut self, s: impl AsRef<str>) {
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }

    fn header(&mut self, opts: &Options) -> R {
        let m = self.m;
        self.w(format!("// @generated by vpp-api codegen from `{}.api`. Do not edit.", m.name));
        self.w("");
        self.w(format!("#[allow(unused_imports)]\nuse {} as wire;", opts.runtime));
        self.w(format!("#[allow(unused_imports)]\nuse {}::{{Message as _, Wire as _}};", opts.runtime));
        self.w("");
        self.w(format!("/// Module name.\npub const MODULE: &str = \"{}\";", m.name));
        self.w(format!(
            "/// Module CRC (imports excluded); VPP names the message-id range after it.\npub const MODULE_CRC: u32 = 0x{:08x};",
            m.file_crc
        ));
        self.w(format!(
            "/// Name of the module's message-id range: `<module>_<crc>`.\npub const MSG_RANGE_NAME: &str = \"{}_{:08x}\";",
            m.name, m.file_crc
        ));
        self.w(format!(
            "/// `vl_api_version` of the module's `.api.json` (imports included).\npub const VL_API_VERSION: u32 = 0x{:08x};",
            m.json_crc
        ));
        if opts.embed_json {
            let json = crate::json::to_string(m);
            let mut hashes = String::from("#");
            while json.contains(&format!("\"{hashes}")) {
                hashes.push('#');
            }
            self.w(format!(
                "/// The module's `.api.json`, as vppapigen would write it.\npub const API_JSON: &str = r{hashes}\"{json}\"{hashes};"
            ));
        }
        self.w("/// All messages of the module, in definition order.");
        self.w("pub const MESSAGES: &[wire::MessageInfo] = &[");
        for msg in &m.messages {
            self.w(format!(
                "    wire::MessageInfo {{ name: \"{}\", crc: 0x{:08x}, name_crc: \"{}\", kind: wire::MessageKind::{:?} }},",
                msg.def.name,
                msg.crc,
                msg.name_crc(),
                self.kind(&msg.def.name)
            ));
        }
        self.w("];");
        self.w("/// Services of the module: which message answers which request.");
        self.w("pub const SERVICES: &[wire::ServiceInfo] = &[");
        for s in &m.services {
            self.w(format!(
                "    wire::ServiceInfo {{ request: \"{}\", reply: \"{}\", stream: {}, stream_msg: {} }},",
                s.caller,
                s.reply,
                s.stream,
                match &s.stream_msg {
                    Some(x) => format!("Some(\"{x}\")"),
                    None => "None".into(),
                }
            ));
        }
        self.w("];");
        self.w("");
        Ok(())
    }

    fn kind(&self, name: &str) -> MessageKind {
        let svcs = &self.m.services;
        if svcs.iter().any(|s| s.caller == name) {
            return MessageKind::Request;
        }
        if svcs.iter().any(|s| {
            s.stream_msg.as_deref() == Some(name) || (s.stream && s.stream_msg.is_none() && s.reply == name)
        }) {
            return MessageKind::Details;
        }
        if svcs.iter().any(|s| s.reply == name) {
            return MessageKind::Reply;
        }
        if svcs.iter().any(|s| s.events.iter().any(|e| e == name)) {
            return MessageKind::Event;
        }
        if name.ends_with("_details") {
            MessageKind::Details
        } else if name.ends_with("_reply") {
            MessageKind::Reply
        } else {
            MessageKind::Other
        }
    }

    /// Rust type of a single element of `ty`.
    fn base_ty(&self, ty: &str, loc: &Loc) -> Result<String, CodegenError> {
        if builtin_size(ty).is_some() {
            return Ok(ty.to_string());
        }
        match user_name(ty) {
            Some(n) if self.reg().contains_key(ty) => Ok(camel(n)),
            _ => Err(CodegenError(format!("{loc}: unknown type `{ty}`"))),
        }
    }

    /// Smallest encoded size of one element of `ty`.
    fn type_size(&self, ty: &str) -> usize {
        if let Some(s) = builtin_size(ty) {
            return s;
        }
        match self.reg().get(ty) {
            Some(UserType::Enum(e)) => builtin_size(&e.enumtype).unwrap_or(4),
            Some(UserType::Alias(a)) => self.field_size(&a.target),
            Some(UserType::Typedef(t)) => item_fields(&t.items).map(|f| self.field_size(f)).sum(),
            Some(UserType::Union(u)) => item_fields(&u.items).map(|f| self.field_size(f)).max().unwrap_or(0),
            None => 0,
        }
    }

    fn field_size(&self, f: &Field) -> usize {
        match &f.shape {
            FieldShape::Array(0) if f.ty == "string" => 4,
            FieldShape::Array(n) if f.ty == "string" => *n as usize,
            FieldShape::Scalar => self.type_size(&f.ty),
            FieldShape::Array(n) => *n as usize * self.type_size(&f.ty),
            FieldShape::Vla(_) => 0,
        }
    }

    fn rust_ty(&self, f: &Field) -> Result<String, CodegenError> {
        if f.ty == "string" {
            return Ok("String".into());
        }
        let b = self.base_ty(&f.ty, &f.loc)?;
        Ok(match &f.shape {
            FieldShape::Scalar => b,
            FieldShape::Array(0) | FieldShape::Vla(_) => format!("Vec<{b}>"),
            FieldShape::Array(n) => format!("[{b}; {n}]"),
        })
    }

    fn field_doc(f: &Field) -> String {
        let shape = match &f.shape {
            FieldShape::Scalar => String::new(),
            FieldShape::Array(0) => "[]".into(),
            FieldShape::Array(n) => format!("[{n}]"),
            FieldShape::Vla(l) => format!("[{l}]"),
        };
        format!("`{} {}{}`", f.ty, f.name, shape)
    }

    /// Statements that append field `f` (value expression `v`) to `buf`.
    fn put_stmt(&self, f: &Field, v: &str, vla_len: Option<&str>) -> String {
        match (&f.shape, f.ty.as_str()) {
            (FieldShape::Array(0), "string") => format!("wire::put_vla_string(buf, &{v});"),
            (FieldShape::Array(n), "string") => format!("wire::put_fixed_string(buf, &{v}, {n});"),
            (FieldShape::Array(0), _) => format!("for x in {v}.iter() {{ x.put(buf); }}"),
            (FieldShape::Vla(_), _) => {
                format!("for x in {v}[..{}].iter() {{ x.put(buf); }}", vla_len.unwrap_or("0"))
            }
            _ => format!("{v}.put(buf);"),
        }
    }

    /// Expression that reads field `f` from reader `r`.
    fn get_expr(&self, f: &Field, len_local: Option<&str>) -> Result<String, CodegenError> {
        Ok(match (&f.shape, f.ty.as_str()) {
            (FieldShape::Array(0), "string") => format!("r.vla_string(\"{}\")?", f.name),
            (FieldShape::Array(n), "string") => format!("r.fixed_string({n})?"),
            (FieldShape::Array(0), _) => {
                format!("r.rest::<{}>()?", self.base_ty(&f.ty, &f.loc)?)
            }
            (FieldShape::Vla(_), _) => format!(
                "r.vec::<{}>({} as u64, \"{}\")?",
                self.base_ty(&f.ty, &f.loc)?,
                len_local.unwrap_or("0"),
                f.name
            ),
            _ => format!("<{} as wire::Wire>::get(r)?", self.rust_ty(f)?),
        })
    }

    /// A struct (typedef or message) with its Wire impl and, for messages,
    /// the Message impl and service traits.
    fn record(&mut self, name: &str, doc: &str, fields: &[Field], msg: Option<&Message>) -> R {
        let ty = camel(name);
        // Length fields of VLAs: name -> VLA field name.
        let mut len_of: Vec<(String, String)> = Vec::new();
        for f in fields {
            if let FieldShape::Vla(l) = &f.shape {
                let lf = fields
                    .iter()
                    .find(|x| &x.name == l)
                    .ok_or_else(|| CodegenError(format!("{}: missing length field `{l}`", f.loc)))?;
                if lf.shape != FieldShape::Scalar
                    || !matches!(lf.ty.as_str(), "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64")
                {
                    return Err(CodegenError(format!("{}: length field `{l}` must be an integer", lf.loc)));
                }
                len_of.push((l.clone(), f.name.clone()));
            }
        }
        let is_len = |n: &str| len_of.iter().any(|(l, _)| l == n);
        let members: Vec<&Field> = fields.iter().filter(|f| !is_len(&f.name)).collect();

        self.w(format!("/// {}", doc_text(doc)));
        self.w("#[derive(Debug, Clone, PartialEq)]");
        self.w(format!("pub struct {ty} {{"));
        for f in &members {
            let extra = match &f.shape {
                FieldShape::Vla(l) => format!(" (its length is written to `{l}`)"),
                _ => String::new(),
            };
            self.w(format!("    /// {}{extra}.", Self::field_doc(f)));
            self.w(format!("    pub {}: {},", field_ident(&f.name), self.rust_ty(f)?));
        }
        self.w("}");
        self.w("");

        // Default
        self.w(format!("impl Default for {ty} {{"));
        self.w("    fn default() -> Self {");
        if members.is_empty() {
            self.w("        Self {}");
        } else {
            self.w("        Self {");
            for f in &members {
                let init = match (&f.shape, f.ty.as_str()) {
                    (FieldShape::Array(n), t) if *n > 0 && t != "string" => {
                        "core::array::from_fn(|_| Default::default())".to_string()
                    }
                    _ => "Default::default()".to_string(),
                };
                self.w(format!("            {}: {init},", field_ident(&f.name)));
            }
            self.w("        }");
        }
        self.w("    }");
        self.w("}");
        self.w("");

        // Wire
        let min: usize = fields.iter().map(|f| self.field_size(f)).sum();
        self.w(format!("impl wire::Wire for {ty} {{"));
        self.w(format!("    const MIN_SIZE: usize = {min};"));
        let bufname = if fields.is_empty() { "_buf" } else { "buf" };
        self.w(format!("    fn put(&self, {bufname}: &mut Vec<u8>) {{"));
        for f in fields {
            if let Some((_, vla)) = len_of.iter().find(|(l, _)| *l == f.name) {
                self.w(format!(
                    "        let n_{vla} = self.{}.len().min({}::MAX as usize);",
                    field_ident(vla),
                    f.ty
                ));
                self.w(format!("        (n_{vla} as {}).put(buf);", f.ty));
                continue;
            }
            let len_var = format!("n_{}", f.name);
            let stmt = self.put_stmt(
                f,
                &format!("self.{}", field_ident(&f.name)),
                matches!(f.shape, FieldShape::Vla(_)).then_some(len_var.as_str()),
            );
            self.w(format!("        {stmt}"));
        }
        self.w("    }");
        let rname = if fields.is_empty() { "_r" } else { "r" };
        self.w(format!("    fn get({rname}: &mut wire::Reader<'_>) -> Result<Self, wire::DecodeError> {{"));
        for f in fields {
            let len_local = match &f.shape {
                FieldShape::Vla(l) => Some(format!("f_{l}")),
                _ => None,
            };
            let e = self.get_expr(f, len_local.as_deref())?;
            self.w(format!("        let f_{} = {e};", f.name));
        }
        if members.is_empty() {
            self.w("        Ok(Self {})");
        } else {
            self.w("        Ok(Self {");
            for f in &members {
                self.w(format!("            {}: f_{},", field_ident(&f.name), f.name));
            }
            self.w("        })");
        }
        self.w("    }");
        self.w("}");
        self.w("");

        let Some(msg) = msg else { return Ok(()) };
        let scalar = |n: &str, t: &str| {
            members.iter().any(|f| f.name == n && f.ty == t && f.shape == FieldShape::Scalar)
        };
        self.w(format!("impl wire::Message for {ty} {{"));
        self.w(format!("    const NAME: &'static str = \"{}\";", msg.def.name));
        self.w(format!("    const CRC: u32 = 0x{:08x};", msg.crc));
        self.w(format!("    const NAME_CRC: &'static str = \"{}\";", msg.name_crc()));
        self.w(format!(
            "    const KIND: wire::MessageKind = wire::MessageKind::{:?};",
            self.kind(&msg.def.name)
        ));
        if scalar("context", "u32") {
            self.w("    fn context(&self) -> Option<u32> {\n        Some(self.context)\n    }");
            self.w("    fn set_context(&mut self, context: u32) {\n        self.context = context;\n    }");
        }
        if scalar("client_index", "u32") {
            self.w("    fn set_client_index(&mut self, client_index: u32) {\n        self.client_index = client_index;\n    }");
        }
        if scalar("retval", "i32") {
            self.w("    fn retval(&self) -> Option<i32> {\n        Some(self.retval)\n    }");
        }
        self.w("}");
        self.w("");
        if let Some(svc) = self.m.service_for(&msg.def.name).cloned() {
            let known = |n: &str| self.m.message(n).is_some();
            match (&svc.stream, &svc.stream_msg) {
                (true, Some(details)) if known(&svc.reply) && known(details) => {
                    self.w(format!(
                        "impl wire::Request for {ty} {{\n    type Reply = {};\n}}\n",
                        camel(&svc.reply)
                    ));
                    self.w(format!(
                        "impl wire::Stream for {ty} {{\n    type Details = {};\n}}\n",
                        camel(details)
                    ));
                }
                (true, None) if known(&svc.reply) => {
                    self.w(format!(
                        "impl wire::Dump for {ty} {{\n    type Details = {};\n}}\n",
                        camel(&svc.reply)
                    ));
                }
                (false, _) if svc.reply != "null" && known(&svc.reply) => {
                    self.w(format!(
                        "impl wire::Request for {ty} {{\n    type Reply = {};\n}}\n",
                        camel(&svc.reply)
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn alias(&mut self, a: &Alias) -> R {
        let t = &a.target;
        let rust = match (&t.shape, t.ty.as_str()) {
            (FieldShape::Array(n), "string") if *n > 0 => format!("[u8; {n}]"),
            (FieldShape::Scalar, _) | (FieldShape::Array(_), _) if t.ty != "string" => self.rust_ty(t)?,
            _ => {
                return Err(CodegenError(format!(
                    "{}: alias `{}` of a variable-length type is not supported",
                    a.loc, a.name
                )))
            }
        };
        self.w(format!(
            "/// Alias `{}` ({}).\npub type {} = {rust};\n",
            a.name,
            Self::field_doc(t).replace(&format!(" {}", a.name), ""),
            camel(&a.name)
        ));
        Ok(())
    }

    fn enumeration(&mut self, e: &Enum) -> R {
        let ty = camel(&e.name);
        let st = &e.enumtype;
        let mut seen: Vec<(i64, String)> = Vec::new();
        let mut aliases: Vec<(String, String)> = Vec::new();
        for m in &e.members {
            let v = camel(&m.name);
            if let Some((_, first)) = seen.iter().find(|(val, _)| *val == m.value) {
                aliases.push((m.name.clone(), first.clone()));
            } else {
                seen.push((m.value, v));
            }
        }
        if seen.is_empty() {
            return Err(CodegenError(format!("{}: enum `{}` has no members", e.loc, e.name)));
        }
        self.w(format!("/// Enum `{}` (stored as `{st}`).", e.name));
        self.w("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]");
        self.w(format!("pub enum {ty} {{"));
        for (i, (val, v)) in seen.iter().enumerate() {
            let orig = &e.members.iter().find(|m| m.value == *val).expect("member").name;
            self.w(format!("    /// `{orig}` = {val}."));
            if i == 0 {
                self.w("    #[default]");
            }
            self.w(format!("    {v},"));
        }
        self.w("}");
        self.w("");
        self.w(format!("impl {ty} {{"));
        for (name, first) in &aliases {
            self.w(format!(
                "    /// `{name}`, same value as [`Self::{first}`].\n    pub const {}: Self = Self::{first};",
                name.to_ascii_uppercase()
            ));
        }
        self.w(format!(
            "    /// The member with wire value `v`, if any.\n    pub fn from_raw(v: {st}) -> Option<Self> {{\n        match v {{"
        ));
        for (val, v) in &seen {
            self.w(format!("            {val} => Some(Self::{v}),"));
        }
        self.w("            _ => None,\n        }\n    }");
        self.w(format!("    /// The wire value.\n    pub fn to_raw(self) -> {st} {{\n        match self {{"));
        for (val, v) in &seen {
            self.w(format!("            Self::{v} => {val},"));
        }
        self.w("        }\n    }\n}\n");
        self.w(format!(
            "impl wire::Wire for {ty} {{\n    const MIN_SIZE: usize = {};\n    fn put(&self, buf: &mut Vec<u8>) {{\n        self.to_raw().put(buf);\n    }}\n    fn get(r: &mut wire::Reader<'_>) -> Result<Self, wire::DecodeError> {{\n        let v = <{st} as wire::Wire>::get(r)?;\n        Self::from_raw(v).ok_or_else(|| wire::DecodeError::unknown_enum(\"{}\", v as i64))\n    }}\n}}\n",
            builtin_size(st).unwrap_or(4),
            e.name
        ));
        Ok(())
    }

    fn enumflag(&mut self, e: &Enum) -> R {
        let ty = camel(&e.name);
        let st = &e.enumtype;
        self.w(format!("/// Flag set `{}` (stored as `{st}`); any combination of bits decodes.", e.name));
        self.w("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]");
        self.w(format!("pub struct {ty}(pub {st});"));
        self.w("");
        self.w(format!("impl {ty} {{"));
        for m in &e.members {
            self.w(format!(
                "    /// `{}` = {}.\n    pub const {}: Self = Self({});",
                m.name,
                m.value,
                m.name.to_ascii_uppercase(),
                m.value
            ));
        }
        self.w("    /// True if all bits of `other` are set.\n    pub fn contains(self, other: Self) -> bool {\n        self.0 & other.0 == other.0\n    }");
        self.w("}\n");
        self.w(format!(
            "impl core::ops::BitOr for {ty} {{\n    type Output = Self;\n    fn bitor(self, o: Self) -> Self {{\n        Self(self.0 | o.0)\n    }}\n}}\n"
        ));
        self.w(format!(
            "impl core::ops::BitAnd for {ty} {{\n    type Output = Self;\n    fn bitand(self, o: Self) -> Self {{\n        Self(self.0 & o.0)\n    }}\n}}\n"
        ));
        self.w(format!(
            "impl wire::Wire for {ty} {{\n    const MIN_SIZE: usize = {};\n    fn put(&self, buf: &mut Vec<u8>) {{\n        self.0.put(buf);\n    }}\n    fn get(r: &mut wire::Reader<'_>) -> Result<Self, wire::DecodeError> {{\n        Ok(Self(<{st} as wire::Wire>::get(r)?))\n    }}\n}}\n",
            builtin_size(st).unwrap_or(4)
        ));
        Ok(())
    }

    fn union(&mut self, u: &Union) -> R {
        let ty = camel(&u.name);
        let size = self.type_size(&format!("vl_api_{}_t", u.name));
        self.w(format!(
            "/// Union `{}`: {size} raw bytes, read and written through the member accessors.",
            u.name
        ));
        self.w("#[derive(Debug, Clone, PartialEq)]");
        self.w(format!(
            "pub struct {ty} {{\n    /// The union's bytes in wire order.\n    pub raw: [u8; {size}],\n}}\n"
        ));
        self.w(format!(
            "impl Default for {ty} {{\n    fn default() -> Self {{\n        Self {{ raw: [0; {size}] }}\n    }}\n}}\n"
        ));
        self.w(format!("impl {ty} {{"));
        self.w(format!("    /// Size of the union in bytes.\n    pub const SIZE: usize = {size};"));
        for f in item_fields(&u.items) {
            if matches!(f.shape, FieldShape::Vla(_)) || f.is_vla_string() || f.shape == FieldShape::Array(0) {
                continue;
            }
            let rt = self.rust_ty(f)?;
            let id = field_ident(&f.name);
            let set_id = format!("set_{}", f.name);
            let get = self.get_expr(f, None)?;
            let put = self.put_stmt(f, "(*v)", None);
            self.w(format!(
                "    /// Read the bytes as member {}.\n    pub fn {id}(&self) -> Result<{rt}, wire::DecodeError> {{\n        let r = &mut wire::Reader::new(&self.raw);\n        Ok({get})\n    }}",
                Self::field_doc(f)
            ));
            self.w(format!(
                "    /// Store member {} (zero padded).\n    pub fn {set_id}(&mut self, v: &{rt}) {{\n        let mut buf = Vec::with_capacity({size});\n        {{\n            let buf = &mut buf;\n            {put}\n        }}\n        buf.resize({size}, 0);\n        self.raw.copy_from_slice(&buf[..{size}]);\n    }}",
                Self::field_doc(f)
            ));
        }
        self.w("}\n");
        self.w(format!(
            "impl wire::Wire for {ty} {{\n    const MIN_SIZE: usize = {size};\n    fn put(&self, buf: &mut Vec<u8>) {{\n        buf.extend_from_slice(&self.raw);\n    }}\n    fn get(r: &mut wire::Reader<'_>) -> Result<Self, wire::DecodeError> {{\n        Ok(Self {{ raw: r.array::<{size}>()? }})\n    }}\n}}\n"
        ));
        Ok(())
    }

    fn any_message(&mut self) -> R {
        let names: Vec<(String, String)> = {
            let mut seen = HashSet::new();
            self.m
                .messages
                .iter()
                .filter(|m| seen.insert(m.def.name.clone()))
                .map(|m| (m.def.name.clone(), camel(&m.def.name)))
                .collect()
        };
        self.w("/// Any message of this module.");
        self.w("#[derive(Debug, Clone, PartialEq)]");
        self.w("pub enum AnyMessage {");
        for (n, t) in &names {
            self.w(format!("    /// `{n}`.\n    {t}({t}),"));
        }
        self.w("}\n");
        self.w("impl AnyMessage {");
        self.w(
            "    /// Decode the body of the message called `name`; `None` if the module has no such message.",
        );
        self.w("    pub fn decode(name: &str, body: &[u8]) -> Option<Result<Self, wire::DecodeError>> {");
        self.w("        Some(match name {");
        for (n, t) in &names {
            self.w(format!("            \"{n}\" => {t}::decode(body).map(Self::{t}),"));
        }
        self.w("            _ => return None,\n        })\n    }");
        self.w("    /// A default-valued message called `name`.");
        self.w("    pub fn default_for(name: &str) -> Option<Self> {");
        self.w("        Some(match name {");
        for (n, t) in &names {
            self.w(format!("            \"{n}\" => Self::{t}(Default::default()),"));
        }
        self.w("            _ => return None,\n        })\n    }");
        self.w("    /// Static description of the message.");
        self.w("    pub fn info(&self) -> &'static wire::MessageInfo {");
        self.w("        let name = match self {");
        for (n, t) in &names {
            self.w(format!("            Self::{t}(_) => \"{n}\","));
        }
        self.w("        };");
        self.w("        MESSAGES.iter().find(|m| m.name == name).expect(\"every variant is listed in MESSAGES\")");
        self.w("    }");
        self.w("    /// Append the body (without `_vl_msg_id`).");
        self.w("    pub fn encode(&self, buf: &mut Vec<u8>) {");
        self.w("        match self {");
        for (_, t) in &names {
            self.w(format!("            Self::{t}(m) => m.encode(buf),"));
        }
        self.w("        }\n    }");
        self.w("    /// Set the context field, if the message has one.");
        self.w("    pub fn set_context(&mut self, context: u32) {");
        self.w("        match self {");
        for (_, t) in &names {
            self.w(format!("            Self::{t}(m) => m.set_context(context),"));
        }
        self.w("        }\n    }");
        self.w("    /// Set the client_index field, if the message has one.");
        self.w("    pub fn set_client_index(&mut self, client_index: u32) {");
        self.w("        match self {");
        for (_, t) in &names {
            self.w(format!("            Self::{t}(m) => m.set_client_index(client_index),"));
        }
        self.w("        }\n    }");
        self.w("}");
        Ok(())
    }
}
