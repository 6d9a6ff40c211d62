//! Linux → VPP (reference 7): what Linux learns (links, addresses,
//! neighbours, routes, nexthop objects) applied to VPP, in this plugin
//! instead of `linux_nl_plugin.so`.
//!
//! One listener per network namespace that holds a pair (upstream watches
//! only the default one: quirk 3), each reading and decoding on its own
//! thread ([`lcp_netlink::listen`]) and starting with a full import of that
//! namespace (upstream imports nothing until a socket overflow). The same
//! thread applies every event to the namespace's model
//! ([`lcp_netlink::state::LinuxState`]) and works out the paths of each
//! route a batch changed; the process node `linux-cp-netlink-process`
//! applies the batches on the main thread, and VPP follows the model: routes
//! are reconciled per prefix (so a multipath add, a replace, a nexthop
//! object change or a path delete all end with exactly Linux's paths in
//! VPP, quirk 5), addresses, neighbours and links are applied one by one.
//!
//! The files: `ns.rs` (one namespace: listener, model, what VPP got),
//! `apply.rs` (a batch), `route.rs`, `installed.rs` (what a prefix has in
//! VPP), `tables.rs` (FIB/mFIB tables and their specials), `addr.rs`,
//! `neigh.rs`, `link.rs`, `counters.rs`, `timing.rs` (where a resync's time
//! went), `process.rs` (the process node and when it runs).

mod addr;
mod apply;
mod audit;
mod counters;
mod installed;
mod link;
mod neigh;
mod ns;
pub mod process;
mod refresh;
mod route;
mod tables;
mod timing;
mod vrf;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

pub use audit::AuditResult;
pub use counters::Counters;
pub use ns::NsSync;
pub use process::{
    audit_now, enabled_by_plugin_config, is_enabled, resync_now, set_enabled, NETLINK_PROCESS_NODE,
};
pub use timing::ResyncTiming;

/// Everything the Linux → VPP side holds.
#[derive(Default)]
pub struct Netlink {
    /// One entry per namespace with pairs (`None`: VPP's own).
    pub namespaces: std::collections::BTreeMap<Option<String>, NsSync>,
    /// The plugin-wide counters.
    pub counters: Counters,
    /// The FIB/mFIB tables in use and their references.
    pub(crate) tables: tables::Tables,
    /// Routes of namespaces that lost their last pair, still in VPP, one
    /// map per namespace (two namespaces' main tables are both VPP's table
    /// 0: their keys can be equal): taken out a slice at a time
    /// ([`route::withdraw_some`]) before anything else is applied.
    pub(crate) withdrawing:
        Vec<std::collections::BTreeMap<lcp_netlink::state::RouteKey, installed::Installed>>,
}

static NETLINK: Mutex<Option<Netlink>> = Mutex::new(None);

/// Set while Linux's changes are being applied to VPP: the VPP → Linux sync
/// stays quiet then, so nothing Linux did is echoed back to it
/// (`netlink_processing_active` in C).
static APPLYING: AtomicBool = AtomicBool::new(false);

/// Set by the pair hooks; the process re-checks its namespaces.
static PAIRS_CHANGED: AtomicBool = AtomicBool::new(true);

/// Whether Linux's changes are being applied right now.
pub fn applying() -> bool {
    APPLYING.load(Ordering::Relaxed)
}

/// Run `f` with the Linux → VPP state, `None` when it is in use (the
/// process never holds it across a suspend, so only a re-entrant call from
/// inside an apply sees `None`).
pub fn with<R>(f: impl FnOnce(&mut Netlink) -> R) -> Option<R> {
    let mut g = NETLINK.try_lock().ok()?;
    Some(f(g.get_or_insert_with(Netlink::default)))
}

/// A pair was added or deleted: the process opens or closes listeners and
/// re-applies the routes of the namespace (paths through the pair's Linux
/// interface become usable or go). Cheap; safe from any callback.
pub fn pairs_changed() {
    PAIRS_CHANGED.store(true, Ordering::Relaxed);
}

struct ApplyingGuard;

impl ApplyingGuard {
    fn new() -> ApplyingGuard {
        APPLYING.store(true, Ordering::Relaxed);
        ApplyingGuard
    }
}

impl Drop for ApplyingGuard {
    fn drop(&mut self) {
        APPLYING.store(false, Ordering::Relaxed);
    }
}

static LAST_VPP_ERROR: Mutex<Option<String>> = Mutex::new(None);

/// Count a change VPP refused and keep its message for `show lcp netlink`.
fn vpp_error(c: &mut Counters, what: &str, e: &vpp::Error) {
    c.vpp_errors += 1;
    if let Ok(mut g) = LAST_VPP_ERROR.lock() {
        *g = Some(format!("{what}: {e}"));
    }
}

/// The last change VPP refused.
pub fn last_vpp_error() -> Option<String> {
    LAST_VPP_ERROR.lock().ok().and_then(|g| g.clone())
}

/// What the VPP -> Linux sync last set on a Linux link, per (namespace,
/// ifindex): `(admin up, mtu)`.
type Pushed = std::collections::HashMap<(Option<String>, u32), (Option<bool>, Option<u32>)>;

static PUSHED: Mutex<Option<Pushed>> = Mutex::new(None);

/// The VPP -> Linux sync set `vif`'s admin state (`up`) and/or MTU: their
/// echo from Linux is not applied back to VPP, so a quick down/up in VPP is
/// not replayed from stale notifications (no echo, reference 7 threads).
pub fn pushed(ns: Option<&str>, vif: u32, up: Option<bool>, mtu: Option<u32>) {
    if let Ok(mut g) = PUSHED.lock() {
        let e = g.get_or_insert_with(Default::default).entry((ns.map(str::to_string), vif)).or_default();
        if up.is_some() {
            e.0 = up;
        }
        if mtu.is_some() {
            e.1 = mtu;
        }
    }
}

/// Whether a Linux report of `vif`'s admin state `up` / MTU `mtu` is the
/// echo of what the sync pushed (each expectation is used once).
fn is_echo(ns: Option<&str>, vif: u32, up: Option<bool>, mtu: Option<u32>) -> (bool, bool) {
    let Ok(mut g) = PUSHED.lock() else { return (false, false) };
    let Some(e) = g.as_mut().and_then(|m| m.get_mut(&(ns.map(str::to_string), vif))) else {
        return (false, false);
    };
    let admin = up.is_some() && e.0 == up;
    if admin {
        e.0 = None;
    }
    let m = mtu.is_some() && e.1 == mtu;
    if m {
        e.1 = None;
    }
    (admin, m)
}

static HW_DOWN: Mutex<std::collections::BTreeSet<u32>> = Mutex::new(std::collections::BTreeSet::new());

/// A hardware interface's link went up or down in VPP (reference 7.8):
/// with `lcp param del-static-on-link-down` / `del-dynamic-on-link-down`,
/// Linux's routes of that kind stop using the interfaces on it while it is
/// down. Unlike upstream, which deletes them until Linux happens to
/// announce them again, they come back with the link.
pub fn hw_link_changed(hw_if_index: u32, up: bool) {
    if let Ok(mut g) = HW_DOWN.lock() {
        let changed = if up { g.remove(&hw_if_index) } else { g.insert(hw_if_index) };
        if changed {
            pairs_changed();
        }
    }
}

/// Whether a path of a route (`dynamic`: from a routing daemon) through
/// `phy` is withdrawn because its link is down.
fn withdrawn(mt: &vpp::MainThread, phy: u32, dynamic: bool) -> bool {
    let Ok(g) = HW_DOWN.lock() else { return false };
    if g.is_empty() {
        return false;
    }
    let (del_static, del_dynamic) =
        crate::state::with(|s| (s.del_static_on_link_down, s.del_dynamic_on_link_down));
    if !(if dynamic { del_dynamic } else { del_static }) {
        return false;
    }
    vpp::interface::state(mt, phy).ok().flatten().is_some_and(|st| g.contains(&st.hw_if_index))
}

/// Log at `level` in the `linux-cp/nl` class.
pub(crate) fn log(mt: &vpp::MainThread, level: vpp::log::Level, msg: &str) {
    vpp::log::log(mt, level, "linux-cp", "nl", msg);
}
