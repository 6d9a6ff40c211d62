//! Tier 4: the tour plugin in a real VPP: config stanza, init and
//! main-loop-enter functions, CLI commands, a process node woken by its
//! clock and by events, and a drop node's counter; a bad stanza stops VPP at
//! start-up with the line-precise message. Skipped without VPP.

use std::time::{Duration, Instant};
use test_vpp::runner::{plugin_artifact, VppConfig, VppInstall, VppInstance};
use test_vpp::scenario::parse_error_count;

fn config(extra: &str) -> VppConfig {
    let so = plugin_artifact("tour_plugin", "tour-plugin").expect("plugin built");
    VppConfig { plugins: vec![(so, "tour_plugin.so".into())], extra: extra.into(), ..Default::default() }
}

fn wait_for(vpp: &VppInstance, cmd: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let out = vpp.cli(cmd).unwrap();
        if pred(&out) || Instant::now() > deadline {
            return out;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn tour_plugin_in_real_vpp() {
    let install = match VppInstall::find() {
        Ok(i) => i,
        Err(why) => {
            println!("SKIPPED: tour_plugin_in_real_vpp: {why}");
            return;
        }
    };
    let mut vpp =
        VppInstance::start(&install, &config("rust-tour {\n  greeting hello\n  interval 0.05\n}\n"))
            .expect("VPP starts");
    let out = vpp.cli("show rust-tour").unwrap();
    assert!(out.contains("greeting hello interval 0.05"), "{out}");
    assert!(out.contains("init true main-loop true"), "{out}");
    let out = wait_for(&vpp, "show rust-tour", |o| !o.contains("ticks 0 "));
    assert!(!out.contains("ticks 0 "), "the process wakes on its clock: {out}");
    let poke = vpp.cli("rust-tour poke 3").unwrap();
    assert!(poke.contains("poked 3"), "{poke}");
    let out = wait_for(&vpp, "show rust-tour", |o| o.contains("pokes 3"));
    assert!(out.contains("pokes 3"), "the process got the event: {out}");
    let bad = vpp.cli("rust-tour poke many").unwrap();
    assert!(bad.contains("expected a count, got `many`"), "CLI errors reach the user: {bad}");
    let graph = vpp.cli("show vlib graph rust-tour-process").unwrap();
    assert!(graph.contains("rust-tour-process"), "{graph}");

    for c in [
        "create packet-generator interface pg0",
        "set interface ip address pg0 10.30.0.1/24",
        "set interface state pg0 up",
        "set interface feature pg0 rust-tour-drop arc ip4-unicast",
        "packet-generator new { name d0 limit 1000 size 64-64 node ip4-input interface pg0 data { UDP: 10.30.0.2 -> 10.40.0.2 UDP: 1 -> 2 incrementing 30 } }",
        "packet-generator enable-stream d0",
    ] {
        vpp.cli(c).unwrap();
    }
    let errors = wait_for(&vpp, "show errors", |o| {
        parse_error_count(o, "rust-tour-drop", "dropped by rust-tour-drop") >= 1000
    });
    assert_eq!(parse_error_count(&errors, "rust-tour-drop", "dropped by rust-tour-drop"), 1000, "{errors}");
    assert!(vpp.is_running());
    vpp.stop();

    // A bad stanza stops start-up with the line-precise error.
    let bad = config("rust-tour {\n  greeting hi\n  colour red\n}\n");
    let conf = test_vpp::runner::startup_conf(std::path::Path::new("/x"), &bad);
    let line = conf.lines().position(|l| l.contains("colour red")).unwrap() + 1;
    let err = match VppInstance::start(&install, &bad) {
        Ok(_) => panic!("VPP must refuse the bad stanza"),
        Err(e) => e,
    };
    let want = format!("startup.conf:{line}: rust-tour: unknown option `colour`");
    assert!(err.contains(&want), "names file and line ({want}): {err}");
}
