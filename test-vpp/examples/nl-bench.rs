//! Linux → VPP route sync: how fast and how big, ours beside the stock C
//! `linux_nl_plugin.so`, each in one VPP run.
//!
//! Phases (every size in `--sizes`, ascending):
//! - `native`: VPP's own FIB insertion, `ip route add count N 20.0.0.0/32 via
//!   10.9.0.254 loop0` (wall time of the CLI call), then `ip route del count`.
//! - `burst`: a TAP pair `lcp create loop1 host-if nlb0 netns nlb-burst`
//!   (Linux address 10.1.0.2/16 on nlb0, synced to VPP); `ip -n nlb-burst
//!   -batch FILE` adds N /32 routes from 30.0.0.0 via 10.1.0.254 dev nlb0;
//!   the Linux time is that `ip` run, the VPP time runs from the same start
//!   until `show ip fib summary` counts all N. Then the same for their
//!   deletion (`burst-del`).
//! - `native-again`: `native` once more after the import; `import` is then
//!   compared with it rather than with `native` (both insert into a heap that
//!   a first insertion grew; the first one also pays for growing it, which
//!   under emulation made it vary by a third between runs).
//! - `import` (ours only: C imports nothing when a pair appears): N /32
//!   routes from 40.0.0.0 via 10.2.0.254 dev br0 (a bridge in netns
//!   nlb-import) made in Linux first, then `test lcp add phy loop2 host loop3
//!   linux-if br0 netns nlb-import` pairs br0; the time runs from that CLI
//!   call until VPP has all N. The pair is deleted between sizes (the
//!   listener ends with the namespace's last pair, the next pair dumps
//!   afresh).
//!
//! Memory per route: VPP's main heap `used` (`show memory main-heap`: VPP's
//! FIB; after `native` it reuses what `native` freed, so run `--phases
//! import` alone for the FIB's own cost) and the VPP process's RSS (`VmRSS`:
//! everything, including our plugin's Rust allocations, which come from
//! mimalloc and not from the main heap), after minus before, over N.
//!
//! Needs root and `/dev/vhost-net` for the TAP (the burst phase), so it runs
//! inside `../shared/vpp/vm-run`; build it on the host first:
//!
//! ```text
//! cargo build --release -p lcp-plugin && cargo build --release -p test-vpp --example nl-bench
//! flock /work/vm.lock ../shared/vpp/vm-run "target/release/examples/nl-bench --plugin c --sizes 100000 \
//!     --out target/nl-bench/c.md; target/release/examples/nl-bench --plugin rust --sizes 100000 \
//!     --out target/nl-bench/rust.md" 1800
//! ```
//!
//! Options: `--plugin rust|c` (default rust), `--so PATH` (our plugin,
//! default `target/release/liblcp_plugin.so`), `--sizes N,N..` (default
//! 100000), `--phases native,burst,import[,native-again]` (default the first three), `--heap 4G`,
//! `--timeout-s S` (per wait, default 1200), `--repeat N` (each native and
//! import measurement N times per size, with a line of medians), `--poll-ms MS` (the shortest
//! interval between reads of VPP's route count, default 200; reads thin out
//! to 4% of the time waited, at most 5 s apart), `--out FILE` (the table is
//! appended there too), `--verbose`, `--pair tap|test`: the burst pair is a
//! TAP (`lcp create`, the default when `/dev/vhost-net` exists) or, without
//! one (`test`, e.g. on a host without vhost-net), loop1 paired with a Linux
//! bridge `nlb0` by `test lcp add` (see `test_pair`); the rest is the same.

use std::fmt::Write as _;
use std::io::Write as _;
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use test_vpp::runner::{VppConfig, VppInstall, VppInstance};

const NS_BURST: &str = "nlb-burst";
const NS_IMPORT: &str = "nlb-import";
const POLL: Duration = Duration::from_millis(200);

struct Args {
    c: bool,
    /// The burst pair is a TAP (`lcp create`), else `test lcp add` with a
    /// Linux bridge (no /dev/vhost-net needed).
    tap: bool,
    so: PathBuf,
    sizes: Vec<u64>,
    phases: Vec<String>,
    heap: String,
    timeout: Duration,
    out: Option<PathBuf>,
    verbose: bool,
    /// How often VPP's route count is polled (`--poll-ms`, default 200).
    poll: Duration,
    /// Measurements of each native and import phase per size (`--repeat`, default 1).
    repeat: usize,
}

fn args() -> Args {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut a = Args {
        c: false,
        tap: Path::new("/dev/vhost-net").exists(),
        so: root.join("target/release/liblcp_plugin.so"),
        sizes: vec![100_000],
        phases: ["native", "burst", "import"].iter().map(|s| s.to_string()).collect(),
        heap: "4G".into(),
        timeout: Duration::from_secs(1200),
        out: None,
        verbose: false,
        poll: POLL,
        repeat: 1,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut v = || it.next().unwrap_or_else(|| panic!("{k} needs a value"));
        match k.as_str() {
            "--plugin" => a.c = v() == "c",
            "--pair" => a.tap = v() == "tap",
            "--so" => a.so = PathBuf::from(v()),
            "--sizes" => a.sizes = v().split(',').map(|s| s.parse().expect("a size")).collect(),
            "--phases" => a.phases = v().split(',').map(str::to_string).collect(),
            "--heap" => a.heap = v(),
            "--timeout-s" => a.timeout = Duration::from_secs(v().parse().expect("seconds")),
            "--out" => a.out = Some(PathBuf::from(v())),
            "--verbose" => a.verbose = true,
            "--poll-ms" => a.poll = Duration::from_millis(v().parse().expect("milliseconds")),
            "--repeat" => a.repeat = v().parse::<usize>().expect("a count").max(1),
            _ => panic!("unknown option {k} (see the header of test-vpp/examples/nl-bench.rs)"),
        }
    }
    a.sizes.sort_unstable();
    a
}

/// Run `cmd args`; (success, stdout + stderr).
fn run(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd).args(args).output().unwrap_or_else(|e| panic!("{cmd}: {e}"));
    (
        out.status.success(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)),
    )
}

fn ip(ns: &str, args: &str) {
    let mut v = vec!["-n", ns];
    v.extend(args.split_whitespace());
    let (ok, out) = run("ip", &v);
    assert!(ok, "ip -n {ns} {args}: {out}");
}

/// `ip -n ns -batch file`, its wall time.
fn ip_batch(ns: &str, file: &Path) -> Duration {
    let t = Instant::now();
    let (ok, out) = run("ip", &["-n", ns, "-batch", &file.to_string_lossy()]);
    assert!(
        ok,
        "ip -n {ns} -batch {}: {}",
        file.display(),
        out.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    t.elapsed()
}

/// A batch file: `route VERB base+i/32 via GW dev DEV` for i in from..to.
fn batch_file(name: &str, verb: &str, base: Ipv4Addr, from: u64, to: u64, gw: &str, dev: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("nl-bench-{}-{name}", std::process::id()));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("batch file"));
    let b = u32::from(base);
    for i in from..to {
        writeln!(f, "route {verb} {}/32 via {gw} dev {dev}", Ipv4Addr::from(b + i as u32)).expect("write");
    }
    f.flush().expect("flush");
    path
}

fn netns(name: &str) {
    let _ = run("ip", &["netns", "del", name]);
    let (ok, out) = run("ip", &["netns", "add", name]);
    assert!(ok, "ip netns add {name}: {out}");
}

/// The /32 prefixes of every IPv4 table (`show ip fib summary`).
fn fib32(vpp: &VppInstance) -> u64 {
    try_fib32(vpp).unwrap_or_default()
}

/// [`fib32`], `None` when the CLI gave no summary (`vppctl` failed or
/// answered something else): a wait must not take that for zero routes.
fn try_fib32(vpp: &VppInstance) -> Option<u64> {
    let out = vpp.cli("show ip fib summary").ok().filter(|o| o.contains("Prefix length"))?;
    Some(
        out.lines()
            .filter_map(|l| {
                let f: Vec<&str> = l.split_whitespace().collect();
                (f.len() == 2 && f[0] == "32").then(|| f[1].parse::<u64>().ok()).flatten()
            })
            .sum(),
    )
}

/// A size such as `170.41M` or `4.5k` in bytes.
fn bytes(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches(',');
    let (num, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1024.0),
        'm' | 'M' => (&s[..s.len() - 1], 1024.0 * 1024.0),
        'g' | 'G' => (&s[..s.len() - 1], 1024.0 * 1024.0 * 1024.0),
        _ => (s, 1.0),
    };
    num.parse::<f64>().ok().map(|n| n * mult)
}

/// The main heap's `used` bytes.
fn heap_used(vpp: &VppInstance) -> f64 {
    let out = vpp.cli("show memory main-heap").unwrap_or_default();
    out.split("used:").nth(1).and_then(|r| r.split_whitespace().next()).and_then(bytes).unwrap_or(f64::NAN)
}

/// VPP's resident set (bytes).
fn rss(vpp: &VppInstance) -> f64 {
    let Some(pid) = vpp.pid() else { return f64::NAN };
    let st = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    st.lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|r| r.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(f64::NAN, |kb| kb * 1024.0)
}

/// Poll until `fib32` satisfies `done`; the time since `t0` when it did, or
/// `None` after the timeout (the last count is printed).
fn wait_fib(
    vpp: &VppInstance,
    t0: Instant,
    limits: (Duration, Duration),
    done: impl Fn(u64) -> bool,
) -> Option<Duration> {
    wait_fib_slowest(vpp, t0, limits, done).0
}

/// [`wait_fib`], also saying how long the slowest read took (a read waits
/// for VPP's main thread: the longest it was kept from the CLI).
fn wait_fib_slowest(
    vpp: &VppInstance,
    t0: Instant,
    (timeout, poll): (Duration, Duration),
    done: impl Fn(u64) -> bool,
) -> (Option<Duration>, Duration) {
    let (mut last, mut slowest) = (0, Duration::ZERO);
    while t0.elapsed() < timeout {
        let t = Instant::now();
        let read = try_fib32(vpp);
        slowest = slowest.max(t.elapsed());
        if let Some(n) = read {
            last = n;
            if done(last) {
                return (Some(t0.elapsed()), slowest);
            }
        }
        // Every read is a `vppctl` run and a CLI command on VPP's main
        // thread: under emulation, reading every 200 ms for minutes slowed
        // the import it measured. Reads thin out as the wait grows (at most
        // 4% of the time waited so far, 5 s apart at most).
        std::thread::sleep((t0.elapsed() / 25).clamp(poll, Duration::from_secs(5)));
    }
    println!("  timed out after {:?}: {last} /32 prefixes", timeout);
    (None, slowest)
}

#[derive(Default)]
struct Row {
    phase: String,
    n: u64,
    linux: Option<Duration>,
    vpp: Option<Duration>,
    heap: f64,
    rss: f64,
    note: String,
}

fn secs(d: Option<Duration>) -> String {
    d.map_or("-".into(), |d| format!("{:.2}", d.as_secs_f64()))
}

/// The burst of `n` routes through the TAP pair and their deletion.
fn burst(vpp: &VppInstance, a: &Args, n: u64, rows: &mut Vec<Row>) {
    let base = fib32(vpp);
    let add = batch_file("add", "add", Ipv4Addr::new(30, 0, 0, 0), 0, n, "10.1.0.254", "nlb0");
    let del = batch_file("del", "del", Ipv4Addr::new(30, 0, 0, 0), 0, n, "10.1.0.254", "nlb0");
    let (h0, r0) = (heap_used(vpp), rss(vpp));
    let t0 = Instant::now();
    let linux = std::thread::spawn(move || ip_batch(NS_BURST, &add));
    let vpp_t = wait_fib(vpp, t0, (a.timeout, a.poll), |c| c >= base + n);
    let linux_t = linux.join().expect("ip -batch");
    let (h1, r1) = (heap_used(vpp), rss(vpp));
    let note =
        if vpp_t.is_none() { format!("incomplete: {} of {n}", fib32(vpp) - base) } else { String::new() };
    println!("burst {n}: Linux {linux_t:?}, VPP {vpp_t:?} {note}");
    rows.push(Row {
        phase: "burst".into(),
        n,
        linux: Some(linux_t),
        vpp: vpp_t,
        heap: (h1 - h0) / n as f64,
        rss: (r1 - r0) / n as f64,
        note,
    });
    show_netlink(vpp, a);
    let t0 = Instant::now();
    let linux = std::thread::spawn(move || ip_batch(NS_BURST, &del));
    let vpp_t = wait_fib(vpp, t0, (a.timeout, a.poll), |c| c <= base);
    let linux_t = linux.join().expect("ip -batch");
    println!("burst-del {n}: Linux {linux_t:?}, VPP {vpp_t:?}");
    rows.push(Row {
        phase: "burst-del".into(),
        n,
        linux: Some(linux_t),
        vpp: vpp_t,
        heap: f64::NAN,
        rss: f64::NAN,
        note: String::new(),
    });
    show_netlink(vpp, a);
}

fn show_netlink(vpp: &VppInstance, a: &Args) {
    if a.c {
        return;
    }
    let out =
        vpp.cli(if a.verbose { "show lcp netlink verbose" } else { "show lcp netlink" }).unwrap_or_default();
    for l in out.lines() {
        println!("  | {l}");
    }
}

/// The burst pair without a TAP (`--pair test`): loop1 paired with a
/// bridge `nlb0` made in Linux. Ours: `test lcp add ... linux-if nlb0 netns
/// NS`. C: its unit-test `test lcp add phy loop1 host loop4` records the
/// pair with vif `<counter>` and no namespace, so it is repeated until that
/// counter is nlb0's ifindex (C's linux-nl, whose socket is in the default
/// netns `NS`, finds pairs by ifindex only).
fn test_pair(vpp: &VppInstance, a: &Args) {
    // Ifindex 3: C's counter counts every `test lcp` call (add 1, del 2,
    // add 3).
    ip(NS_BURST, "link add nlb0 index 3 type bridge");
    let (_, line) = run("ip", &["-n", NS_BURST, "-o", "link", "show", "dev", "nlb0"]);
    let ifindex: u32 = line.split(':').next().and_then(|s| s.trim().parse().ok()).expect("nlb0's ifindex");
    if !a.c {
        let out = vpp.must(&format!("test lcp add phy loop1 host loop4 linux-if nlb0 netns {NS_BURST}"));
        assert!(out.trim().is_empty(), "test lcp add: {out}");
        return;
    }
    for _ in 0..20 {
        let out = vpp.must("test lcp add phy loop1 host loop4");
        assert!(!out.contains("ERROR"), "test lcp add: {out}");
        let show = vpp.must("show lcp");
        let vif = show
            .split_whitespace()
            .find_map(|w| w.strip_prefix("tap").and_then(|n| n.parse::<u32>().ok()))
            .unwrap_or_else(|| panic!("the pair's tap<vif> in show lcp:\n{show}"));
        if a.verbose {
            println!("{show}");
        }
        if vif == ifindex {
            println!("C test pair: loop1 <-> vif {vif} (nlb0)");
            return;
        }
        vpp.must("test lcp del phy loop1");
    }
    panic!("C's test lcp add never reached vif {ifindex}");
}

/// The median of `v` (the mean of the middle two for an even count).
fn median(mut v: Vec<f64>) -> Option<f64> {
    v.sort_by(f64::total_cmp);
    let m = v.len() / 2;
    match v.len() {
        0 => None,
        l if l % 2 == 1 => Some(v[m]),
        _ => Some((v[m - 1] + v[m]) / 2.0),
    }
}

/// VPP's own insertion of `n` routes (`ip route add count`), then their
/// deletion, as rows `phase` and `phase-del`.
fn native(vpp: &VppInstance, n: u64, phase: &str, rows: &mut Vec<Row>) {
    let base = fib32(vpp);
    let (h0, r0) = (heap_used(vpp), rss(vpp));
    let t = Instant::now();
    let out = vpp.must(&format!("ip route add count {n} 20.0.0.0/32 via 10.9.0.254 loop0"));
    let wall = t.elapsed();
    let (h1, r1) = (heap_used(vpp), rss(vpp));
    let got = fib32(vpp) - base;
    let said = out.split_whitespace().collect::<Vec<_>>().join(" ");
    println!("{phase} {n}: {wall:?} ({said}), {got} routes");
    let note = if got == n { said } else { format!("{said}; only {got} of {n} in the FIB") };
    rows.push(Row {
        phase: phase.into(),
        n,
        vpp: Some(wall),
        heap: (h1 - h0) / n as f64,
        rss: (r1 - r0) / n as f64,
        note,
        ..Default::default()
    });
    let t = Instant::now();
    let out = vpp.must(&format!("ip route del count {n} 20.0.0.0/32 via 10.9.0.254 loop0"));
    let wall = t.elapsed();
    println!("{phase}-del {n}: {wall:?} ({})", out.trim());
    rows.push(Row {
        phase: format!("{phase}-del"),
        n,
        vpp: Some(wall),
        heap: f64::NAN,
        rss: f64::NAN,
        ..Default::default()
    });
}

fn main() {
    let a = args();
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("nl-bench: needs root (network namespaces, taps)");
        std::process::exit(2);
    }
    let install = VppInstall::find().unwrap_or_else(|e| panic!("{e}"));
    if std::env::var_os("VPP_START_TIMEOUT_S").is_none() {
        // SAFETY: single-threaded here; nothing else reads the environment yet.
        unsafe { std::env::set_var("VPP_START_TIMEOUT_S", "300") };
    }
    // Both plugins ask for a 128 MiB socket buffer (nl-rx-buffer-size), which
    // the kernel caps at rmem_max.
    let _ = std::fs::write("/proc/sys/net/core/rmem_max", "268435456");
    netns(NS_BURST);
    netns(NS_IMPORT);

    let mut enable_builtin: Vec<String> = vec!["tap_plugin.so".into(), "linux_nl_plugin.so".into()];
    let mut plugins = Vec::new();
    if a.c {
        enable_builtin.push("linux_cp_plugin.so".into());
        enable_builtin.push("linux_cp_unittest_plugin.so".into());
    } else {
        assert!(a.so.is_file(), "{} missing: cargo build --release -p lcp-plugin", a.so.display());
        plugins.push((a.so.clone(), "lcp_rs_plugin.so".to_string()));
    }
    let extra = format!(
        "memory {{ main-heap-size {} main-heap-page-size 4k }}\n\
         statseg {{ socket-name {{dir}}/stats.sock size 256m page-size 4k }}\n\
         linux-cp {{ default netns {NS_BURST} }}\n",
        a.heap
    );
    let cfg = VppConfig { plugins, enable_builtin, extra };
    let which = if a.c { "C linux_cp + linux_nl" } else { "ours (lcp_rs_plugin.so)" };
    let pair = if a.tap { "TAP (lcp create)" } else { "test lcp add + Linux bridge" };
    println!("nl-bench: {which}, burst pair {pair}, sizes {:?}, phases {:?}", a.sizes, a.phases);
    let vpp = VppInstance::start_with_unix(&install, &cfg, "poll-sleep-usec 100").expect("VPP starts");
    let loaded = vpp.must("show plugins");
    let want = if a.c { "linux_nl_plugin.so" } else { "lcp_rs_plugin.so" };
    assert!(loaded.contains(want), "{want} not loaded:\n{loaded}");
    let mut rows = Vec::new();
    let has = |p: &str| a.phases.iter().any(|x| x == p);

    for c in [
        "create loopback interface instance 0",
        "set interface state loop0 up",
        "set interface ip address loop0 10.9.0.1/16",
        "create loopback interface instance 1",
        "set interface state loop1 up",
        "create loopback interface instance 2",
        "set interface state loop2 up",
        "create loopback interface instance 3",
        "create loopback interface instance 4",
    ] {
        vpp.must(c);
    }

    if has("native") {
        for &n in &a.sizes {
            for _ in 0..a.repeat {
                native(&vpp, n, "native", &mut rows);
            }
        }
    }

    if has("burst") {
        if a.tap {
            let out = vpp.must(&format!("lcp create loop1 host-if nlb0 netns {NS_BURST}"));
            assert!(out.trim().is_empty(), "lcp create: {out}");
        } else {
            test_pair(&vpp, &a);
        }
        ip(NS_BURST, "link set nlb0 up");
        ip(NS_BURST, "addr add 10.1.0.2/16 dev nlb0");
        if a.c && !a.tap {
            // C's linux-nl does not copy the address of a `test lcp add`
            // pair (seen: it never reaches loop1), so VPP gets its own.
            vpp.must("set interface ip address loop1 10.1.0.1/16");
        }
        let want = if a.c && !a.tap { "10.1.0.1/16" } else { "10.1.0.2/16" };
        let t0 = Instant::now();
        while !vpp.must("show interface address loop1").contains(want) {
            assert!(t0.elapsed() < Duration::from_secs(60), "Linux's address never reached loop1");
            std::thread::sleep(POLL);
        }
        for &n in &a.sizes {
            burst(&vpp, &a, n, &mut rows);
        }
    }

    if has("import") && !a.c {
        ip(NS_IMPORT, "link add br0 type bridge");
        ip(NS_IMPORT, "link set br0 up");
        ip(NS_IMPORT, "addr add 10.2.0.2/16 dev br0");
        let mut made = 0;
        for &n in &a.sizes {
            let add = batch_file("imp", "add", Ipv4Addr::new(40, 0, 0, 0), made, n, "10.2.0.254", "br0");
            let linux_t = ip_batch(NS_IMPORT, &add);
            made = n;
            for _ in 0..a.repeat {
                let base = fib32(&vpp);
                let (h0, r0) = (heap_used(&vpp), rss(&vpp));
                let t0 = Instant::now();
                let out =
                    vpp.must(&format!("test lcp add phy loop2 host loop3 linux-if br0 netns {NS_IMPORT}"));
                assert!(out.trim().is_empty(), "test lcp add: {out}");
                let vpp_t = wait_fib(&vpp, t0, (a.timeout, a.poll), |c| c >= base + n);
                let (h1, r1) = (heap_used(&vpp), rss(&vpp));
                let note = if vpp_t.is_none() {
                    format!("incomplete: {} of {n}", fib32(&vpp) - base)
                } else {
                    format!("Linux made them in {:.2} s before", linux_t.as_secs_f64())
                };
                println!("import {n}: VPP {vpp_t:?} {note}");
                rows.push(Row {
                    phase: "import".into(),
                    n,
                    linux: None,
                    vpp: vpp_t,
                    heap: (h1 - h0) / n as f64,
                    rss: (r1 - r0) / n as f64,
                    note,
                });
                show_netlink(&vpp, &a);
                vpp.must("test lcp del phy loop2");
                let t0 = Instant::now();
                // The address Linux gave br0 stays on loop2 (with its /32s).
                let (gone, slowest) = wait_fib_slowest(&vpp, t0, (a.timeout, a.poll), |c| c <= base + 16);
                println!("import pair deleted: routes gone after {gone:?} (slowest CLI read meanwhile {slowest:?})");
            }
        }
    }

    if has("native-again") {
        // VPP's own insertion again, after the import, into a grown heap as
        // the import's was.
        for &n in &a.sizes {
            for _ in 0..a.repeat {
                native(&vpp, n, "native-again", &mut rows);
            }
        }
    }

    // The table.
    let mut t = String::new();
    let _ = writeln!(t, "\n{which}, burst pair {pair}:\n");
    let _ = writeln!(
        t,
        "| phase | routes | Linux s | VPP s | VPP/Linux | VPP routes/s | heap B/route | RSS B/route | note |"
    );
    let _ = writeln!(t, "|---|---|---|---|---|---|---|---|---|");
    // The import is compared with `native-again` when there is one: both
    // insert into a heap a first insertion already grew (`native`, the
    // first, also pays the page faults of growing it). With `--repeat`,
    // with the median of its runs.
    let times = |phase: &str, n: u64| -> Vec<f64> {
        rows.iter()
            .filter(|r| r.phase == phase && r.n == n)
            .filter_map(|r| r.vpp)
            .map(|d| d.as_secs_f64())
            .collect()
    };
    let native_for = |n: u64| -> Option<f64> {
        let again = times("native-again", n);
        median(if again.is_empty() { times("native", n) } else { again })
    };
    for r in &rows {
        let ratio = match (r.phase.as_str(), r.linux, r.vpp) {
            (_, Some(l), Some(v)) => format!("{:.2}", v.as_secs_f64() / l.as_secs_f64()),
            ("import", None, Some(v)) => {
                native_for(r.n).map_or("-".into(), |nt| format!("{:.2}x native", v.as_secs_f64() / nt))
            }
            _ => "-".into(),
        };
        let rate = r.vpp.map_or("-".into(), |v| format!("{:.0}", r.n as f64 / v.as_secs_f64()));
        let b = |x: f64| if x.is_nan() { "-".to_string() } else { format!("{x:.0}") };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {ratio} | {rate} | {} | {} | {} |",
            r.phase,
            r.n,
            secs(r.linux),
            secs(r.vpp),
            b(r.heap),
            b(r.rss),
            r.note
        );
    }
    for &n in &a.sizes {
        let (imports, natives) =
            (times("import", n), [times("native", n), times("native-again", n)].concat());
        if imports.len() > 1 {
            if let (Some(i), Some(v)) = (median(imports.clone()), median(natives.clone())) {
                let _ = writeln!(
                    t,
                    "\n{n} routes: import median {i:.2} s of {} runs; VPP's own insertion median {v:.2} s of {} \
                     (native and native-again); ratio of the medians {:.2}x",
                    imports.len(),
                    natives.len(),
                    i / v
                );
            }
        }
    }
    print!("{t}");
    if let Some(out) = &a.out {
        if let Some(d) = out.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(out).expect("--out file");
        f.write_all(t.as_bytes()).expect("write --out");
    }
    drop(vpp);
    let _ = run("ip", &["netns", "del", NS_BURST]);
    let _ = run("ip", &["netns", "del", NS_IMPORT]);
}
