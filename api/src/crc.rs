//! vppapigen-compatible CRCs.
//!
//! Every definition has a canonical text: the Python `repr` that vppapigen
//! hashes. A message CRC is the zlib CRC-32 of its field list text, then
//! continued with the text of every user type it references (recursively,
//! depth first, without de-duplication). The module CRC folds the texts of
//! the top-level statements in source order.

use std::collections::HashMap;

use crate::ast::*;

/// zlib-style CRC-32 of `data`, continuing from `prev` (0 to start).
pub fn crc32(data: &[u8], prev: u32) -> u32 {
    let mut h = crc32fast::Hasher::new_with_initial(prev);
    h.update(data);
    h.finalize()
}

/// A user-defined type, as referenced by `vl_api_<name>_t` in field types.
#[derive(Debug, Clone, PartialEq)]
pub enum UserType {
    /// `typedef name { ... };`
    Typedef(Typedef),
    /// `typedef <type> name;`
    Alias(Alias),
    /// `enum` / `enumflag`
    Enum(Enum),
    /// `union`
    Union(Union),
}

impl UserType {
    /// The type's name (without `vl_api_` / `_t`).
    pub fn name(&self) -> &str {
        match self {
            UserType::Typedef(t) => &t.name,
            UserType::Alias(t) => &t.name,
            UserType::Enum(t) => &t.name,
            UserType::Union(t) => &t.name,
        }
    }

    /// The text this type contributes to CRCs.
    pub fn crc_text(&self) -> String {
        match self {
            UserType::Typedef(t) => items_text(&t.items),
            UserType::Union(u) => items_text(&u.items),
            // vppapigen hashes an alias as its (always empty) body.
            UserType::Alias(_) => "[]".to_string(),
            UserType::Enum(e) => enum_text(e),
        }
    }
}

/// All user types visible from a file (its own and those of its imports),
/// keyed by the spelling used in field types: `vl_api_<name>_t`.
pub type TypeRegistry = HashMap<String, UserType>;

/// Collect the user types of `file` and, recursively, of its imports.
pub fn registry(file: &ApiFile) -> TypeRegistry {
    let mut reg = TypeRegistry::new();
    fn walk(f: &ApiFile, reg: &mut TypeRegistry) {
        for s in &f.stmts {
            let t = match s {
                Stmt::Import(i) => {
                    walk(&i.file, reg);
                    continue;
                }
                Stmt::Typedef(t) => UserType::Typedef(t.clone()),
                Stmt::Alias(t) => UserType::Alias(t.clone()),
                Stmt::Enum(t) => UserType::Enum(t.clone()),
                Stmt::Union(t) => UserType::Union(t.clone()),
                _ => continue,
            };
            reg.insert(format!("vl_api_{}_t", t.name()), t);
        }
    }
    walk(file, &mut reg);
    reg
}

/// Python `repr` of an identifier-like string.
fn py_str(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
    }
}

/// Canonical text of one field.
pub fn field_text(f: &Field) -> String {
    match &f.shape {
        FieldShape::Scalar => format!("[{}, {}]", py_str(&f.ty), py_str(&f.name)),
        FieldShape::Array(n) => format!("[{}, {}, {n}, None]", py_str(&f.ty), py_str(&f.name)),
        FieldShape::Vla(len) => format!("[{}, {}, 0, {}]", py_str(&f.ty), py_str(&f.name), py_str(len)),
    }
}

/// Canonical text of a message's field list.
pub fn fields_text(fields: &[Field]) -> String {
    let parts: Vec<String> = fields.iter().map(field_text).collect();
    format!("[{}]", parts.join(", "))
}

/// Canonical text of a typedef/union body (options appear as bare names).
pub fn items_text(items: &[Item]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|i| match i {
            Item::Field(f) => field_text(f),
            Item::Option(name, _) => name.clone(),
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Canonical text of an enum: members except `backwards_compatible` ones.
pub fn enum_text(e: &Enum) -> String {
    let parts: Vec<String> = e
        .members
        .iter()
        .filter(|m| !m.is_backwards_compatible())
        .map(|m| format!("[{}, {}]", py_str(&m.name), m.value))
        .collect();
    format!("[{}]", parts.join(", "))
}

/// Continue `crc` over the types referenced by `items`. Returns `None` where
/// vppapigen's walk is cut short (an `option` inside a nested body), in which
/// case the caller keeps its value from before the walk.
fn fold_items<'a>(
    items: impl Iterator<Item = Option<&'a Field>>,
    mut crc: u32,
    reg: &TypeRegistry,
) -> Option<u32> {
    for item in items {
        let f = item?;
        if !f.ty.starts_with("vl_api_") {
            continue;
        }
        let Some(t) = reg.get(&f.ty) else { continue };
        crc = crc32(t.crc_text().as_bytes(), crc);
        let nested = match t {
            UserType::Typedef(t) => fold_items(t.items.iter().map(item_field), crc, reg),
            UserType::Union(u) => fold_items(u.items.iter().map(item_field), crc, reg),
            UserType::Alias(_) => Some(crc),
            // An enum body is not a field list; vppapigen's walk stops there.
            UserType::Enum(e) if e.members.is_empty() => Some(crc),
            UserType::Enum(_) => None,
        };
        if let Some(c) = nested {
            crc = c;
        }
    }
    Some(crc)
}

fn item_field(i: &Item) -> Option<&Field> {
    match i {
        Item::Field(f) => Some(f),
        Item::Option(..) => None,
    }
}

/// CRC of a message with the given fields (options already removed).
pub fn message_crc(fields: &[Field], reg: &TypeRegistry) -> u32 {
    let start = crc32(fields_text(fields).as_bytes(), 0);
    fold_items(fields.iter().map(Some), start, reg).unwrap_or(start)
}

/// The text a top-level statement contributes to the module CRC, if any.
pub fn stmt_crc_text(s: &Stmt) -> Option<String> {
    match s {
        Stmt::Define(d) => Some(fields_text(&d.fields)),
        Stmt::Typedef(t) => Some(items_text(&t.items)),
        Stmt::Union(u) => Some(items_text(&u.items)),
        Stmt::Alias(_) => Some("[]".to_string()),
        Stmt::Enum(e) => Some(enum_text(e)),
        Stmt::Option(name, _) => Some(name.clone()),
        Stmt::Import(_) | Stmt::Service(_) | Stmt::Counters(_) | Stmt::Paths(_) => None,
    }
}

/// Fold the module CRC over a statement sequence.
pub fn fold_stmts<'a>(stmts: impl IntoIterator<Item = &'a Stmt>) -> u32 {
    stmts.into_iter().fold(0, |crc, s| match stmt_crc_text(s) {
        Some(t) => crc32(t.as_bytes(), crc),
        None => crc,
    })
}

/// The statements vppapigen's JSON backend sees: the file's own statements
/// with each import expanded in place into the imported file's type
/// definitions (and nested imports).
pub fn expand_imports(file: &ApiFile) -> Vec<&Stmt> {
    fn walk<'a>(stmts: &'a [Stmt], in_import: bool, out: &mut Vec<&'a Stmt>) {
        for s in stmts {
            match s {
                Stmt::Import(i) => {
                    out.push(s);
                    walk(&i.file.stmts, true, out);
                }
                Stmt::Enum(_) | Stmt::Typedef(_) | Stmt::Union(_) | Stmt::Alias(_) => out.push(s),
                _ if !in_import => out.push(s),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&file.stmts, false, &mut out);
    out
}

/// Module CRC as used by the C backend and VPP's message-id range name
/// (`<module>_<crc:08x>`): imports do not contribute.
pub fn file_crc(file: &ApiFile) -> u32 {
    fold_stmts(&file.stmts)
}

/// Module CRC as written to `vl_api_version` in `.api.json`: imported type
/// definitions contribute too.
pub fn json_file_crc(file: &ApiFile) -> u32 {
    fold_stmts(expand_imports(file))
}
