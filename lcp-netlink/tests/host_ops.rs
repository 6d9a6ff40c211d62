//! End-to-end checks of `lcp_netlink::host` against the real kernel, inside a scratch network
//! namespace made with `ip netns add` (only this test runs `ip`; the library never does).
//!
//! Needs root and a working `ip netns`; otherwise each test prints `SKIPPED: ...` and passes.

use std::io;
use std::net::IpAddr;
use std::os::unix::fs::MetadataExt;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use lcp_netlink::host::{in_netns, netns_exists, write_sysctl, Link, Rtnl};

/// A scratch namespace holding a veth pair `vth0`/`vth0p` (`vth0p` up, so `vth0` gets carrier
/// when it is up), deleted on drop (also when a test fails). veth rather than dummy: some test
/// kernels (e.g. a Firecracker guest without modules) have no dummy driver.
struct Scratch {
    name: String,
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = Command::new("ip").args(["netns", "del", &self.name]).status();
    }
}

impl Scratch {
    /// `ip -n <ns> args...`, returning stdout; panics (fails the test) if `ip` fails.
    fn ip(&self, args: &[&str]) -> String {
        let out = Command::new("ip").arg("-n").arg(&self.name).args(args).output().expect("running ip");
        assert!(
            out.status.success(),
            "ip -n {} {:?}: {}",
            self.name,
            args,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn ns(&self) -> Option<&str> {
        Some(&self.name)
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A fresh namespace with the veth pair in it, or `None` (after printing `SKIPPED:`) when this machine
/// cannot do it.
fn scratch(test: &str) -> Option<Scratch> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        println!("SKIPPED: {test}: not running as root");
        return None;
    }
    let name = format!("lcpnl-{}-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), test);
    match Command::new("ip").args(["netns", "add", &name]).output() {
        Ok(o) if o.status.success() => {}
        Ok(o) => {
            println!("SKIPPED: {test}: ip netns add failed: {}", String::from_utf8_lossy(&o.stderr).trim());
            return None;
        }
        Err(e) => {
            println!("SKIPPED: {test}: cannot run ip: {e}");
            return None;
        }
    }
    let s = Scratch { name };
    s.ip(&["link", "add", "vth0", "type", "veth", "peer", "name", "vth0p"]);
    s.ip(&["link", "set", "vth0p", "up"]);
    Some(s)
}

/// Inode of the calling thread's network namespace.
fn thread_ns_inode() -> u64 {
    std::fs::metadata("/proc/thread-self/ns/net").expect("stat /proc/thread-self/ns/net").ino()
}

fn vth0(rtnl: &mut Rtnl) -> Link {
    rtnl.link_by_name("vth0").unwrap().expect("vth0 exists in the scratch namespace")
}

fn fmt_mac(m: [u8; 6]) -> String {
    m.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

#[test]
fn open_in_namespace_and_read_links() {
    let Some(s) = scratch("links") else { return };
    let before = thread_ns_inode();
    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    assert_eq!(thread_ns_inode(), before, "open must leave the thread where it was");
    assert_eq!(rtnl.netns(), s.ns());

    let d = vth0(&mut rtnl);
    assert_eq!(d.name, "vth0");
    assert_eq!(d.kind.as_deref(), Some("veth"));
    assert_eq!(d.vlan, None);
    assert!(d.mac.is_some());
    assert!(s.ip(&["-o", "link", "show", "vth0"]).starts_with(&format!("{}: vth0", d.ifindex)));
    assert_eq!(rtnl.link(d.ifindex).unwrap(), Some(d.clone()));

    let all = rtnl.links().unwrap();
    let names: Vec<&str> = all.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"lo") && names.contains(&"vth0") && names.contains(&"vth0p"), "{names:?}");
    let peer = all.iter().find(|l| l.name == "vth0p").unwrap();
    assert!(peer.up);

    assert_eq!(rtnl.link_by_name("nosuch0").unwrap(), None);
    assert_eq!(rtnl.link(0x7fff_fff0).unwrap(), None);
    assert!(netns_exists(&s.name));
}

#[test]
fn set_up_mtu_mac() {
    let Some(s) = scratch("setlink") else { return };
    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    let idx = vth0(&mut rtnl).ifindex;

    rtnl.set_up(idx, true).unwrap();
    let d = vth0(&mut rtnl);
    assert!(d.up);
    assert!(d.lower_up, "a veth whose peer is up has carrier once up");
    assert!(s.ip(&["-o", "link", "show", "vth0"]).contains(",UP"));

    rtnl.set_mtu(idx, 1400).unwrap();
    assert_eq!(vth0(&mut rtnl).mtu, 1400);
    assert!(s.ip(&["-o", "link", "show", "vth0"]).contains("mtu 1400"));

    let mac = [0x02, 0x11, 0x22, 0x33, 0x44, 0x55];
    rtnl.set_mac(idx, mac).unwrap();
    assert_eq!(vth0(&mut rtnl).mac, Some(mac));
    assert!(s.ip(&["-o", "link", "show", "vth0"]).contains(&fmt_mac(mac)));

    rtnl.set_up(idx, false).unwrap();
    let d = vth0(&mut rtnl);
    assert!(!d.up);
    assert!(!s.ip(&["-o", "link", "show", "vth0"]).contains(",UP"));

    // The kernel's refusals come back as errno.
    let e = rtnl.set_mtu(idx, 10).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::EINVAL), "{e}");
    let e = rtnl.set_mac(idx, [0x01, 0, 0, 0, 0, 1]).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::EADDRNOTAVAIL), "{e}");
    let e = rtnl.set_up(0x7fff_fff0, true).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ENODEV), "{e}");
}

#[test]
fn addresses_add_replace_del() {
    let Some(s) = scratch("addr") else { return };
    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    let idx = vth0(&mut rtnl).ifindex;
    rtnl.set_up(idx, true).unwrap();
    let v4: IpAddr = "10.1.2.3".parse().unwrap();
    let v6: IpAddr = "2001:db8:1::3".parse().unwrap();

    rtnl.add_address(idx, v4, 24).unwrap();
    // Same address again: NLM_F_REPLACE makes it a success, not EEXIST.
    rtnl.add_address(idx, v4, 24).unwrap();
    rtnl.add_address(idx, v6, 64).unwrap();
    rtnl.add_address(idx, v6, 64).unwrap();

    let addrs = rtnl.addresses(idx).unwrap();
    assert!(addrs.contains(&(v4, 24)), "{addrs:?}");
    assert!(addrs.contains(&(v6, 64)), "{addrs:?}");
    assert_eq!(addrs.iter().filter(|a| **a == (v4, 24)).count(), 1);
    let shown = s.ip(&["-o", "addr", "show", "dev", "vth0"]);
    assert!(shown.contains("inet 10.1.2.3/24"), "{shown}");
    assert!(shown.contains("inet6 2001:db8:1::3/64"), "{shown}");
    // Other links' addresses are not listed.
    let lo = rtnl.link_by_name("lo").unwrap().unwrap().ifindex;
    assert!(!rtnl.addresses(lo).unwrap().contains(&(v4, 24)));

    rtnl.del_address(idx, v4, 24).unwrap();
    rtnl.del_address(idx, v4, 24).unwrap(); // already gone: Ok
    rtnl.del_address(idx, v6, 64).unwrap();
    rtnl.del_address(idx, v6, 64).unwrap();
    let addrs = rtnl.addresses(idx).unwrap();
    assert!(!addrs.iter().any(|(a, _)| *a == v4 || *a == v6), "{addrs:?}");
    let shown = s.ip(&["-o", "addr", "show", "dev", "vth0"]);
    assert!(!shown.contains("10.1.2.3") && !shown.contains("2001:db8:1::3"), "{shown}");
}

#[test]
fn vlans_dot1q_dot1ad_qinq_and_delete() {
    let Some(s) = scratch("vlan") else { return };
    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    let parent = vth0(&mut rtnl).ifindex;

    let q = match rtnl.add_vlan(parent, "vth0.100", 100, 0x8100) {
        Ok(q) => q,
        Err(e) if e.raw_os_error() == Some(libc::EOPNOTSUPP) => {
            // The kernel has no 8021q driver ("Unknown device type" in ip): the request was
            // well formed and refused with the right errno, but nothing more can be checked.
            println!("SKIPPED: vlan: this kernel has no VLAN support (EOPNOTSUPP): {e}");
            return;
        }
        Err(e) => panic!("add_vlan: {e}"),
    };
    let ad = rtnl.add_vlan(parent, "vth0.200", 200, 0x88a8).unwrap();
    let qinq = rtnl.add_vlan(ad, "vth0.200.10", 10, 0x8100).unwrap();

    let l = rtnl.link(q).unwrap().unwrap();
    assert_eq!(l.name, "vth0.100");
    assert_eq!(l.kind.as_deref(), Some("vlan"));
    assert_eq!(l.vlan, Some((100, 0x8100)));
    assert_eq!(l.parent, Some(parent));
    let l = rtnl.link(ad).unwrap().unwrap();
    assert_eq!(l.vlan, Some((200, 0x88a8)));
    assert_eq!(l.parent, Some(parent));
    let l = rtnl.link(qinq).unwrap().unwrap();
    assert_eq!(l.name, "vth0.200.10");
    assert_eq!(l.vlan, Some((10, 0x8100)));
    assert_eq!(l.parent, Some(ad));

    assert!(s.ip(&["-d", "link", "show", "vth0.100"]).contains("vlan protocol 802.1Q id 100"));
    assert!(s.ip(&["-d", "link", "show", "vth0.200"]).contains("vlan protocol 802.1ad id 200"));
    let shown = s.ip(&["-d", "link", "show", "vth0.200.10"]);
    assert!(shown.contains("vth0.200.10@vth0.200"), "{shown}");
    assert!(shown.contains("vlan protocol 802.1Q id 10"), "{shown}");

    // A VLAN can be brought up once its parent is up.
    rtnl.set_up(parent, true).unwrap();
    rtnl.set_up(q, true).unwrap();
    assert!(rtnl.link(q).unwrap().unwrap().up);

    // NLM_F_EXCL: the same name again is EEXIST.
    let e = rtnl.add_vlan(parent, "vth0.100", 101, 0x8100).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::EEXIST), "{e}");
    // Missing parent.
    let e = rtnl.add_vlan(0x7fff_fff0, "vth0.300", 300, 0x8100).unwrap_err();
    assert_eq!(e.raw_os_error(), Some(libc::ENODEV), "{e}");

    rtnl.del_link(qinq).unwrap();
    assert_eq!(rtnl.link(qinq).unwrap(), None);
    rtnl.del_link(qinq).unwrap(); // already gone: Ok
    rtnl.del_link(q).unwrap();
    rtnl.del_link(ad).unwrap();
    let names: Vec<String> = rtnl.links().unwrap().into_iter().map(|l| l.name).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(!s.ip(&["-o", "link", "show"]).contains("vth0."));
}

#[test]
fn sysctl_in_namespace() {
    let Some(s) = scratch("sysctl") else { return };
    let path = "net/ipv6/conf/vth0/disable_ipv6";
    let read = || {
        in_netns(s.ns(), || std::fs::read_to_string(format!("/proc/sys/{path}"))).unwrap().trim().to_owned()
    };
    write_sysctl(s.ns(), path, "1").unwrap();
    assert_eq!(read(), "1");
    let out = Command::new("ip")
        .args(["netns", "exec", &s.name, "cat", &format!("/proc/sys/{path}")])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1");
    write_sysctl(s.ns(), path, "0").unwrap();
    assert_eq!(read(), "0");
    // vth0 lives only in the scratch namespace (unless the host has one too).
    if !std::path::Path::new("/proc/sys/net/ipv6/conf/vth0").exists() {
        let e = write_sysctl(None, path, "1").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound, "{e}");
    }
}

#[test]
fn in_netns_switches_and_comes_back() {
    let Some(s) = scratch("switch") else { return };
    let before = thread_ns_inode();
    let target = std::fs::metadata(format!("/var/run/netns/{}", s.name)).unwrap().ino();
    assert_ne!(before, target);

    let inside = in_netns(s.ns(), || Ok(thread_ns_inode())).unwrap();
    assert_eq!(inside, target);
    assert_eq!(thread_ns_inode(), before);

    // An error from the closure still switches back.
    let e = in_netns(s.ns(), || -> io::Result<()> { Err(io::Error::other("boom")) });
    assert_eq!(e.unwrap_err().to_string(), "boom");
    assert_eq!(thread_ns_inode(), before);

    // So does a panic.
    let r = std::panic::catch_unwind(|| {
        let _ = in_netns(s.ns(), || -> io::Result<()> { panic!("inside the namespace") });
    });
    assert!(r.is_err());
    assert_eq!(thread_ns_inode(), before);

    // No switch for None / "".
    assert_eq!(in_netns(None, || Ok(thread_ns_inode())).unwrap(), before);
    assert_eq!(in_netns(Some(""), || Ok(thread_ns_inode())).unwrap(), before);

    // Nested: into the namespace and back out to where we were inside it.
    let nested = in_netns(s.ns(), || {
        let a = thread_ns_inode();
        let b = in_netns(s.ns(), || Ok(thread_ns_inode()))?;
        Ok((a, b, thread_ns_inode()))
    })
    .unwrap();
    assert_eq!(nested, (target, target, target));
    assert_eq!(thread_ns_inode(), before);

    // A socket opened in the namespace keeps working from the original namespace.
    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    assert!(rtnl.link_by_name("vth0").unwrap().is_some());
    let mut here = Rtnl::open(None).unwrap();
    let lo_here = here.link_by_name("lo").unwrap().unwrap();
    assert!(lo_here.ifindex > 0);
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let Some(s) = scratch("bad") else { return };
    let invalid = |r: io::Result<()>| {
        let e = r.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidInput, "{e}");
    };
    for ns in ["..", ".", "a/b", "../../proc/1/ns/net"] {
        invalid(Rtnl::open(Some(ns)).map(drop));
        invalid(in_netns(Some(ns), || Ok(())));
        invalid(write_sysctl(Some(ns), "net/ipv4/ip_forward", "1"));
        assert!(!netns_exists(ns));
    }
    let e = Rtnl::open(Some("lcpnl-no-such-namespace")).unwrap_err();
    assert_eq!(e.kind(), io::ErrorKind::NotFound, "{e}");
    assert!(!netns_exists("lcpnl-no-such-namespace"));
    // A plain file in /var/run/netns is not a namespace.
    let fake = format!("/var/run/netns/{}-fake", s.name);
    std::fs::write(&fake, b"").unwrap();
    assert!(!netns_exists(&format!("{}-fake", s.name)));
    invalid(in_netns(Some(&format!("{}-fake", s.name)), || Ok(())));
    let _ = std::fs::remove_file(&fake);

    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    let idx = vth0(&mut rtnl).ifindex;
    let v4: IpAddr = "10.9.9.9".parse().unwrap();
    let v6: IpAddr = "2001:db8::9".parse().unwrap();
    invalid(rtnl.link_by_name("").map(drop));
    invalid(rtnl.link_by_name("a234567890123456").map(drop));
    invalid(rtnl.link_by_name("a/b").map(drop));
    invalid(rtnl.link(0).map(drop));
    invalid(rtnl.link(u32::MAX).map(drop));
    invalid(rtnl.set_up(0, true));
    invalid(rtnl.set_mtu(0, 1500));
    invalid(rtnl.set_mac(0, [2, 0, 0, 0, 0, 1]));
    invalid(rtnl.addresses(0).map(drop));
    invalid(rtnl.add_address(idx, v4, 33));
    invalid(rtnl.add_address(idx, v6, 129));
    invalid(rtnl.del_address(idx, v4, 40));
    invalid(rtnl.add_address(0, v4, 24));
    invalid(rtnl.add_vlan(idx, "", 1, 0x8100).map(drop));
    invalid(rtnl.add_vlan(idx, "a234567890123456", 1, 0x8100).map(drop));
    invalid(rtnl.add_vlan(idx, "v1", 4095, 0x8100).map(drop));
    invalid(rtnl.add_vlan(idx, "v1", 1, 0x0800).map(drop));
    invalid(rtnl.add_vlan(0, "v1", 1, 0x8100).map(drop));
    invalid(rtnl.del_link(0));
    invalid(rtnl.set_timeout(std::time::Duration::ZERO));
    invalid(write_sysctl(s.ns(), "../etc/passwd", "x"));
    invalid(write_sysctl(s.ns(), "/etc/passwd", "x"));
    // Nothing was created by the refused requests.
    assert_eq!(rtnl.links().unwrap().len(), 3);
    // The socket is still usable after all that.
    rtnl.set_timeout(std::time::Duration::from_millis(1500)).unwrap();
    assert!(rtnl.link(idx).unwrap().is_some());
}

#[test]
fn large_dumps_span_many_datagrams() {
    let Some(s) = scratch("dump") else { return };
    let mut batch = String::new();
    for i in 0..100 {
        batch.push_str(&format!("link add bv{i} type veth peer name bp{i}\n"));
    }
    for i in 0..250 {
        batch.push_str(&format!("addr add 10.77.{}.{}/32 dev vth0\n", i / 200, i % 200 + 1));
    }
    let path = std::env::temp_dir().join(format!("{}.batch", s.name));
    std::fs::write(&path, batch).unwrap();
    s.ip(&["-batch", path.to_str().unwrap()]);
    let _ = std::fs::remove_file(&path);

    let mut rtnl = Rtnl::open(s.ns()).unwrap();
    let links = rtnl.links().unwrap();
    assert_eq!(links.len(), 203);
    assert!(links.iter().any(|l| l.name == "bp99"));
    let idx = vth0(&mut rtnl).ifindex;
    let addrs = rtnl.addresses(idx).unwrap();
    assert_eq!(addrs.iter().filter(|(a, _)| a.is_ipv4()).count(), 250);
    assert!(addrs.contains(&("10.77.1.50".parse().unwrap(), 32)));
}
