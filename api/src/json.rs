//! `.api.json` emission, equivalent to vppapigen's JSON backend.
//!
//! The layout (key order, four-space indentation, ASCII-only escapes) follows
//! what vppapigen writes so that the output can be installed in VPP's API
//! directory or pushed into its JSON table unchanged.

use serde_json::{Map, Value};

use crate::ast::*;
use crate::crc::UserType;
use crate::model::Module;

fn opt_value(v: &OptValue) -> Value {
    match v {
        OptValue::Null => Value::Null,
        OptValue::Int(i) => Value::from(*i),
        OptValue::Float(f) => Value::from(*f),
        OptValue::Str(s) => Value::from(s.clone()),
        OptValue::Bool(b) => Value::from(*b),
    }
}

fn options(o: &Options) -> Value {
    let mut m = Map::new();
    for (k, v) in &o.0 {
        m.insert(k.clone(), opt_value(v));
    }
    Value::Object(m)
}

fn field(f: &Field) -> Value {
    let mut v = vec![Value::from(f.ty.clone()), Value::from(f.name.clone())];
    match &f.shape {
        FieldShape::Scalar => {
            if !f.options.is_empty() {
                v.push(options(&f.options));
            }
        }
        FieldShape::Array(n) => v.push(Value::from(*n)),
        FieldShape::Vla(len) => {
            v.push(Value::from(0));
            v.push(Value::from(len.clone()));
        }
    }
    Value::Array(v)
}

fn definition<'a>(name: &str, fields: impl Iterator<Item = &'a Field>, trailer: Map<String, Value>) -> Value {
    let mut v = vec![Value::from(name)];
    v.extend(fields.map(field));
    if !trailer.is_empty() {
        v.push(Value::Object(trailer));
    }
    Value::Array(v)
}

fn enum_value(e: &Enum) -> Value {
    let mut v = vec![Value::from(e.name.clone())];
    for m in &e.members {
        v.push(Value::Array(vec![Value::from(m.name.clone()), Value::from(m.value)]));
    }
    let mut t = Map::new();
    t.insert("enumtype".into(), Value::from(e.enumtype.clone()));
    v.push(Value::Object(t));
    Value::Array(v)
}

/// Build the JSON document for a processed module.
pub fn to_value(m: &Module) -> Value {
    let mut j = Map::new();
    j.insert("module".into(), Value::from(m.name.clone()));

    let mut types = Vec::new();
    let mut unions = Vec::new();
    let mut enums = Vec::new();
    let mut enumflags = Vec::new();
    let mut aliases = Map::new();
    for t in &m.types {
        match t {
            UserType::Typedef(t) => {
                let mut tr = Map::new();
                if let Some(c) = &t.comment {
                    tr.insert("comment".into(), Value::from(c.clone()));
                }
                types.push(definition(&t.name, item_fields(&t.items), tr));
            }
            UserType::Union(u) => unions.push(definition(&u.name, item_fields(&u.items), Map::new())),
            UserType::Enum(e) if e.is_flag => enumflags.push(enum_value(e)),
            UserType::Enum(e) => enums.push(enum_value(e)),
            UserType::Alias(a) => {
                let mut d = Map::new();
                d.insert("type".into(), Value::from(a.target.ty.clone()));
                match a.target.shape {
                    FieldShape::Scalar => {}
                    FieldShape::Array(n) => {
                        d.insert("length".into(), Value::from(n));
                    }
                    FieldShape::Vla(_) => {
                        d.insert("length".into(), Value::from(0));
                    }
                }
                aliases.insert(a.name.clone(), Value::Object(d));
            }
        }
    }

    let msg_id = Field {
        ty: "u16".into(),
        name: "_vl_msg_id".into(),
        shape: FieldShape::Scalar,
        options: Options::default(),
        loc: Loc::default(),
    };
    let messages: Vec<Value> = m
        .messages
        .iter()
        .map(|msg| {
            let mut tr = Map::new();
            if msg.crc != 0 {
                tr.insert("crc".into(), Value::from(format!("0x{:08x}", msg.crc)));
                tr.insert("options".into(), options(&msg.def.options));
            }
            if let Some(c) = &msg.def.comment {
                tr.insert("comment".into(), Value::from(c.clone()));
            }
            definition(&msg.def.name, std::iter::once(&msg_id).chain(msg.def.fields.iter()), tr)
        })
        .collect();

    let mut services = Map::new();
    for s in &m.services {
        let mut d = Map::new();
        d.insert("reply".into(), Value::from(s.reply.clone()));
        if s.stream {
            d.insert("stream".into(), Value::from(true));
        }
        if let Some(sm) = &s.stream_msg {
            d.insert("stream_msg".into(), Value::from(sm.clone()));
        }
        if !s.events.is_empty() {
            d.insert("events".into(), Value::from(s.events.clone()));
        }
        services.insert(s.caller.clone(), Value::Object(d));
    }

    let counters: Vec<Value> = m
        .counters
        .iter()
        .map(|c| {
            let elements: Vec<Value> = c
                .elements
                .iter()
                .map(|e| {
                    let mut d = Map::new();
                    for (k, v) in e {
                        d.insert(k.clone(), Value::from(v.clone()));
                    }
                    Value::Object(d)
                })
                .collect();
            let mut d = Map::new();
            d.insert("name".into(), Value::from(c.name.clone()));
            d.insert("elements".into(), Value::Array(elements));
            Value::Object(d)
        })
        .collect();
    let path_entry = |p: &PathEntry| {
        let mut d = Map::new();
        d.insert("path".into(), Value::from(p.path.clone()));
        d.insert("counter".into(), Value::from(p.counter.clone()));
        Value::Object(d)
    };
    let paths: Vec<Value> = m
        .paths
        .iter()
        .map(|block| {
            // vppapigen keeps a block with a single entry as a bare object.
            if block.len() == 1 {
                path_entry(&block[0])
            } else {
                Value::Array(block.iter().map(path_entry).collect())
            }
        })
        .collect();

    j.insert("types".into(), Value::Array(types));
    j.insert("messages".into(), Value::Array(messages));
    j.insert("unions".into(), Value::Array(unions));
    j.insert("enums".into(), Value::Array(enums));
    j.insert("enumflags".into(), Value::Array(enumflags));
    j.insert("services".into(), Value::Object(services));
    j.insert("options".into(), options(&m.options));
    j.insert("aliases".into(), Value::Object(aliases));
    j.insert("vl_api_version".into(), Value::from(format!("0x{:x}", m.json_crc)));
    j.insert("imports".into(), Value::from(m.imports.clone()));
    j.insert("counters".into(), Value::Array(counters));
    j.insert("paths".into(), Value::Array(paths));
    Value::Object(j)
}

/// Render the module as `.api.json` text (no trailing newline, like
/// vppapigen's `json.dumps`; its file output adds one).
pub fn to_string(m: &Module) -> String {
    let v = to_value(m);
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(&v, &mut ser).expect("serializing a Value cannot fail");
    let s = String::from_utf8(buf).expect("serde_json writes UTF-8");
    ascii_escape(&s)
}

/// Escape everything outside printable ASCII as `\uXXXX`, as Python's
/// `json.dumps` does by default.
fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() && c != '\u{7f}' {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}
