//! UI tests for the macros.
//!
//! `fail_*.rs`: misuses that must not compile; trybuild compares rustc's
//! output with the committed `.stderr` files (`TRYBUILD=overwrite` to
//! regenerate them after a deliberate message change).
//!
//! `pass_*.rs`: correct uses that must compile without warnings. trybuild's
//! `pass` mode links and runs a binary, which cannot work here: the
//! registrations reference symbols only VPP's own binary provides
//! (`vlib_global_main`, `feature_main`, ...). So the pass files are
//! type-checked instead, as `[[bin]]` targets of a throw-away crate under
//! `CARGO_TARGET_TMPDIR`, with `cargo check` (which does not link).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Both tests run cargo; run them one at a time.
static CARGO: Mutex<()> = Mutex::new(());

#[test]
fn ui_fail() {
    let _g = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/fail_*.rs");
}

#[test]
fn ui_pass() {
    let _g = CARGO.lock().unwrap_or_else(|e| e.into_inner());
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(manifest_dir.join("tests/ui"))
        .expect("tests/ui")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("pass_") && name.ends_with(".rs")
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests/ui/pass_*.rs files");

    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-pass");
    std::fs::create_dir_all(&dir).expect("create fixture dir");
    let mut manifest = format!(
        "[package]\nname = \"vpp-ui-pass\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [workspace]\n\n[dependencies]\nvpp = {{ package = \"vpp-rs\", path = {:?} }}\n",
        manifest_dir.to_str().expect("utf-8 path"),
    );
    for f in &files {
        let name = f.file_stem().and_then(|n| n.to_str()).expect("file name");
        manifest += &format!("\n[[bin]]\nname = {name:?}\npath = {:?}\n", f.to_str().expect("utf-8 path"));
    }
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    // Same dependency versions as the workspace, and no registry access.
    let lock = manifest_dir.join("../Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
    }

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .arg("check")
        .arg("--bins")
        .arg("--offline")
        .arg("--quiet")
        .arg("--message-format=short")
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "pass_*.rs files failed to compile:\n{stderr}");
    assert!(!stderr.contains("warning"), "pass_*.rs files compiled with warnings:\n{stderr}");
}
