//! The ABI layout check must reject a wrong mirror: build this crate with a
//! deliberately wrong `vlib_buffer_t` (`VPP_LAYOUT_SELFTEST_FAULT=1`) against
//! the real headers and expect the build to fail naming the field. Needs VPP
//! headers (`VPP_SRC` + `VPP_BUILD_DIR`, or `VPP_INCLUDE_DIR`/`VPP_PREFIX`);
//! prints `SKIPPED:` otherwise.

use std::path::PathBuf;
use std::process::Command;

fn headers_available() -> bool {
    if std::env::var_os("VPP_SRC").is_some() {
        return true;
    }
    let inc = std::env::var_os("VPP_INCLUDE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("VPP_PREFIX").map(|p| PathBuf::from(p).join("include")));
    inc.is_some_and(|i| i.join("vlib/vlib.h").is_file())
}

#[test]
fn wrong_mirror_fails_the_build() {
    if !headers_available() {
        println!("SKIPPED: wrong_mirror_fails_the_build: no VPP headers (set VPP_SRC and VPP_BUILD_DIR, or VPP_INCLUDE_DIR)");
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("layout-selftest");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |fault: bool| {
        let mut c = Command::new(&cargo);
        c.args(["build", "--offline", "-p", "vpp-rs", "--lib"])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target);
        if fault {
            c.env("VPP_LAYOUT_SELFTEST_FAULT", "1");
        } else {
            c.env_remove("VPP_LAYOUT_SELFTEST_FAULT");
        }
        c.output().expect("run cargo")
    };
    let good = run(false);
    let good_err = String::from_utf8_lossy(&good.stderr);
    assert!(good.status.success(), "the real mirrors must pass:\n{good_err}");
    assert!(good_err.contains("VPP ABI layout check:"), "the check ran:\n{good_err}");
    assert!(
        good_err.contains(" constants compared with the headers"),
        "the constants were checked:\n{good_err}"
    );

    let bad = run(true);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success(), "a wrong mirror must fail the build:\n{err}");
    assert!(
        err.contains("VPP ABI mismatch: offsetof(vlib_buffer_t, current_data) is 0 in the VPP headers"),
        "the error names the struct, the field and VPP's offset:\n{err}"
    );
    assert!(err.contains("offsetof(vlib_buffer_t, current_length) is 2"), "{err}");
    assert!(
        err.contains("VPP ABI mismatch: VLIB_FRAME_SIZE is 256 in the VPP headers but the mirror's VLIB_FRAME_SIZE differs"),
        "a wrong mirror constant is named:\n{err}"
    );
}
