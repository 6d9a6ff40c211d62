//! `ci/summary.sh` (the last line of `ci/test.sh`, parsed by the CI harness)
//! counts tests that printed `SKIPPED: <test>: <reason>` as skipped, not
//! passed, each once, and ignores `SKIPPED PART:` lines.

use std::path::PathBuf;
use std::process::Command;

fn summary(log: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let file = dir.join(format!("summary-{}.txt", log.len()));
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
