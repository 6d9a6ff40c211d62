//! The Linux side of the real-VPP and VM tests: `ip`, network namespaces,
//! and polling VPP until it has followed Linux.

use std::process::Command;
use std::time::{Duration, Instant};

use crate::runner::VppInstance;

/// Run `ip args...`: (success, stdout then stderr).
pub fn ip(args: &[&str]) -> (bool, String) {
    match Command::new("ip").args(args).output() {
        Ok(out) => (
            out.status.success(),
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
        ),
        Err(e) => (false, format!("cannot run ip: {e}")),
    }
}

/// `ip -n ns args` with `args` split on whitespace: (success, output).
pub fn ipn_try(ns: &str, args: &str) -> (bool, String) {
    let mut v = vec!["-n", ns];
    v.extend(args.split_whitespace());
    ip(&v)
}

/// `ip -n ns args` (split on whitespace), failing the test when `ip` fails;
/// returns its output.
pub fn ipn(ns: &str, args: &str) -> String {
    let (ok, out) = ipn_try(ns, args);
    assert!(ok, "ip -n {ns} {args}: {out}");
    out
}

/// A network namespace made for a test (its loopback up), deleted when
/// dropped.
#[derive(Debug)]
pub struct Netns(String);

impl Netns {
    /// Make `name` afresh (an old one of that name is deleted first); the
    /// error says why when this machine cannot (no `ip`, no permission).
    pub fn try_new(name: &str) -> Result<Netns, String> {
        let _ = ip(&["netns", "del", name]);
        let (ok, out) = ip(&["netns", "add", name]);
        if !ok {
            return Err(format!("ip netns add {name}: {out}"));
        }
        let ns = Netns(name.to_string());
        ipn(name, "link set lo up");
        Ok(ns)
    }

    /// [`Netns::try_new`], failing the test when it cannot.
    pub fn new(name: &str) -> Netns {
        Netns::try_new(name).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The namespace's name.
    pub fn name(&self) -> &str {
        &self.0
    }
}

impl Drop for Netns {
    fn drop(&mut self) {
        let _ = ip(&["netns", "del", &self.0]);
    }
}

/// Poll `f` every `every` until it reports `(true, _)`, for at most
/// `limit`; `Err` with the last state it reported otherwise.
pub fn wait_until(
    limit: Duration,
    every: Duration,
    mut f: impl FnMut() -> (bool, String),
) -> Result<(), String> {
    let deadline = Instant::now() + limit;
    loop {
        let (ok, state) = f();
        if ok {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(state);
        }
        std::thread::sleep(every);
    }
}

/// Poll the VPP CLI command `cmd` (every 50 ms, at most `limit`) until its
/// output satisfies `ok` and return that output; else fail the test with
/// the last output and `show lcp netlink verbose`.
pub fn eventually(
    vpp: &VppInstance,
    what: &str,
    cmd: &str,
    limit: Duration,
    ok: impl Fn(&str) -> bool,
) -> String {
    let mut last = String::new();
    let r = wait_until(limit, Duration::from_millis(50), || {
        last = vpp.cli(cmd).unwrap_or_else(|e| panic!("{cmd}: {e}"));
        (ok(&last), String::new())
    });
    if r.is_err() {
        panic!(
            "{what}: `{cmd}` never matched in {limit:?}:\n{last}\n--- show lcp netlink verbose:\n{}",
            vpp.cli("show lcp netlink verbose").unwrap_or_else(|e| e)
        );
    }
    last
}

/// The VM tier's prerequisites for `test`: `/dev/vhost-net` (VPP's taps),
/// root (taps and network namespaces) and a VPP install. Prints the
/// `SKIPPED: <test>: <why>` line and answers `None` when one is missing.
pub fn tap_tier(test: &str) -> Option<crate::runner::VppInstall> {
    let why = if !std::path::Path::new("/dev/vhost-net").exists() {
        Some("no /dev/vhost-net (VPP taps need it; ci/test.sh runs this tier in ../shared/vpp/vm-run)".into())
    // SAFETY: geteuid has no preconditions and cannot fail.
    } else if unsafe { libc::geteuid() } != 0 {
        Some("not root (taps and network namespaces need root)".to_string())
    } else {
        None
    };
    let found = match why {
        Some(why) => Err(why),
        None => crate::runner::VppInstall::find(),
    };
    found.map_err(|why| println!("SKIPPED: {test}: {why}")).ok()
}

/// The Rust linux-cp plugin the tests load: `LCP_PLUGIN_SO`, else the
/// workspace's build of `lcp-plugin`.
pub fn lcp_plugin_so() -> std::path::PathBuf {
    match std::env::var_os("LCP_PLUGIN_SO") {
        Some(p) => p.into(),
        None => crate::runner::plugin_artifact("lcp_plugin", "lcp-plugin").expect("plugin built"),
    }
}
