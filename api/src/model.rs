//! The processed view of a parsed file that the backends (JSON, Rust) use:
//! messages with their CRCs (autoreply replies added), services (explicit
//! and implicit), and types (the imported ones included).

use std::collections::HashMap;
use std::fmt;

use crate::ast::*;
use crate::crc::{self, TypeRegistry, UserType};

/// A message ready for output.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The definition (for autoreply replies: a synthesized one).
    pub def: Define,
    /// Folded message CRC.
    pub crc: u32,
}

impl Message {
    /// Message name.
    pub fn name(&self) -> &str {
        &self.def.name
    }

    /// `<name>_<crc as 8 hex digits>`, the key of VPP's message table.
    pub fn name_crc(&self) -> String {
        format!("{}_{:08x}", self.def.name, self.crc)
    }
}

/// Inconsistencies between messages and services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

/// A processed `.api` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Module name (`lcp` for `lcp.api`).
    pub name: String,
    /// User types in vppapigen's order: imported ones where the import
    /// statement is, then the file's own.
    pub types: Vec<UserType>,
    /// Messages in source order; an autoreply reply follows its request.
    pub messages: Vec<Message>,
    /// Services: explicit ones first, then implicit ones in message order.
    pub services: Vec<Service>,
    /// File-level options.
    pub options: Options,
    /// Imported file names (nested imports included), in visiting order.
    pub imports: Vec<String>,
    /// Counter sets.
    pub counters: Vec<Counters>,
    /// Stats path blocks.
    pub paths: Vec<Vec<PathEntry>>,
    /// Module CRC without imports (message-id range name, C backend).
    pub file_crc: u32,
    /// Module CRC with imported types (`vl_api_version` in `.api.json`).
    pub json_crc: u32,
    /// All visible user types by `vl_api_<name>_t`.
    pub registry: TypeRegistry,
}

impl Module {
    /// Process a parsed file.
    pub fn build(file: &ApiFile) -> Result<Module, ModelError> {
        let registry = crc::registry(file);
        let objs = crc::expand_imports(file);
        let mut m = Module {
            name: file.module_name(),
            types: Vec::new(),
            messages: Vec::new(),
            services: Vec::new(),
            options: Options::default(),
            imports: Vec::new(),
            counters: Vec::new(),
            paths: Vec::new(),
            file_crc: crc::file_crc(file),
            json_crc: crc::fold_stmts(objs.iter().copied()),
            registry,
        };
        for s in objs {
            match s {
                Stmt::Define(d) => {
                    m.push_message(d.clone());
                    if d.has_flag("autoreply") {
                        let reply = Define {
                            name: format!("{}_reply", d.name),
                            flags: Vec::new(),
                            fields: vec![
                                simple_field("u32", "context", &d.loc),
                                simple_field("i32", "retval", &d.loc),
                            ],
                            options: d.options.clone(),
                            comment: None,
                            loc: d.loc.clone(),
                        };
                        m.push_message(reply);
                    }
                }
                Stmt::Typedef(t) => m.types.push(UserType::Typedef(t.clone())),
                Stmt::Alias(t) => m.types.push(UserType::Alias(t.clone())),
                Stmt::Enum(t) => m.types.push(UserType::Enum(t.clone())),
                Stmt::Union(t) => m.types.push(UserType::Union(t.clone())),
                Stmt::Option(n, v) => m.options.insert(n.clone(), v.clone()),
                Stmt::Import(i) => m.imports.push(i.path.clone()),
                Stmt::Service(v) => m.services.extend(v.iter().cloned()),
                Stmt::Counters(c) => m.counters.push(c.clone()),
                Stmt::Paths(p) => m.paths.push(p.clone()),
            }
        }
        m.add_implicit_services()?;
        Ok(m)
    }

    fn push_message(&mut self, def: Define) {
        let crc = crc::message_crc(&def.fields, &self.registry);
        self.messages.push(Message { def, crc });
    }

    /// Look up a message by name.
    pub fn message(&self, name: &str) -> Option<&Message> {
        self.messages.iter().rev().find(|m| m.def.name == name)
    }

    /// The service whose request is `name`, if any.
    pub fn service_for(&self, name: &str) -> Option<&Service> {
        self.services.iter().rev().find(|s| s.caller == name)
    }

    /// Validate explicit services and derive the implicit ones the way
    /// vppapigen does (`X`/`X_reply`, `X_dump`/`X_details`).
    fn add_implicit_services(&mut self) -> Result<(), ModelError> {
        let mut msgs: Vec<&str> = Vec::new();
        for m in &self.messages {
            if !msgs.contains(&m.name()) {
                msgs.push(m.name());
            }
        }
        let has = |n: &str| msgs.contains(&n);
        let svcs: HashMap<&str, &Service> = self.services.iter().map(|s| (s.caller.as_str(), s)).collect();
        let replies: Vec<&str> = self.services.iter().map(|s| s.reply.as_str()).collect();
        let mut events: Vec<&str> = Vec::new();
        for s in svcs.values() {
            if !has(&s.caller) {
                return Err(ModelError(format!("service refers to unknown message `{}`", s.caller)));
            }
            if s.reply != "null" && !has(&s.reply) {
                return Err(ModelError(format!(
                    "service `{}` refers to unknown reply `{}`",
                    s.caller, s.reply
                )));
            }
            if replies.contains(&s.caller.as_str()) {
                return Err(ModelError(format!("service request `{}` is also used as a reply", s.caller)));
            }
            for e in &s.events {
                if !has(e) {
                    return Err(ModelError(format!("service `{}` refers to unknown event `{e}`", s.caller)));
                }
                events.push(e);
            }
        }
        let mut implicit = Vec::new();
        for &d in &msgs {
            if events.contains(&d) {
                continue;
            }
            if let Some(base) = d.strip_suffix("_reply") {
                if svcs.contains_key(base) {
                    continue;
                }
                if !has(base) {
                    return Err(ModelError(format!("`{d}` has no request message `{base}`")));
                }
                continue;
            }
            if let Some(base) = d.strip_suffix("_dump") {
                if svcs.contains_key(d) {
                    continue;
                }
                let details = format!("{base}_details");
                if has(&details) {
                    implicit.push(Service {
                        caller: d.to_string(),
                        reply: details,
                        stream: true,
                        stream_msg: None,
                        events: Vec::new(),
                    });
                    continue;
                }
                return Err(ModelError(format!("`{d}` has no details message `{details}`")));
            }
            if let Some(base) = d.strip_suffix("_details") {
                let get = format!("{base}_get");
                if has(&get) {
                    if svcs.contains_key(get.as_str()) {
                        continue;
                    }
                    return Err(ModelError(format!("`{get}` should be in a stream service")));
                }
                if has(&format!("{base}_dump")) {
                    continue;
                }
                return Err(ModelError(format!("`{d}` has no dump or get message")));
            }
            if svcs.contains_key(d) {
                continue;
            }
            let reply = format!("{d}_reply");
            if has(&reply) {
                implicit.push(Service {
                    caller: d.to_string(),
                    reply,
                    stream: false,
                    stream_msg: None,
                    events: Vec::new(),
                });
            } else {
                return Err(ModelError(format!(
                    "`{d}` has no reply message `{reply}` and no service definition"
                )));
            }
        }
        self.services.extend(implicit);
        Ok(())
    }
}

fn simple_field(ty: &str, name: &str, loc: &Loc) -> Field {
    Field {
        ty: ty.to_string(),
        name: name.to_string(),
        shape: FieldShape::Scalar,
        options: Options::default(),
        loc: loc.clone(),
    }
}
