//! `linux-cp-netlink-process`: when Linux → VPP runs, and the main-thread
//! loop that applies what the listeners read.
//!
//! It runs exactly when stock VPP would have loaded `linux_nl_plugin.so`
//! for the same startup.conf: that plugin is disabled by default, so only
//! `plugin linux_nl_plugin.so { enable }` (and no `disable`) turns it on.
//!
//! Each wake-up applies queued batches for at most [`BUDGET`] of main-thread
//! time, then yields to the graph for `nl-batch-delay-ms` when more is
//! queued, or polls the listeners every [`POLL`] when idle. Batches are
//! `nl-batch-size` messages, as upstream. While a namespace resyncs (its
//! start-up import, or after an overflow) VPP is known to differ from Linux
//! and the process only yields ([`YIELD`]) between slices: the graph, the
//! CLI and the API still get the main thread every 20 ms (up to 100 ms where
//! a yield is slow, see [`resync_budget`]), and a million routes are in VPP
//! without a 25% idle tax.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use lcp_netlink::listen::{model_batch, Batch, Delivery};
use vpp::MainThread;

use super::ns::NsSync;
use super::{apply, log, route, with, Netlink, PAIRS_CHANGED};
use crate::pair::PAIRS;

/// Main-thread time one wake-up may spend applying batches.
pub const BUDGET: Duration = Duration::from_millis(20);
/// The longest slice while a namespace resyncs (see [`resync_budget`]).
pub const RESYNC_BUDGET_MAX: Duration = Duration::from_millis(100);

/// The slice while a namespace resyncs, from what the last yield cost
/// (`gap`: from the process suspending to its resuming): 49 times that, so
/// yielding takes at most 2% of a resync, within [`BUDGET`] and
/// [`RESYNC_BUDGET_MAX`]. A yield costs at least one turn of VPP's main
/// loop, which with `unix { poll-sleep-usec }` sleeps: a 20 ms slice lost
/// 5% of a million-route import to yielding in a VM where a turn took a
/// millisecond; on a host a turn takes a tenth of that and slices stay
/// 20 ms.
pub fn resync_budget(gap: Duration) -> Duration {
    gap.saturating_mul(49).clamp(BUDGET, RESYNC_BUDGET_MAX)
}
/// How often idle listeners are polled (seconds).
pub const POLL: f64 = 0.01;
/// The pause between slices while a namespace resyncs (seconds): the
/// shortest suspend VPP's process timer makes (shorter ones return at once).
pub const YIELD: f64 = 20e-6;

/// What the process does after a wake-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Next {
    /// Nothing queued: wait for the next poll.
    Idle,
    /// More queued: pause `nl-batch-delay-ms`.
    Pause,
    /// More queued and a resync in progress: only yield.
    Yield,
}

static ENABLED: AtomicBool = AtomicBool::new(false);

/// The file whose configuration decides whether Linux → VPP runs.
pub const LINUX_NL_PLUGIN: &str = "linux_nl_plugin.so";

/// Whether startup.conf would have loaded `linux_nl_plugin.so` (which is
/// disabled by default).
pub fn enabled_by_plugin_config(mt: &MainThread) -> bool {
    vpp::plugin::config(mt, LINUX_NL_PLUGIN).loads(true)
}

/// Turn Linux → VPP on or off (the init function does, from the plugin
/// configuration).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
    super::pairs_changed();
}

/// Whether Linux → VPP runs.
pub fn is_enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

#[vpp::init]
fn netlink_init(b: &vpp::Barrier) -> vpp::Result<()> {
    let mt: &MainThread = b;
    let on = enabled_by_plugin_config(mt);
    set_enabled(on);
    if on {
        log(mt, vpp::log::Level::Info, "Linux to VPP sync on (plugin linux_nl_plugin.so { enable })");
    }
    Ok(())
}

/// Open listeners for namespaces that gained pairs, close those that lost
/// their last, and re-apply every route (a path's interface may have
/// gained or lost its pair).
fn sync_namespaces(mt: &MainThread, nl: &mut Netlink) {
    let cfg = crate::state::with(|s| s.netlink.clone());
    let wanted: BTreeSet<Option<String>> = if is_enabled() {
        PAIRS.read(mt).iter().map(|(_, p)| p.netns.clone()).collect()
    } else {
        BTreeSet::new()
    };
    let Netlink { namespaces, tables, withdrawing, .. } = nl;
    // An earlier removal still under way ends before a namespace (again)
    // wanted starts: it may install the same prefixes. Anything else (a
    // link flap sets PAIRS_CHANGED too) leaves it to `step`'s slices.
    if wanted.iter().any(|k| !namespaces.contains_key(k)) {
        route::withdraw_some(mt, withdrawing, tables, None);
    }
    let gone: Vec<Option<String>> = namespaces.keys().filter(|k| !wanted.contains(*k)).cloned().collect();
    for k in gone {
        if let Some(mut s) = namespaces.remove(&k) {
            // Taken out of VPP in slices by `step`.
            if !s.installed.is_empty() {
                withdrawing.push(std::mem::take(&mut s.installed));
            }
            nl.counters.merge(&s.counters);
        }
    }
    for k in wanted {
        match namespaces.get_mut(&k) {
            Some(s) => {
                if s.handle.is_none() {
                    s.open(&cfg);
                }
                if s.resyncing_done_once {
                    apply::adopt_new_pairs(mt, s);
                }
                apply::ensure_vrfs(mt, s, tables);
                apply::reconcile_all(mt, s, tables);
            }
            None => {
                let s = NsSync::start(k.clone(), &cfg);
                if let Some(e) = &s.last_error {
                    log(mt, vpp::log::Level::Err, &format!("netns {}: {e}", s.name()));
                }
                namespaces.insert(k, s);
            }
        }
    }
}

static LAST_AUDIT: std::sync::Mutex<Option<Instant>> = std::sync::Mutex::new(None);
static LAST_REFRESH: std::sync::Mutex<Option<Instant>> = std::sync::Mutex::new(None);

/// Whether a periodic job last run at `*last` is due again, `every` seconds
/// (0: never); the first call answers `first` and starts the clock.
fn due(last: &std::sync::Mutex<Option<Instant>>, every: u32, first: bool) -> bool {
    if every == 0 {
        return false;
    }
    let Ok(mut last) = last.lock() else { return false };
    let now = Instant::now();
    let due = match *last {
        Some(t) => now.duration_since(t) >= Duration::from_secs(u64::from(every)),
        None => first,
    };
    if due || last.is_none() {
        *last = Some(now);
    }
    due
}

/// Whether the neighbour refresh is due (`nl-neigh-refresh-s`): at once,
/// then every interval.
fn refresh_due() -> bool {
    due(&LAST_REFRESH, crate::state::with(|s| s.netlink.neigh_refresh_s), true)
}

/// Whether the periodic audit is due (`nl-audit-interval-s`): one interval
/// after the first call (the import has just run), then every interval.
fn audit_due() -> bool {
    due(&LAST_AUDIT, crate::state::with(|s| s.netlink.audit_interval_s), false)
}

/// The stats segment's copy of `show lcp netlink`'s totals:
/// `/lcp/netlink/<counter>` (plus the listeners' `messages`, `malformed`,
/// `overflows`, `ignored`).
struct Gauges(Vec<vpp::stats::Gauge>);

static GAUGES: std::sync::Mutex<Option<Gauges>> = std::sync::Mutex::new(None);

const LISTENER_GAUGES: [&str; 4] = ["messages", "malformed", "overflows", "ignored"];

fn publish(mt: &MainThread, nl: &Netlink) {
    let Ok(mut g) = GAUGES.lock() else { return };
    if g.is_none() {
        let names = super::Counters::default().rows().map(|(n, _)| n).into_iter().chain(LISTENER_GAUGES);
        let v: Vec<_> =
            names.filter_map(|n| vpp::stats::Gauge::add(mt, &format!("/lcp/netlink/{n}")).ok()).collect();
        *g = Some(Gauges(v));
    }
    let Some(Gauges(v)) = g.as_ref() else { return };
    let mut total = nl.counters;
    let mut l = [0u64; 4];
    for s in nl.namespaces.values() {
        total.merge(&s.counters);
        let st = s.listener_stats();
        l[0] += st.datagrams;
        l[1] += st.malformed;
        l[2] += st.overflows;
        l[3] += st.ignored.iter().sum::<u64>();
    }
    let values = total.rows().map(|(_, v)| v).into_iter().chain(l);
    if v.len() == total.rows().len() + l.len() {
        for (gauge, value) in v.iter().zip(values) {
            gauge.set(mt, value);
        }
    }
}

/// Apply what a listener handed over (a reader thread keeping the model
/// always says what it worked out; without, the batch is applied to the
/// model here).
fn apply_delivery(mt: &MainThread, s: &mut NsSync, tables: &mut super::tables::Tables, d: &Delivery) {
    match &d.modelled {
        Some(m) => apply::apply(mt, s, tables, &d.batch, m),
        None => {
            let m = model_batch(&mut s.model(), &d.batch);
            apply::apply(mt, s, tables, &d.batch, &m);
        }
    }
}

/// A reader thread that ended (it should not): what it handed over is
/// applied, in order, and a new reader imports again (a resync against the
/// model kept).
fn restart_if_ended(mt: &MainThread, s: &mut NsSync, tables: &mut super::tables::Tables) {
    if s.handle.as_ref().is_none_or(|h| h.is_running()) {
        return;
    }
    while let Some(d) = s.handle.as_ref().and_then(|h| h.try_recv_delivery()) {
        apply_delivery(mt, s, tables, &d);
    }
    s.handle = None;
    s.counters.errors += 1;
    log(mt, vpp::log::Level::Err, &format!("netns {}: the listener thread ended; restarting it", s.name()));
    s.open(&crate::state::with(|st| st.netlink.clone()));
}

/// One wake-up: what to do next. `resync_budget` is the slice while a
/// namespace resyncs.
fn step(mt: &MainThread, resync_budget: Duration) -> Next {
    with(|nl| {
        if is_enabled() {
            publish(mt, nl);
        }
        if PAIRS_CHANGED.swap(false, Ordering::Relaxed) {
            sync_namespaces(mt, nl);
        }
        // Routes of a namespace gone leave VPP before anything is applied
        // (a namespace back meanwhile would otherwise lose its routes to
        // their removal).
        if !route::withdraw_some(mt, &mut nl.withdrawing, &mut nl.tables, Some(resync_budget)) {
            return Next::Yield;
        }
        if refresh_due() {
            for s in nl.namespaces.values_mut() {
                let n = super::refresh::refresh(mt, s);
                s.counters.neighs_refreshed += n as u64;
            }
        }
        if audit_due() {
            // Linux against the model: a resync from every listener (off
            // this thread); VPP against the model: now.
            for s in nl.namespaces.values() {
                if let Some(h) = &s.handle {
                    h.request_resync();
                }
            }
            match super::audit::audit(mt, &mut nl.namespaces, &mut nl.tables, &mut nl.counters) {
                Ok(r) => {
                    if r != super::AuditResult::default() {
                        log(mt, vpp::log::Level::Warning, &format!("audit repaired VPP's FIB: {r:?}"));
                    }
                }
                Err(e) => log(mt, vpp::log::Level::Err, &format!("audit: {e}")),
            }
        }
        let start = Instant::now();
        let mut more = false;
        let Netlink { namespaces, tables, .. } = nl;
        let budget = if namespaces.values().any(|s| s.resyncing) { resync_budget } else { BUDGET };
        for s in namespaces.values_mut() {
            restart_if_ended(mt, s, tables);
            loop {
                let Some(d) = s.handle.as_ref().and_then(|h| h.try_recv_delivery()) else {
                    if s.resyncing {
                        s.timing.starved();
                    }
                    break;
                };
                apply_delivery(mt, s, tables, &d);
                if let Some(h) = &s.handle {
                    h.recycle_delivery(d);
                }
                if start.elapsed() >= budget {
                    more = true;
                    break;
                }
            }
        }
        match (more, namespaces.values().any(|s| s.resyncing)) {
            (false, _) => Next::Idle,
            (true, false) => Next::Pause,
            (true, true) => Next::Yield,
        }
    })
    .unwrap_or(Next::Idle)
}

/// Resync every namespace (mark, dump, sweep, by its reader thread) before
/// returning, applying what is queued on the way: the on-demand resync of
/// `lcp netlink resync` and `lcp_netlink_resync`; then audit VPP's FIB.
/// Returns the namespaces synced and what the audit repaired.
pub fn resync_now(mt: &MainThread) -> vpp::Result<(usize, super::AuditResult)> {
    if !is_enabled() {
        return Err(vpp::Error::new("Linux to VPP sync is off (plugin linux_nl_plugin.so is not enabled)"));
    }
    let r = with(|nl| {
        let Netlink { namespaces, tables, counters, withdrawing } = nl;
        route::withdraw_some(mt, withdrawing, tables, None);
        let mut n = 0;
        let deadline = Instant::now() + RESYNC_WAIT;
        for s in namespaces.values_mut() {
            resync_one(mt, s, tables, deadline)?;
            n += 1;
        }
        let audit = super::audit::audit(mt, namespaces, tables, counters)?;
        Ok((n, audit))
    });
    r.unwrap_or_else(|| Err(vpp::Error::new("netlink state busy")))
}

/// The longest [`resync_now`] waits for every namespace's resync.
pub const RESYNC_WAIT: Duration = Duration::from_secs(600);

/// Resync `s` now: its reader thread (the model's only writer) is asked
/// for a resync, and what it hands over is applied here until the end of a
/// resync begun after the request. Without a reader thread, the dump is
/// made and applied here.
fn resync_one(
    mt: &MainThread,
    s: &mut NsSync,
    tables: &mut super::tables::Tables,
    deadline: Instant,
) -> vpp::Result<()> {
    // What an ended reader handed over goes in first (a dump applied
    // before it would leave its older changes to land after the sweep).
    restart_if_ended(mt, s, tables);
    let Some(ticket) = s.handle.as_ref().filter(|h| h.is_running()).map(|h| h.request_resync()) else {
        let mut stats = lcp_netlink::event::Stats::default();
        let items = lcp_netlink::listen::dump(s.ns.as_deref(), &mut stats)
            .map_err(|e| vpp::Error::new(format!("netns {}: dump failed: {e}", s.name())))?;
        for b in [Batch::ResyncBegin, Batch::Dump(items), Batch::ResyncEnd] {
            let m = model_batch(&mut s.model(), &b);
            apply::apply(mt, s, tables, &b, &m);
        }
        return Ok(());
    };
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let Some(d) = s.handle.as_ref().and_then(|h| h.recv_delivery_timeout(left)) else {
            return Err(vpp::Error::new(format!(
                "netns {}: the resync did not end within {} s (it goes on in the background)",
                s.name(),
                RESYNC_WAIT.as_secs()
            )));
        };
        let ours = d.requests_served >= ticket;
        let (ended, failed) = match &d.batch {
            Batch::ResyncEnd => (ours, None),
            Batch::Error(e) if ours => (false, Some(e.clone())),
            _ => (false, None),
        };
        apply_delivery(mt, s, tables, &d);
        if let Some(h) = &s.handle {
            h.recycle_delivery(d);
        }
        if ended {
            return Ok(());
        }
        if let Some(e) = failed {
            return Err(vpp::Error::new(format!("netns {}: {e}", s.name())));
        }
    }
}

/// Compare VPP's FIB with what Linux -> VPP installed and repair it now.
pub fn audit_now(mt: &MainThread) -> vpp::Result<super::AuditResult> {
    if !is_enabled() {
        return Err(vpp::Error::new("Linux to VPP sync is off (plugin linux_nl_plugin.so is not enabled)"));
    }
    let r = with(|nl| {
        route::withdraw_some(mt, &mut nl.withdrawing, &mut nl.tables, None);
        super::audit::audit(mt, &mut nl.namespaces, &mut nl.tables, &mut nl.counters)
    });
    r.unwrap_or_else(|| Err(vpp::Error::new("netlink state busy")))
}

#[vpp::node(name = "linux-cp-netlink-process", kind = process, stack_log2 = 17)]
fn netlink_process(p: &mut vpp::process::Process) -> usize {
    // What the last yield cost (suspend to resume).
    let mut gap = Duration::ZERO;
    loop {
        let mt = p.main_thread();
        let next = step(mt, resync_budget(gap));
        let r = if next == Next::Yield {
            let t = Instant::now();
            let r = p.suspend(YIELD);
            gap = t.elapsed();
            r
        } else if next == Next::Pause {
            let delay = crate::state::with(|s| s.netlink.batch_delay_ms);
            p.suspend((f64::from(delay) / 1000.0).max(YIELD))
        } else if is_enabled() {
            p.wait_for_event_or_clock(POLL).map(|_| ())
        } else {
            p.wait_for_event_or_clock(1.0).map(|_| ())
        };
        if r.is_err() {
            return 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::due;
    use std::sync::Mutex;

    #[test]
    fn resync_slices_grow_with_what_yielding_costs() {
        use super::{resync_budget, BUDGET, RESYNC_BUDGET_MAX};
        use std::time::Duration;
        assert_eq!(resync_budget(Duration::ZERO), BUDGET, "never below the normal slice");
        assert_eq!(resync_budget(Duration::from_micros(150)), BUDGET, "a host's cheap yield");
        assert_eq!(
            resync_budget(Duration::from_millis(1)),
            Duration::from_millis(49),
            "2% of the time yielding"
        );
        assert_eq!(resync_budget(Duration::from_secs(1)), RESYNC_BUDGET_MAX, "bounded");
    }

    #[test]
    fn periodic_jobs_start_as_asked_and_wait_an_interval() {
        let off = Mutex::new(None);
        assert!(!due(&off, 0, true), "0 is never");
        assert!(off.lock().unwrap().is_none());
        let refresh = Mutex::new(None);
        assert!(due(&refresh, 60, true), "the refresh runs at once");
        assert!(!due(&refresh, 60, true), "then waits its interval");
        let audit = Mutex::new(None);
        assert!(!due(&audit, 60, false), "the audit waits a first interval");
        assert!(audit.lock().unwrap().is_some(), "its clock started");
        assert!(!due(&audit, 60, false));
        *audit.lock().unwrap() = Some(std::time::Instant::now() - std::time::Duration::from_secs(61));
        assert!(due(&audit, 60, false), "due once the interval passed");
        assert!(!due(&audit, 60, false), "and the clock restarts");
    }
}
