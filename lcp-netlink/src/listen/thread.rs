//! The reader thread: reads the listener, resyncs on overflow, applies each batch to the
//! model when it keeps one, and hands batches to a consumer (the plugin's main-thread
//! process) through a channel.

use std::io;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver, Sender, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::dump::Dumper;
use super::socket::{Listener, ListenerConfig};
use crate::event::{Decoded, Event, LinkEvent, Received, Stats};
use crate::state::{Changes, FibRoute, LinuxState, RouteKey, Stale};

/// What the reader thread hands over, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Batch {
    /// Notifications, in arrival order (at most the batch size, rounded up to whole
    /// datagrams).
    Events(Vec<Received>),
    /// A resync starts (overflow, or the initial import): call
    /// [`LinuxState::begin_resync`] (and mark VPP's state).
    ResyncBegin,
    /// Part of the full dump.
    Dump(Vec<Received>),
    /// The dump is complete: call [`LinuxState::end_resync`] and remove what it returns.
    ResyncEnd,
    /// The reader hit an error; it retries the resync after the configured delay.
    Error(String),
}

/// A model of Linux shared between a reader thread that keeps it ([`spawn_modelled`]),
/// its only writer, and its consumer, which reads it.
pub type SharedState = Arc<Mutex<LinuxState>>;

/// Lock `state`, also when a panic left it poisoned (the reader thread then asks for a
/// resync, which repairs the model).
pub fn lock_state(state: &SharedState) -> std::sync::MutexGuard<'_, LinuxState> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// What a reader thread that keeps the model ([`spawn_modelled`]) worked out for one
/// [`Batch`] after applying it ([`model_batch`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Modelled {
    /// Every route the batch may have changed, in key order, each as the model resolves it
    /// after the batch ([`LinuxState::fib_route`]; `None`: Linux has no route there now).
    pub routes: Vec<(RouteKey, Option<FibRoute>)>,
    /// For each link event of the batch, in order: the link as the model had it before.
    pub links_before: Vec<Option<LinkEvent>>,
    /// For [`Batch::ResyncEnd`]: what the sweep removed (its routes are in `routes`).
    pub stale: Option<Stale>,
    /// Events applied.
    pub events: usize,
    /// How long applying and resolving took.
    pub took: Duration,
    /// Applying the batch failed half-way (a bug: the reader thread caught a panic and
    /// resyncs): what the batch changed is unknown, so every route is to be reconciled.
    pub reconcile_all: bool,
}

/// Apply `batch` to `state` as [`apply_batch`] does, then resolve every route it changed:
/// what a reader thread keeping the model sends beside each batch. A consumer with no
/// reader thread (its listener could not start) may apply batches of its own this way; with
/// one, the reader thread must stay the model's only writer.
pub fn model_batch(state: &mut LinuxState, batch: &Batch) -> Modelled {
    let t = Instant::now();
    let mut m = Modelled::default();
    let Applied { changes, stale, events } =
        apply_each(state, batch, |state, l| m.links_before.push(state.link(l.ifindex).cloned()));
    (m.events, m.stale) = (events, stale);
    let mut routes = state.cursor();
    let mut resolve = |k: RouteKey| (k, routes.fib_route(&k));
    m.routes = match &mut m.stale {
        Some(st) => std::mem::take(&mut st.routes).into_iter().map(&mut resolve).collect(),
        None => changes.routes.into_iter().map(resolve).collect(),
    };
    m.took = t.elapsed();
    m
}

/// One hand-over from the reader: the batch, and what the reader worked out for it when it
/// keeps the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// The batch.
    pub batch: Batch,
    /// The model's view of it ([`spawn_modelled`] only).
    pub modelled: Option<Modelled>,
    /// The resync requests ([`ListenerHandle::request_resync`]) the reader had taken up
    /// when the last resync up to this batch began: a [`Batch::ResyncEnd`] with at least a
    /// request's number completes that request.
    pub requests_served: u64,
}

/// The running reader thread. Dropping it stops the thread and waits for it.
#[derive(Debug)]
pub struct ListenerHandle {
    rx: Receiver<Delivery>,
    stop: Arc<AtomicBool>,
    requests: Arc<AtomicU64>,
    stats: Arc<Mutex<Stats>>,
    join: Option<JoinHandle<()>>,
    done: Sender<Delivery>,
}

impl ListenerHandle {
    /// The next batch, waiting up to `timeout`; `None` on timeout or when the thread ended.
    /// For a reader without the model ([`spawn`]); with one, use
    /// [`ListenerHandle::recv_delivery_timeout`] (this drops what the reader worked out).
    pub fn recv_timeout(&self, timeout: Duration) -> Option<Batch> {
        self.recv_delivery_timeout(timeout).map(|d| d.batch)
    }

    /// [`ListenerHandle::recv_timeout`] with what the reader worked out for the batch.
    pub fn recv_delivery_timeout(&self, timeout: Duration) -> Option<Delivery> {
        self.rx.recv_timeout(timeout).ok()
    }

    /// The next batch if one is queued. For a reader without the model ([`spawn`]); with
    /// one, use [`ListenerHandle::try_recv_delivery`].
    pub fn try_recv(&self) -> Option<Batch> {
        self.try_recv_delivery().map(|d| d.batch)
    }

    /// The next batch if one is queued, with what the reader worked out for it.
    pub fn try_recv_delivery(&self) -> Option<Delivery> {
        self.rx.try_recv().ok()
    }

    /// Whether the reader thread still runs (it ends when stopped, or on a panic outside
    /// the model, which it does not catch).
    pub fn is_running(&self) -> bool {
        self.join.as_ref().is_some_and(|j| !j.is_finished())
    }

    /// Hand an applied batch back: the reader thread, which allocated it, frees it, and the
    /// consumer's thread (VPP's main thread) spends no time on that. Dropped here when the
    /// reader has ended.
    pub fn recycle(&self, b: Batch) {
        self.recycle_delivery(Delivery { batch: b, modelled: None, requests_served: 0 });
    }

    /// [`ListenerHandle::recycle`] for a whole [`Delivery`].
    pub fn recycle_delivery(&self, d: Delivery) {
        let _ = self.done.send(d);
    }

    /// Ask the reader for a full resync (mark, dump, sweep) at its next
    /// poll: the periodic audit and on-demand resyncs use it. The batches
    /// arrive as for an overflow. Returns the request's number: the first
    /// [`Batch::ResyncEnd`] whose [`Delivery::requests_served`] is at least
    /// that ends a resync begun after the request.
    pub fn request_resync(&self) -> u64 {
        self.requests.fetch_add(1, Ordering::AcqRel) + 1
    }

    /// A copy of the reader's counters.
    pub fn stats(&self) -> Stats {
        self.stats.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Stop the thread and wait for it (also when it is blocked handing over a batch; a
    /// dump under way is finished first).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Drop our receiver so a reader blocked on a full channel fails its send and ends.
        let (_, dummy) = sync_channel(1);
        drop(std::mem::replace(&mut self.rx, dummy));
        if let Some(j) = self.join.take() {
            let _ = j.join();
        }
    }
}

impl Drop for ListenerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

struct Reader {
    cfg: ListenerConfig,
    listener: Listener,
    out: Out,
    stop: Arc<AtomicBool>,
    stats: Arc<Mutex<Stats>>,
    /// The resync requests taken up (see [`Delivery::requests_served`]).
    served: u64,
}

/// Where batches go, and what they pass through on the way.
struct Out {
    tx: SyncSender<Delivery>,
    done: Receiver<Delivery>,
    model: Option<SharedState>,
    requests: Arc<AtomicU64>,
    /// Set when applying a batch to the model panicked: a resync's dump
    /// then ends in an error, not a sweep (what the panic left out of the
    /// model would be swept as gone from Linux).
    panicked: std::cell::Cell<bool>,
}

/// The consumer went away.
#[derive(Debug)]
struct Gone;

/// Free what the consumer handed back ([`ListenerHandle::recycle`]).
fn free_recycled(done: &Receiver<Delivery>) {
    while let Ok(b) = done.try_recv() {
        drop(b);
    }
}

impl Out {
    /// Hand `batch` over (after applying it to the model, when the reader keeps one; the
    /// lock is released before a full channel can block). A panic while applying (a bug)
    /// is caught: the batch goes over as an error asking for every route to be reconciled,
    /// and a resync is requested, which repairs the model.
    fn hand_over(&self, batch: Batch, requests_served: u64) -> Result<(), Gone> {
        free_recycled(&self.done);
        let mut batch = batch;
        let modelled = self.model.as_ref().map(|m| {
            let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                #[cfg(test)]
                tests::maybe_panic();
                model_batch(&mut lock_state(m), &batch)
            }));
            applied.unwrap_or_else(|_| {
                self.panicked.set(true);
                self.requests.fetch_add(1, Ordering::AcqRel);
                batch = Batch::Error("the model failed to apply a batch (a bug); resyncing".into());
                Modelled { reconcile_all: true, ..Modelled::default() }
            })
        });
        self.tx.send(Delivery { batch, modelled, requests_served }).map_err(|_| Gone)
    }
}

impl Reader {
    fn send(&self, b: Batch) -> Result<(), Gone> {
        self.out.hand_over(b, self.served)
    }

    fn publish(&mut self, extra: &Stats) {
        if let Ok(mut s) = self.stats.lock() {
            let mut total = self.listener.stats.clone();
            total.merge(extra);
            *s = total;
        }
    }

    fn resync(&mut self, dump_stats: &mut Stats) -> Result<bool, Gone> {
        self.served = self.out.requests.load(Ordering::Acquire);
        self.out.panicked.set(false);
        self.listener.stats.resyncs += 1;
        // Older than the dump, and left queued it would keep the socket
        // congested and hide the next overflow.
        self.listener.discard_queued();
        self.send(Batch::ResyncBegin)?;
        // Chunks go to the main thread as the kernel dumps: VPP applies
        // one while the next is read and decoded here.
        let (out, served) = (&self.out, self.served);
        let dumped = Dumper::open(self.cfg.netns.as_deref()).and_then(|mut d| {
            d.dump_chunked(dump_stats, self.cfg.batch_size, |c| out.hand_over(Batch::Dump(c), served).is_ok())
        });
        match dumped {
            Ok(false) => Err(Gone),
            Ok(true) if self.out.panicked.replace(false) => {
                // No sweep; the retry waits `resync_retry_delay`.
                self.send(Batch::Error("resync abandoned: the model failed to apply a dumped batch".into()))?;
                Ok(false)
            }
            Ok(true) => {
                self.send(Batch::ResyncEnd)?;
                Ok(true)
            }
            Err(e) => {
                self.send(Batch::Error(format!("resync dump failed: {e}")))?;
                Ok(false)
            }
        }
    }

    fn run(mut self, initial_dump: bool) {
        let places = super::cpus::plan();
        let mut dump_stats = Stats::default();
        let mut need_resync = initial_dump;
        while !self.stop.load(Ordering::Relaxed) {
            free_recycled(&self.out.done);
            need_resync |= self.out.requests.load(Ordering::Acquire) != self.served;
            if need_resync {
                places.iter().for_each(|p| p.enter(true));
                let done = self.resync(&mut dump_stats);
                places.iter().for_each(|p| p.enter(false));
                match done {
                    Ok(true) => need_resync = false,
                    Ok(false) => {
                        self.publish(&dump_stats);
                        std::thread::sleep(self.cfg.resync_retry_delay);
                        continue;
                    }
                    Err(Gone) => return,
                }
                self.publish(&dump_stats);
            }
            match self.listener.read_batch(Some(self.cfg.poll_interval)) {
                Ok(b) => {
                    let (n, full) = (b.items.len(), b.items.len() >= self.cfg.batch_size);
                    if n > 0 && self.send(Batch::Events(b.items)).is_err() {
                        return;
                    }
                    need_resync |= b.resync_needed;
                    if n > 0 && !full && !b.resync_needed {
                        std::thread::sleep(self.cfg.gather);
                    }
                }
                Err(e) => {
                    if self.send(Batch::Error(format!("netlink read failed: {e}"))).is_err() {
                        return;
                    }
                    need_resync = true;
                    std::thread::sleep(self.cfg.resync_retry_delay);
                }
            }
            self.publish(&dump_stats);
        }
    }
}

/// Open the listener in `cfg.netns` and start the reader thread. With `initial_dump`, the
/// thread starts with a full resync (unlike linux-nl, which imports nothing until an
/// overflow). The socket is open and subscribed when this returns, so no change made after
/// it is missed.
pub fn spawn(cfg: ListenerConfig, initial_dump: bool) -> io::Result<ListenerHandle> {
    start(cfg, initial_dump, None)
}

/// [`spawn`], the reader thread also keeping the model: it applies each batch to `model`
/// and resolves the routes the batch changed ([`model_batch`]) before handing it over
/// ([`ListenerHandle::try_recv_delivery`]), so the consumer's thread only maps and writes
/// what changed. The model runs ahead of the consumer by the batches queued: a route read
/// from it may be newer than the batch being applied, and the batch that changed it
/// follows.
pub fn spawn_modelled(
    cfg: ListenerConfig,
    initial_dump: bool,
    model: SharedState,
) -> io::Result<ListenerHandle> {
    start(cfg, initial_dump, Some(model))
}

fn start(cfg: ListenerConfig, initial_dump: bool, model: Option<SharedState>) -> io::Result<ListenerHandle> {
    let listener = Listener::open(&cfg)?;
    let (tx, rx) = sync_channel(cfg.channel_depth.max(1));
    let stop = Arc::new(AtomicBool::new(false));
    let requests = Arc::new(AtomicU64::new(0));
    let stats = Arc::new(Mutex::new(Stats::default()));
    let (done_tx, done) = channel();
    let out = Out { tx, done, model, requests: requests.clone(), panicked: Default::default() };
    let reader = Reader { cfg, listener, out, stop: stop.clone(), stats: stats.clone(), served: 0 };
    let join =
        std::thread::Builder::new().name("lcp-netlink-rx".into()).spawn(move || reader.run(initial_dump))?;
    Ok(ListenerHandle { rx, stop, requests, stats, join: Some(join), done: done_tx })
}

/// What applying one [`Batch`] to a model did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// The changes of every event applied.
    pub changes: Changes,
    /// What the resync removed, for [`Batch::ResyncEnd`].
    pub stale: Option<Stale>,
    /// Events applied.
    pub events: usize,
}

/// Apply one batch to `state`: events (notifications and dump) are applied in order,
/// [`Batch::ResyncBegin`] / [`Batch::ResyncEnd`] run the mark and the sweep.
pub fn apply_batch(state: &mut LinuxState, batch: &Batch) -> Applied {
    apply_each(state, batch, |_, _| {})
}

/// [`apply_batch`], showing `before_link` the model as it is before each link event.
fn apply_each(
    state: &mut LinuxState,
    batch: &Batch,
    mut before_link: impl FnMut(&LinuxState, &LinkEvent),
) -> Applied {
    let mut a = Applied::default();
    let items = match batch {
        Batch::Events(v) | Batch::Dump(v) => v.as_slice(),
        Batch::ResyncBegin => {
            state.begin_resync();
            return a;
        }
        Batch::ResyncEnd => {
            a.stale = Some(state.end_resync());
            return a;
        }
        Batch::Error(_) => return a,
    };
    for r in items {
        if let Decoded::Event(e) = &r.decoded {
            if let Event::Link(l) = e {
                before_link(state, l);
            }
            state.apply_into(e, &mut a.changes);
            a.events += 1;
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Model applications left before one panics (a stand-in for a bug).
        static PANIC_IN: Cell<Option<u32>> = const { Cell::new(None) };
    }

    pub(super) fn maybe_panic() {
        let left = PANIC_IN.get();
        PANIC_IN.set(left.and_then(|n| n.checked_sub(1)));
        assert_ne!(left, Some(0), "injected: the model failed");
    }

    fn reader(batch_size: usize) -> (Reader, Receiver<Delivery>) {
        let cfg = ListenerConfig { batch_size, ..ListenerConfig::default() };
        let listener = Listener::open(&cfg).unwrap();
        let (tx, rx) = sync_channel(1 << 16);
        let (_, done) = channel();
        let out = Out {
            tx,
            done,
            model: Some(SharedState::default()),
            requests: Default::default(),
            panicked: Default::default(),
        };
        let stats = Default::default();
        (Reader { cfg, listener, out, stop: Default::default(), stats, served: 0 }, rx)
    }

    /// A panic modelling a batch is caught: the batch goes over as an error
    /// asking for every route to be reconciled, and a resync is requested.
    #[test]
    fn a_panic_modelling_a_batch_becomes_an_error_and_a_resync_request() {
        let (r, rx) = reader(64);
        PANIC_IN.set(Some(0));
        r.send(Batch::Events(Vec::new())).unwrap();
        let d = rx.try_recv().unwrap();
        assert!(matches!(&d.batch, Batch::Error(e) if e.contains("a bug")), "{:?}", d.batch);
        assert!(d.modelled.unwrap().reconcile_all);
        assert_eq!(r.out.requests.load(Ordering::Acquire), 1, "a resync is requested");
        r.send(Batch::Events(Vec::new())).unwrap();
        assert_eq!(rx.try_recv().unwrap().batch, Batch::Events(Vec::new()), "one batch only");
    }

    /// A panic while a resync's dump is modelled ends the resync in an
    /// error, never in a sweep (what the panic left out of the model would
    /// be swept as gone from Linux); the next resync ends normally.
    #[test]
    fn a_panic_during_a_resync_dump_ends_it_without_a_sweep() {
        let (mut r, rx) = reader(1);
        let mut stats = Stats::default();
        // The first hand-over is ResyncBegin; the second, a dumped chunk, panics.
        PANIC_IN.set(Some(1));
        assert!(!r.resync(&mut stats).unwrap(), "the resync failed");
        let got: Vec<Batch> = rx.try_iter().map(|d| d.batch).collect();
        assert_eq!(got.first(), Some(&Batch::ResyncBegin));
        assert!(matches!(&got[1], Batch::Error(e) if e.contains("a bug")), "{:?}", got[1]);
        assert!(!got.contains(&Batch::ResyncEnd), "no sweep");
        assert!(matches!(got.last(), Some(Batch::Error(e)) if e.contains("abandoned")), "{:?}", got.last());
        assert_eq!(r.out.requests.load(Ordering::Acquire), 1, "another resync is asked for");

        assert!(r.resync(&mut stats).unwrap(), "the next one succeeds");
        assert_eq!(r.served, 1, "and serves the request");
        let got: Vec<Batch> = rx.try_iter().map(|d| d.batch).collect();
        assert_eq!(got.last(), Some(&Batch::ResyncEnd));
        assert!(got.iter().all(|b| !matches!(b, Batch::Error(_))));
    }
}
