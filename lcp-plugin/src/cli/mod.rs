//! CLI commands (reference 5), with the C plugin's syntax, output and error
//! texts.

mod netlink;
mod ownership;
mod pairs;
mod passthrough;
mod settings;
mod show;

/// VPP's error for words a command does not understand: `unknown input
/// `<rest of the line>'`.
fn unknown_input(rest: &str) -> vpp::Error {
    vpp::Error::new(format!("unknown input `{}'", rest.trim()))
}

/// `on|enable` -> true, `off|disable` -> false.
fn on_off(word: &str) -> Option<bool> {
    match word {
        "on" | "enable" => Some(true),
        "off" | "disable" => Some(false),
        _ => None,
    }
}
