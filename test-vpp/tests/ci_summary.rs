//! `ci/summary.sh` (the last line of `ci/test.sh`, parsed by the CI harness)
//! counts tests that printed `SKIPPED: <test>: <reason>` as skipped, not
//! passed, each once, and ignores `SKIPPED PART:` lines; it adds
//! `tier result: NAME: N passed, M failed, K skipped` lines (suites that are
//! not libtest, such as VPP's own linux-cp tests in the VM tier,
//! `ci/vm-tier.sh`) to libtest's counts.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

fn summary(log: &str) -> String {
    // One file per call: the tests run in parallel.
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!("summary-{}-{}.txt", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&file, log).unwrap();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ci/summary.sh");
    let out = Command::new("bash").arg(script).arg(&file).output().expect("run ci/summary.sh");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn skipped_tests_are_not_counted_as_passed() {
    let log = "\
running 2 tests
test count_plugin_in_real_vpp ... SKIPPED: count_plugin_in_real_vpp: no VPP found
ok
SKIPPED PART: lcp_api_in_real_vpp: vpp_papi part: no python with vpp_papi
test lcp_api_in_real_vpp ... ok
test result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 3 tests
SKIPPED: wrong_mirror_fails_the_build: no VPP headers
SKIPPED: wrong_mirror_fails_the_build: no VPP headers
test result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
";
    assert_eq!(summary(log), "2 passed, 1 failed, 2 skipped\n");
}

#[test]
fn no_tests_no_skips() {
    assert_eq!(summary(""), "0 passed, 0 failed, 0 skipped\n");
    let log =
        "test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";
    assert_eq!(summary(log), "7 passed, 0 failed, 0 skipped\n");
}

#[test]
fn tier_results_are_added() {
    let log = "\
test result: ok. 7 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s
test x ... SKIPPED: x: no VPP
tier result: vpp_test_linux_cp_netns: 23 passed, 4 failed, 0 skipped
tier result: vm_lcp_host: 0 passed, 1 failed, 2 skipped
";
    assert_eq!(summary(log), "29 passed, 5 failed, 3 skipped\n");
}

#[test]
fn malformed_tier_lines_do_not_count() {
    let log = "\
tier result: 23 passed, 4 failed
 tier result: x: 1 passed, 1 failed, 1 skipped
tier result: x: many passed, 1 failed, 1 skipped
";
    assert_eq!(summary(log), "0 passed, 0 failed, 0 skipped\n");
}

#[test]
fn nul_bytes_in_the_log_do_not_hide_results() {
    // VPP's log, quoted in a failure message, may hold NUL bytes; grep
    // would then call the file binary and print no lines.
    let log = "\
test x ... FAILED
vpp.log: show version\0
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1s
tier result: vpp_test_linux_cp_netns: 9 passed, 18 failed, 0 skipped
";
    assert_eq!(summary(log), "10 passed, 19 failed, 0 skipped\n");
}
