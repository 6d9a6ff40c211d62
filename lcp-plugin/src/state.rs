//! Global linux-cp settings (`lcp_main_t` in the C plugin).

use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::Mutex;

/// `LCP_NS_LEN`: namespace names are shorter than this.
pub const NS_LEN: usize = 32;

/// The plugin's global settings.
#[derive(Debug)]
pub struct Settings {
    /// Default network namespace for new host interfaces (empty: none).
    pub default_ns: String,
    /// Open handle on `/var/run/netns/<default_ns>`, if it could be opened.
    pub default_ns_fd: Option<OwnedFd>,
    /// Push addresses borrowed by unnumbered interfaces to Linux (default on).
    pub sync_unnumbered: bool,
    /// Create and delete pairs for sub-interfaces of paired phys.
    pub auto_subint: bool,
    /// Push VPP's interface state (admin, MTU, addresses) to Linux.
    pub sync: bool,
    /// Delete static routes through an interface whose link goes down.
    pub del_static_on_link_down: bool,
    /// Delete dynamic routes through an interface whose link goes down.
    pub del_dynamic_on_link_down: bool,
    /// Tap rx queues (0: the number of workers, at least 1).
    pub num_rx_queues: u16,
    /// Tap tx queues (0: 1).
    pub num_tx_queues: u16,
    /// The netlink listener's `linux-nl { }` settings.
    pub netlink: crate::config::LinuxNlConfig,
}

static SETTINGS: Mutex<Settings> = Mutex::new(Settings {
    default_ns: String::new(),
    default_ns_fd: None,
    sync_unnumbered: true,
    auto_subint: false,
    sync: false,
    del_static_on_link_down: false,
    del_dynamic_on_link_down: false,
    num_rx_queues: 0,
    num_tx_queues: 0,
    netlink: crate::config::LinuxNlConfig::DEFAULT,
});

/// Run `f` with the settings locked.
pub fn with<R>(f: impl FnOnce(&mut Settings) -> R) -> R {
    let mut g = SETTINGS.lock().unwrap_or_else(|e| e.into_inner());
    f(&mut g)
}

/// Why a namespace name was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum NsError {
    /// 32 bytes or more.
    TooLong,
    /// Not a plain name (contains `/` or is `.`/`..`).
    NotAName,
}

/// Set (or with `""` clear) the default namespace, like `lcp_set_default_ns`.
///
/// Unlike the C plugin the previous handle is closed (upstream leaks it),
/// names with `/` are refused instead of opening a path outside
/// `/var/run/netns`, and a namespace that cannot be opened leaves no handle
/// rather than fd -1.
pub fn set_default_ns(ns: &str) -> Result<(), NsError> {
    if ns.len() >= NS_LEN {
        return Err(NsError::TooLong);
    }
    if ns.contains('/') || ns == "." || ns == ".." {
        return Err(NsError::NotAName);
    }
    let fd = if ns.is_empty() {
        None
    } else {
        std::fs::File::open(format!("/var/run/netns/{ns}")).ok().map(OwnedFd::from)
    };
    with(|s| {
        s.default_ns = ns.to_string();
        s.default_ns_fd = fd;
    });
    Ok(())
}

/// The default namespace name (empty if none).
pub fn default_ns() -> String {
    with(|s| s.default_ns.clone())
}

/// The raw fd of the default namespace, if open.
pub fn default_ns_fd() -> Option<i32> {
    with(|s| s.default_ns_fd.as_ref().map(|f| f.as_raw_fd()))
}
