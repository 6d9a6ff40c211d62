//! Start a real VPP with Rust plugins, drive its CLI, stop it cleanly.
//!
//! VPP is found through `VPP_PREFIX` (an install prefix with `bin/vpp`),
//! else a packaged install (`/usr/bin/vpp`). The generated startup.conf
//! needs no hugepages (4 KiB main-heap and buffer pages), puts every socket
//! in a private runtime directory, disables all plugins by default and
//! enables only the ones a test asks for.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A VPP installation.
#[derive(Clone, Debug)]
pub struct VppInstall {
    /// The `vpp` binary.
    pub vpp: PathBuf,
    /// The `vppctl` binary.
    pub vppctl: PathBuf,
    /// Directories for `LD_LIBRARY_PATH` (VPP's own libraries).
    pub lib_dirs: Vec<PathBuf>,
    /// Where VPP's `.api.json` files are (`share/vpp/api`), if installed.
    pub api_json_dir: Option<PathBuf>,
}

impl VppInstall {
    /// Find VPP, or say why not (for a `SKIPPED:` line).
    pub fn find() -> Result<VppInstall, String> {
        let prefix =
            match std::env::var_os("VPP_PREFIX") {
                Some(p) => PathBuf::from(p),
                None if Path::new("/usr/bin/vpp").is_file() => PathBuf::from("/usr"),
                None => return Err(
                    "no VPP found: set VPP_PREFIX to a VPP 26.06 install prefix (or install the vpp package)"
                        .into(),
                ),
            };
        let vpp = prefix.join("bin/vpp");
        let vppctl = prefix.join("bin/vppctl");
        if !vpp.is_file() || !vppctl.is_file() {
            return Err(format!("VPP_PREFIX={} has no bin/vpp and bin/vppctl", prefix.display()));
        }
        let lib_dirs = ["lib/x86_64-linux-gnu", "lib", "lib64"]
            .iter()
            .map(|d| prefix.join(d))
            .filter(|d| d.is_dir())
            .collect();
        let api_json_dir = Some(prefix.join("share/vpp/api")).filter(|d| d.is_dir());
        Ok(VppInstall { vpp, vppctl, lib_dirs, api_json_dir })
    }

    /// `vpp --version`-like check: the first line of `show version`
    /// requires a running instance, so this reads the binary's version.
    pub fn version(&self) -> Option<String> {
        let out = Command::new(&self.vpp)
            .arg("--version")
            .env("LD_LIBRARY_PATH", self.ld_library_path())
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }

    fn ld_library_path(&self) -> String {
        std::env::join_paths(&self.lib_dirs).map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
    }
}

/// What to start VPP with.
#[derive(Clone, Debug, Default)]
pub struct VppConfig {
    /// Plugin files to copy into the extra plugin directory: (source path,
    /// file name VPP sees, e.g. `count_plugin.so`). Each is enabled.
    pub plugins: Vec<(PathBuf, String)>,
    /// VPP's own plugins to enable (file names, e.g. `ping_plugin.so`).
    pub enable_builtin: Vec<String>,
    /// Extra startup.conf text appended (`{dir}`: the runtime directory). A
    /// `statseg` or `memory` stanza here replaces the default one.
    pub extra: String,
}

/// A running VPP, stopped when dropped.
pub struct VppInstance {
    child: Option<Child>,
    install: VppInstall,
    /// Private runtime directory (sockets, log, startup.conf).
    pub dir: PathBuf,
}

impl VppInstance {
    /// Write startup.conf, start VPP and wait until its CLI answers.
    pub fn start(install: &VppInstall, cfg: &VppConfig) -> Result<VppInstance, String> {
        Self::start_with_unix(install, cfg, "")
    }

    /// [`VppInstance::start`] with `unix_extra` added inside the `unix { }`
    /// stanza (VPP refuses a second `unix` stanza), e.g. `exec FILE` or
    /// `startup-config FILE` to run CLI commands at start-up. `{dir}` in it
    /// stands for the private runtime directory.
    pub fn start_with_unix(
        install: &VppInstall,
        cfg: &VppConfig,
        unix_extra: &str,
    ) -> Result<VppInstance, String> {
        let dir = std::env::temp_dir().join(format!(
            "rust-vpp-{}-{}",
            std::process::id(),
            Instant::now().elapsed().as_nanos() ^ (std::ptr::addr_of!(cfg) as u128)
        ));
        let plugin_dir = dir.join("plugins");
        std::fs::create_dir_all(&plugin_dir).map_err(|e| format!("create {}: {e}", plugin_dir.display()))?;
        for (src, name) in &cfg.plugins {
            std::fs::copy(src, plugin_dir.join(name)).map_err(|e| format!("copy {}: {e}", src.display()))?;
        }
        let unix_extra = unix_extra.replace("{dir}", &dir.to_string_lossy());
        let conf = startup_conf_with_unix(&dir, cfg, &unix_extra);
        let conf_path = dir.join("startup.conf");
        std::fs::write(&conf_path, conf).map_err(|e| e.to_string())?;
        let child = Command::new(&install.vpp)
            .arg("-c")
            .arg(&conf_path)
            .env("LD_LIBRARY_PATH", install.ld_library_path())
            .stdin(Stdio::null())
            .stdout(Stdio::from(std::fs::File::create(dir.join("stdout.log")).map_err(|e| e.to_string())?))
            .stderr(Stdio::from(std::fs::File::create(dir.join("stderr.log")).map_err(|e| e.to_string())?))
            .spawn()
            .map_err(|e| format!("start {}: {e}", install.vpp.display()))?;
        let mut inst = VppInstance { child: Some(child), install: install.clone(), dir };
        // VPP_START_TIMEOUT_S: more than 30 s for slow machines (the VM
        // tier runs VPP under software emulation).
        let limit = std::env::var("VPP_START_TIMEOUT_S").ok().and_then(|s| s.parse().ok()).unwrap_or(30u64);
        let deadline = Instant::now() + Duration::from_secs(limit);
        loop {
            if let Some(status) = inst.child.as_mut().and_then(|c| c.try_wait().ok().flatten()) {
                return Err(format!("VPP exited during start-up ({status}): {}", inst.logs()));
            }
            if inst.dir.join("cli.sock").exists() && inst.cli("show version").is_ok_and(|v| v.contains("vpp"))
            {
                return Ok(inst);
            }
            if Instant::now() > deadline {
                return Err(format!("VPP's CLI did not come up in {limit} s: {}", inst.logs()));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Run one CLI command through `vppctl` and return its output.
    pub fn cli(&self, cmd: &str) -> Result<String, String> {
        let out = Command::new(&self.install.vppctl)
            .arg("-s")
            .arg(self.dir.join("cli.sock"))
            .args(cmd.split_whitespace())
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("vppctl: {e}"))?;
        if !out.status.success() {
            return Err(format!("vppctl {cmd}: {}", String::from_utf8_lossy(&out.stderr)));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// [`VppInstance::cli`] that panics with the command and VPP's answer on
    /// failure (for tests).
    pub fn must(&self, cmd: &str) -> String {
        self.cli(cmd).unwrap_or_else(|e| panic!("{cmd}: {e}"))
    }

    /// The linux-cp tests' set-up: packet-generator interfaces pg0 (the
    /// phy, 10.0.0.1/24) and pg1 (standing in for the host tap), both up,
    /// paired with `test lcp add phy pg0 host pg1`.
    pub fn pair_pg0_with_pg1(&self) {
        for c in [
            "create packet-generator interface pg0",
            "create packet-generator interface pg1",
            "set interface state pg0 up",
            "set interface state pg1 up",
            "set interface ip address pg0 10.0.0.1/24",
        ] {
            self.must(c);
        }
        let add = self.cli("test lcp add phy pg0 host pg1").unwrap_or_else(|e| e);
        assert!(
            !add.contains("unknown input") && !add.contains("ERROR"),
            "test lcp add phy pg0 host pg1: {add}"
        );
    }

    /// The `Ethernet address` `show hardware-interfaces` prints for `itf`.
    pub fn mac_of(&self, itf: &str) -> String {
        let hw = self.must(&format!("show hardware-interfaces {itf}"));
        hw.lines()
            .find_map(|l| l.trim().strip_prefix("Ethernet address ").map(str::to_string))
            .unwrap_or_else(|| panic!("no MAC for {itf}:\n{hw}"))
    }

    /// The sw_if_index of `itf` (`show interface`'s Idx column).
    pub fn sw_if_index_of(&self, itf: &str) -> u32 {
        let out = self.must(&format!("show interface {itf}"));
        out.lines()
            .find_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.first() == Some(&itf)).then(|| f.get(1)?.parse().ok()).flatten()
            })
            .unwrap_or_else(|| panic!("no index for {itf}:\n{out}"))
    }

    /// Counter `name` (e.g. `tx packets`) of `itf` in `show interface`; 0
    /// when absent.
    pub fn interface_counter(&self, itf: &str, name: &str) -> u64 {
        let out = self.must(&format!("show interface {itf}"));
        out.lines()
            .find_map(|l| {
                let i = l.find(name)?;
                l[i + name.len()..].split_whitespace().next()?.parse().ok()
            })
            .unwrap_or(0)
    }

    /// Clear traces, errors and interface counters, send one packet-generator
    /// packet (`spec`: the stream's body, e.g. `size 64-64 interface pg0 node
    /// ethernet-input data { ... }`) traced from pg-input, and return
    /// `show trace`; the stream is deleted again.
    pub fn trace_one_packet(&self, name: &str, spec: &str) -> String {
        self.must("clear trace");
        self.must("clear errors");
        self.must("clear interfaces");
        self.must("trace add pg-input 10");
        self.must(&format!("packet-generator new {{ name {name} limit 1 {spec} }}"));
        self.must(&format!("packet-generator enable-stream {name}"));
        std::thread::sleep(Duration::from_millis(300));
        let t = self.must("show trace");
        self.must(&format!("packet-generator delete {name}"));
        t
    }

    /// The API socket path.
    pub fn api_socket(&self) -> PathBuf {
        self.dir.join("api.sock")
    }

    /// The VPP process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// Whether the VPP process is still running.
    pub fn is_running(&mut self) -> bool {
        self.child.as_mut().is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    /// VPP's log and stderr, for failure messages.
    pub fn logs(&self) -> String {
        let mut s = String::new();
        for f in ["vpp.log", "stderr.log", "stdout.log"] {
            if let Ok(t) = std::fs::read_to_string(self.dir.join(f)) {
                let tail: Vec<_> = t.lines().rev().take(40).collect();
                let _ = write!(
                    s,
                    "\n--- {f} (last lines) ---\n{}",
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                );
            }
        }
        s
    }

    /// Stop VPP: SIGTERM, then SIGKILL after 10 s. Returns how it exited.
    pub fn stop(&mut self) -> Option<std::process::ExitStatus> {
        let mut child = self.child.take()?;
        // SAFETY: sending SIGTERM to our own child process id.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok(Some(st)) = child.try_wait() {
                return Some(st);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                return child.wait().ok();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for VppInstance {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The startup.conf for `dir` and `cfg`.
pub fn startup_conf(dir: &Path, cfg: &VppConfig) -> String {
    startup_conf_with_unix(dir, cfg, "")
}

/// [`startup_conf`] with `unix_extra` (one or more lines) inside the `unix`
/// stanza.
pub fn startup_conf_with_unix(dir: &Path, cfg: &VppConfig, unix_extra: &str) -> String {
    let d = dir.display();
    let unix_extra = if unix_extra.is_empty() { String::new() } else { format!("  {}\n", unix_extra.trim()) };
    let prefix =
        dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "rustvpp".into());
    // `extra` may replace the default `statseg` / `memory` stanzas (e.g. a
    // bigger main heap for a million routes); `{dir}` in it stands for the
    // runtime directory.
    let extra = cfg.extra.replace("{dir}", &d.to_string());
    let has = |stanza: &str| extra.lines().any(|l| l.trim_start().starts_with(stanza));
    let statseg = if has("statseg") {
        String::new()
    } else {
        format!("statseg {{ socket-name {d}/stats.sock size 32m page-size 4k }}\n")
    };
    let memory = if has("memory") { "" } else { "memory { main-heap-size 1G main-heap-page-size 4k }\n" };
    let mut s = format!(
        "unix {{\n  nodaemon\n  runtime-dir {d}\n  cli-listen {d}/cli.sock\n  log {d}/vpp.log\n{unix_extra}}}\n\
         api-segment {{ prefix {prefix} }}\n\
         socksvr {{ socket-name {d}/api.sock }}\n\
         {statseg}{memory}\
         buffers {{ buffers-per-numa 16384 page-size 4k }}\n\
         plugins {{\n  add-path {d}/plugins\n  plugin default {{ disable }}\n"
    );
    for (_, name) in &cfg.plugins {
        let _ = writeln!(s, "  plugin {name} {{ enable }}");
    }
    for name in &cfg.enable_builtin {
        let _ = writeln!(s, "  plugin {name} {{ enable }}");
    }
    s.push_str("}\n");
    s.push_str(&extra);
    s
}

/// `lib<crate>.so` of this workspace, built in release mode now (a no-op
/// when it is up to date) so a test never loads a stale plugin.
pub fn plugin_artifact(crate_name: &str, package: &str) -> Result<PathBuf, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let file = format!("lib{crate_name}.so");
    let path = target.join("release").join(&file);
    {
        let st = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "-p", package])
            .current_dir(&root)
            .status()
            .map_err(|e| format!("cargo build: {e}"))?;
        if !st.success() {
            return Err(format!("cargo build --release -p {package} failed"));
        }
    }
    path.is_file().then_some(path.clone()).ok_or_else(|| format!("{} not built", path.display()))
}
