//! Where the reader thread runs.
//!
//! VPP pins its main thread to one CPU (`cpu { main-core }`, by default the
//! CPU it started on) and each worker to its own. A thread the plugin
//! spawns from the main thread inherits that one-CPU mask. Two kinds of
//! work want different places:
//! - a dump (start-up import, resync, audit): the kernel's dump work done in
//!   the reader's reads and the decoding of up to millions of routes would
//!   share the main thread's CPU and slow down exactly the FIB updates they
//!   feed, so the reader dumps on the CPUs no VPP thread is pinned to (every
//!   online CPU when that leaves none);
//! - live events: one `recvmsg` per notification, a few microseconds each,
//!   while the CPUs VPP has not pinned are the ones the routing daemon and
//!   the kernel's route insertion use. Reading there took CPU time from
//!   `ip -batch` itself (1.3-1.7x as long in a 2-vCPU VM); on the main
//!   thread's CPU, mostly idle in a burst, it costs Linux what C linux-nl's
//!   reading on the main thread costs it. So between dumps the reader goes
//!   back to the mask it inherited.

use std::collections::BTreeSet;

/// A CPU set as the kernel takes it.
fn mask_of(cpus: &BTreeSet<usize>) -> libc::cpu_set_t {
    // SAFETY: cpu_set_t is a plain bit array; all zeroes is the empty set.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for &c in cpus {
        if c < libc::CPU_SETSIZE as usize {
            // SAFETY: `c` is below CPU_SETSIZE, inside the set's bit array.
            unsafe { libc::CPU_SET(c, &mut set) };
        }
    }
    set
}

/// The CPUs thread `tid` (0: the calling thread) may run on.
pub fn affinity(tid: libc::pid_t) -> Option<BTreeSet<usize>> {
    // SAFETY: as in `mask_of`.
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    // SAFETY: `set` is a valid, writable cpu_set_t of the size passed.
    let r = unsafe { libc::sched_getaffinity(tid, std::mem::size_of::<libc::cpu_set_t>(), &mut set) };
    if r != 0 {
        return None;
    }
    // SAFETY: every `c` is below CPU_SETSIZE, inside the set's bit array.
    Some((0..libc::CPU_SETSIZE as usize).filter(|&c| unsafe { libc::CPU_ISSET(c, &set) }).collect())
}

/// Let the calling thread run on `cpus` (the kernel keeps it within its
/// cpuset).
pub fn set_affinity(cpus: &BTreeSet<usize>) -> std::io::Result<()> {
    let set = mask_of(cpus);
    // SAFETY: `set` is a valid cpu_set_t of the size passed; 0 is the calling thread.
    let r = unsafe { libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Online CPUs (`/sys/devices/system/cpu/online`, a list such as `0-3,6`).
fn online() -> BTreeSet<usize> {
    let text = std::fs::read_to_string("/sys/devices/system/cpu/online").unwrap_or_default();
    parse_list(text.trim())
}

/// A kernel CPU list (`0-3,6`); malformed parts are skipped.
pub fn parse_list(s: &str) -> BTreeSet<usize> {
    let mut out = BTreeSet::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                    out.extend(a..=b.min(a + 4096));
                }
            }
            None => out.extend(part.trim().parse::<usize>().ok()),
        }
    }
    out
}

/// The CPUs this process's other threads are pinned to (threads whose mask
/// is a single CPU: VPP's main thread and workers).
fn pinned_by_others() -> BTreeSet<usize> {
    // SAFETY: gettid has no preconditions.
    let me = unsafe { libc::syscall(libc::SYS_gettid) } as libc::pid_t;
    let Ok(dir) = std::fs::read_dir("/proc/self/task") else { return BTreeSet::new() };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<libc::pid_t>().ok())
        .filter(|&tid| tid != me)
        .filter_map(affinity)
        .filter(|m| m.len() == 1)
        .flatten()
        .collect()
}

/// Where the reader runs, chosen once when it starts ([`plan`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    /// While dumping: the CPUs no VPP thread is pinned to.
    pub dumps: BTreeSet<usize>,
    /// Between dumps: the one-CPU mask the thread inherited (VPP's main thread's).
    pub events: BTreeSet<usize>,
}

impl Places {
    /// Move the calling thread to `dumps` (`true`) or `events` (`false`).
    /// A refusal leaves it where it is: placement is a matter of speed only.
    pub fn enter(&self, dumping: bool) {
        let _ = set_affinity(if dumping { &self.dumps } else { &self.events });
    }
}

/// Where the calling thread should dump and read events (see the module
/// documentation); `None` when it did not inherit a one-CPU mask (it is
/// left alone) or the kernel refuses every move (it stays where it is).
/// Leaves the thread on `events`.
pub fn plan() -> Option<Places> {
    let events = affinity(0).filter(|m| m.len() == 1)?;
    let all = online();
    let free: BTreeSet<usize> = all.difference(&pinned_by_others()).copied().collect();
    let dumps = [free, all].into_iter().find(|c| !c.is_empty() && set_affinity(c).is_ok())?;
    let dumps = affinity(0).unwrap_or(dumps);
    let places = Places { dumps, events };
    places.enter(false);
    Some(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists_parse_as_the_kernel_writes_them() {
        assert_eq!(parse_list("0-3,6"), BTreeSet::from([0, 1, 2, 3, 6]));
        assert_eq!(parse_list("0"), BTreeSet::from([0]));
        assert_eq!(parse_list(""), BTreeSet::new());
        assert_eq!(parse_list("x,2,3-y"), BTreeSet::from([2]));
    }

    /// A thread spawned by a thread pinned to one CPU (as VPP's main thread
    /// is) dumps on the others and reads events on the pinned one.
    #[test]
    fn a_thread_born_pinned_dumps_elsewhere_and_reads_events_at_home() {
        let all = online();
        let Some(&first) = all.iter().next() else { return };
        if all.len() < 2 || affinity(0).is_none_or(|m| m.len() < 2) {
            eprintln!("SKIPPED: needs two CPUs");
            return;
        }
        std::thread::spawn(move || {
            set_affinity(&BTreeSet::from([first])).expect("pin to one CPU");
            let child = std::thread::spawn(|| {
                let born = affinity(0);
                let places = plan();
                let resting = affinity(0);
                let p = places.clone().expect("a plan for a pinned thread");
                p.enter(true);
                let dumping = affinity(0);
                p.enter(false);
                (born, places, resting, dumping, affinity(0))
            });
            let (born, places, resting, dumping, back) = child.join().unwrap();
            let home = BTreeSet::from([first]);
            assert_eq!(born, Some(home.clone()), "inherited the pinned mask");
            let places = places.unwrap();
            assert_eq!(places.events, home);
            assert!(!places.dumps.contains(&first) && !places.dumps.is_empty(), "{places:?}");
            assert_eq!(resting, Some(home.clone()), "plan() leaves the thread at home");
            assert_eq!(dumping, Some(places.dumps.clone()));
            assert_eq!(back, Some(home));
        })
        .join()
        .unwrap();
        // A thread already free to move is left alone.
        assert_eq!(std::thread::spawn(plan).join().unwrap(), None);
    }
}
