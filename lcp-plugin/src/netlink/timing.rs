//! Where a resync's time went, for `show lcp netlink verbose`: how long the
//! last one (the start-up import, an overflow's, an on-demand one) took from
//! its begin to its end batch, how long the reader thread spent updating
//! the model and resolving routes, and how much of the time the main thread
//! spent on links, addresses and neighbours, working out and writing VPP's
//! FIB entries, or waiting for the listener. An operator sizing a big table (or we, when
//! the import is slower than VPP's own insertion) can tell which side is
//! the slow one.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    /// Clock ticks spent inside VPP's FIB calls (main thread only).
    static FIB: Cell<u64> = const { Cell::new(0) };
}

/// A cheap clock for per-route timing: the time-stamp counter where there
/// is one (a `clock_gettime` per FIB call would cost more than some FIB
/// calls in a VM whose clock source is not the TSC), converted to seconds
/// over a whole resync.
fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: RDTSC has no preconditions (it reads a counter).
        #[allow(unused_unsafe)]
        unsafe {
            core::arch::x86_64::_rdtsc()
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        use std::sync::OnceLock;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    }
}

/// Run `f` (a FIB call), counting its time towards the FIB share.
pub(crate) fn fib<R>(f: impl FnOnce() -> R) -> R {
    let t = ticks();
    let r = f();
    let spent = ticks().saturating_sub(t);
    FIB.with(|c| c.set(c.get() + spent));
    r
}

fn fib_total() -> u64 {
    FIB.with(Cell::get)
}

/// One resync's time, as it runs and once it ended.
#[derive(Debug, Clone, Default)]
pub struct ResyncTiming {
    started: Option<(Instant, u64)>,
    fib_at_start: u64,
    /// From the begin batch to the end batch.
    pub wall: Duration,
    /// Applying events to the model and resolving the changed routes (on
    /// the reader thread, beside the main thread's work).
    pub model: Duration,
    /// Links, addresses and neighbours into VPP (main thread).
    pub events: Duration,
    /// Reconciling VPP with the model (FIB included).
    pub reconcile: Duration,
    /// Inside VPP's FIB calls.
    pub fib: Duration,
    /// Dump batches applied.
    pub batches: u64,
    /// Messages in them (events, and what the listener skipped).
    pub messages: u64,
    /// Times the main thread found the listener's queue empty mid-resync.
    pub starved: u64,
    /// The resync has ended (the fields are final).
    pub done: bool,
}

impl ResyncTiming {
    /// A resync begins.
    pub(crate) fn begin(&mut self) {
        *self = ResyncTiming {
            started: Some((Instant::now(), ticks())),
            fib_at_start: fib_total(),
            ..Default::default()
        };
    }

    /// A dump batch of `messages` took `model` on the reader thread, then
    /// `events` and `reconcile` on the main thread.
    pub(crate) fn batch(&mut self, messages: usize, model: Duration, events: Duration, reconcile: Duration) {
        if self.started.is_some() && !self.done {
            self.batches += 1;
            self.messages += messages as u64;
            self.model += model;
            self.events += events;
            self.reconcile += reconcile;
        }
    }

    /// The queue was empty while resyncing.
    pub(crate) fn starved(&mut self) {
        if self.started.is_some() && !self.done {
            self.starved += 1;
        }
    }

    /// The resync ended.
    pub(crate) fn end(&mut self) {
        if let Some((t, t0)) = self.started {
            self.wall = t.elapsed();
            let (fib, all) = (fib_total().saturating_sub(self.fib_at_start), ticks().saturating_sub(t0));
            // The FIB's share of the ticks is its share of the wall time.
            self.fib = if all == 0 { Duration::ZERO } else { self.wall.mul_f64(fib as f64 / all as f64) };
            self.done = true;
        }
    }

    /// `show lcp netlink verbose`'s line, `None` before any resync began.
    pub fn line(&self) -> Option<String> {
        let (t, _) = self.started?;
        let (what, wall, fib) = if self.done {
            ("last resync", self.wall, format!("{:.3} s", self.fib.as_secs_f64()))
        } else {
            ("resync under way", t.elapsed(), "counted at the end".to_string())
        };
        let s = |d: Duration| d.as_secs_f64();
        let busy = self.events + self.reconcile;
        Some(format!(
            "{what}: {} messages in {} batches, {:.3} s: model {:.3} s (reader thread), links/addresses/neighbours \
             {:.3} s, reconcile {:.3} s (VPP FIB calls {fib}), elsewhere {:.3} s (the graph, CLI, API, or \
             waiting: the listener's queue was empty {} times)",
            self.messages,
            self.batches,
            s(wall),
            s(self.model),
            s(self.events),
            s(self.reconcile),
            s(wall.saturating_sub(busy)),
            self.starved
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resync_adds_up_its_batches_and_the_fib_calls_made_meanwhile() {
        let mut t = ResyncTiming::default();
        t.batch(5, Duration::from_millis(1), Duration::ZERO, Duration::from_millis(2));
        assert_eq!(t.batches, 0, "nothing counts before a begin");
        assert_eq!(t.line(), None);
        let mut running = ResyncTiming::default();
        running.begin();
        running.batch(3, Duration::ZERO, Duration::ZERO, Duration::ZERO);
        assert!(running.line().unwrap().starts_with("resync under way: 3 messages in 1 batches"));
        fib(|| std::thread::sleep(Duration::from_millis(2)));
        t.begin();
        t.batch(5, Duration::from_millis(1), Duration::from_millis(1), Duration::from_millis(2));
        t.batch(7, Duration::from_millis(1), Duration::ZERO, Duration::from_millis(2));
        t.starved();
        fib(|| std::thread::sleep(Duration::from_millis(3)));
        t.end();
        assert_eq!((t.batches, t.messages, t.starved), (2, 12, 1));
        assert_eq!(
            (t.model, t.events, t.reconcile),
            (Duration::from_millis(2), Duration::from_millis(1), Duration::from_millis(4))
        );
        // Ticks become seconds over the resync's wall time (the TSC's rate is constant).
        assert!(t.fib >= Duration::from_micros(2500) && t.fib < Duration::from_millis(6), "{:?}", t.fib);
        assert!(t.wall >= t.fib);
        let line = t.line().unwrap();
        assert!(line.starts_with("last resync: 12 messages in 2 batches"), "{line}");
        assert!(line.contains("empty 1 times"), "{line}");
        t.batch(1, Duration::ZERO, Duration::ZERO, Duration::ZERO);
        assert_eq!(t.batches, 2, "an ended resync's numbers stay");
    }
}
