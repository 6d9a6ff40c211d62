//! VPP binary API support: a parser for VPP's `.api` language, CRCs that
//! match `vppapigen`, `.api.json` emission, Rust code generation for message
//! types, the wire runtime the generated code uses, and a client for VPP's
//! API socket.
//!
//! Plugin crates typically call [`codegen::generate_file`] from `build.rs` and
//! `include!` the result; the generated types implement [`wire::Message`].
#![warn(missing_docs)]

pub mod ast;
pub mod client;
pub mod codegen;
pub mod crc;
pub mod generated;
pub mod json;
pub mod model;
pub mod parser;
pub mod wire;
