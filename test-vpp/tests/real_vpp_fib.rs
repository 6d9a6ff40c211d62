//! vpp::fib and vpp::mfib in a real VPP, driven by the tour plugin's
//! `tour fib ...` / `tour mfib ...` commands and checked with VPP's own
//! `show ip fib` / `show ip6 fib` / `show ip mfib`. Skipped without VPP.

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

fn cli(vpp: &VppInstance, c: &str) -> String {
    vpp.cli(c).unwrap_or_else(|e| panic!("{c}: {e}"))
}

#[test]
fn fib_api_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: fib_api_in_real_vpp: {why}");
            return;
        }
    };
    let so = plugin_artifact("tour_plugin", "tour-plugin").expect("plugin built");
    let conf = VppConfig { plugins: vec![(so, "tour_plugin.so".into())], ..Default::default() };
    let mut vpp = VppInstance::start(&install, &conf).expect("VPP starts");

    // Two loopbacks (sw_if_index 1 and 2) with addresses, so next hops resolve.
    for c in [
        "create loopback interface",
        "create loopback interface",
        "set interface state loop0 up",
        "set interface state loop1 up",
        "set interface ip address loop0 10.1.0.1/24",
        "set interface ip address loop1 10.2.0.1/24",
        "set interface ip address loop0 2001:db8:1::1/64",
    ] {
        cli(&vpp, c);
    }

    // Two weighted paths.
    let o = cli(&vpp, "tour fib route add 0 10.9.0.0/16 via 10.1.0.2 1 weight 3 via 10.1.0.3 1 weight 1");
    assert!(o.contains("entry"), "{o}");
    let f = cli(&vpp, "show ip fib table 0 10.9.0.0/16");
    assert!(f.contains("rust-tour"), "the source shows: {f}");
    assert!(f.contains("10.1.0.2") && f.contains("10.1.0.3"), "{f}");
    assert!(f.contains("weight=3") && f.contains("weight=1"), "{f}");
    let d = cli(&vpp, "tour fib audit dump ip4 0");
    assert!(d.contains("10.9.0.0/16: normal via 10.1.0.2 sw 1 weight 3 pref 0"), "round trip: {d}");
    assert!(d.contains("normal via 10.1.0.3 sw 1 weight 1 pref 0"), "{d}");
    assert!(cli(&vpp, "tour fib audit count ip4 0").contains("entries 1"));

    // Path remove leaves the other path.
    cli(&vpp, "tour fib route remove 0 10.9.0.0/16 via 10.1.0.3 1");
    let f = cli(&vpp, "show ip fib table 0 10.9.0.0/16");
    assert!(f.contains("10.1.0.2") && !f.contains("10.1.0.3"), "{f}");

    // Replace: update swaps every path of the source.
    cli(&vpp, "tour fib route update 0 10.9.0.0/16 via 10.2.0.7 2");
    let f = cli(&vpp, "show ip fib table 0 10.9.0.0/16");
    assert!(f.contains("10.2.0.7") && !f.contains("10.1.0.2"), "{f}");

    // Delete.
    assert!(cli(&vpp, "tour fib route del 0 10.9.0.0/16").contains("deleted"));
    let f = cli(&vpp, "show ip fib table 0 10.9.0.0/16");
    assert!(!f.contains("10.9.0.0/16") && !f.contains("10.2.0.7"), "{f}");
    let e = cli(&vpp, "tour fib route del 0 10.9.0.0/16");
    assert!(e.contains("rv -6"), "deleting what is not there: NO_SUCH_ENTRY: {e}");

    // Drop, unreachable, prohibit.
    cli(&vpp, "tour fib route update 0 10.50.0.0/24 drop");
    cli(&vpp, "tour fib route update 0 10.51.0.0/24 unreach");
    cli(&vpp, "tour fib route update 0 10.52.0.0/24 prohibit");
    let f = cli(&vpp, "show ip fib table 0 10.50.0.0/24");
    assert!(f.contains("dpo-drop"), "{f}");
    let f = cli(&vpp, "show ip fib table 0 10.51.0.0/24");
    assert!(f.contains("unreachable") || f.contains("icmp"), "{f}");
    let f = cli(&vpp, "show ip fib table 0 10.52.0.0/24");
    assert!(f.contains("prohibit") || f.contains("icmp"), "{f}");
    let d = cli(&vpp, "tour fib audit dump ip4 0");
    assert!(d.contains("10.50.0.0/24: drop"), "{d}");
    assert!(d.contains("10.51.0.0/24: icmpunreach"), "{d}");
    assert!(d.contains("10.52.0.0/24: icmpprohibit"), "{d}");

    // A new table: create and lock, then routes there.
    let o = cli(&vpp, "tour fib table lock ip4 77");
    assert!(o.contains("table 77"), "{o}");
    assert!(
        cli(&vpp, "show ip fib summary").contains("77")
            || cli(&vpp, "show ip fib table 77").contains("ipv4-VRF:77")
    );
    cli(&vpp, "tour fib route update 77 10.60.0.0/24 via 10.1.0.2 1");
    let f = cli(&vpp, "show ip fib table 77 10.60.0.0/24");
    assert!(f.contains("10.1.0.2"), "{f}");
    let ip6 = cli(&vpp, "tour fib table lock ip6 77");
    assert!(ip6.contains("table 77"), "{ip6}");
    cli(&vpp, "tour fib route update 77 2001:db8:9::/48 via 2001:db8:1::2 1");
    let f = cli(&vpp, "show ip6 fib table 77 2001:db8:9::/48");
    assert!(f.contains("2001:db8:1::2"), "{f}");

    // Mark and sweep: only what was not refreshed goes.
    cli(&vpp, "tour fib route update 77 10.61.0.0/24 via 10.1.0.2 1");
    cli(&vpp, "tour fib audit mark ip4 77");
    cli(&vpp, "tour fib route update 77 10.60.0.0/24 via 10.1.0.2 1");
    cli(&vpp, "tour fib audit sweep ip4 77");
    assert!(cli(&vpp, "show ip fib table 77 10.60.0.0/24").contains("10.1.0.2"), "refreshed route stays");
    let f = cli(&vpp, "show ip fib table 77 10.61.0.0/24");
    assert!(!f.contains("10.61.0.0/24"), "unmarked route swept: {f}");

    // Flush by interface: only loop0's paths go.
    cli(&vpp, "tour fib route update 77 10.62.0.0/24 via 10.1.0.2 1 via 10.2.0.2 2");
    cli(&vpp, "tour fib route update 77 10.63.0.0/24 via 10.2.0.9 2");
    let o = cli(&vpp, "tour fib audit flush ip4 77 1");
    assert!(o.contains("flushed 2"), "10.60/24's and 10.62/24's loop0 paths: {o}");
    let f = cli(&vpp, "show ip fib table 77 10.62.0.0/24");
    assert!(f.contains("10.2.0.2") && !f.contains("10.1.0.2"), "{f}");
    assert!(
        !cli(&vpp, "show ip fib table 77 10.60.0.0/24").contains("10.60.0.0/24"),
        "entry goes with its last path"
    );
    assert!(cli(&vpp, "show ip fib table 77 10.63.0.0/24").contains("10.2.0.9"), "loop1 route untouched");
    let d = cli(&vpp, "tour fib audit dump ip4 77");
    assert!(d.contains("10.62.0.0/24: normal via 10.2.0.2 sw 2") && !d.contains("sw 1"), "{d}");

    // 255.255.255.255/32 special (local).
    cli(&vpp, "tour fib special add 77 255.255.255.255/32");
    let f = cli(&vpp, "show ip fib table 77 255.255.255.255/32");
    assert!(f.contains("255.255.255.255/32") && f.contains("rust-tour refs") && f.contains("local"), "{f}");
    assert!(cli(&vpp, "tour fib special del 77 255.255.255.255/32").contains("deleted"));

    // Bad input: VPP retvals, VPP still running.
    let e = cli(&vpp, "tour fib route add 0 10.0.0.0/33 drop");
    assert!(e.contains("rv -7"), "prefix length 33: INVALID_VALUE: {e}");
    let e = cli(&vpp, "tour fib route add 0 2001:db8::/129 drop");
    assert!(e.contains("rv -7"), "{e}");
    let e = cli(&vpp, "tour fib route add 0 10.70.0.0/24 via 10.1.0.2 1 label 1048576");
    assert!(e.contains("rv -8"), "label > 2^20-1: INVALID_VALUE_2: {e}");
    let many = "label 16 ".repeat(17);
    let e = cli(&vpp, &format!("tour fib route add 0 10.70.0.0/24 via 10.1.0.2 1 {many}"));
    assert!(e.contains("rv -8"), "17 labels: {e}");
    let e = cli(&vpp, "tour fib route add 0 10.70.0.0/24 via 10.1.0.2 99");
    assert!(e.contains("rv -2"), "no interface 99: INVALID_SW_IF_INDEX: {e}");
    let e = cli(&vpp, "tour fib audit bad-fib-index ip4 0");
    assert!(e.contains("entries rv -3") && e.contains("mark rv -3") && e.contains("delete rv -3"), "{e}");
    assert!(e.contains("table_id None"), "{e}");
    let e = cli(&vpp, "tour fib table unlock ip4 0");
    assert!(e.contains("rv -6"), "no lock of ours on table 0: {e}");

    // Labels round trip.
    cli(&vpp, "tour fib route update 0 10.71.0.0/24 via 10.1.0.2 1 label 100 label 200");
    let d = cli(&vpp, "tour fib audit dump ip4 0");
    assert!(d.contains("10.71.0.0/24: normal via 10.1.0.2 sw 1 weight 1 pref 0 label 100 label 200"), "{d}");

    // mFIB specials.
    let o = cli(&vpp, "tour mfib specials ip4 77");
    assert!(o.contains("mfib_index"), "{o}");
    let m = cli(&vpp, "show ip mfib table 77 224.0.0.0/24");
    assert!(m.contains("224.0.0.0/24"), "{m}");
    assert!(m.to_lowercase().contains("forward"), "{m}");
    cli(&vpp, "tour mfib specials ip6 77");
    let m = cli(&vpp, "show ip6 mfib table 77 ff00::/8");
    assert!(m.contains("ff00::/8") && m.to_lowercase().contains("forward"), "{m}");
    let o = cli(&vpp, "tour mfib accept ip4 1");
    assert!(o.contains("mfib_index 0"), "{o}");
    let m = cli(&vpp, "show ip mfib table 0 224.0.0.0/24");
    assert!(m.contains("loop0") && m.contains("Accept"), "{m}");
    cli(&vpp, "tour mfib unaccept ip4 1");
    let m = cli(&vpp, "show ip mfib table 0 224.0.0.0/24");
    assert!(!m.contains("loop0"), "{m}");
    let e = cli(&vpp, "tour mfib accept ip4 99");
    assert!(e.contains("rv -2"), "{e}");

    // Unlock: the table goes with its last lock.
    cli(&vpp, "tour fib route del 77 10.62.0.0/24");
    cli(&vpp, "tour fib route del 77 10.63.0.0/24");
    assert!(cli(&vpp, "tour fib table unlock ip4 77").contains("unlocked"));
    assert!(cli(&vpp, "tour fib table find ip4 77").contains("none"), "table 77 gone");

    // Many updates in one call (fib::entries_update): the good ones land,
    // each bad one answers its own retval and changes nothing.
    let b = cli(
        &vpp,
        "tour fib batch 0 10.80.0.0/24 via 10.1.0.2 1 -- 10.81.0.0/33 via 10.1.0.2 1 \
         -- 10.82.0.0/24 via 10.1.0.2 99 -- 10.83.0.0/24 drop -- 10.84.0.0/24 -- \
         10.85.0.0/24 via 10.1.0.2 1 weight 2 via 10.2.0.9 2 weight 1 -- 10.80.0.0/24 via 10.1.0.4 1",
    );
    let lines: Vec<&str> = b.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 7, "one line per entry: {b}");
    let rv = |i: usize| lines[i].rsplit_once("rv ").map(|(_, v)| v.parse::<i32>().unwrap());
    assert!(lines[0].starts_with("10.80.0.0/24: entry "), "{b}");
    assert_eq!(rv(1), Some(vpp::api::retval::INVALID_VALUE), "a /33: {b}");
    assert_eq!(rv(2), Some(vpp::api::retval::INVALID_SW_IF_INDEX), "no interface 99: {b}");
    assert!(lines[3].starts_with("10.83.0.0/24: entry "), "{b}");
    assert_eq!(rv(4), Some(vpp::api::retval::NO_PATHS_IN_ROUTE), "no path: {b}");
    assert!(lines[5].starts_with("10.85.0.0/24: entry "), "{b}");
    assert_eq!(
        lines[6].split(": entry ").nth(1),
        lines[0].split(": entry ").nth(1),
        "same entry updated: {b}"
    );
    let d = cli(&vpp, "tour fib audit dump ip4 0");
    assert!(d.contains("10.80.0.0/24: normal via 10.1.0.4 sw 1"), "the later update won: {d}");
    assert!(d.contains("10.83.0.0/24: drop"), "{d}");
    assert!(
        d.contains("10.85.0.0/24: normal via 10.1.0.2 sw 1 weight 2")
            && d.contains("via 10.2.0.9 sw 2 weight 1"),
        "{d}"
    );
    for absent in ["10.81.0.0", "10.82.0.0", "10.84.0.0"] {
        assert!(!d.contains(absent), "{absent}: {d}");
        assert!(!cli(&vpp, &format!("show ip fib table 0 {absent}/24")).contains("rust-tour"), "{absent}");
    }
    let e = cli(&vpp, "tour fib batch 4242 10.86.0.0/24 via 10.1.0.2 1");
    assert!(e.contains("rv -3"), "no such table: NO_SUCH_FIB: {e}");
    for p in ["10.80.0.0/24", "10.83.0.0/24", "10.85.0.0/24"] {
        cli(&vpp, &format!("tour fib route del 0 {p}"));
    }

    assert!(vpp.is_running());
    vpp.stop();
}
