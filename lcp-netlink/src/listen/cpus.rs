//! Where the reader thread runs.
//!
//! VPP pins its main thread to one CPU (`cpu { main-core }`, by default the
//! CPU it started on) and each worker to its own. A thread the plugin
//! spawns from the main thread inherits that one-CPU mask, so the reader's
//! socket reads, the kernel's dump work done in them and the decoding would
//! all share the main thread's CPU and slow down exactly the FIB updates
//! they feed. The reader moves itself to the CPUs no VPP thread is pinned
//! to (every online CPU when that leaves none).

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

/// What [`spread`] chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// The thread's mask was already wider than one CPU: left alone.
    Unchanged,
    /// Moved to these CPUs.
    Moved(BTreeSet<usize>),
    /// The kernel refused every choice; the thread stays where it was.
    Refused,
}

/// Move the calling thread off the CPUs VPP's threads are pinned to when it
/// inherited a one-CPU mask (see the module documentation).
pub fn spread() -> Placement {
    if affinity(0).is_some_and(|m| m.len() > 1) {
        return Placement::Unchanged;
    }
    let all = online();
    let free: BTreeSet<usize> = all.difference(&pinned_by_others()).copied().collect();
    for choice in [free, all] {
        if !choice.is_empty() && set_affinity(&choice).is_ok() {
            return Placement::Moved(affinity(0).unwrap_or(choice));
        }
    }
    Placement::Refused
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
    /// is) moves to the others.
    #[test]
    fn a_thread_born_pinned_leaves_the_pinned_cpu() {
        let all = online();
        let Some(&first) = all.iter().next() else { return };
        if all.len() < 2 || affinity(0).is_none_or(|m| m.len() < 2) {
            eprintln!("SKIPPED: needs two CPUs");
            return;
        }
        std::thread::spawn(move || {
            set_affinity(&BTreeSet::from([first])).expect("pin to one CPU");
            let child = std::thread::spawn(|| (affinity(0), spread(), affinity(0)));
            let (before, placed, after) = child.join().unwrap();
            assert_eq!(before, Some(BTreeSet::from([first])), "inherited the pinned mask");
            let after = after.expect("mask");
            assert!(matches!(placed, Placement::Moved(ref m) if *m == after), "{placed:?}");
            assert!(!after.contains(&first), "still on the pinned CPU: {after:?}");
            assert!(!after.is_empty());
        })
        .join()
        .unwrap();
        // A thread already free to move is left alone.
        assert_eq!(std::thread::spawn(spread).join().unwrap(), Placement::Unchanged);
    }
}
