//! VPP's own linux-cp tests (`test/test_linux_cp.py`, VPP's test framework)
//! against our `linux_cp_plugin.so`, through `../shared/vpp/run-lcp-conformance`:
//! every class that runs on this machine must pass (the network-namespace
//! classes need `/dev/vhost-net` and run in the VM tier). Skipped
//! (`SKIPPED: ...`) without the shared VPP test framework.

use std::path::{Path, PathBuf};
use std::process::Command;
use test_vpp::runner::plugin_artifact;

/// `N passed, N failed, N skipped` from the runner's last summary line.
fn counts(out: &str) -> Option<(u32, u32, u32)> {
    let line = out.lines().rev().find(|l| l.contains(" passed, ") && l.contains(" failed"))?;
    let num = |key: &str| -> Option<u32> {
        let i = line.find(key)?;
        line[..i].split_whitespace().last()?.trim_end_matches(',').parse().ok()
    };
    Some((num(" passed")?, num(" failed")?, num(" skipped").unwrap_or(0)))
}

#[test]
fn vpp_linux_cp_tests_pass_against_our_plugin() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let runner = root.join("../shared/vpp/run-lcp-conformance");
    let testenv =
        std::env::var_os("VPP_TESTENV").map(PathBuf::from).unwrap_or_else(|| "/opt/vpp/test-venv".into());
    if !runner.is_file() || !testenv.join("bin/python").exists() {
        println!(
            "SKIPPED: vpp_linux_cp_tests_pass_against_our_plugin: needs ../shared/vpp/run-lcp-conformance and VPP's \
             test venv (../shared/vpp/setup --tests)"
        );
        return;
    }
    let so = plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built");
    // Other plugins (sflow) find this symbol with vlib_get_plugin_symbol.
    if let Ok(nm) = Command::new("nm").args(["-D", "--defined-only"]).arg(&so).output() {
        let syms = String::from_utf8_lossy(&nm.stdout);
        assert!(syms.contains(" T lcp_itf_pair_get_vif_index_by_phy"), "exported C symbol missing");
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("lcp-conformance");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&so, dir.join("linux_cp_plugin.so")).unwrap();
    let out =
        Command::new("bash").arg(&runner).arg(&dir).env("LCP_NETNS", "0").output().expect("run the runner");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let tail: String =
        text.lines().rev().take(60).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n");
    let (passed, failed, skipped) = counts(&text).unwrap_or_else(|| panic!("no summary line:\n{tail}"));
    assert_eq!(failed, 0, "VPP's linux-cp tests failed against our plugin:\n{tail}");
    assert!(
        passed >= 9,
        "the 9 host tests (TestLinuxCP, Ipsec, Ethertype, OSI, OSINotLoaded) pass: {passed}"
    );
    assert!(out.status.success(), "runner exit status {:?}", out.status);
    println!("VPP test_linux_cp.py against our plugin: {passed} passed, {failed} failed, {skipped} skipped (netns classes run in the VM tier)");
}

#[test]
fn summary_line_parses() {
    assert_eq!(counts("x\n9 passed, 0 failed, 18 skipped (13s)\n"), Some((9, 0, 18)));
    assert_eq!(counts("3 passed, 2 failed\n"), Some((3, 2, 0)));
    assert_eq!(counts("nothing"), None);
}
