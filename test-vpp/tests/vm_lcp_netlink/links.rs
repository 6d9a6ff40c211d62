//! Links: several namespaces at once, sub-interfaces created in Linux
//! (dot1q, dot1ad, QinQ, QinAD).

use super::*;

#[test]
fn several_namespaces_at_once() {
    let Some(s) = setup("several_namespaces_at_once") else { return };
    let a = Netns::new("nlvm4a");
    let b = Netns::new("nlvm4b");
    let (na, nb) = (a.name(), b.name());
    let vpp = s.start("");
    tap_pair(&vpp, 0, "ma0", na);
    tap_pair(&vpp, 1, "mb0", nb);
    ipn(na, "addr add 10.91.0.2/24 dev ma0");
    ipn(nb, "addr add 10.92.0.2/24 dev mb0");
    ipn(na, "route add 10.93.0.0/24 via 10.91.0.1 dev ma0");
    ipn(nb, "route add 10.94.0.0/24 via 10.92.0.1 dev mb0");
    ipn(nb, "neigh add 10.92.0.50 lladdr 02:00:00:00:92:50 dev mb0");
    eventually(&vpp, "address in A", "show interface address loop0", |o| o.contains("10.91.0.2/24"));
    eventually(&vpp, "address in B", "show interface address loop1", |o| o.contains("10.92.0.2/24"));
    eventually(&vpp, "route in A", "show ip fib 10.93.0.0/24", |o| o.contains("10.91.0.1 loop0"));
    eventually(&vpp, "route in B", "show ip fib 10.94.0.0/24", |o| o.contains("10.92.0.1 loop1"));
    eventually(&vpp, "neighbour in B", "show ip neighbor", |o| {
        o.contains("10.92.0.50") && o.contains("02:00:00:00:92:50")
    });
    let show = vpp.must("show lcp netlink");
    assert!(show.contains(&format!("netns {na}:")) && show.contains(&format!("netns {nb}:")), "{show}");
    // A change in one namespace leaves the other's alone.
    ipn(na, "route del 10.93.0.0/24");
    eventually(&vpp, "route deleted in A", "show ip fib 10.93.0.0/24", |o| !has_entry(o, "10.93.0.0/24"));
    assert!(has_entry(&vpp.must("show ip fib 10.94.0.0/24"), "10.94.0.0/24"), "B's route stays");
    // A's last pair goes: its listener and routes go, B goes on.
    ipn(na, "route add 10.93.1.0/24 via 10.91.0.1 dev ma0");
    eventually(&vpp, "route in A", "show ip fib 10.93.1.0/24", |o| o.contains("10.91.0.1 loop0"));
    vpp.must("lcp delete loop0");
    eventually(&vpp, "A no longer synced", "show lcp netlink", |o| !o.contains(&format!("netns {na}:")));
    eventually(&vpp, "A's routes gone", "show ip fib 10.93.1.0/24", |o| !has_entry(o, "10.93.1.0/24"));
    ipn(nb, "route add 10.94.1.0/24 via 10.92.0.1 dev mb0");
    eventually(&vpp, "B still synced", "show ip fib 10.94.1.0/24", |o| o.contains("10.92.0.1 loop1"));
}

/// `sw_interface_dump` through vpp_papi: `name -> (sub_id, tags, outer,
/// inner, flags)` of VPP's sub-interfaces; `None` without `VPP_PAPI_PYTHON`.
fn sub_tags(vpp: &VppInstance) -> Option<std::collections::BTreeMap<String, SubTags>> {
    let py = std::env::var_os("VPP_PAPI_PYTHON").map(PathBuf::from).filter(|p| p.exists())?;
    let script = format!(
        r#"
from vpp_papi import VPPApiClient
v = VPPApiClient(bootstrapapi=True, server_address="{sock}", use_socket=True)
v.connect("vm-lcp-nl")
for d in v.api.sw_interface_dump():
    if d.sub_id:
        print("SUB", d.interface_name, d.sub_id, d.sub_number_of_tags, d.sub_outer_vlan_id, d.sub_inner_vlan_id, int(d.sub_if_flags))
v.disconnect()
"#,
        sock = vpp.api_socket().display()
    );
    let out = Command::new(&py).arg("-c").arg(&script).output().expect("run python");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "papi: {text}{}", String::from_utf8_lossy(&out.stderr));
    Some(
        text.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.len() == 7 && f[0] == "SUB").then(|| {
                    let n = |i: usize| f[i].parse::<u32>().unwrap();
                    (f[1].to_string(), (n(2), n(3), n(4), n(5), n(6)))
                })
            })
            .collect(),
    )
}

#[test]
fn linux_created_sub_interfaces() {
    let Some(s) = setup("linux_created_sub_interfaces") else { return };
    let netns = Netns::new("nlvm5");
    let ns = netns.name();
    let vpp = s.start("");
    vpp.must("lcp lcp-auto-subint on");
    tap_pair(&vpp, 0, "st0", ns);
    let tap = pairs(&vpp)[0][3].clone();
    let base = vpp_itfs(&vpp);
    // (Linux link, its parent, `ip link add` type args, VPP sub id, tags,
    // outer, inner, dot1ad)
    let subs = [
        ("st0.100", "st0", "vlan id 100", 100u32, 1u32, 100u32, 0u32, false),
        ("st0.101", "st0", "vlan proto 802.1ad id 101", 101, 1, 101, 0, true),
        ("st0.100.200", "st0.100", "vlan id 200", 100 * 4096 + 200, 2, 100, 200, false),
        ("st0.101.300", "st0.101", "vlan id 300", 101 * 4096 + 300, 2, 101, 300, true),
    ];
    for (name, parent, spec, id, ..) in &subs {
        ipn(ns, &format!("link add link {parent} name {name} type {spec}"));
        let (phy, host) = (format!("loop0.{id}"), format!("{tap}.{id}"));
        wait_until(&vpp, &format!("pair of {name}"), 30, Duration::from_millis(100), || {
            let p = pairs(&vpp);
            let ok =
                p.iter().any(|f| f.get(4).map(String::as_str) == Some(*name) && f[2] == phy && f[3] == host);
            (ok, format!("{p:?}"))
        });
        let ifindex = ipn(ns, &format!("-o link show dev {name}"));
        let ifindex = ifindex.split(':').next().unwrap().trim().to_string();
        let p = pairs(&vpp);
        let line = p.iter().find(|f| f.get(4).map(String::as_str) == Some(*name)).unwrap();
        assert_eq!(line.get(5), Some(&ifindex), "the pair's vif is {name}'s ifindex: {line:?}");
        assert!(line.join(" ").contains(&format!("netns {ns}")), "the pair is in {ns}: {line:?}");
    }
    match sub_tags(&vpp) {
        Some(tags) => {
            for (name, _, _, id, ntags, outer, inner, ad) in &subs {
                for itf in [format!("loop0.{id}"), format!("{tap}.{id}")] {
                    let t = tags.get(&itf).unwrap_or_else(|| panic!("{itf} ({name}) in VPP: {tags:?}"));
                    assert_eq!((t.0, t.1, t.2, t.3), (*id, *ntags, *outer, *inner), "{itf}'s tags ({name})");
                    // SUB_IF_API_FLAG_DOT1AD 8, EXACT_MATCH 16.
                    assert_eq!(t.4 & 8 != 0, *ad, "{itf} dot1ad: flags {}", t.4);
                    assert!(t.4 & 16 != 0, "{itf} exact-match: flags {}", t.4);
                }
            }
        }
        None => println!(
            "SKIPPED PART: linux_created_sub_interfaces: VLAN tags through vpp_papi (set VPP_PAPI_PYTHON)"
        ),
    }
    // Deleting the Linux link removes the pair and both sub-interfaces
    // (children first).
    for (name, _, _, id, ..) in subs.iter().rev() {
        ipn(ns, &format!("link del {name}"));
        let (phy, host) = (format!("loop0.{id}"), format!("{tap}.{id}"));
        wait_until(
            &vpp,
            &format!("{name}'s pair and sub-interfaces gone"),
            30,
            Duration::from_millis(100),
            || {
                let p = pairs(&vpp);
                let itfs = vpp_itfs(&vpp);
                let ok = !p.iter().any(|f| f.get(4).map(String::as_str) == Some(*name))
                    && !itfs.contains(&phy)
                    && !itfs.contains(&host);
                (ok, format!("{p:?}\n{itfs:?}"))
            },
        );
    }
    assert_eq!(vpp_itfs(&vpp), base, "only the sub-interfaces went");
    // A parent deleted with its child on it: both pairs go.
    ipn(ns, "link add link st0 name st0.100 type vlan id 100");
    ipn(ns, "link add link st0.100 name st0.100.200 type vlan id 200");
    wait_until(&vpp, "QinQ pair again", 30, Duration::from_millis(100), || {
        let p = pairs(&vpp);
        (p.len() == 3, format!("{p:?}"))
    });
    ipn(ns, "link del st0.100");
    wait_until(&vpp, "parent and child pairs gone", 30, Duration::from_millis(100), || {
        let itfs = vpp_itfs(&vpp);
        (pairs(&vpp).len() == 1 && itfs == base, format!("{:?}\n{itfs:?}", pairs(&vpp)))
    });
}
