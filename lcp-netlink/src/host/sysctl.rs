//! Writing `/proc/sys` entries as seen from a network namespace.

use std::io::{self, Write};

use super::netns::in_netns;
use super::validate;

/// Write `value` to `/proc/sys/<path>` (e.g. `"net/mpls/conf/hpg0/input"`) as seen from
/// namespace `ns` (`None`/`Some("")`: the calling thread's current one).
///
/// `path` must be relative with no empty, "." or ".." components
/// ([`io::ErrorKind::InvalidInput`] otherwise). The file is opened while the thread is in
/// `ns`, so per-namespace entries (everything under `net/`) are that namespace's.
pub fn write_sysctl(ns: Option<&str>, path: &str, value: &str) -> io::Result<()> {
    validate::sysctl_path(path)?;
    let full = format!("/proc/sys/{path}");
    in_netns(ns, || {
        let mut f = std::fs::OpenOptions::new().write(true).open(&full)?;
        f.write_all(value.as_bytes())
    })
    .map_err(|e| {
        if e.kind() == io::ErrorKind::InvalidInput {
            e
        } else {
            io::Error::new(e.kind(), format!("sysctl {full} = {value:?}: {e}"))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_paths_are_refused_before_any_io() {
        for bad in ["", "/etc/passwd", "net/../../etc/passwd", "net//x"] {
            let e = write_sysctl(None, bad, "1").unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
    }

    #[test]
    fn missing_entry_is_not_found() {
        let e = write_sysctl(None, "net/lcp_netlink_no_such_entry", "1").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
        assert!(e.to_string().contains("lcp_netlink_no_such_entry"));
    }
}
