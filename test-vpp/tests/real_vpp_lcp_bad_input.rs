//! Tier 4: bad input to the Rust linux-cp plugin in a real VPP 26.06 (C
//! linux-cp disabled). Every answer is a retval, a message or a counter,
//! VPP stays up, and nothing is left behind:
//!
//! - API (our Rust client): out-of-range sw_if_index (~0, 99999) for the
//!   pair add/del (v1, v2, v3) and get_v2 messages, over-long and odd host
//!   names and netns, an unknown `host_if_type` byte (crafted: the
//!   generated encoder cannot produce it), a cursor past the end, unknown
//!   ethertypes and OSI protocols, and every one of the 15 requests
//!   truncated (VPP drops those; a follow-up request is still answered);
//! - API (vpp_papi): the same out-of-range values through papi;
//! - CLI: wrong arguments to every lcp command, with C's exact messages;
//! - packets the nodes do not expect (short ARP, header-only frames);
//! - a bad `linux-cp { }` stanza refuses start-up naming file and line;
//! - afterwards no pairs, no punt redirects, no linux-cp features, VPP alive.

use std::process::Command;
use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};
use test_vpp::scenario::parse_error_count;
use vpp_api::client::Client;
use vpp_api::generated::lcp::*;
use vpp_api::wire::Message;

const NO_SUCH: u32 = 99999;
const INVALID_SW_IF_INDEX: i32 = -2;
const INVALID_VALUE: i32 = -7;
/// What a valid pair creation answers here: this VPP runs without
/// tap_plugin.so, so creating the tap fails as tap.h's inline answers
/// then (FEATURE_DISABLED); the VM tier tests creation with taps.
const NO_TAP_PLUGIN: i32 = -30;
const FEATURE_DISABLED: i32 = -30;
const INVALID_ARGUMENT: i32 = -73;

fn config() -> VppConfig {
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    VppConfig { plugins: vec![(so, "lcp_rs_plugin.so".into())], ..Default::default() }
}

/// The body (after the message id) of `m` with our client index and `ctx`.
fn body<M: Message>(c: &Client, mut m: M, ctx: u32) -> Vec<u8> {
    m.set_client_index(c.client_index());
    m.set_context(ctx);
    let mut b = Vec::new();
    m.encode(&mut b);
    b
}

/// Send a raw body and wait for the reply `R` with context `ctx`.
fn raw_request<M: Message, R: Message>(c: &mut Client, b: &[u8], ctx: u32) -> R {
    let id = c.lookup(M::NAME_CRC).unwrap();
    c.send_raw(id, b).unwrap();
    c.recv::<R>(ctx).unwrap()
}

fn add_del_v3(sw_if_index: u32, is_add: bool, name: &str, ns: &str) -> LcpItfPairAddDelV3 {
    LcpItfPairAddDelV3 {
        is_add,
        sw_if_index,
        host_if_name: name.into(),
        netns: ns.into(),
        ..Default::default()
    }
}

#[test]
fn lcp_bad_input_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: lcp_bad_input_in_real_vpp: {why}");
            return;
        }
    };
    let mut vpp = VppInstance::start(&install, &config()).expect("VPP starts");
    let cli = |c: &str| vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"));
    for c in [
        "create packet-generator interface pg0",
        "create packet-generator interface pg1",
        "set interface state pg0 up",
        "set interface state pg1 up",
    ] {
        cli(c);
    }

    // ---- API through our Rust client.
    let mut c = Client::connect(vpp.api_socket(), "lcp-bad-input").expect("connect");
    // Linux -> VPP is off here (linux_nl_plugin.so not enabled): its API
    // says so instead of doing anything.
    let r = c.request(vpp_api::generated::lcp_netlink::LcpNetlinkResync::default()).unwrap();
    assert_eq!(r.retval, FEATURE_DISABLED, "resync with the sync off");
    let r = c.request(vpp_api::generated::lcp_netlink::LcpNetlinkAudit::default()).unwrap();
    assert_eq!(r.retval, FEATURE_DISABLED, "audit with the sync off");
    for sw in [u32::MAX, NO_SUCH] {
        for is_add in [true, false] {
            let name = "hbad0";
            let r = c
                .request(LcpItfPairAddDel {
                    is_add,
                    sw_if_index: sw,
                    host_if_name: name.into(),
                    ..Default::default()
                })
                .unwrap();
            assert_eq!(r.retval, INVALID_SW_IF_INDEX, "v1 sw {sw} add {is_add}");
            let r = c
                .request(LcpItfPairAddDelV2 {
                    is_add,
                    sw_if_index: sw,
                    host_if_name: name.into(),
                    ..Default::default()
                })
                .unwrap();
            assert_eq!((r.retval, r.host_sw_if_index), (INVALID_SW_IF_INDEX, u32::MAX), "v2 sw {sw}");
            let r = c.request(add_del_v3(sw, is_add, name, "")).unwrap();
            assert_eq!(
                (r.retval, r.vif_index, r.host_sw_if_index),
                (INVALID_SW_IF_INDEX, u32::MAX, u32::MAX),
                "v3 sw {sw}"
            );
        }
        let r = c.request(LcpItfPairGetV2 { cursor: 0, sw_if_index: NO_SUCH, ..Default::default() });
        assert_eq!(r.unwrap().retval, INVALID_SW_IF_INDEX, "get_v2 sw {NO_SUCH}");
    }
    // Names: 15 characters is the most the field holds; a longer one fills
    // the field (the encoder cuts at 16) and is trimmed to 15 as in C, and
    // then reaches host-interface creation, which fails here without the
    // tap plugin (FEATURE_DISABLED, nothing left behind). Odd characters, a netns
    // with '/' and a namespace that does not exist are INVALID_ARGUMENT
    // (pair/create.rs).
    let no_tap = Some(NO_TAP_PLUGIN);
    for (name, ns, rv) in [
        ("h234567890abcde", "", no_tap),
        // 16 bytes on the wire, no NUL: cut to 15 as C's strnlen does.
        ("h234567890abcdefghij", "", no_tap),
        // 32 bytes on the wire, cut to 31: no such namespace.
        ("hlongns", &"n".repeat(40)[..], Some(INVALID_ARGUMENT)),
        ("hnons", "no-such-ns", Some(INVALID_ARGUMENT)),
        ("bad name/!", "", Some(INVALID_ARGUMENT)),
        ("hns0", "a/b", Some(INVALID_ARGUMENT)),
        ("hns1", "../../etc", Some(INVALID_ARGUMENT)),
    ] {
        let Some(rv) = rv else { continue };
        let r = c.request(add_del_v3(1, true, name, ns)).unwrap();
        assert_eq!((r.retval, r.host_sw_if_index), (rv, u32::MAX), "name {name:?} ns {ns:?}");
    }
    // Deleting a pair that does not exist: -2 (C's lcp_itf_pair_delete).
    let r = c.request(add_del_v3(1, false, "", "")).unwrap();
    assert_eq!(r.retval, INVALID_SW_IF_INDEX);
    // host_if_type 7: the decoder rejects the unknown enum value with
    // INVALID_ARGUMENT (C would take it as TAP; see pair_add_del.rs).
    for is_add in [1u8, 0] {
        let mut b = body(&c, add_del_v3(1, is_add == 1, "htype0", ""), 0x7171);
        assert_eq!(b.len(), 62);
        b[4 + 4 + 1 + 4 + 16] = 7;
        let r: LcpItfPairAddDelV3Reply = raw_request::<LcpItfPairAddDelV3, _>(&mut c, &b, 0x7171);
        // (The framework answers an undecodable request with a default
        // reply: host_sw_if_index/vif_index are 0 there, not ~0.)
        assert_eq!(r.retval, INVALID_ARGUMENT, "type 7 add {is_add}");
    }
    // Cursors: empty table -> 0 and ~0; past the end with a pair -> -7.
    let r = c.request(LcpItfPairGet { cursor: NO_SUCH, ..Default::default() }).unwrap();
    assert_eq!((r.retval, r.cursor), (0, u32::MAX));
    assert!(!cli("test lcp add phy pg0 host pg1").contains("ERROR"));
    let r = c.request(LcpItfPairGet { cursor: NO_SUCH, ..Default::default() }).unwrap();
    assert_eq!(r.retval, INVALID_VALUE, "cursor past the end");
    // get_v2 of an interface that is valid but not a phy: -2.
    let r = c.request(LcpItfPairGetV2 { cursor: 0, sw_if_index: 2, ..Default::default() }).unwrap();
    assert_eq!(r.retval, INVALID_SW_IF_INDEX);
    // Ethertypes: unknown to types.def -> -7; owned by ip4-input -> -31
    // (0xffff, RESERVED, is in types.def and would be accepted).
    for (t, rv) in [(0x1234u16, INVALID_VALUE), (0xbeef, INVALID_VALUE), (0x0800, -31)] {
        let r = c.request(LcpEthertypeEnable { ethertype: t, ..Default::default() }).unwrap();
        assert_eq!(r.retval, rv, "ethertype {t:#x}");
    }
    // OSI: the osi plugin is not loaded -> -30 for any protocol.
    for p in [0x83u8, 0xff] {
        let r = c.request(LcpOsiProtoEnable { osi_proto: p, ..Default::default() }).unwrap();
        assert_eq!(r.retval, FEATURE_DISABLED, "osi {p:#x}");
    }
    // Default netns: too long -> -1; a path -> INVALID_ARGUMENT (documented
    // in default_ns.rs); unchanged afterwards.
    let r = c.request(LcpDefaultNsSet { netns: "n".repeat(31), ..Default::default() }).unwrap();
    assert_eq!(r.retval, 0, "31 characters fit");
    let r = c.request(LcpDefaultNsSet { netns: "x".repeat(40), ..Default::default() }).unwrap();
    assert_eq!(r.retval, -1);
    let r = c.request(LcpDefaultNsSet { netns: "a/b".into(), ..Default::default() }).unwrap();
    assert_eq!(r.retval, INVALID_ARGUMENT);
    assert_eq!(c.request(LcpDefaultNsGet::default()).unwrap().netns, "n".repeat(31));
    assert_eq!(c.request(LcpDefaultNsSet::default()).unwrap().retval, 0, "cleared");
    // Truncated versions of every request: dropped by VPP (no reply), the
    // connection keeps working.
    for m in MESSAGES.iter().filter(|m| !m.name.ends_with("_reply") && !m.name.ends_with("_details")) {
        let id = c.lookup(m.name_crc).unwrap();
        c.send_raw(id, &[0, 0, 0]).unwrap();
    }
    assert_eq!(
        MESSAGES.iter().filter(|m| !m.name.ends_with("_reply") && !m.name.ends_with("_details")).count(),
        15
    );
    let r = c.request(LcpSyncUnnumberedGet::default()).unwrap();
    assert_eq!((r.retval, r.is_enable), (0, true), "still served, settings unchanged");
    let r = c.request(LcpItfPairReplaceBegin::default()).unwrap();
    assert_eq!(r.retval, 0);
    let r = c.request(LcpItfPairReplaceEnd::default()).unwrap();
    assert_eq!(r.retval, 0);
    assert!(!cli("show lcp").contains("itf-pair"), "replace-end swept the unrefreshed pair");
    c.disconnect().unwrap();
    assert!(cli("show version").contains("vpp"), "VPP survived the API input:{}", vpp.logs());

    // ---- API through vpp_papi.
    let py = std::env::var_os("VPP_PAPI_PYTHON").map(std::path::PathBuf::from);
    match py {
        Some(py) if install.api_json_dir.is_some() => {
            let script = format!(
                r#"
import sys
from vpp_papi import VPPApiClient
v = VPPApiClient(bootstrapapi=True, server_address="{sock}", use_socket=True)
v.connect("papi-bad")
for sw in (0xffffffff, {NO_SUCH}):
    r = v.api.lcp_itf_pair_add_del_v3(is_add=True, sw_if_index=sw, host_if_name="hpapi0", host_if_type=0, netns="")
    print("v3", sw, r.retval, r.host_sw_if_index, r.vif_index)
    r = v.api.lcp_itf_pair_add_del_v2(is_add=False, sw_if_index=sw, host_if_name="", host_if_type=1, netns="")
    print("v2", sw, r.retval, r.host_sw_if_index)
try:
    v.api.lcp_itf_pair_add_del_v3(is_add=True, sw_if_index=1, host_if_name="h" * 20, host_if_type=0, netns="")
    print("long-name accepted")
except Exception as e:
    print("long-name refused by papi:", type(e).__name__)
r = v.api.lcp_ethertype_enable(ethertype=0x1234)
print("ethertype", r.retval)
r = v.api.lcp_default_ns_set(netns="a/b")
print("ns-path", r.retval)
r = v.api.lcp_itf_pair_get_v2(cursor=0, sw_if_index={NO_SUCH})
print("get_v2", r[0].retval, len(r[1]))
v.disconnect()
"#,
                sock = vpp.api_socket().display()
            );
            let out = Command::new(&py).arg("-c").arg(&script).output().expect("run python");
            let text = String::from_utf8_lossy(&out.stdout).to_string();
            assert!(out.status.success(), "{text}\n{}", String::from_utf8_lossy(&out.stderr));
            println!("{text}");
            for want in [
                "v3 4294967295 -2 4294967295 4294967295",
                "v3 99999 -2 4294967295 4294967295",
                "v2 4294967295 -2 4294967295",
                "v2 99999 -2 4294967295",
                "long-name refused by papi",
                "ethertype -7",
                "ns-path -73",
                "get_v2 -2 0",
            ] {
                assert!(text.contains(want), "missing `{want}`:\n{text}");
            }
        }
        _ => println!("SKIPPED PART: lcp_bad_input_in_real_vpp: vpp_papi (set VPP_PAPI_PYTHON)"),
    }

    // ---- CLI: C's exact messages (lcp_cli.c, lcp_unittest.c).
    for (cmd, want) in [
        ("lcp create", "interface name or sw_if_index required"),
        ("lcp create pg0", "host interface name required"),
        ("lcp create pg0 host-if", "unknown input `host-if'"),
        ("lcp create pg0 host-if x bogus", "unknown input `bogus'"),
        (
            "lcp create pg0 host-if x netns aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Namespace name should be fewer than 32 characters",
        ),
        ("lcp create 99999 host-if x", "linux-cp pair creation failed (-2)"),
        // The CLI does not trim: a 20-byte name is not a Linux name.
        ("lcp create pg0 host-if h234567890abcdefghij", "linux-cp pair creation failed (-73)"),
        ("lcp create pg0 host-if hcli0 netns no-such-ns", "linux-cp pair creation failed (-73)"),
        ("lcp delete", "interface name or sw_if_index required"),
        ("lcp delete bogus", "unknown input `bogus'"),
        ("lcp delete 99999", "linux-cp pair deletion failed (-2)"),
        ("lcp delete pg0", "linux-cp pair deletion failed (-2)"),
        ("lcp lcp-sync maybe", "unknown input `maybe'"),
        ("lcp lcp-sync-unnumbered maybe", "unknown input `maybe'"),
        ("lcp lcp-auto-subint maybe", "unknown input `maybe'"),
        ("lcp param bogus", "unknown input `bogus'"),
        ("lcp param del-static-on-link-down maybe", "unknown input `maybe'"),
        ("lcp default bogus", "unknown input `bogus'"),
        ("lcp default netns", "unknown input `'"),
        (
            "lcp default netns aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "linux-cp set default netns failed (-1)",
        ),
        ("show lcp bogus", "unknown input 'bogus'"),
        ("show lcp phy bogus", "unknown input 'phy bogus'"),
        ("lcp ethertype enable", "Invalid ethertype"),
        ("lcp ethertype enable bogus", "Invalid ethertype"),
        ("lcp ethertype enable 70000", "Invalid ethertype"),
        ("lcp ethertype enable 0x1234", "Failed to enable ethertype (-7)"),
        ("lcp ethertype enable 0x0800", "Failed to enable ethertype (-31)"),
        ("lcp osi-proto enable", "No OSI proto entered"),
        ("lcp osi-proto enable bogus", "No OSI proto entered"),
        ("lcp osi-proto enable 300", "Invalid OSI proto"),
        ("lcp osi-proto enable 0x83", "Failed to enable OSI proto (-30)"),
        ("test lcp bogus", "unknown input:bogus"),
        ("test lcp add phy pg0 host nosuch", "unknown input:host nosuch"),
        ("test lcp add host pg1", "ERROR; no phy:"),
        ("test lcp add phy pg0", "ERROR no-host:"),
        ("test lcp del phy pg0", "ERROR rv:-2"),
    ] {
        let out = vpp.cli(cmd).unwrap_or_else(|e| e);
        assert!(out.contains(want), "`{cmd}`: want `{want}`, got: {out}");
    }
    assert!(cli("show lcp").contains("lcp default netns '<unset>'"), "failed commands changed nothing");
    assert!(cli("show lcp ethertype").trim().is_empty());

    // ---- Packets the nodes do not expect, on a fresh pair.
    assert!(!cli("test lcp add phy pg0 host pg1").contains("ERROR"));
    let (phy_mac, host_mac) = (vpp.mac_of("pg0"), vpp.mac_of("pg1"));
    cli("set interface ip address pg0 10.0.0.1/24");
    cli("lcp ethertype enable 0x88cc");
    cli("mpls table add 0");
    cli("set interface mpls pg1 enable"); // MPLS sync adds linux-cp-xc-mpls on the host
    let send = |name: &str, spec: &str| (vpp.trace_one_packet(name, spec), cli("show errors"));
    // A 20-byte "ARP" on the phy and on the host: arp-input drops it
    // before linux-cp-arp-phy/-host see it.
    for (itf, src) in [("pg0", "02:00:00:00:00:02"), ("pg1", phy_mac.as_str())] {
        let (t, e) = send(
            &format!("arp20-{itf}"),
            &format!("size 20-20 interface {itf} node ethernet-input data {{ 0x0806: {src} -> ff:ff:ff:ff:ff:ff incrementing 10 }}"),
        );
        assert!(!t.contains("linux-cp-arp"), "{t}");
        // (The reason depends on the interface's IPv4 state: "L3 type not
        // IP4" or "IP4 destination address is unset"; one drop either way.)
        assert_eq!(parse_error_count(&e, "arp-input", ""), 1, "{itf}: {e}");
        assert!(t.contains("error-drop"), "{t}");
    }
    // A 20-byte IPv4 frame from the host: ip4-input drops it, xc never runs.
    let (t, e) = send(
        "ip20",
        &format!("size 20-20 interface pg1 node ethernet-input data {{ IP4: {phy_mac} -> {host_mac} incrementing 10 }}"),
    );
    assert!(!t.contains("linux-cp-xc"), "{t}");
    assert_eq!(parse_error_count(&e, "ip4-input", "ip4 length > l2 length"), 1, "{e}");
    // A 15-byte LLDP frame: punt-xc reads only the Ethernet header and
    // passes it on whole.
    let (t, _) = send(
        "lldp15",
        "size 15-15 interface pg0 node ethernet-input data { 0x88cc: 02:00:00:00:00:02 -> 01:80:c2:00:00:0e incrementing 1 }",
    );
    assert!(t.contains("lip-punt: 1 -> 2") && t.contains("pg1-tx"), "{t}");
    assert!(t.split("pg1-tx").nth(1).unwrap().contains("length 15"), "{t}");
    // A 15-byte MPLS frame (no full label) from the host with no matching
    // adjacency: dropped by xc-mpls under the buffer's error (none of its own).
    let (t, e) = send(
        "mpls15",
        &format!("size 15-15 interface pg1 node ethernet-input data {{ 0x8847: {phy_mac} -> {host_mac} incrementing 1 }}"),
    );
    assert!(t.contains("linux-cp-xc-mpls") && t.contains("error-drop"), "{t}");
    assert_eq!(parse_error_count(&e, "null-node", "blackholed packets"), 1, "{e}");
    assert!(cli("show version").contains("vpp"));

    // ---- Nothing leaked.
    assert!(!cli("test lcp del phy pg0").contains("ERROR"));
    assert!(!cli("show lcp").contains("itf-pair"));
    assert!(!cli("show lcp adj").contains("pg0:"), "no indexed adjacencies");
    let punt = cli("show ip punt redirect");
    assert!(!punt.contains("pg0") && !punt.contains("pg1"), "{punt}");
    assert!(!cli("show ip6 punt redirect").contains("pg1"));
    for itf in ["pg0", "pg1", "local0"] {
        let f = cli(&format!("show interface features {itf}"));
        assert!(!f.contains("linux-cp"), "{itf}:\n{f}");
    }
    let adj = cli("show adj");
    assert!(!adj.contains("pg1"), "no adjacencies on the host:\n{adj}");
    assert!(cli("show version").contains("vpp"));
    assert!(vpp.is_running());
    vpp.stop();

    // ---- A bad stanza refuses start-up with file:line.
    let mut bad = config();
    bad.extra = "linux-cp {\n  default netns ok\n  interfaces 9\n}\n".into();
    let conf = test_vpp::runner::startup_conf(std::path::Path::new("/x"), &bad);
    let line = conf.lines().position(|l| l.contains("interfaces 9")).unwrap() + 1;
    let err = match VppInstance::start(&install, &bad) {
        Ok(_) => panic!("VPP must refuse the bad linux-cp stanza"),
        Err(e) => e,
    };
    let want = format!("startup.conf:{line}: linux-cp: unknown option `interfaces`");
    assert!(err.contains(&want), "names file and line ({want}): {err}");
}
