//! `tour fib ...` and `tour mfib ...`: vpp::fib and vpp::mfib driven from
//! the CLI, so tests can check them against VPP's own `show ip fib`.
//!
//! Routes are added as the FIB source `rust-tour` (allocated on first use;
//! a second allocation finds the same source by name).

use std::net::IpAddr;
use vpp::fib::{self, EntryFlags, Path, PathKind, Prefix, Proto, Source};

fn err(e: vpp::Error) -> vpp::Error {
    vpp::Error::new(format!("rv {}: {}", e.retval(), e.message()))
}

fn bad(what: &str, t: Option<&str>) -> vpp::Error {
    vpp::Error::new(format!("expected {what}, got `{}`", t.unwrap_or("")))
}

fn source(mt: &vpp::MainThread) -> vpp::Result<Source> {
    fib::source_allocate(mt, "rust-tour", fib::PRIORITY_HI, fib::SourceBehaviour::Api).map_err(err)
}

fn num<T: std::str::FromStr>(input: &mut vpp::Input, what: &str) -> vpp::Result<T> {
    let t = input.next_token();
    t.and_then(|t| t.parse().ok()).ok_or_else(|| bad(what, t))
}

fn proto(input: &mut vpp::Input) -> vpp::Result<Proto> {
    match input.next_token() {
        Some("ip4") => Ok(Proto::Ip4),
        Some("ip6") => Ok(Proto::Ip6),
        Some("mpls") => Ok(Proto::Mpls),
        t => Err(bad("ip4|ip6|mpls", t)),
    }
}

/// `<addr>/<len>` (the length is not range-checked here: vpp::fib does).
fn prefix(input: &mut vpp::Input) -> vpp::Result<Prefix> {
    let t = input.next_token();
    let (a, l) = t.and_then(|t| t.split_once('/')).ok_or_else(|| bad("a prefix", t))?;
    let addr: IpAddr = a.parse().map_err(|_| bad("a prefix", t))?;
    let len: u8 = l.parse().map_err(|_| bad("a prefix", t))?;
    Ok(Prefix::ip(addr, len))
}

fn fib_index(mt: &vpp::MainThread, p: Proto, table_id: u32) -> vpp::Result<u32> {
    fib::table_find(mt, p, table_id).ok_or_else(|| vpp::Error::new(format!("no {p:?} table {table_id}")))
}

/// Paths: `via <ip> <sw> [weight N] [pref N] [label L]...`, `drop`,
/// `unreach`, `prohibit`, `local`; up to the end or a `--`.
fn paths(input: &mut vpp::Input, p: Proto) -> vpp::Result<Vec<Path>> {
    let mut out: Vec<Path> = Vec::new();
    while let Some(t) = input.next_token() {
        match t {
            "--" => break,
            "via" => {
                let ip = input.next_token();
                let ip: IpAddr = ip.and_then(|i| i.parse().ok()).ok_or_else(|| bad("a next hop", ip))?;
                let sw: u32 = num(input, "a sw_if_index")?;
                out.push(Path::via(ip, sw));
            }
            "drop" => out.push(Path::special(PathKind::Drop, p)),
            "unreach" => out.push(Path::special(PathKind::IcmpUnreach, p)),
            "prohibit" => out.push(Path::special(PathKind::IcmpProhibit, p)),
            "local" => out.push(Path::special(PathKind::Local, p)),
            "weight" | "pref" | "label" => {
                let v: u32 = num(input, t)?;
                let last = out.last_mut().ok_or_else(|| bad("a path first", Some(t)))?;
                match t {
                    "weight" => last.weight = v.min(255) as u8,
                    "pref" => last.preference = v.min(255) as u8,
                    _ => last.labels.push(v),
                }
            }
            _ => return Err(bad("via|drop|unreach|prohibit|local|weight|pref|label", Some(t))),
        }
    }
    Ok(out)
}

fn show_path(p: &Path) -> String {
    let mut s = format!("{:?}", p.kind).to_lowercase();
    if let Some(nh) = p.next_hop {
        s += &format!(" via {nh}");
    }
    if p.sw_if_index != u32::MAX {
        s += &format!(" sw {}", p.sw_if_index);
    }
    s += &format!(" weight {} pref {}", p.weight, p.preference);
    for l in &p.labels {
        s += &format!(" label {l}");
    }
    s
}

#[vpp::cli(
    path = "tour fib route",
    short_help = "tour fib route add|update|remove|del [source <name>] <table-id> <prefix> [via <ip> <sw> [weight N] [pref N] [label L]...|drop|unreach|prohibit|local]..."
)]
fn route(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let op = input.next_token().unwrap_or("");
    // Another plugin's source (found by name), e.g. to change a route
    // behind that plugin's back in a test.
    let named = if input.eat("source") {
        let n = input.next_token().ok_or_else(|| bad("a source name", None))?;
        Some(fib::source_allocate(mt, n, fib::PRIORITY_HI, fib::SourceBehaviour::Api).map_err(err)?)
    } else {
        None
    };
    let table: u32 = num(input, "a table id")?;
    let pfx = prefix(input)?;
    let p = pfx.proto();
    let fi = fib_index(mt, p, table)?;
    let src = match named {
        Some(s) => s,
        None => source(mt)?,
    };
    let ps = paths(input, p)?;
    let attached = ps.iter().any(|p| p.next_hop.is_none() && p.sw_if_index != u32::MAX);
    let flags = if attached { EntryFlags::ATTACHED } else { EntryFlags::NONE };
    match op {
        "add" => {
            out.line(&format!("entry {}", fib::entry_path_add(mt, fi, &pfx, src, flags, &ps).map_err(err)?))
        }
        "update" => {
            out.line(&format!("entry {}", fib::entry_update(mt, fi, &pfx, src, flags, &ps).map_err(err)?))
        }
        "remove" => {
            fib::entry_path_remove(mt, fi, &pfx, src, &ps).map_err(err)?;
            out.line("removed");
        }
        "del" => {
            fib::entry_delete(mt, fi, &pfx, src).map_err(err)?;
            out.line("deleted");
        }
        t => return Err(bad("add|update|remove|del", Some(t))),
    }
    Ok(())
}

#[vpp::cli(
    path = "tour fib batch",
    short_help = "tour fib batch <table-id> <prefix> <paths> [-- <prefix> <paths>]...: fib::entries_update, one line per entry"
)]
fn batch(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let table: u32 = num(input, "a table id")?;
    let src = source(mt)?;
    let mut entries: Vec<(u32, Prefix, Vec<Path>)> = Vec::new();
    while !input.is_empty() {
        let pfx = prefix(input)?;
        let p = pfx.proto();
        // An unknown table is the shim's to refuse: pass VPP's invalid index.
        let fi = fib::table_find(mt, p, table).unwrap_or(u32::MAX);
        entries.push((fi, pfx, paths(input, p)?));
    }
    let updates: Vec<fib::Update<'_>> = entries
        .iter()
        .map(|(fi, pfx, ps)| fib::Update {
            fib_index: *fi,
            prefix: *pfx,
            src,
            flags: EntryFlags::NONE,
            paths: ps,
        })
        .collect();
    for (u, r) in updates.iter().zip(fib::entries_update(mt, &updates)) {
        match r {
            Ok(e) => out.line(&format!("{}: entry {e}", u.prefix)),
            Err(e) => out.line(&format!("{}: rv {}", u.prefix, e.retval())),
        }
    }
    Ok(())
}

#[vpp::cli(path = "tour fib special", short_help = "tour fib special add|del <table-id> <prefix>")]
fn special(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let op = input.next_token().unwrap_or("");
    let table: u32 = num(input, "a table id")?;
    let pfx = prefix(input)?;
    let fi = fib_index(mt, pfx.proto(), table)?;
    let src = source(mt)?;
    match op {
        "add" => out.line(&format!(
            "entry {}",
            fib::entry_special_add(mt, fi, &pfx, src, EntryFlags::LOCAL).map_err(err)?
        )),
        "del" => {
            fib::entry_special_remove(mt, fi, &pfx, src).map_err(err)?;
            out.line("deleted");
        }
        t => return Err(bad("add|del", Some(t))),
    }
    Ok(())
}

#[vpp::cli(path = "tour fib table", short_help = "tour fib table lock|unlock|find ip4|ip6|mpls <table-id>")]
fn table(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let op = input.next_token().unwrap_or("");
    let p = proto(input)?;
    let id: u32 = num(input, "a table id")?;
    let src = source(mt)?;
    match op {
        "lock" => {
            let b = mt.barrier();
            let fi = fib::table_lock(&b, p, id, src).map_err(err)?;
            out.line(&format!("fib_index {fi} table {}", fib::table_id(mt, p, fi).unwrap_or(u32::MAX)));
        }
        "unlock" => {
            let fi = fib_index(mt, p, id)?;
            let b = mt.barrier();
            fib::table_unlock(&b, p, fi, src).map_err(err)?;
            out.line("unlocked");
        }
        "find" => match fib::table_find(mt, p, id) {
            Some(fi) => out.line(&format!("fib_index {fi}")),
            None => out.line("none"),
        },
        t => return Err(bad("lock|unlock|find", Some(t))),
    }
    Ok(())
}

#[vpp::cli(
    path = "tour fib audit",
    short_help = "tour fib audit dump|mark|sweep|count|flush|bad-fib-index ip4|ip6 <table-id> [<sw>...]"
)]
fn audit(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let op = input.next_token().unwrap_or("");
    let p = proto(input)?;
    let id: u32 = num(input, "a table id")?;
    let src = source(mt)?;
    if op == "bad-fib-index" {
        // An index no table has: every call must refuse it.
        let fi = 1_000_000;
        let e = fib::table_entries(mt, fi, p, src).unwrap_err();
        out.line(&format!("entries rv {}", e.retval()));
        let e = fib::table_mark(mt, fi, p, src).unwrap_err();
        out.line(&format!("mark rv {}", e.retval()));
        let e = fib::entry_delete(mt, fi, &Prefix::V4([10, 0, 0, 0].into(), 8), src).unwrap_err();
        out.line(&format!("delete rv {}", e.retval()));
        out.line(&format!("table_id {:?}", fib::table_id(mt, p, fi)));
        return Ok(());
    }
    let fi = fib_index(mt, p, id)?;
    match op {
        "dump" => {
            for (pfx, ps) in fib::table_entries(mt, fi, p, src).map_err(err)? {
                let s: Vec<String> = ps.iter().map(show_path).collect();
                out.line(&format!("{pfx}: {}", s.join(", ")));
            }
        }
        "mark" => fib::table_mark(mt, fi, p, src).map_err(err)?,
        "sweep" => fib::table_sweep(mt, fi, p, src).map_err(err)?,
        "count" => out.line(&format!("entries {}", fib::table_num_entries(mt, fi, p, src))),
        "flush" => {
            let mut sws = Vec::new();
            while !input.is_empty() {
                sws.push(num::<u32>(input, "a sw_if_index")?);
            }
            let n = fib::table_flush_interfaces(mt, fi, p, src, &sws).map_err(err)?;
            out.line(&format!("flushed {n}"));
        }
        t => return Err(bad("dump|mark|sweep|count|flush", Some(t))),
    }
    Ok(())
}

#[vpp::cli(
    path = "tour mfib",
    short_help = "tour mfib specials|unspecials ip4|ip6 <table-id> | accept|unaccept ip4|ip6 <sw>"
)]
fn mfib_cmd(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let op = input.next_token().unwrap_or("");
    let p = proto(input)?;
    let id: u32 = num(input, "a table id")?;
    let (group, len): (IpAddr, u8) = if p == Proto::Ip6 {
        ("ff00::".parse().unwrap_or(IpAddr::from([0u8; 16])), 8)
    } else {
        ([224, 0, 0, 0].into(), 24)
    };
    match op {
        "specials" => {
            // Keeps the lock, as linux-nl does for each table it uses.
            let b = mt.barrier();
            let mi = vpp::mfib::table_lock(&b, p, id).map_err(err)?;
            vpp::mfib::add_local_forward(mt, p, mi, group, len).map_err(err)?;
            out.line(&format!("mfib_index {mi}"));
        }
        "unspecials" => {
            let b = mt.barrier();
            let mi = vpp::mfib::table_lock(&b, p, id).map_err(err)?;
            vpp::mfib::remove_local_forward(mt, p, mi, group, len).map_err(err)?;
            // this command's lock and the one `specials` kept
            vpp::mfib::table_unlock(&b, p, mi).map_err(err)?;
            vpp::mfib::table_unlock(&b, p, mi).map_err(err)?;
            out.line(&format!("mfib_index {mi}"));
        }
        "accept" | "unaccept" => {
            // `id` is the interface here: its own table, as linux-nl does.
            let sw = id;
            let mi = vpp::mfib::table_of_interface(mt, p, sw).map_err(err)?;
            if op == "accept" {
                vpp::mfib::add_accept_interface(mt, p, mi, group, len, sw).map_err(err)?
            } else {
                vpp::mfib::remove_accept_interface(mt, p, mi, group, len, sw).map_err(err)?
            }
            out.line(&format!("mfib_index {mi}"));
        }
        t => return Err(bad("specials|unspecials|accept|unaccept", Some(t))),
    }
    Ok(())
}
