//! `show lcp netlink` and `lcp netlink resync` (not in upstream): the Linux
//! → VPP side's state and counters, and a resync on demand.

use crate::netlink::{self, Counters};

fn render(out: &mut vpp::CliOutput, verbose: bool) -> vpp::Result<()> {
    if !netlink::process::is_enabled() {
        out.line("linux-nl: off (plugin linux_nl_plugin.so is not enabled)");
        return Ok(());
    }
    let cfg = crate::state::with(|s| s.netlink.clone());
    out.line(&format!(
        "linux-nl: on, nl-rx-buffer-size {} nl-batch-size {} nl-batch-delay-ms {} nl-audit-interval-s {}",
        cfg.rx_buffer_size, cfg.batch_size, cfg.batch_delay_ms, cfg.audit_interval_s
    ));
    let shown = netlink::with(|nl| {
        let mut total = nl.counters;
        for s in nl.namespaces.values() {
            total.merge(&s.counters);
            let st = s.listener_stats();
            let model = s.model();
            out.line(&format!(
                "netns {}: {} links, {} addresses, {} neighbours, {} nexthops, {} routes in Linux; {} routes in VPP{}",
                s.name(),
                model.links().count(),
                model.addrs().count(),
                model.neighs().count(),
                model.nexthops().count(),
                model.route_count(),
                s.installed_routes(),
                if s.handle_alive() { "" } else { " (not listening)" }
            ));
            drop(model);
            out.line(&format!(
                "  messages {} events {} malformed {} overflows {} resyncs {}",
                st.datagrams, st.events, st.malformed, st.overflows, st.resyncs
            ));
            if verbose {
                if let Some(l) = s.timing.line() {
                    out.line(&format!("  {l}"));
                }
                for (name, v) in st.counters() {
                    if v != 0 {
                        out.line(&format!("    {name}: {v}"));
                    }
                }
                for (name, v) in s.counters.rows() {
                    out.line(&format!("    {name}: {v}"));
                }
            }
            if let Some(e) = &s.last_error {
                out.line(&format!("  last error: {e}"));
            }
        }
        total_rows(out, &total);
        if let Some(e) = netlink::last_vpp_error() {
            out.line(&format!("last VPP error: {e}"));
        }
        for (proto, id, fib_index, refs) in nl.tables.list() {
            out.line(&format!("table {proto:?} {id} (fib index {fib_index}): {refs} routes"));
        }
    });
    if shown.is_none() {
        out.line("linux-nl: busy");
    }
    Ok(())
}

fn total_rows(out: &mut vpp::CliOutput, c: &Counters) {
    let row: Vec<String> = c.rows().iter().map(|(n, v)| format!("{n} {v}")).collect();
    out.line(&format!("total: {}", row.join(", ")));
}

#[vpp::cli(path = "show lcp netlink", short_help = "show lcp netlink [verbose]")]
fn show_lcp_netlink(
    _mt: &vpp::MainThread,
    input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    let verbose = input.eat("verbose");
    if let Some(rest) = input.peek_token() {
        return Err(super::unknown_input(rest));
    }
    render(out, verbose)
}

#[vpp::cli(path = "lcp netlink audit", short_help = "lcp netlink audit")]
fn lcp_netlink_audit(
    mt: &vpp::MainThread,
    input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    if let Some(rest) = input.peek_token() {
        return Err(super::unknown_input(rest));
    }
    let r = netlink::audit_now(mt)?;
    out.line(&audit_line(&r));
    Ok(())
}

fn audit_line(r: &netlink::AuditResult) -> String {
    format!("audit: {} missing or different (installed again), {} stale (removed)", r.missing, r.stale)
}

#[vpp::cli(path = "lcp netlink resync", short_help = "lcp netlink resync")]
fn lcp_netlink_resync(
    mt: &vpp::MainThread,
    input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    if let Some(rest) = input.peek_token() {
        return Err(super::unknown_input(rest));
    }
    let (n, audit) = netlink::resync_now(mt)?;
    out.line(&format!("resynced {n} namespace(s)"));
    out.line(&audit_line(&audit));
    Ok(())
}
