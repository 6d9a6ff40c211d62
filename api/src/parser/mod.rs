//! Parser for the `.api` interface definition language.
//!
//! Accepts the language as VPP 26.06's `vppapigen` does (a slightly larger
//! superset: keywords are contextual). Imports are resolved against a list of
//! include directories and parsed recursively; every file is parsed once per
//! session, like vppapigen does.

pub mod lexer;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::ast::*;
use lexer::{tokenize, Tok, Token};

/// A parse (or import resolution) error with its source position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where the problem was found.
    pub loc: Loc,
    /// What went wrong.
    pub message: String,
}

impl ParseError {
    /// Build an error at `loc`.
    pub fn new(loc: Loc, message: impl Into<String>) -> Self {
        ParseError { loc, message: message.into() }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.loc, self.message)
    }
}

impl std::error::Error for ParseError {}

const BUILTIN_TYPES: &[&str] =
    &["u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f64", "bool", "string"];

const DEFINE_FLAGS: &[&str] =
    &["manual_print", "manual_endian", "dont_trace", "typeonly", "autoendian", "autoreply"];

/// Python keywords are rejected as field names by vppapigen (the Python
/// binding could not expose them), so we reject them as well.
const PYTHON_KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
];

/// State shared by a file and everything it imports.
#[derive(Default)]
struct Session {
    include_dirs: Vec<PathBuf>,
    /// Known user types (`vl_api_<name>_t`) → whether they are variable length.
    types: HashMap<String, bool>,
    /// Already parsed imports, by the path written in the import statement.
    imported: HashMap<String, ApiFile>,
    /// Imports currently being parsed (cycle detection).
    stack: Vec<String>,
}

/// Parse a file from disk, resolving imports against `include_dirs`.
pub fn parse_file(path: &Path, include_dirs: &[PathBuf]) -> Result<ApiFile, ParseError> {
    let mut session = Session { include_dirs: include_dirs.to_vec(), ..Default::default() };
    let name = path.display().to_string();
    let src = std::fs::read_to_string(path).map_err(|e| {
        ParseError::new(Loc { file: name.clone(), ..Default::default() }, format!("cannot read file: {e}"))
    })?;
    let mut f = parse_with(&mut session, &name, &src)?;
    f.path = Some(path.to_path_buf());
    Ok(f)
}

/// Parse source text; `name` is used in error positions and for the module name.
pub fn parse_str(name: &str, src: &str, include_dirs: &[PathBuf]) -> Result<ApiFile, ParseError> {
    let mut session = Session { include_dirs: include_dirs.to_vec(), ..Default::default() };
    parse_with(&mut session, name, src)
}

fn parse_with(session: &mut Session, name: &str, src: &str) -> Result<ApiFile, ParseError> {
    let tokens = tokenize(name, src)?;
    let mut p = Parser { s: session, toks: tokens, pos: 0, last_comment: None, block_fields: Vec::new() };
    let stmts = p.parse_all()?;
    Ok(ApiFile { file: name.to_string(), path: None, stmts })
}

struct Parser<'s> {
    s: &'s mut Session,
    toks: Vec<Token>,
    pos: usize,
    /// Most recent top-level comment and the line it ends on.
    last_comment: Option<(String, usize)>,
    /// Names of the fields seen so far in the current block (VLA length check).
    block_fields: Vec<String>,
}

type PResult<T> = Result<T, ParseError>;

impl Parser<'_> {
    // ---- token helpers -------------------------------------------------

    fn skip_comments(&mut self) {
        while let Tok::Comment { .. } = self.toks[self.pos].tok {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> &Token {
        self.skip_comments();
        &self.toks[self.pos]
    }

    fn peek_at(&mut self, n: usize) -> &Tok {
        self.skip_comments();
        let mut i = self.pos;
        let mut left = n;
        loop {
            match &self.toks[i].tok {
                Tok::Comment { .. } => {}
                Tok::Eof => return &self.toks[i].tok,
                _ if left == 0 => return &self.toks[i].tok,
                _ => left -= 1,
            }
            i += 1;
        }
    }

    fn next(&mut self) -> Token {
        self.skip_comments();
        let t = self.toks[self.pos].clone();
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        t
    }

    fn err_expected(&mut self, what: &str) -> ParseError {
        let t = self.peek().clone();
        ParseError::new(t.loc, format!("expected {what}, found {}", t.tok.describe()))
    }

    fn expect_punct(&mut self, c: char) -> PResult<Loc> {
        if self.peek().tok == Tok::Punct(c) {
            Ok(self.next().loc)
        } else {
            Err(self.err_expected(&format!("`{c}`")))
        }
    }

    fn eat_punct(&mut self, c: char) -> bool {
        if self.peek().tok == Tok::Punct(c) {
            self.next();
            true
        } else {
            false
        }
    }

    fn is_kw(&mut self, kw: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if s == kw)
    }

    fn expect_kw(&mut self, kw: &str) -> PResult<Loc> {
        if self.is_kw(kw) {
            Ok(self.next().loc)
        } else {
            Err(self.err_expected(&format!("`{kw}`")))
        }
    }

    fn expect_ident(&mut self, what: &str) -> PResult<(String, Loc)> {
        match self.peek().tok.clone() {
            Tok::Ident(s) => {
                let loc = self.next().loc;
                Ok((s, loc))
            }
            _ => Err(self.err_expected(what)),
        }
    }

    fn expect_str(&mut self, what: &str) -> PResult<String> {
        match self.peek().tok.clone() {
            Tok::Str(s) => {
                self.next();
                Ok(s)
            }
            _ => Err(self.err_expected(what)),
        }
    }

    fn take_comment_for(&mut self, line: usize) -> Option<String> {
        let c = self.last_comment.take();
        match c {
            Some((text, end)) if line <= end + 1 => Some(text),
            _ => None,
        }
    }

    // ---- statements ----------------------------------------------------

    fn parse_all(&mut self) -> PResult<Vec<Stmt>> {
        let mut stmts = Vec::new();
        loop {
            // Top-level comments are remembered so that a definition directly
            // below a comment can carry it into the JSON output.
            while let Tok::Comment { text, end_line } = &self.toks[self.pos].tok {
                self.last_comment = Some((text.clone(), *end_line));
                self.pos += 1;
            }
            if self.toks[self.pos].tok == Tok::Eof {
                break;
            }
            stmts.push(self.parse_stmt()?);
        }
        Ok(stmts)
    }

    fn parse_stmt(&mut self) -> PResult<Stmt> {
        let t = self.peek().clone();
        let word = match &t.tok {
            Tok::Ident(w) => w.clone(),
            _ => return Err(self.err_expected("a statement")),
        };
        match word.as_str() {
            "option" => {
                let (name, value) = self.parse_option()?;
                Ok(Stmt::Option(name, value))
            }
            "import" => self.parse_import(),
            "enum" | "enumflag" => self.parse_enum().map(Stmt::Enum),
            "service" => self.parse_service(),
            "counters" => self.parse_counters(),
            "paths" => self.parse_paths(),
            w if w == "define" || w == "typedef" || w == "union" || DEFINE_FLAGS.contains(&w) => {
                let mut flags = Vec::new();
                while let Tok::Ident(w) = self.peek().tok.clone() {
                    if !DEFINE_FLAGS.contains(&w.as_str()) {
                        break;
                    }
                    self.next();
                    flags.push(w);
                }
                if self.is_kw("define") {
                    self.parse_define(flags)
                } else if self.is_kw("typedef") {
                    self.parse_typedef(flags)
                } else if self.is_kw("union") {
                    self.parse_union(flags).map(Stmt::Union)
                } else {
                    Err(self.err_expected("`define`, `typedef` or `union` after flags"))
                }
            }
            _ => Err(ParseError::new(
                t.loc,
                format!(
                    "expected a statement (define, typedef, enum, enumflag, union, option, \
                     import, service, counters, paths), found {}",
                    t.tok.describe()
                ),
            )),
        }
    }

    fn parse_assignee(&mut self) -> PResult<OptValue> {
        let t = self.next();
        Ok(match t.tok {
            Tok::Int(v) => OptValue::Int(v),
            Tok::Float(v) => OptValue::Float(v),
            Tok::Str(s) => OptValue::Str(s),
            Tok::Ident(s) if s == "false" => OptValue::Bool(false),
            Tok::Ident(s) => OptValue::Str(s),
            other => {
                return Err(ParseError::new(
                    t.loc,
                    format!("expected a value (number, string or identifier), found {}", other.describe()),
                ))
            }
        })
    }

    /// `option name [= value];`
    fn parse_option(&mut self) -> PResult<(String, OptValue)> {
        self.expect_kw("option")?;
        let (name, _) = self.expect_ident("an option name")?;
        let value = if self.eat_punct('=') { self.parse_assignee()? } else { OptValue::Null };
        self.expect_punct(';')?;
        Ok((name, value))
    }

    fn parse_import(&mut self) -> PResult<Stmt> {
        let loc = self.expect_kw("import")?;
        let path = self.expect_str("a quoted file name after `import`")?;
        self.expect_punct(';')?;
        let file = self.resolve_import(&path, &loc)?;
        Ok(Stmt::Import(Import { path, file: Box::new(file) }))
    }

    fn resolve_import(&mut self, path: &str, loc: &Loc) -> PResult<ApiFile> {
        if let Some(f) = self.s.imported.get(path) {
            return Ok(f.clone());
        }
        if self.s.stack.iter().any(|p| p == path) {
            return Err(ParseError::new(
                loc.clone(),
                format!("import cycle: \"{path}\" imports itself (via {:?})", self.s.stack),
            ));
        }
        let found = self.s.include_dirs.iter().map(|d| d.join(path)).find(|p| p.is_file());
        let Some(full) = found else {
            return Err(ParseError::new(
                loc.clone(),
                format!(
                    "cannot find imported file \"{path}\" in include directories {:?}",
                    self.s.include_dirs
                ),
            ));
        };
        let src = std::fs::read_to_string(&full)
            .map_err(|e| ParseError::new(loc.clone(), format!("cannot read {}: {e}", full.display())))?;
        self.s.stack.push(path.to_string());
        let name = full.display().to_string();
        let res = parse_with(self.s, &name, &src);
        self.s.stack.pop();
        let mut file = res?;
        file.path = Some(full);
        self.s.imported.insert(path.to_string(), file.clone());
        Ok(file)
    }

    fn add_type(&mut self, name: &str, loc: &Loc, vla: bool) -> PResult<()> {
        let key = format!("vl_api_{name}_t");
        if self.s.types.contains_key(&key) {
            return Err(ParseError::new(loc.clone(), format!("type `{name}` is already defined")));
        }
        self.s.types.insert(key, vla);
        Ok(())
    }

    fn parse_define(&mut self, flags: Vec<String>) -> PResult<Stmt> {
        let loc = self.expect_kw("define")?;
        if flags.iter().any(|f| f == "typeonly") {
            return Err(ParseError::new(
                loc,
                "legacy `typeonly define`; write `typedef name { ... };` instead",
            ));
        }
        let comment = self.take_comment_for(loc.line);
        let (name, _) = self.expect_ident("a message name after `define`")?;
        let items = self.parse_block(&name)?;
        let mut options = Options::default();
        let mut fields = Vec::new();
        for it in items {
            match it {
                Item::Field(f) => fields.push(f),
                Item::Option(n, v) => options.insert(n, v),
            }
        }
        self.check_vla_last(&name, &fields)?;
        Ok(Stmt::Define(Define { name, flags, fields, options, comment, loc }))
    }

    fn parse_typedef(&mut self, flags: Vec<String>) -> PResult<Stmt> {
        let loc = self.expect_kw("typedef")?;
        if matches!(self.peek().tok, Tok::Ident(_)) && *self.peek_at(1) == Tok::Punct('{') {
            let comment = self.take_comment_for(loc.line);
            let (name, _) = self.expect_ident("a type name")?;
            let items = self.parse_block(&name)?;
            let fields: Vec<Field> = item_fields(&items).cloned().collect();
            let vla = self.check_vla_last(&name, &fields)?;
            self.add_type(&name, &loc, vla)?;
            return Ok(Stmt::Typedef(Typedef { name, flags, items, comment, loc }));
        }
        // `typedef <type> <name>[...];` — an alias.
        self.block_fields.clear();
        let target = self.parse_declaration()?;
        self.add_type(&target.name, &loc, false)?;
        Ok(Stmt::Alias(Alias { name: target.name.clone(), flags, target, loc }))
    }

    fn parse_union(&mut self, flags: Vec<String>) -> PResult<Union> {
        let loc = self.expect_kw("union")?;
        let (name, _) = self.expect_ident("a union name")?;
        let items = self.parse_block(&name)?;
        let fields: Vec<Field> = item_fields(&items).cloned().collect();
        let vla = self.check_vla_last(&name, &fields)?;
        self.add_type(&name, &loc, vla)?;
        Ok(Union { name, flags, items, loc })
    }

    /// `{ declaration | option ... } ;`
    fn parse_block(&mut self, owner: &str) -> PResult<Vec<Item>> {
        self.expect_punct('{')?;
        self.block_fields.clear();
        let mut items = Vec::new();
        loop {
            if self.eat_punct('}') {
                break;
            }
            if self.is_kw("option") {
                let (n, v) = self.parse_option()?;
                items.push(Item::Option(n, v));
                continue;
            }
            if self.peek().tok == Tok::Eof {
                return Err(self.err_expected(&format!("`}}` closing `{owner}`")));
            }
            let f = self.parse_declaration()?;
            self.block_fields.push(f.name.clone());
            items.push(Item::Field(f));
        }
        self.expect_punct(';')?;
        if items.is_empty() {
            return Err(ParseError::new(
                self.toks[self.pos.saturating_sub(1)].loc.clone(),
                format!("`{owner}` has an empty body"),
            ));
        }
        Ok(items)
    }

    /// `type name;`, `type name[N];`, `type name[len];`, `string name[];`,
    /// `type name [opt=val, ...];`
    fn parse_declaration(&mut self) -> PResult<Field> {
        let tloc = self.peek().loc.clone();
        let (ty, _) = self.expect_ident("a field type")?;
        if !BUILTIN_TYPES.contains(&ty.as_str()) && !self.s.types.contains_key(&ty) {
            return Err(ParseError::new(tloc, format!("undefined type `{ty}`")));
        }
        let (name, nloc) = self.expect_ident("a field name")?;
        if PYTHON_KEYWORDS.contains(&name.as_str()) {
            return Err(ParseError::new(
                nloc,
                format!("field name `{name}` is a Python keyword and is not allowed"),
            ));
        }
        let mut shape = FieldShape::Scalar;
        let mut options = Options::default();
        if self.eat_punct('[') {
            match self.peek().tok.clone() {
                Tok::Punct(']') => {
                    if ty != "string" {
                        return Err(ParseError::new(
                            nloc,
                            format!("field `{name}` has no length; only `string` may use `[]`"),
                        ));
                    }
                    shape = FieldShape::Array(0);
                }
                Tok::Int(n) => {
                    self.next();
                    if n < 0 {
                        return Err(ParseError::new(nloc, "negative array length"));
                    }
                    shape = FieldShape::Array(n as u64);
                }
                Tok::Ident(id) if *self.peek_at(1) == Tok::Punct(']') => {
                    let l = self.next().loc;
                    if !self.block_fields.contains(&id) {
                        return Err(ParseError::new(
                            l,
                            format!("missing length field `{id}` for `{ty} {name}[{id}]`"),
                        ));
                    }
                    shape = FieldShape::Vla(id);
                }
                Tok::Ident(_) => loop {
                    let (opt, _) = self.expect_ident("a field option name")?;
                    let v = if self.eat_punct('=') { self.parse_assignee()? } else { OptValue::Null };
                    options.insert(opt, v);
                    self.eat_punct(',');
                    if *self.peek_at(0) == Tok::Punct(']') {
                        break;
                    }
                },
                _ => return Err(self.err_expected("an array length, length field or field option")),
            }
            self.expect_punct(']')?;
        }
        if ty == "string" && shape == FieldShape::Scalar {
            return Err(ParseError::new(
                tloc,
                format!("`string {name}` needs a size: `string {name}[N]` or `string {name}[]`"),
            ));
        }
        self.expect_punct(';')?;
        Ok(Field { ty, name, shape, options, loc: tloc })
    }

    /// A variable-length member must come last; returns whether the block
    /// is variable length.
    fn check_vla_last(&self, owner: &str, fields: &[Field]) -> PResult<bool> {
        let mut vla = false;
        for (i, f) in fields.iter().enumerate() {
            let this = matches!(f.shape, FieldShape::Vla(_))
                || f.is_vla_string()
                || self.s.types.get(&f.ty).copied().unwrap_or(false);
            if this {
                vla = true;
                if i + 1 < fields.len() {
                    return Err(ParseError::new(
                        f.loc.clone(),
                        format!("variable-length field `{}` must be the last field of `{owner}`", f.name),
                    ));
                }
            }
        }
        Ok(vla)
    }

    fn parse_enum(&mut self) -> PResult<Enum> {
        let t = self.next();
        let is_flag = t.tok == Tok::Ident("enumflag".into());
        let loc = t.loc;
        let (name, _) = self.expect_ident("an enum name")?;
        let mut enumtype = "u32".to_string();
        if self.eat_punct(':') {
            let sizes: &[&str] =
                if is_flag { &["u8", "u16", "u32"] } else { &["u8", "u16", "u32", "i8", "i16", "i32"] };
            let tl = self.peek().loc.clone();
            let (ty, _) = self.expect_ident("an enum storage type")?;
            if !sizes.contains(&ty.as_str()) {
                return Err(ParseError::new(
                    tl,
                    format!("expected one of {sizes:?} as storage type of `{name}`, found `{ty}`"),
                ));
            }
            enumtype = ty;
        }
        self.expect_punct('{')?;
        let mut members: Vec<EnumMember> = Vec::new();
        let mut value: i64 = -1;
        let mut seen_bc = false;
        while !self.eat_punct('}') {
            let (id, idloc) = self.expect_ident("an enum member name or `}`")?;
            if self.eat_punct('=') {
                match self.next() {
                    Token { tok: Tok::Int(v), .. } => value = v,
                    t => {
                        return Err(ParseError::new(
                            t.loc,
                            format!("expected an integer value for `{id}`, found {}", t.tok.describe()),
                        ))
                    }
                }
            } else {
                value += 1;
            }
            let mut options = Options::default();
            if self.eat_punct('[') {
                while !self.eat_punct(']') {
                    let (opt, _) = self.expect_ident("an option name")?;
                    let v = if self.eat_punct('=') { self.parse_assignee()? } else { OptValue::Null };
                    options.insert(opt, v);
                    self.eat_punct(',');
                }
            }
            if !self.eat_punct(',') && self.peek().tok != Tok::Punct('}') {
                return Err(self.err_expected("`,` after enum member"));
            }
            let m = EnumMember { name: id, value, options };
            if m.is_backwards_compatible() {
                seen_bc = true;
            } else if seen_bc {
                return Err(ParseError::new(
                    idloc,
                    format!("members tagged backwards_compatible must come last in `{name}`"),
                ));
            }
            if is_flag && (value as u64).count_ones() > 1 {
                return Err(ParseError::new(
                    idloc,
                    format!("`{name}` is an enumflag: member `{}` has more than one bit set", m.name),
                ));
            }
            members.push(m);
        }
        self.expect_punct(';')?;
        self.add_type(&name, &loc, false)?;
        Ok(Enum { name, enumtype, is_flag, members, loc })
    }

    fn parse_service(&mut self) -> PResult<Stmt> {
        self.expect_kw("service")?;
        self.expect_punct('{')?;
        let mut svcs = Vec::new();
        while !self.eat_punct('}') {
            let rloc = self.expect_kw("rpc")?;
            let (caller, _) = self.expect_ident("the request message name")?;
            self.expect_kw("returns")?;
            let mut svc =
                Service { caller, reply: String::new(), stream: false, stream_msg: None, events: Vec::new() };
            if self.is_kw("stream") {
                self.next();
                svc.reply = self.expect_ident("the streamed message name")?.0;
                svc.stream = true;
            } else {
                svc.reply = self.expect_ident("the reply message name or `null`")?.0;
                if self.is_kw("stream") {
                    self.next();
                    svc.stream = true;
                    svc.stream_msg = Some(self.expect_ident("the details message name")?.0);
                } else if self.is_kw("events") {
                    self.next();
                    while !matches!(self.peek().tok, Tok::Punct(';')) {
                        svc.events.push(self.expect_ident("an event message name")?.0);
                        self.eat_punct(',');
                    }
                }
            }
            if svc.caller == svc.reply {
                return Err(ParseError::new(
                    rloc,
                    format!("reply `{}` must differ from the request", svc.reply),
                ));
            }
            self.expect_punct(';')?;
            svcs.push(svc);
        }
        self.expect_punct(';')?;
        Ok(Stmt::Service(svcs))
    }

    fn parse_counters(&mut self) -> PResult<Stmt> {
        self.expect_kw("counters")?;
        let (name, _) = self.expect_ident("a counter set name")?;
        self.expect_punct('{')?;
        let mut elements = Vec::new();
        while !self.eat_punct('}') {
            let (ename, _) = self.expect_ident("a counter name")?;
            self.expect_punct('{')?;
            let mut entries: Vec<(String, String)> = vec![("name".into(), ename)];
            while !self.eat_punct('}') {
                let kloc = self.peek().loc.clone();
                let (key, _) = self.expect_ident("`severity`, `type`, `units` or `description`")?;
                let value = match key.as_str() {
                    "severity" | "type" => self.expect_ident("an identifier")?.0,
                    "units" | "description" => self.expect_str("a string literal")?,
                    _ => {
                        return Err(ParseError::new(
                            kloc,
                            format!("expected `severity`, `type`, `units` or `description`, found `{key}`"),
                        ))
                    }
                };
                self.expect_punct(';')?;
                if let Some(slot) = entries.iter_mut().find(|(k, _)| *k == key) {
                    slot.1 = value;
                } else {
                    entries.push((key, value));
                }
            }
            self.expect_punct(';')?;
            elements.push(entries);
        }
        self.expect_punct(';')?;
        Ok(Stmt::Counters(Counters { name, elements }))
    }

    fn parse_paths(&mut self) -> PResult<Stmt> {
        self.expect_kw("paths")?;
        self.expect_punct('{')?;
        let mut v = Vec::new();
        while !self.eat_punct('}') {
            let path = self.expect_str("a quoted stats path")?;
            let counter = self.expect_str("a quoted counter set name")?;
            self.expect_punct(';')?;
            v.push(PathEntry { path, counter });
        }
        self.expect_punct(';')?;
        Ok(Stmt::Paths(v))
    }
}
