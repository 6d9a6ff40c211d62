//! The Rust linux-cp plugin (skeleton; filled by later issues).
