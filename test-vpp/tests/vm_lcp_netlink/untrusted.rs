//! Messages not sent by the kernel are ignored and counted.

use super::*;

#[test]
fn messages_not_from_the_kernel() {
    let Some(s) = setup("messages_not_from_the_kernel") else { return };
    let netns = Netns::new("nlvm8");
    let ns = netns.name();
    let vpp = s.start("");
    tap_pair(&vpp, 0, "nk0", ns);
    let before = nl_counter(&vpp, ns, "ignored/not-from-kernel");
    // An RTM_NEWROUTE (blackhole 10.77.0.0/24) sent by a process to the
    // IPv4 route group: every listener gets it, the kernel does not act on
    // it (no NLM_F_REQUEST).
    let script = r#"
import socket, struct
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
s.bind((0, 0))
body = struct.pack("=BBBBBBBBI", 2, 24, 0, 0, 254, 4, 0, 6, 0)
attrs = struct.pack("=HH4s", 8, 1, socket.inet_aton("10.77.0.0")) + struct.pack("=HHI", 8, 15, 254)
msg = struct.pack("=IHHII", 16 + len(body) + len(attrs), 24, 0x400 | 0x200, 1, 0) + body + attrs
s.sendto(msg, (0, 1 << (7 - 1)))
print("sent")
"#;
    let py = ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(PathBuf::from)
        .chain(std::env::var_os("VPP_PAPI_PYTHON").map(PathBuf::from))
        .find(|p| Command::new(p).arg("-c").arg("1").output().is_ok_and(|o| o.status.success()));
    let Some(py) = py else {
        println!("SKIPPED: messages_not_from_the_kernel: no python3 to send the message");
        return;
    };
    let out = Command::new("ip").args(["netns", "exec", ns]).arg(&py).arg("-c").arg(script).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(text.contains("sent"), "{text}");
    // A real route after it: once VPP has it, the forged one was read.
    ipn(ns, "route add blackhole 10.78.0.0/24");
    eventually(&vpp, "the real route", "show ip fib 10.78.0.0/24", |o| has_entry(o, "10.78.0.0/24"));
    let (ok, linux) = ipn_try(ns, "route show 10.77.0.0/24");
    assert!(ok && !linux.contains("10.77.0.0"), "the kernel did not add it: {linux}");
    assert!(!has_entry(&vpp.must("show ip fib 10.77.0.0/24"), "10.77.0.0/24"), "VPP ignored it");
    let after = nl_counter(&vpp, ns, "ignored/not-from-kernel");
    assert!(after > before, "counted as not from the kernel ({before} -> {after}):\n{}", nl_verbose(&vpp));
}
