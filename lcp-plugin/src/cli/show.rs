//! `show lcp [phy <interface>]`.

use crate::pair::{Pair, PAIRS};
use crate::state;

/// One `show lcp` pair line (`format_lcp_itf_pair`):
/// `itf-pair: [0] pg0 tap4096 hpg0 12 type tap netns blue`. Names of
/// interfaces that no longer exist print as `<no-phy-if>` / `<no-host-if>`.
pub fn pair_line(index: u32, p: &Pair, name: impl Fn(u32) -> Option<String>) -> String {
    let phy = name(p.phy_sw_if_index).unwrap_or_else(|| "<no-phy-if>".into());
    let host = name(p.host_sw_if_index).unwrap_or_else(|| "<no-host-if>".into());
    let mut s = format!(
        "itf-pair: [{index}] {phy} {host} {} {} type {}",
        p.host_name,
        p.vif_index as i32,
        p.host_type.as_str()
    );
    if let Some(ns) = &p.netns {
        s.push_str(&format!(" netns {ns}"));
    }
    s
}

/// The settings lines that start `show lcp`.
pub fn settings_lines() -> Vec<String> {
    let onoff = |b: bool| if b { "on" } else { "off" };
    state::with(|s| {
        let ns = if s.default_ns.is_empty() { "<unset>" } else { s.default_ns.as_str() };
        vec![
            format!("lcp default netns '{ns}'"),
            format!("lcp lcp-auto-subint {}", onoff(s.auto_subint)),
            format!("lcp lcp-sync {}", onoff(s.sync)),
            format!("lcp lcp-sync-unnumbered {}", onoff(s.sync_unnumbered)),
            format!("lcp del-static-on-link-down {}", onoff(s.del_static_on_link_down)),
            format!("lcp del-dynamic-on-link-down {}", onoff(s.del_dynamic_on_link_down)),
        ]
    })
}

/// The lines `show lcp verbose` adds after a pair's line: where VPP itself
/// still answers on its phy, and the owners set for it.
fn ownership_lines(mt: &vpp::MainThread, p: &Pair) -> Vec<String> {
    use crate::ownership::{self, Proto, OWNERS};
    let owners = OWNERS.read(mt);
    let phy = p.phy_sw_if_index;
    let answers = ownership::vpp_answers(
        ownership::vpp_state(mt, phy),
        &owners,
        phy,
        p.host_type == crate::pair::HostType::Tun,
    );
    let owned: Vec<String> =
        Proto::ALL.iter().map(|&pr| format!("{}={}", pr.as_str(), owners.owner(phy, pr).as_str())).collect();
    vec![ownership::answers_line(&answers), format!("  owners: {}", owned.join(" "))]
}

/// `show lcp [phy <interface>] [verbose]`. `verbose` (not in C) adds, after
/// each pair line, `  vpp answers: ...` and `  owners: ...`
/// ([`crate::ownership`]); without it the output is C's, line for line
/// (scripts parse it).
#[vpp::cli(path = "show lcp", short_help = "show lcp [phy <interface>] [verbose]", mp_safe)]
fn show_lcp(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    // C (lcp_cli.c:339) quotes with '...' here, not `...', and reports the
    // input from where `phy %U` failed to match.
    let bad = |rest: &str| vpp::Error::new(format!("unknown input '{}'", rest.trim()));
    let mut phy = None;
    let mut verbose = false;
    while input.peek_token().is_some() {
        let rest = input.rest().to_string();
        if input.eat("verbose") {
            verbose = true;
        } else if input.eat("phy") {
            let found = match input.next_token() {
                Some(n) => vpp::interface::by_name(mt, n)?,
                None => None,
            };
            phy = Some(found.ok_or_else(|| bad(&rest))?);
        } else {
            return Err(bad(&rest));
        }
    }
    for l in settings_lines() {
        out.line(&l);
    }
    let name = |i| vpp::interface::name(mt, i).ok().flatten();
    let pairs = PAIRS.read(mt);
    match phy {
        None => {
            for (i, p) in pairs.iter() {
                out.line(&pair_line(i, p, name));
                if verbose {
                    for l in ownership_lines(mt, p) {
                        out.line(&l);
                    }
                }
            }
        }
        Some(phy) => {
            if let Some((i, p)) = pairs.find_by_phy(phy).and_then(|i| pairs.get(i).map(|p| (i, p))) {
                out.line(&pair_line(i, p, name));
                if verbose {
                    for l in ownership_lines(mt, p) {
                        out.line(&l);
                    }
                }
            }
        }
    }
    Ok(())
}

/// `show lcp adj [verbose]` (lcp_adj.c): the header, then per indexed
/// adjacency `  <phy>:<first 18 rewrite bytes in hex>` and `    adj <index>`.
/// C prints its bihash's statistics and `format_adj_nbr` there; this
/// prints the entries only.
#[vpp::cli(path = "show lcp adj", short_help = "show lcp adj", mp_safe)]
fn show_lcp_adj(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let _verbose = input.eat("verbose");
    out.line("linux-cp adjacencies:");
    let t = crate::lcp_adj::LCP_ADJS.read(mt);
    for (k, adj) in t.iter() {
        let name = vpp::interface::name(mt, k.sw_if_index).ok().flatten().unwrap_or_default();
        let hex: String = k.rewrite[..18].iter().map(|b| format!("{b:02x}")).collect();
        out.line(&format!("  {name}:{hex}\n    adj {adj}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::HostType;

    #[test]
    fn pair_line_matches_format_lcp_itf_pair() {
        let p = Pair {
            phy_sw_if_index: 1,
            host_sw_if_index: 3,
            host_name: "hpg0".into(),
            vif_index: 12,
            netns: Some("blue".into()),
            host_type: HostType::Tun,
            phy_adjs: [0; 2],
            rewrite_len: 0,
            phy_is_p2p: false,
            stale: false,
            owns_host: false,
            create_ts: 0.0,
        };
        let names = |i| match i {
            1 => Some("pg0".to_string()),
            _ => None,
        };
        assert_eq!(pair_line(4, &p, names), "itf-pair: [4] pg0 <no-host-if> hpg0 12 type tun netns blue");
        let p = Pair { netns: None, host_type: HostType::Tap, vif_index: u32::MAX, ..p };
        assert_eq!(pair_line(0, &p, |_| None), "itf-pair: [0] <no-phy-if> <no-host-if> hpg0 -1 type tap");
    }
}
