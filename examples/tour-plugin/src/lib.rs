//! A tour of the framework's registrations, loaded into VPP by the tests:
//!
//! - `rust-tour { greeting <word> interval <seconds> }` in startup.conf
//!   ([`tour_config`]), with an error naming the offending line otherwise;
//! - an init and a main-loop-enter function;
//! - `show rust-tour` and `rust-tour poke` CLI commands;
//! - `rust-tour-process`, a process node that wakes every `interval` and on
//!   every poke;
//! - `rust-tour-drop`, a feature node that drops every packet with a counter;
//! - `tour nbr|addr|ip6-link|admin-down|hw-mac|hw-mtu ...` commands over
//!   `vpp::neighbor` and the interface L3 changes ([`l3`]).
// The only unsafe code here is what the vpp macros generate; clippy does
// not lint expansions of another crate's proc macros, and their SAFETY
// comments are in vpp-node-macros. Unsafe written here must say why it holds.
#![deny(clippy::undocumented_unsafe_blocks)]

use std::sync::Mutex;

pub mod l3;

vpp::plugin! {
    description = "Rust example: init, config, CLI, process and drop nodes",
}

/// Settings and what happened so far.
#[derive(Debug, Clone)]
pub struct Tour {
    /// From `greeting <word>`.
    pub greeting: String,
    /// From `interval <seconds>` (default 1 s).
    pub interval: f64,
    /// The init function ran.
    pub init_ran: bool,
    /// The main-loop-enter function ran.
    pub main_loop_entered: bool,
    /// Process wake-ups on timeout.
    pub ticks: u64,
    /// Process wake-ups by `rust-tour poke`.
    pub pokes: u64,
}

/// The plugin's state.
pub static TOUR: Mutex<Tour> = Mutex::new(Tour {
    greeting: String::new(),
    interval: 1.0,
    init_ran: false,
    main_loop_entered: false,
    ticks: 0,
    pokes: 0,
});

fn tour() -> std::sync::MutexGuard<'static, Tour> {
    TOUR.lock().unwrap_or_else(|e| e.into_inner())
}

/// A config error and the word it is about.
#[derive(Debug, PartialEq)]
pub struct ConfigError {
    /// The offending word (to find its line in startup.conf).
    pub token: String,
    /// What was expected.
    pub msg: String,
}

/// Parse the stanza's words: `greeting <word>`, `interval <seconds>`.
pub fn parse_config(text: &str) -> Result<(Option<String>, Option<f64>), ConfigError> {
    let err = |token: &str, msg: String| ConfigError { token: token.into(), msg };
    let (mut greeting, mut interval) = (None, None);
    let mut w = text.split_whitespace();
    while let Some(key) = w.next() {
        let val = w.next().ok_or_else(|| err(key, format!("`{key}` needs a value")))?;
        match key {
            "greeting" => greeting = Some(val.to_string()),
            "interval" => match val.parse::<f64>() {
                Ok(v) if v > 0.0 && v.is_finite() => interval = Some(v),
                _ => return Err(err(val, format!("interval `{val}` is not a positive number"))),
            },
            _ => return Err(err(key, format!("unknown option `{key}` (expected greeting, interval)"))),
        }
    }
    Ok((greeting, interval))
}

/// `rust-tour { ... }` in startup.conf; errors name the file and line.
#[vpp::config(name = "rust-tour")]
pub fn tour_config(_vm: &vpp::Vm, input: &mut vpp::Input) -> vpp::Result<()> {
    let (greeting, interval) = parse_config(input.take_rest()).map_err(|e| {
        let at =
            vpp::config::source_location("rust-tour", &e.token).unwrap_or_else(|| "startup config".into());
        vpp::Error::new(format!("{at}: rust-tour: {}", e.msg))
    })?;
    let mut t = tour();
    if let Some(g) = greeting {
        t.greeting = g;
    }
    if let Some(i) = interval {
        t.interval = i;
    }
    Ok(())
}

#[vpp::init(runs_after = ["vnet_feature_init"])]
fn tour_init(_vm: &vpp::Vm) -> vpp::Result<()> {
    tour().init_ran = true;
    Ok(())
}

#[vpp::init(kind = main_loop_enter)]
fn tour_main_loop_enter(_vm: &vpp::Vm) -> vpp::Result<()> {
    tour().main_loop_entered = true;
    Ok(())
}

#[vpp::cli(path = "show rust-tour", short_help = "show rust-tour")]
fn show_tour(_vm: &vpp::Vm, _input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let t = tour().clone();
    out.line(&format!("greeting {} interval {}", t.greeting, t.interval));
    out.line(&format!(
        "init {} main-loop {} ticks {} pokes {}",
        t.init_ran, t.main_loop_entered, t.ticks, t.pokes
    ));
    Ok(())
}

mod fib;

/// Event type of a poke.
const POKE: u64 = 1;

#[vpp::cli(path = "rust-tour poke", short_help = "rust-tour poke [<n>]")]
fn poke(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let n: u64 = match input.next_token() {
        Some(t) => t.parse().map_err(|_| vpp::Error::new(format!("expected a count, got `{t}`")))?,
        None => 1,
    };
    TOUR_PROCESS_NODE.signal(mt, POKE, n)?;
    out.line(&format!("poked {n}"));
    Ok(())
}

#[vpp::node(name = "rust-tour-process", kind = process, stack_log2 = 17)]
fn tour_process(p: &mut vpp::process::Process) -> usize {
    loop {
        let interval = tour().interval;
        match p.wait_for_event_or_clock(interval) {
            Ok(Some(ev)) if ev.kind == POKE => tour().pokes += ev.data.iter().sum::<u64>(),
            Ok(Some(_)) => {}
            Ok(None) => tour().ticks += 1,
            Err(_) => return 0,
        }
    }
}

/// Next nodes of the drop node.
#[derive(Clone, Copy, vpp::NextNodes)]
pub enum DropNext {
    /// Count and free.
    #[next("error-drop")]
    Drop,
}

/// Counters of the drop node.
#[derive(Clone, Copy, vpp::ErrorCounters)]
pub enum DropErrors {
    /// Every packet.
    #[counter("dropped by rust-tour-drop")]
    Dropped,
}

/// Drop everything, with a reason `show errors` prints.
#[vpp::node(name = "rust-tour-drop", next = DropNext, errors = DropErrors)]
#[vpp::feature(arc = "ip4-unicast", runs_before = ["ip4-lookup"])]
pub fn tour_drop(node: &mut vpp::Node<DropNext, DropErrors>, frame: vpp::Frame) -> usize {
    node.for_each_buffer(frame, |node, b| {
        node.set_drop_reason(b, DropErrors::Dropped);
        DropNext::Drop.into()
    })
}

// Unit tests of this crate link VPP's symbols from the test-vpp stand-in.
#[cfg(test)]
#[used]
static _LINK_STANDIN: fn() = test_vpp::standin::symbols::link;

#[cfg(test)]
mod tests {
    use super::parse_config;

    #[test]
    fn config_words() {
        assert_eq!(parse_config("greeting hi\ninterval 0.5\n"), Ok((Some("hi".into()), Some(0.5))));
        assert_eq!(parse_config(""), Ok((None, None)));
        let e = parse_config("greeting hi colour red").unwrap_err();
        assert_eq!(
            (e.token.as_str(), e.msg.as_str()),
            ("colour", "unknown option `colour` (expected greeting, interval)")
        );
        assert_eq!(parse_config("interval -1").unwrap_err().msg, "interval `-1` is not a positive number");
        assert_eq!(parse_config("greeting").unwrap_err().msg, "`greeting` needs a value");
    }

    #[test]
    fn locate_lines() {
        let conf = "unix { nodaemon }\nrust-tour {\n  greeting hi\n  colour red\n}\nother { colour x }\n";
        assert_eq!(vpp::config::locate_in(conf, "rust-tour", "colour"), Some(4));
        assert_eq!(vpp::config::locate_in(conf, "rust-tour", "greeting"), Some(3));
        assert_eq!(vpp::config::locate_in(conf, "rust-tour", "nodaemon"), None);
        assert_eq!(vpp::config::locate_in("rust-tour { colour red }", "rust-tour", "colour"), Some(1));
    }
}
