//! Startup configuration: `linux-cp { ... }` and `linux-nl { ... }`
//! (reference 6.1, 6.2). Parsing is pure (`parse_*`), the registered config
//! functions apply the result and turn errors into `file:line` messages.

mod linux_cp;
mod linux_nl;

pub use linux_cp::{parse_linux_cp, LinuxCpConfig};
pub use linux_nl::{parse_linux_nl, LinuxNlConfig};

/// A config error and the word it is about (to find its line).
#[derive(Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The offending word.
    pub token: String,
    /// What is wrong, naming the option.
    pub msg: String,
}

impl ConfigError {
    fn new(token: &str, msg: impl Into<String>) -> Self {
        ConfigError { token: token.to_string(), msg: msg.into() }
    }

    /// The error as VPP prints it at start-up: `file:line: stanza: message`.
    pub fn into_vpp(self, stanza: &str) -> vpp::Error {
        let at = vpp::config::source_location(stanza, &self.token).unwrap_or_else(|| "startup config".into());
        vpp::Error::new(format!("{at}: {stanza}: {}", self.msg))
    }
}

/// The value after `key`, parsed as a `u32`.
fn u32_value<'a>(key: &str, w: &mut impl Iterator<Item = &'a str>) -> Result<u32, ConfigError> {
    let v = w.next().ok_or_else(|| ConfigError::new(key, format!("`{key}` needs a number")))?;
    parse_u32(v).ok_or_else(|| ConfigError::new(v, format!("`{key}` takes a number, not `{v}`")))
}

/// `%u` or `0x%x`, as VPP's unformat reads numbers.
fn parse_u32(v: &str) -> Option<u32> {
    match v.strip_prefix("0x").or_else(|| v.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => v.parse().ok(),
    }
}
