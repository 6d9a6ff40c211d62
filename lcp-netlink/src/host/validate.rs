//! Argument checks done before anything is sent to the kernel.

use std::io;

/// Size of a Linux interface name buffer including the terminating NUL: names are at most
/// `IFNAMSIZ - 1` = 15 bytes.
pub const IFNAMSIZ: usize = 16;

/// Highest VLAN id Linux accepts for a VLAN link (4095 is reserved).
pub const VLAN_ID_MAX: u16 = 4094;

/// An `InvalidInput` error with `msg`.
pub(crate) fn invalid(msg: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg.into())
}

/// A Linux interface name: non-empty, shorter than [`IFNAMSIZ`], not "." or "..", and free of
/// the characters the kernel refuses (`/`, `:`, whitespace, NUL).
pub(crate) fn ifname(name: &str) -> io::Result<()> {
    if name.is_empty() {
        return Err(invalid("interface name is empty"));
    }
    if name.len() >= IFNAMSIZ {
        return Err(invalid(format!(
            "interface name {name:?} is {} bytes, the limit is {}",
            name.len(),
            IFNAMSIZ - 1
        )));
    }
    if name == "." || name == ".." {
        return Err(invalid(format!("interface name {name:?} is not allowed")));
    }
    if name.chars().any(|c| c == '/' || c == ':' || c == '\0' || c.is_whitespace()) {
        return Err(invalid(format!("interface name {name:?} holds '/', ':', NUL or whitespace")));
    }
    Ok(())
}

/// An interface index the kernel can hold (a positive C `int`).
pub(crate) fn ifindex(ifindex: u32) -> io::Result<()> {
    if ifindex == 0 || ifindex > i32::MAX as u32 {
        return Err(invalid(format!("interface index {ifindex} is not valid")));
    }
    Ok(())
}

/// A plain namespace name as found in `/var/run/netns`: non-empty, no `/` or NUL, not "." or
/// "..", at most 255 bytes.
pub(crate) fn netns_name(name: &str) -> io::Result<()> {
    if name.is_empty() || name == "." || name == ".." {
        return Err(invalid(format!("network namespace name {name:?} is not allowed")));
    }
    if name.len() > 255 {
        return Err(invalid("network namespace name is longer than 255 bytes"));
    }
    if name.contains('/') || name.contains('\0') {
        return Err(invalid(format!("network namespace name {name:?} holds '/' or NUL")));
    }
    Ok(())
}

/// A prefix length that fits the address family.
pub(crate) fn prefix_len(addr: std::net::IpAddr, len: u8) -> io::Result<()> {
    let max = if addr.is_ipv4() { 32 } else { 128 };
    if len > max {
        return Err(invalid(format!("prefix length /{len} is too long for {addr}")));
    }
    Ok(())
}

/// A path below `/proc/sys`: relative, non-empty components, none "." or "..", no NUL.
pub(crate) fn sysctl_path(path: &str) -> io::Result<()> {
    if path.is_empty() || path.starts_with('/') || path.contains('\0') {
        return Err(invalid(format!("sysctl path {path:?} is not a relative path")));
    }
    if path.split('/').any(|c| c.is_empty() || c == "." || c == "..") {
        return Err(invalid(format!("sysctl path {path:?} has an empty, \".\" or \"..\" component")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ifnames() {
        assert!(ifname("eth0").is_ok());
        assert!(ifname("hpg0.100").is_ok());
        assert!(ifname("a23456789012345").is_ok());
        for bad in ["", "a234567890123456", ".", "..", "a/b", "a b", "a:1", "a\0"] {
            let e = ifname(bad).unwrap_err();
            assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{bad:?}");
        }
    }

    #[test]
    fn ifindexes() {
        assert!(ifindex(1).is_ok());
        assert!(ifindex(i32::MAX as u32).is_ok());
        assert!(ifindex(0).is_err());
        assert!(ifindex(u32::MAX).is_err());
    }

    #[test]
    fn netns_names() {
        assert!(netns_name("dataplane").is_ok());
        assert!(netns_name("ns.1").is_ok());
        for bad in ["", ".", "..", "a/b", "/abs", "a\0"] {
            assert!(netns_name(bad).is_err(), "{bad:?}");
        }
        assert!(netns_name(&"x".repeat(256)).is_err());
    }

    #[test]
    fn prefixes() {
        let v4: std::net::IpAddr = "10.0.0.1".parse().unwrap();
        let v6: std::net::IpAddr = "2001:db8::1".parse().unwrap();
        assert!(prefix_len(v4, 32).is_ok());
        assert!(prefix_len(v4, 33).is_err());
        assert!(prefix_len(v6, 128).is_ok());
        assert!(prefix_len(v6, 129).is_err());
    }

    #[test]
    fn sysctl_paths() {
        assert!(sysctl_path("net/mpls/conf/hpg0/input").is_ok());
        assert!(sysctl_path("net/ipv4/conf/eth0.100/forwarding").is_ok());
        for bad in ["", "/net/x", "net//x", "net/../x", "net/./x", "net/x/", "a\0b"] {
            assert!(sysctl_path(bad).is_err(), "{bad:?}");
        }
    }
}
