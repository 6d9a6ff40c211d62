//! One synced namespace: its listener, its model of Linux, and what VPP got
//! from it.

use std::collections::BTreeMap;

use lcp_netlink::listen::{lock_state, ListenerConfig, ListenerHandle, SharedState};
use lcp_netlink::state::{LinuxState, RouteKey};

use super::counters::Counters;
use super::installed::Installed;

/// A namespace synced to VPP.
pub struct NsSync {
    /// The namespace (`None`: VPP's own).
    pub ns: Option<String>,
    /// The reader thread (`None` when it could not be started; retried).
    pub(crate) handle: Option<ListenerHandle>,
    /// Linux's tables as reported: the reader thread applies each batch
    /// to it and resolves the routes the batch changed before handing it
    /// over; the main thread reads it ([`NsSync::model`]).
    pub(crate) state: SharedState,
    /// The routes this namespace put into VPP.
    pub(crate) installed: BTreeMap<RouteKey, Installed>,
    /// This namespace's counters.
    pub counters: Counters,
    /// The last listener error, for `show lcp netlink`.
    pub last_error: Option<String>,
    /// A resync is under way (between its begin and end batches).
    pub(crate) resyncing: bool,
    /// Phys bound to a VPP table by their Linux VRF (phy -> table id).
    pub(crate) bound: BTreeMap<u32, u32>,
    /// The pairs (phy, Linux ifindex) already given Linux's addresses and
    /// neighbours.
    pub(crate) known: std::collections::BTreeSet<(u32, u32)>,
    /// The start-up import has completed.
    pub(crate) resyncing_done_once: bool,
    /// Where the last resync's time went.
    pub timing: super::ResyncTiming,
}

impl NsSync {
    /// Start listening in `ns` with a full import first.
    pub(crate) fn start(ns: Option<String>, cfg: &crate::config::LinuxNlConfig) -> NsSync {
        let mut s = NsSync {
            ns,
            handle: None,
            state: SharedState::default(),
            installed: BTreeMap::new(),
            counters: Counters::default(),
            last_error: None,
            resyncing: false,
            bound: BTreeMap::new(),
            known: Default::default(),
            resyncing_done_once: false,
            timing: Default::default(),
        };
        s.open(cfg);
        s
    }

    /// (Re)open the listener; the error is kept for `show lcp netlink`.
    pub(crate) fn open(&mut self, cfg: &crate::config::LinuxNlConfig) {
        let lc = ListenerConfig {
            netns: self.ns.clone(),
            rx_buffer_size: cfg.rx_buffer_size as usize,
            batch_size: cfg.batch_size.max(1) as usize,
            // Gather a burst for at most the delay upstream puts between batches.
            gather: std::time::Duration::from_millis(u64::from(cfg.batch_delay_ms.min(5))),
            ..ListenerConfig::default()
        };
        match lcp_netlink::listen::spawn_modelled(lc, true, self.state.clone()) {
            Ok(h) => {
                self.handle = Some(h);
                self.last_error = None;
            }
            Err(e) => {
                self.counters.errors += 1;
                self.last_error = Some(format!("cannot listen: {e}"));
            }
        }
    }

    /// The listener's own counters (messages by type, ignored, malformed,
    /// overflows, resyncs).
    pub fn listener_stats(&self) -> lcp_netlink::event::Stats {
        self.handle.as_ref().map(|h| h.stats()).unwrap_or_default()
    }

    /// The model of Linux, locked (the reader thread waits meanwhile; it
    /// may be ahead of the batches applied so far).
    pub fn model(&self) -> std::sync::MutexGuard<'_, LinuxState> {
        lock_state(&self.state)
    }

    /// How many routes VPP has from this namespace.
    pub fn installed_routes(&self) -> usize {
        self.installed.len()
    }

    /// The namespace's display name.
    pub fn name(&self) -> &str {
        self.ns.as_deref().unwrap_or("(default)")
    }
}

impl NsSync {
    /// Whether the reader thread is running.
    pub fn handle_alive(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| h.is_running())
    }
}
