//! Syntax tree of a parsed `.api` file.
//!
//! The tree keeps statements in source order because the module CRC is a
//! fold over them in that order. Imported files are parsed eagerly and hang
//! off their [`Import`] statement.

use std::fmt;
use std::path::PathBuf;

/// A position in a source file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loc {
    /// File name as given to the parser.
    pub file: String,
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number (in characters), starting at 1.
    pub col: usize,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.col)
    }
}

/// The value of an `option` statement or a field/enum-member option.
#[derive(Debug, Clone, PartialEq)]
pub enum OptValue {
    /// No value (`option deprecated;`, `[backwards_compatible]`).
    Null,
    /// An integer literal (hex literals are already converted).
    Int(i64),
    /// A decimal literal with a fractional part.
    Float(f64),
    /// A string literal, or a bare identifier used as a value.
    ///
    /// Note that vppapigen turns `true` into the string `"true"` (its lexer
    /// never produces a TRUE token); we keep that behaviour for JSON output.
    Str(String),
    /// `false`.
    Bool(bool),
}

/// An ordered list of `name = value` options (later duplicates replace the
/// value but keep the first position, like a Python dict).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options(pub Vec<(String, OptValue)>);

impl Options {
    /// Insert or replace an option.
    pub fn insert(&mut self, name: String, value: OptValue) {
        if let Some(slot) = self.0.iter_mut().find(|(n, _)| *n == name) {
            slot.1 = value;
        } else {
            self.0.push((name, value));
        }
    }

    /// Look up an option by name.
    pub fn get(&self, name: &str) -> Option<&OptValue> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// True if the option is present (with or without a value).
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// True if there are no options.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// How a field is dimensioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldShape {
    /// A single value: `u32 x;`.
    Scalar,
    /// A fixed-size array: `u8 mac[6];`, `string name[64];`. A size of zero
    /// (`u8 data[0];`, `string s[];`) means "open ended".
    Array(u64),
    /// A variable-length array whose element count is in another field:
    /// `u16 list[count];`.
    Vla(String),
}

/// One field declaration inside a define, typedef or union.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Type as written: a builtin (`u32`, `string`, ...) or `vl_api_<name>_t`.
    pub ty: String,
    /// Field name.
    pub name: String,
    /// Scalar, array or VLA.
    pub shape: FieldShape,
    /// Options in brackets after the name, e.g. `[default=1]`.
    pub options: Options,
    /// Where the field was declared.
    pub loc: Loc,
}

impl Field {
    /// True for `string x[]` / `string x[0]`: a length-prefixed string.
    pub fn is_vla_string(&self) -> bool {
        self.ty == "string" && self.shape == FieldShape::Array(0)
    }
}

/// An entry in a typedef/union body: vppapigen keeps `option` lines there
/// and they show up in the CRC text.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A field declaration.
    Field(Field),
    /// An `option name [= value];` inside the body.
    Option(String, OptValue),
}

/// `[flags] define name { ... };` — a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Define {
    /// Message name.
    pub name: String,
    /// Flags written before `define` (`autoreply`, `autoendian`, ...).
    pub flags: Vec<String>,
    /// Fields in order (options removed).
    pub fields: Vec<Field>,
    /// Options declared inside the message body.
    pub options: Options,
    /// Comment immediately preceding the definition, verbatim.
    pub comment: Option<String>,
    /// Where the definition starts.
    pub loc: Loc,
}

impl Define {
    /// True if the definition carries the given flag.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// `typedef name { ... };` — a struct type.
#[derive(Debug, Clone, PartialEq)]
pub struct Typedef {
    /// Type name (without `vl_api_` / `_t`).
    pub name: String,
    /// Flags written before `typedef`.
    pub flags: Vec<String>,
    /// Body in order, options included.
    pub items: Vec<Item>,
    /// Comment immediately preceding the definition.
    pub comment: Option<String>,
    /// Where the definition starts.
    pub loc: Loc,
}

/// `union name { ... };`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// Type name.
    pub name: String,
    /// Flags written before `union`.
    pub flags: Vec<String>,
    /// Body in order, options included.
    pub items: Vec<Item>,
    /// Where the definition starts.
    pub loc: Loc,
}

/// Iterate over the fields of a typedef/union body, skipping options.
pub fn item_fields(items: &[Item]) -> impl Iterator<Item = &Field> {
    items.iter().filter_map(|i| match i {
        Item::Field(f) => Some(f),
        Item::Option(..) => None,
    })
}

/// `typedef u32 name;` or `typedef u8 name[6];` — a type alias.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Alias name.
    pub name: String,
    /// Flags written before `typedef`.
    pub flags: Vec<String>,
    /// Aliased type and shape; `target.name` is the alias name.
    pub target: Field,
    /// Where the definition starts.
    pub loc: Loc,
}

/// One member of an enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// Member name.
    pub name: String,
    /// Resolved value (implicit values continue from the previous one).
    pub value: i64,
    /// Options in brackets, e.g. `[backwards_compatible]`.
    pub options: Options,
}

impl EnumMember {
    /// Members tagged `backwards_compatible` are left out of the CRC.
    pub fn is_backwards_compatible(&self) -> bool {
        self.options.contains("backwards_compatible")
    }
}

/// `enum name [: type] { ... };` or `enumflag ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Enum name.
    pub name: String,
    /// Storage type (`u32` unless declared).
    pub enumtype: String,
    /// True for `enumflag`.
    pub is_flag: bool,
    /// Members in declaration order.
    pub members: Vec<EnumMember>,
    /// Where the definition starts.
    pub loc: Loc,
}

/// One `rpc` line of a `service` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    /// Request message.
    pub caller: String,
    /// Reply message, or `null`.
    pub reply: String,
    /// True for streaming services.
    pub stream: bool,
    /// The streamed details message (`returns X stream Y`).
    pub stream_msg: Option<String>,
    /// Event messages (`returns X events a, b`).
    pub events: Vec<String>,
}

/// `counters name { elem { key value; ... }; ... };`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counters {
    /// Counter set name.
    pub name: String,
    /// Elements, each an ordered list of `(key, value)` starting with `name`.
    pub elements: Vec<Vec<(String, String)>>,
}

/// One `"path" "counter";` line of a `paths` block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathEntry {
    /// Stats path.
    pub path: String,
    /// Counter set name.
    pub counter: String,
}

/// `import "file";` with the parsed file attached.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// Path as written in the import statement.
    pub path: String,
    /// The parsed imported file.
    pub file: Box<ApiFile>,
}

/// A top-level statement.
#[derive(Debug, Clone, PartialEq)]
pub enum Stmt {
    /// A message.
    Define(Define),
    /// A struct type.
    Typedef(Typedef),
    /// A type alias.
    Alias(Alias),
    /// An enum or enumflag.
    Enum(Enum),
    /// A union.
    Union(Union),
    /// A file-level `option name = value;`.
    Option(String, OptValue),
    /// An import (resolved).
    Import(Import),
    /// A `service { ... };` block.
    Service(Vec<Service>),
    /// A `counters` block.
    Counters(Counters),
    /// A `paths` block.
    Paths(Vec<PathEntry>),
}

/// A parsed `.api` file.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiFile {
    /// File name as given to the parser (used in messages and for the module name).
    pub file: String,
    /// Resolved path on disk, if read from disk.
    pub path: Option<PathBuf>,
    /// Top-level statements in source order.
    pub stmts: Vec<Stmt>,
}

impl ApiFile {
    /// Module name: file basename without its last extension, dots replaced
    /// by underscores (`lcp.api` → `lcp`).
    pub fn module_name(&self) -> String {
        let base = self.file.rsplit('/').next().unwrap_or(&self.file);
        let stem = match base.rfind('.') {
            Some(i) if i > 0 => &base[..i],
            _ => base,
        };
        stem.replace('.', "_")
    }
}
