//! Tier 4: `vpp::neighbor` and the interface L3 changes of
//! `vpp::interface` in a real VPP, driven through the tour plugin's `tour`
//! commands and checked with VPP's own `show ip neighbor`, `show int addr`,
//! `show ip6 interface`, `show int` and `show hardware`. Skipped without VPP.

use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};

fn config() -> VppConfig {
    let so = plugin_artifact("tour_plugin", "tour-plugin").expect("plugin built");
    VppConfig { plugins: vec![(so, "tour_plugin.so".into())], ..Default::default() }
}

fn cli(vpp: &VppInstance, cmd: &str) -> String {
    let out = vpp.cli(cmd).unwrap();
    println!("vpp# {cmd}\n{out}");
    out
}

/// The `show ip neighbor` row of `ip` on `itf`, as (flags, mac).
fn neighbour(show: &str, ip: &str, itf: &str) -> Option<(String, String)> {
    show.lines().find_map(|l| {
        let w: Vec<&str> = l.split_whitespace().collect();
        (w.len() == 5 && w[1] == ip && w[4] == itf).then(|| (w[2].to_string(), w[3].to_string()))
    })
}

/// The lines of `itf`'s block in `show int addr`.
fn addresses(show: &str, itf: &str) -> Vec<String> {
    let mut lines = show.lines().skip_while(|l| !l.starts_with(&format!("{itf} ")));
    let _header = lines.next();
    lines.take_while(|l| l.starts_with(' ')).map(|l| l.trim().to_string()).collect()
}

/// The state column of `itf` in `show int`.
fn admin_state(show: &str, itf: &str) -> String {
    let row = show.lines().find(|l| l.split_whitespace().next() == Some(itf)).expect("interface row");
    row.split_whitespace().nth(2).unwrap().to_string()
}

#[test]
fn l3_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: l3_in_real_vpp: {why}");
            return;
        }
    };
    let mut vpp = VppInstance::start(&install, &config()).expect("VPP starts");
    assert_eq!(cli(&vpp, "create loopback interface").trim(), "loop0");
    assert_eq!(cli(&vpp, "create loopback interface").trim(), "loop1");

    // Neighbours: static and dynamic, both families, two interfaces.
    for c in [
        "tour nbr add loop0 10.0.0.2 02:00:00:00:00:02 static",
        "tour nbr add loop0 10.0.0.3 02:00:00:00:00:03",
        "tour nbr add loop0 2001:db8::3 02:00:00:00:00:33",
        "tour nbr add loop1 10.1.0.3 02:00:00:00:01:03",
    ] {
        assert!(cli(&vpp, c).contains("added, adjacency"), "{c}");
    }
    let show = cli(&vpp, "show ip neighbor");
    assert_eq!(neighbour(&show, "10.0.0.2", "loop0"), Some(("S".into(), "02:00:00:00:00:02".into())));
    assert_eq!(neighbour(&show, "10.0.0.3", "loop0"), Some(("D".into(), "02:00:00:00:00:03".into())));
    assert_eq!(neighbour(&show, "2001:db8::3", "loop0"), Some(("D".into(), "02:00:00:00:00:33".into())));
    assert_eq!(neighbour(&show, "10.1.0.3", "loop1"), Some(("D".into(), "02:00:00:00:01:03".into())));
    // Our list agrees with VPP's.
    let list = cli(&vpp, "tour nbr list");
    assert!(list.contains("1 10.0.0.2 02:00:00:00:00:02 static"), "{list}");
    assert!(list.contains("1 2001:db8::3 02:00:00:00:00:33 dynamic"), "{list}");
    assert!(list.contains("2 10.1.0.3 02:00:00:00:01:03 dynamic"), "{list}");
    let only1 = cli(&vpp, "tour nbr list loop1");
    assert_eq!(only1.trim(), "2 10.1.0.3 02:00:00:00:01:03 dynamic");

    // Replacing the MAC of a dynamic entry works; a dynamic add does not
    // replace a static entry's MAC.
    cli(&vpp, "tour nbr add loop0 10.0.0.3 02:00:00:00:00:04");
    let bad = cli(&vpp, "tour nbr add loop0 10.0.0.2 02:00:00:00:00:05");
    assert!(bad.contains("is static") && bad.contains("(retval -7)"), "{bad}");
    let show = cli(&vpp, "show ip neighbor");
    assert_eq!(neighbour(&show, "10.0.0.3", "loop0"), Some(("D".into(), "02:00:00:00:00:04".into())));
    assert_eq!(neighbour(&show, "10.0.0.2", "loop0"), Some(("S".into(), "02:00:00:00:00:02".into())));

    // Mark loop0, refresh one entry, sweep: only the marked, unrefreshed
    // entries of loop0 go; loop1's (never marked) stays.
    cli(&vpp, "tour nbr mark loop0");
    let list = cli(&vpp, "tour nbr list");
    assert!(list.contains("1 10.0.0.3 02:00:00:00:00:04 dynamic stale"), "{list}");
    assert!(list.lines().any(|l| l.trim_end() == "2 10.1.0.3 02:00:00:00:01:03 dynamic"), "{list}");
    cli(&vpp, "tour nbr add loop0 10.0.0.2 02:00:00:00:00:02 static");
    cli(&vpp, "tour nbr sweep");
    let show = cli(&vpp, "show ip neighbor");
    assert!(neighbour(&show, "10.0.0.2", "loop0").is_some(), "refreshed entry kept: {show}");
    assert!(neighbour(&show, "10.1.0.3", "loop1").is_some(), "unmarked entry kept: {show}");
    assert!(neighbour(&show, "10.0.0.3", "loop0").is_none(), "marked entry swept: {show}");
    assert!(neighbour(&show, "2001:db8::3", "loop0").is_none(), "marked entry swept: {show}");

    // Delete, and the errors.
    assert!(cli(&vpp, "tour nbr del loop0 10.0.0.2").contains("deleted"));
    assert!(neighbour(&cli(&vpp, "show ip neighbor"), "10.0.0.2", "loop0").is_none());
    assert!(cli(&vpp, "tour nbr del loop0 10.0.0.2").contains("(retval -6)"), "NO_SUCH_ENTRY");
    assert!(
        cli(&vpp, "tour nbr add 77 10.0.0.9 02:00:00:00:00:09").contains("(retval -2)"),
        "bad sw_if_index"
    );
    cli(&vpp, "create loopback interface");
    cli(&vpp, "delete loopback interface intfc loop2");
    assert!(
        cli(&vpp, "tour nbr add 3 10.0.0.9 02:00:00:00:00:09").contains("(retval -2)"),
        "deleted sw_if_index"
    );
    assert!(cli(&vpp, "tour nbr mark 77").contains("(retval -2)"));
    for ip in ["224.0.0.9", "0.0.0.0", "255.255.255.255", "ff02::1", "::"] {
        let out = cli(&vpp, &format!("tour nbr add loop0 {ip} 02:00:00:00:00:09"));
        assert!(out.contains("cannot be a neighbour") && out.contains("(retval -73)"), "{ip}: {out}");
    }
    assert!(!cli(&vpp, "show ip neighbor").contains("02:00:00:00:00:09"));

    // Interface addresses, both families, and VPP's refusals.
    assert!(cli(&vpp, "tour addr add loop0 10.5.0.1/24").contains("added"));
    assert!(cli(&vpp, "tour addr add loop0 2001:db8:5::1/64").contains("added"));
    assert_eq!(addresses(&cli(&vpp, "show int addr"), "loop0"), ["L3 10.5.0.1/24", "L3 2001:db8:5::1/64"]);
    assert!(cli(&vpp, "tour addr add loop0 10.5.0.1/33").contains("(retval -7)"));
    assert!(cli(&vpp, "tour addr add loop0 2001:db8:5::1/129").contains("(retval -7)"));
    assert!(cli(&vpp, "tour addr add loop0 239.0.0.1/8").contains("(retval -73)"));
    assert!(cli(&vpp, "tour addr add 77 10.6.0.1/24").contains("(retval -2)"));
    let clash = cli(&vpp, "tour addr add loop1 10.5.0.2/24");
    assert!(clash.contains("conflicts with 10.5.0.1/24"), "VPP's own message: {clash}");
    let absent = cli(&vpp, "tour addr del loop0 10.9.0.1/24");
    assert!(absent.contains("not found") && absent.contains("(retval -60)"), "{absent}");
    assert!(addresses(&cli(&vpp, "show int addr"), "loop1").is_empty());
    assert!(cli(&vpp, "tour addr del loop0 10.5.0.1/24").contains("deleted"));
    assert!(cli(&vpp, "tour addr del loop0 2001:db8:5::1/64").contains("deleted"));
    assert!(addresses(&cli(&vpp, "show int addr"), "loop0").is_empty());

    // IPv6 on a link, with a given link-local, then off.
    assert!(cli(&vpp, "show ip6 interface loop1").contains("IP6 disabled"));
    assert!(cli(&vpp, "tour ip6-link enable loop1 fe80::1234").contains("link-local fe80::1234"));
    let on = cli(&vpp, "show ip6 interface loop1");
    assert!(on.replace('\r', "").contains("Link-local address(es):\n    fe80::1234"), "{on}");
    // Enabling again is fine and can change the link-local address.
    assert!(cli(&vpp, "tour ip6-link enable loop1 fe80::99").contains("link-local fe80::99"));
    assert!(cli(&vpp, "show ip6 interface loop1").lines().any(|l| l.trim_end() == "    fe80::99"));
    assert!(cli(&vpp, "tour ip6-link enable loop1 2001:db8::1").contains("(retval -73)"));
    // VPP counts enables: two enables need two disables.
    assert!(cli(&vpp, "tour ip6-link disable loop1").contains("enabled true"));
    assert!(cli(&vpp, "show ip6 interface loop1").contains("fe80::99"));
    assert!(cli(&vpp, "tour ip6-link disable loop1").contains("enabled false"));
    assert!(cli(&vpp, "show ip6 interface loop1").contains("IP6 disabled"));
    assert!(cli(&vpp, "tour ip6-link disable loop1").contains("(retval -62)"), "IP6_NOT_ENABLED");
    // Without a link-local, VPP derives one from the MAC.
    assert!(cli(&vpp, "tour ip6-link enable loop1").contains("link-local fe80::"));
    assert!(cli(&vpp, "show ip6 interface loop1")
        .replace('\r', "")
        .contains("Link-local address(es):\n    fe80::"));

    // Admin down.
    cli(&vpp, "set interface state loop0 up");
    assert_eq!(admin_state(&cli(&vpp, "show int"), "loop0"), "up");
    assert!(cli(&vpp, "tour admin-down loop0").contains("admin down"));
    assert_eq!(admin_state(&cli(&vpp, "show int"), "loop0"), "down");
    assert!(cli(&vpp, "tour admin-down 77").contains("(retval -2)"));

    // MAC of a loopback (Ethernet class); refusals for unknown and
    // non-Ethernet (local0) hardware and a multicast MAC.
    assert!(cli(&vpp, "show hardware loop0").contains("Ethernet address de:ad:00:00:00:00"));
    assert!(cli(&vpp, "tour hw-mac loop0 02:aa:bb:cc:dd:ee").contains("mac 02:aa:bb:cc:dd:ee"));
    assert!(cli(&vpp, "show hardware loop0").contains("Ethernet address 02:aa:bb:cc:dd:ee"));
    assert!(cli(&vpp, "tour hw-mac 99 02:aa:bb:cc:dd:ee").contains("(retval -2)"));
    assert!(cli(&vpp, "tour hw-mac 0 02:aa:bb:cc:dd:ee").contains("is not Ethernet"));
    assert!(cli(&vpp, "tour hw-mac loop0 01:00:5e:00:00:01").contains("(retval -73)"));
    assert!(cli(&vpp, "show hardware loop0").contains("Ethernet address 02:aa:bb:cc:dd:ee"));

    // Hardware MTU: the loopback driver cannot change its frame size, and
    // VPP's refusal reaches the caller; the MTU is unchanged.
    let mtu = cli(&vpp, "tour hw-mtu loop0 1400");
    assert!(mtu.contains("doesn't support changing Max Frame Size"), "{mtu}");
    assert!(cli(&vpp, "show int").contains("9000/0/0/0"));
    assert!(cli(&vpp, "tour hw-mtu 99 1400").contains("(retval -2)"));
    assert!(cli(&vpp, "tour hw-mtu loop0 0").contains("(retval -7)"));

    assert!(vpp.is_running());
    vpp.stop();
}
