//! Network namespace switching for the calling thread (`setns(2)` with `CLONE_NEWNET`).

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd};

use super::validate;

/// Directory where `ip netns` keeps its named namespaces.
pub const NETNS_RUN_DIR: &str = "/var/run/netns";

/// `NS_GET_NSTYPE` from `<linux/nsfs.h>`: `_IO(0xb7, 0x3)`.
const NS_GET_NSTYPE: libc::c_ulong = 0xb703;

/// Whether `name` is a namespace to switch to: `None`, `Some("")` mean "stay where we are".
fn target(ns: Option<&str>) -> Option<&str> {
    ns.filter(|n| !n.is_empty())
}

/// Open `/var/run/netns/<name>` after checking the name is plain.
fn open_named(name: &str) -> io::Result<File> {
    validate::netns_name(name)?;
    let path = format!("{NETNS_RUN_DIR}/{name}");
    File::open(&path).map_err(|e| io::Error::new(e.kind(), format!("network namespace {path}: {e}")))
}

/// Open the calling thread's current network namespace.
fn open_current() -> io::Result<File> {
    File::open("/proc/thread-self/ns/net")
        .or_else(|_| {
            // SAFETY: gettid has no preconditions and cannot fail.
            let tid = unsafe { libc::gettid() };
            File::open(format!("/proc/self/task/{tid}/ns/net"))
        })
        .map_err(|e| io::Error::new(e.kind(), format!("current network namespace: {e}")))
}

/// Whether `fd` refers to a network namespace (`NS_GET_NSTYPE` says `CLONE_NEWNET`).
fn is_netns(fd: BorrowedFd<'_>) -> bool {
    // SAFETY: NS_GET_NSTYPE takes no argument and only reads the descriptor, which is open
    // for the duration of the call because it is borrowed.
    let r = unsafe { libc::ioctl(fd.as_raw_fd(), NS_GET_NSTYPE as _) };
    r == libc::CLONE_NEWNET
}

/// Move the calling thread into the network namespace `fd`.
fn setns(fd: BorrowedFd<'_>) -> io::Result<()> {
    // SAFETY: setns only reads the descriptor, which stays open for the call (it is
    // borrowed); CLONE_NEWNET restricts it to switching the network namespace of this thread.
    let r = unsafe { libc::setns(fd.as_raw_fd(), libc::CLONE_NEWNET) };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Puts the thread back into the namespace it came from when dropped, also on unwinding.
struct Restore {
    saved: File,
}

impl Drop for Restore {
    fn drop(&mut self) {
        use std::os::fd::AsFd;
        if let Err(e) = setns(self.saved.as_fd()) {
            eprintln!(
                "lcp-netlink: cannot switch the thread back to its network namespace: {e}; \
                 aborting rather than running on in the wrong namespace"
            );
            std::process::abort();
        }
    }
}

/// Run `f` with the calling thread in network namespace `ns`, then switch back.
///
/// `None` or `Some("")` runs `f` with no switch at all. `Some(name)` opens
/// `/var/run/netns/<name>` (the name must be plain: no `/`, not "." or "..", else
/// [`io::ErrorKind::InvalidInput`]), enters it with `setns` on this thread only, runs `f` and
/// enters the thread's previous namespace again, also when `f` returns an error or panics.
/// If switching back fails the process aborts with a message on stderr: a VPP main thread
/// must never stay in the wrong namespace.
pub fn in_netns<T>(ns: Option<&str>, f: impl FnOnce() -> io::Result<T>) -> io::Result<T> {
    let Some(name) = target(ns) else {
        return f();
    };
    use std::os::fd::AsFd;
    let dest = open_named(name)?;
    if !is_netns(dest.as_fd()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{NETNS_RUN_DIR}/{name} is not a network namespace"),
        ));
    }
    let saved = open_current()?;
    setns(dest.as_fd())
        .map_err(|e| io::Error::new(e.kind(), format!("entering network namespace {name}: {e}")))?;
    let _restore = Restore { saved };
    f()
}

/// Whether `/var/run/netns/<name>` exists and can be opened as a network namespace.
///
/// A name that is not plain (empty, holding `/`, "." or "..") gives `false`.
pub fn netns_exists(name: &str) -> bool {
    use std::os::fd::AsFd;
    match open_named(name) {
        Ok(f) => is_netns(f.as_fd()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_switch_for_none_or_empty() {
        assert_eq!(in_netns(None, || Ok(7)).unwrap(), 7);
        assert_eq!(in_netns(Some(""), || Ok(8)).unwrap(), 8);
        let e = in_netns(None, || -> io::Result<()> { Err(io::Error::other("inner")) });
        assert_eq!(e.unwrap_err().to_string(), "inner");
    }

    #[test]
    fn bad_names_are_invalid_input() {
        for bad in [".", "..", "a/b", "../../proc/1/ns/net"] {
            let e = in_netns(Some(bad), || Ok(())).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
            assert!(!netns_exists(bad));
        }
        assert!(!netns_exists(""));
    }

    #[test]
    fn missing_namespace() {
        let name = "lcp-netlink-surely-not-there";
        assert!(!netns_exists(name));
        let e = in_netns(Some(name), || Ok(())).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.to_string().contains(name));
    }

    #[test]
    fn current_namespace_is_a_netns() {
        let f = open_current().unwrap();
        assert!(is_netns(std::os::fd::AsFd::as_fd(&f)));
    }
}
