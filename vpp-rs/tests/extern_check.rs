//! The extern-signature and retval checks must reject wrong declarations:
//! build this crate with `VPP_EXTERN_SELFTEST_FAULT=1` (the declarations of
//! `src/sys/fault_externs.rs` replace the real ones, and
//! `src/sys/fault_retval.rs` is checked like a `retval.rs`) against the real
//! headers and expect the build to fail naming each function, parameter,
//! constant and both types or values. Needs VPP headers (`VPP_SRC` +
//! `VPP_BUILD_DIR`, or `VPP_INCLUDE_DIR`/`VPP_PREFIX`); prints a `SKIPPED:`
//! line otherwise.

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
fn wrong_extern_declarations_fail_the_build() {
    if !headers_available() {
        println!(
            "SKIPPED: wrong_extern_declarations_fail_the_build: no VPP headers (set VPP_SRC and VPP_BUILD_DIR, or VPP_INCLUDE_DIR)"
        );
        return;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    // Shared with tests/layout_check.rs: the dependencies build once.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("layout-selftest");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let run = |fault: bool| {
        let mut c = Command::new(&cargo);
        c.args(["build", "--offline", "-p", "vpp-rs", "--lib"])
            .current_dir(&root)
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("VPP_LAYOUT_SELFTEST_FAULT");
        if fault {
            c.env("VPP_EXTERN_SELFTEST_FAULT", "1");
        } else {
            c.env_remove("VPP_EXTERN_SELFTEST_FAULT");
        }
        c.output().expect("run cargo")
    };
    let good = run(false);
    let good_err = String::from_utf8_lossy(&good.stderr);
    assert!(good.status.success(), "the real declarations must pass:\n{good_err}");
    assert!(good_err.contains("VPP extern check: "), "the extern check ran:\n{good_err}");
    assert!(good_err.contains(" functions and 4 statics compared"), "{good_err}");
    assert!(good_err.contains("VPP retval check: "), "the retval check ran:\n{good_err}");

    let bad = run(true);
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(!bad.status.success(), "wrong declarations must fail the build:\n{err}");
    for expected in [
        // A wrong parameter type: function, parameter and both types.
        "`vlib_add_trace` (src/sys/fault_externs.rs) parameter 4 `n_data_bytes` (C `n_data_bytes`): the headers have `u32_` (u32), the declaration has `u16` (u16)",
        // A missing parameter.
        "`vlib_get_next_frame_internal` (src/sys/fault_externs.rs) takes 3 parameters (vm, node, next_index) but the headers declare 4 (vm, node, next_index, alloc_new_frame)",
        // `*mut c_void` for a typed pointer, not in the allow-list.
        "`vlib_worker_thread_barrier_release` (src/sys/fault_externs.rs) parameter 1 `vm` (C `vm`): the headers have `*mut vlib_main_t`",
        // A function the headers do not declare.
        "`vlib_no_such_function` (src/sys/fault_externs.rs) is not declared in the VPP headers",
        // Retval constants: a wrong value and an unknown name.
        "VNET_API_ERROR_INVALID_VALUE is -7 in the VPP headers (vnet/error.h) but src/sys/fault_retval.rs says -1",
        "src/sys/fault_retval.rs has VNET_API_ERROR_NO_SUCH_RETVAL = -999, which the VPP headers do not define",
    ] {
        assert!(err.contains(expected), "the error must say {expected:?}:\n{err}");
    }
    // The right constant of the same file is not reported.
    assert!(!err.contains("INVALID_ARGUMENT"), "{err}");
}
