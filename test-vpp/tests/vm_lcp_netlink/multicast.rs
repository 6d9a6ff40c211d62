//! Routing protocols' link-local multicast reaches Linux through the pair.

use super::*;

/// A raw `AF_PACKET` socket on a Linux interface in a namespace: every
/// frame the interface receives, as tcpdump sees them.
struct PacketSocket(std::os::fd::OwnedFd);

impl PacketSocket {
    fn open(ns: &str, dev: &str) -> PacketSocket {
        use std::os::fd::{FromRawFd, IntoRawFd, OwnedFd};
        let (ns, name) = (ns.to_string(), dev.to_string());
        // On a thread of its own: setns changes the calling thread only,
        // and the socket stays in the namespace it was made in when the
        // thread ends.
        let fd = std::thread::spawn(move || -> Result<i32, String> {
            let f = ["/run/netns", "/var/run/netns"]
                .iter()
                .find_map(|d| std::fs::File::open(Path::new(d).join(&ns)).ok())
                .ok_or_else(|| format!("no /run/netns/{ns}"))?;
            let err = |what: &str| format!("{what}: {}", std::io::Error::last_os_error());
            // SAFETY: `f` is an open namespace file; only this thread moves.
            if unsafe { libc::setns(std::os::fd::AsRawFd::as_raw_fd(&f), libc::CLONE_NEWNET) } != 0 {
                return Err(err("setns"));
            }
            let name = std::ffi::CString::new(name).unwrap();
            // SAFETY: `name` is a NUL-terminated string that outlives the call.
            let ifindex = unsafe { libc::if_nametoindex(name.as_ptr()) };
            if ifindex == 0 {
                return Err(err("if_nametoindex"));
            }
            let proto = (libc::ETH_P_ALL as u16).to_be();
            // SAFETY: socket(2) with constant arguments.
            let fd = unsafe { libc::socket(libc::AF_PACKET, libc::SOCK_RAW, i32::from(proto)) };
            if fd < 0 {
                return Err(err("socket(AF_PACKET)"));
            }
            // SAFETY: `fd` was just made and is owned by nobody else.
            let owned = unsafe { OwnedFd::from_raw_fd(fd) };
            // SAFETY: sockaddr_ll is plain data; all zeroes is a valid value.
            let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
            sll.sll_family = libc::AF_PACKET as u16;
            sll.sll_protocol = proto;
            sll.sll_ifindex = ifindex as i32;
            // SAFETY: `sll` is a valid sockaddr_ll and the length is its size.
            let rv = unsafe {
                libc::bind(
                    fd,
                    std::ptr::addr_of!(sll).cast::<libc::sockaddr>(),
                    std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t,
                )
            };
            if rv != 0 {
                return Err(err("bind"));
            }
            let tv = libc::timeval { tv_sec: 0, tv_usec: 200_000 };
            // SAFETY: `tv` is a valid timeval and the length is its size.
            let rv = unsafe {
                libc::setsockopt(
                    fd,
                    libc::SOL_SOCKET,
                    libc::SO_RCVTIMEO,
                    std::ptr::addr_of!(tv).cast::<libc::c_void>(),
                    std::mem::size_of::<libc::timeval>() as libc::socklen_t,
                )
            };
            if rv != 0 {
                return Err(err("SO_RCVTIMEO"));
            }
            Ok(owned.into_raw_fd())
        })
        .join()
        .expect("the socket thread")
        .unwrap_or_else(|e| panic!("a packet socket on {dev}: {e}"));
        // SAFETY: the thread handed over ownership of this open socket.
        PacketSocket(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    /// The next frame received (not sent) on the interface, or `None`
    /// after 200 ms without one.
    fn recv(&self) -> Option<Vec<u8>> {
        use std::os::fd::AsRawFd;
        let mut buf = vec![0u8; 9216];
        loop {
            // SAFETY: all zeroes is a valid sockaddr_ll.
            let mut sll: libc::sockaddr_ll = unsafe { std::mem::zeroed() };
            let mut len = std::mem::size_of::<libc::sockaddr_ll>() as libc::socklen_t;
            // SAFETY: `buf` and `sll` are valid for the lengths given.
            let n = unsafe {
                libc::recvfrom(
                    self.0.as_raw_fd(),
                    buf.as_mut_ptr().cast::<libc::c_void>(),
                    buf.len(),
                    0,
                    std::ptr::addr_of_mut!(sll).cast::<libc::sockaddr>(),
                    &mut len,
                )
            };
            if n < 0 {
                return None;
            }
            if sll.sll_pkttype == libc::PACKET_OUTGOING {
                continue;
            }
            return Some(buf[..n as usize].to_vec());
        }
    }
}

/// A pcap file (Ethernet) holding `frames`.
fn pcap(frames: &[Vec<u8>]) -> Vec<u8> {
    let mut f = Vec::new();
    for v in [0xa1b2_c3d4u32.to_le_bytes().as_slice(), &2u16.to_le_bytes(), &4u16.to_le_bytes()] {
        f.extend_from_slice(v);
    }
    for v in [0u32, 0, 65535, 1] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    for (i, p) in frames.iter().enumerate() {
        for v in [1u32, i as u32, p.len() as u32, p.len() as u32] {
            f.extend_from_slice(&v.to_le_bytes());
        }
        f.extend_from_slice(p);
    }
    f
}

/// An OSPF hello in IPv4 (protocol 89, TTL 1, DSCP CS6) from `src` to the
/// group `dst`, in an Ethernet frame to the group's MAC.
fn ospf4_hello(src: [u8; 4], dst: [u8; 4], router_id: u8) -> Vec<u8> {
    // OSPFv2 hello: version 2, type 1, length 44, router id, area 0, ...
    let mut ospf = vec![2u8, 1, 0, 44, 10, 130, 0, router_id, 0, 0, 0, 0];
    ospf.resize(44, 0);
    ospf[24..28].copy_from_slice(&[255, 255, 255, 0]);
    ospf[28..30].copy_from_slice(&10u16.to_be_bytes());
    ospf[31] = 1;
    ospf[32..36].copy_from_slice(&40u32.to_be_bytes());
    let mut ip = vec![0u8; 20];
    ip[0] = 0x45;
    ip[1] = 0xc0;
    ip[2..4].copy_from_slice(&((20 + ospf.len()) as u16).to_be_bytes());
    ip[8] = 1;
    ip[9] = 89;
    ip[12..16].copy_from_slice(&src);
    ip[16..20].copy_from_slice(&dst);
    let c = test_vpp::packets::ipv4_checksum(&ip);
    ip[10..12].copy_from_slice(&c.to_be_bytes());
    ip.extend_from_slice(&ospf);
    let mac = [0x01, 0x00, 0x5e, dst[1] & 0x7f, dst[2], dst[3]];
    test_vpp::packets::ethernet(mac, [0x02, 0, 0, 0, 0x13, router_id], 0x0800, &ip)
}

/// An OSPFv3 hello (next header 89, hop limit 1) from the link-local `src`
/// to the group `dst`, in an Ethernet frame to the group's MAC.
fn ospf6_hello(src: std::net::Ipv6Addr, dst: std::net::Ipv6Addr, router_id: u8) -> Vec<u8> {
    let mut ospf = vec![3u8, 1, 0, 36, 10, 130, 0, router_id, 0, 0, 0, 0];
    ospf.resize(36, 0);
    ospf[16..20].copy_from_slice(&1u32.to_be_bytes());
    ospf[24..26].copy_from_slice(&10u16.to_be_bytes());
    ospf[26..28].copy_from_slice(&40u16.to_be_bytes());
    // The checksum is left 0: Linux delivers it to a packet socket as is.
    let mut ip = vec![0x60u8, 0xe0, 0, 0];
    ip.extend_from_slice(&(ospf.len() as u16).to_be_bytes());
    ip.extend_from_slice(&[89, 1]);
    ip.extend_from_slice(&src.octets());
    ip.extend_from_slice(&dst.octets());
    ip.extend_from_slice(&ospf);
    let o = dst.octets();
    test_vpp::packets::ethernet(
        [0x33, 0x33, o[12], o[13], o[14], o[15]],
        [0x02, 0, 0, 0, 0x13, router_id],
        0x86dd,
        &ip,
    )
}

/// Which group `frame` is an OSPF packet to (`224.0.0.5`, `ff02::5`, ...).
fn ospf_group(frame: &[u8]) -> Option<String> {
    let ethertype = u16::from_be_bytes([*frame.get(12)?, *frame.get(13)?]);
    let ip = frame.get(14..)?;
    match ethertype {
        0x0800 if ip.len() >= 20 && ip[9] == 89 => {
            Some(std::net::Ipv4Addr::new(ip[16], ip[17], ip[18], ip[19]).to_string())
        }
        0x86dd if ip.len() >= 40 && ip[6] == 89 => {
            let a: [u8; 16] = ip[24..40].try_into().ok()?;
            Some(std::net::Ipv6Addr::from(a).to_string())
        }
        _ => None,
    }
}

#[test]
fn routing_multicast_reaches_linux() {
    let test = "routing_multicast_reaches_linux";
    let Some(s) = setup(test) else { return };
    let netns = Netns::new("nlvm12");
    let ns = netns.name();
    let vpp = s.start("");
    // A packet-generator interface as the phy, as VPP's test_linux_cp.py.
    vpp.must("create packet-generator interface pg0");
    vpp.must("set interface state pg0 up");
    phy_pair(&vpp, "pg0", "mc0", ns);
    // An address on each side, as a router running OSPF has; no route yet
    // (hellos come before any route is learnt).
    ipn(ns, "addr add 10.130.0.2/24 dev mc0");
    ipn(ns, "-6 addr add 2001:db8:130::2/64 dev mc0 nodad");
    eventually(&vpp, "mc0's addresses on pg0", "show interface address pg0", |o| {
        o.contains("10.130.0.2/24") && o.contains("2001:db8:130::2/64")
    });
    let sock = PacketSocket::open(ns, "mc0");
    let src6: std::net::Ipv6Addr = "fe80::13:1".parse().unwrap();
    let groups = ["224.0.0.5", "224.0.0.6", "ff02::5", "ff02::6"];
    let frames: Vec<Vec<u8>> = groups
        .iter()
        .map(|g| match g.parse::<std::net::IpAddr>().unwrap() {
            std::net::IpAddr::V4(a) => ospf4_hello([10, 130, 0, 1], a.octets(), 1),
            std::net::IpAddr::V6(a) => ospf6_hello(src6, a, 1),
        })
        .collect();
    let file = vpp.dir.join("ospf.pcap");
    std::fs::write(&file, pcap(&frames)).unwrap();
    vpp.must("clear trace");
    vpp.must("trace add pg-input 10");
    vpp.must(&format!("packet-generator new pcap {} source pg0 name ospf", file.display()));
    vpp.must("packet-generator enable-stream ospf");
    let mut seen = BTreeSet::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    while seen.len() < groups.len() && Instant::now() < deadline {
        if let Some(g) = sock.recv().and_then(|f| ospf_group(&f)) {
            seen.insert(g);
        }
    }
    let want: BTreeSet<String> = groups.iter().map(|g| g.to_string()).collect();
    assert_eq!(
        seen,
        want,
        "OSPF hellos received on mc0\n--- show trace:\n{}\n--- show errors:\n{}\n--- show ip mfib 224.0.0.5:\n{}\n--- show ip6 mfib ff02::5:\n{}",
        vpp.must("show trace"),
        vpp.must("show errors"),
        vpp.must("show ip mfib 224.0.0.5"),
        vpp.must("show ip6 mfib ff02::5"),
    );
    vpp.must("packet-generator delete ospf");
}
