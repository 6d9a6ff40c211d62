//! Tokenizer for the `.api` language.

use super::ParseError;
use crate::ast::Loc;

/// Token kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// Identifier or keyword (keywords are recognised by the parser).
    Ident(String),
    /// Integer literal (decimal, negative decimal or `0x` hex).
    Int(i64),
    /// Decimal literal with a dot.
    Float(f64),
    /// String literal with the quotes removed.
    Str(String),
    /// One of `: { } [ ] ; = . ,`.
    Punct(char),
    /// A `/* */` or `//` comment, verbatim; `end_line` is its last line.
    Comment {
        /// Comment text including the delimiters.
        text: String,
        /// Line on which the comment ends.
        end_line: usize,
    },
    /// End of input.
    Eof,
}

impl Tok {
    /// Human-readable description for error messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("`{s}`"),
            Tok::Int(v) => format!("number `{v}`"),
            Tok::Float(v) => format!("number `{v}`"),
            Tok::Str(s) => format!("string \"{s}\""),
            Tok::Punct(c) => format!("`{c}`"),
            Tok::Comment { .. } => "comment".to_string(),
            Tok::Eof => "end of file".to_string(),
        }
    }
}

/// A token with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What was read.
    pub tok: Tok,
    /// Where it starts.
    pub loc: Loc,
}

/// Split `src` into tokens (comments included, whitespace dropped).
pub fn tokenize(file: &str, src: &str) -> Result<Vec<Token>, ParseError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let loc_at = |line: usize, line_start: usize, i: usize| Loc {
        file: file.to_string(),
        line,
        col: i - line_start + 1,
    };
    while i < chars.len() {
        let c = chars[i];
        let loc = loc_at(line, line_start, i);
        if c == '\n' {
            line += 1;
            i += 1;
            line_start = i;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('*') {
            let start = i;
            i += 2;
            loop {
                if i + 1 >= chars.len() {
                    return Err(ParseError::new(loc, "unterminated `/*` comment"));
                }
                if chars[i] == '*' && chars[i + 1] == '/' {
                    i += 2;
                    break;
                }
                if chars[i] == '\n' {
                    line += 1;
                    line_start = i + 1;
                }
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token { tok: Tok::Comment { text, end_line: line }, loc });
            continue;
        }
        if c == '/' && next == Some('/') {
            let start = i;
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token { tok: Tok::Comment { text, end_line: line }, loc });
            continue;
        }
        if c == '"' {
            let start = i + 1;
            i += 1;
            loop {
                match chars.get(i) {
                    None | Some('\n') => return Err(ParseError::new(loc, "unterminated string literal")),
                    Some('\\') => i += 2,
                    Some('"') => break,
                    Some(_) => i += 1,
                }
            }
            let text: String = chars[start..i.min(chars.len())].iter().collect();
            i += 1;
            out.push(Token { tok: Tok::Str(text.replace('"', "")), loc });
            continue;
        }
        let is_digit = |o: Option<char>| o.is_some_and(|d| d.is_ascii_digit());
        if c.is_ascii_digit() || (c == '-' && is_digit(next)) {
            let start = i;
            if c == '0' && matches!(next, Some('x') | Some('X')) {
                i += 2;
                while i < chars.len() && chars[i].is_ascii_hexdigit() {
                    i += 1;
                }
                let digits: String = chars[start + 2..i].iter().collect();
                let v = u64::from_str_radix(&digits, 16)
                    .map_err(|_| ParseError::new(loc.clone(), "invalid hex literal"))?;
                out.push(Token { tok: Tok::Int(v as i64), loc });
                continue;
            }
            i += 1;
            while is_digit(chars.get(i).copied()) {
                i += 1;
            }
            let mut float = false;
            if chars.get(i) == Some(&'.') {
                float = true;
                i += 1;
                while is_digit(chars.get(i).copied()) {
                    i += 1;
                }
            }
            let text: String = chars[start..i].iter().collect();
            let tok = if float {
                Tok::Float(text.parse().map_err(|_| ParseError::new(loc.clone(), "invalid number"))?)
            } else {
                Tok::Int(
                    text.parse().map_err(|_| ParseError::new(loc.clone(), "integer literal out of range"))?,
                )
            };
            out.push(Token { tok, loc });
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(Token { tok: Tok::Ident(chars[start..i].iter().collect()), loc });
            continue;
        }
        if ":{}[];=.,".contains(c) {
            out.push(Token { tok: Tok::Punct(c), loc });
            i += 1;
            continue;
        }
        return Err(ParseError::new(loc, format!("illegal character {c:?} (U+{:04X})", c as u32)));
    }
    out.push(Token { tok: Tok::Eof, loc: loc_at(line, line_start, i) });
    Ok(out)
}
