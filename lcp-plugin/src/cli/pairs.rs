//! Pair commands: `lcp create`, `lcp delete` (lcp_cli.c) and the unit-test
//! plugin's `test lcp [add|del] phy <if> host <if>` (test/lcp_unittest.c),
//! which this one library provides too.

use super::unknown_input;
use crate::pair::{self, HostType};
use std::sync::atomic::{AtomicU32, Ordering};

/// What `format_unformat_error` prints of the unparsed input: at most 30
/// characters, then `...`.
fn unformat_error(rest: &str) -> String {
    let rest = rest.trim();
    if rest.chars().count() > 30 {
        format!("{}...", rest.chars().take(30).collect::<String>())
    } else {
        rest.to_string()
    }
}

/// The unit-test command's `host_vif` counter: bumped by every invocation,
/// `del` included; the host name is `tap<host_vif>`.
static HOST_VIF: AtomicU32 = AtomicU32::new(0);

/// The Linux interface `name` in `ns`: `(ifindex, name)`.
fn linux_if(ns: Option<&str>, name: &str) -> vpp::Result<(u32, String)> {
    let mut rtnl = lcp_netlink::host::Rtnl::open(ns)
        .map_err(|e| vpp::Error::new(format!("netns {}: {e}", ns.unwrap_or("(default)"))))?;
    match rtnl.link_by_name(name) {
        Ok(Some(l)) => Ok((l.ifindex, name.to_string())),
        Ok(None) => Err(vpp::Error::new(format!("no Linux interface {name}"))),
        Err(e) => Err(vpp::Error::new(format!("Linux interface {name}: {e}"))),
    }
}

/// Upstream's unit-test command, plus (not in C) `linux-if <name> [netns
/// <ns>]`: pair with an existing Linux interface, so Linux -> VPP can be
/// exercised without taps.
#[vpp::cli(
    path = "test lcp",
    short_help = "lcp [add|del] phy <SW_IF_INDEX> host <SW_IF_INDEX> [linux-if <name> [netns <ns>]]"
)]
fn test_lcp(b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let host_vif = HOST_VIF.fetch_add(1, Ordering::Relaxed) + 1;
    let (mut phy, mut host, mut is_add) = (None, None, true);
    let (mut linux, mut netns) = (None::<String>, None::<String>);
    while let Some(w) = input.peek_token() {
        let before = input.rest();
        input.next_token();
        match w {
            "add" => is_add = true,
            "del" => is_add = false,
            "linux-if" | "netns" => {
                let v = input.next_token().map(str::to_string);
                let Some(v) = v else {
                    return Err(vpp::Error::new(format!("unknown input:{}", unformat_error(before))));
                };
                if w == "netns" {
                    if !pair::netns_is_valid(&v) {
                        return Err(vpp::Error::new(format!("invalid netns {v}")));
                    }
                    netns = Some(v);
                } else {
                    linux = Some(v);
                }
            }
            "phy" | "host" => {
                let found = input.next_token().and_then(|n| vpp::interface::by_name(b, n).ok().flatten());
                match (found, w) {
                    (Some(i), "phy") => phy = Some(i),
                    (Some(i), _) => host = Some(i),
                    (None, _) => {
                        return Err(vpp::Error::new(format!("unknown input:{}", unformat_error(before))))
                    }
                }
            }
            _ => return Err(vpp::Error::new(format!("unknown input:{}", unformat_error(before)))),
        }
    }
    let phy =
        phy.ok_or_else(|| vpp::Error::new(format!("ERROR; no phy:{}", unformat_error(input.rest()))))?;
    let p2p = vpp::interface::facts(b, phy)?.is_some_and(|f| f.is_p2p);
    let host_type = if p2p { HostType::Tun } else { HostType::Tap };
    let r = if is_add {
        let host =
            host.ok_or_else(|| vpp::Error::new(format!("ERROR no-host:{}", unformat_error(input.rest()))))?;
        match linux {
            Some(name) => {
                let (vif, name) = linux_if(netns.as_deref(), &name)?;
                pair::add(b, host, phy, &name, vif, host_type, netns.as_deref()).map(|_| ())
            }
            None => pair::add(b, host, phy, &format!("tap{host_vif}"), host_vif, host_type, None).map(|_| ()),
        }
    } else {
        pair::del(b, phy)
    };
    r.map_err(|e| vpp::Error::with_retval(e.retval(), format!("ERROR rv:{}", e.retval())))
}

/// `%d` first, then an interface name (lcp_cli.c's order).
fn sw_if_index_or_name(b: &vpp::Barrier, word: &str) -> Option<u32> {
    word.parse::<u32>().ok().or_else(|| vpp::interface::by_name(b, word).ok().flatten())
}

#[vpp::cli(
    path = "lcp create",
    short_help = "lcp create <sw_if_index>|<if-name> host-if <host-if-name> netns <namespace> [tun]"
)]
fn lcp_create(b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let (mut phy, mut host_if, mut ns, mut tun) = (None, None, None, false);
    while let Some(w) = input.peek_token() {
        let rest = input.rest();
        input.next_token();
        match w {
            "host-if" => host_if = Some(input.next_token().ok_or_else(|| unknown_input(rest))?.to_string()),
            "netns" => ns = Some(input.next_token().ok_or_else(|| unknown_input(rest))?.to_string()),
            "tun" => tun = true,
            w => match sw_if_index_or_name(b, w) {
                Some(i) => phy = Some(i),
                None => return Err(unknown_input(rest)),
            },
        }
    }
    let phy = phy.ok_or_else(|| vpp::Error::new("interface name or sw_if_index required"))?;
    let host_if = host_if.ok_or_else(|| vpp::Error::new("host interface name required"))?;
    if ns.as_ref().is_some_and(|n| n.len() >= crate::state::NS_LEN) {
        return Err(vpp::Error::new("Namespace name should be fewer than 32 characters"));
    }
    let ty = if tun { pair::HostType::Tun } else { pair::HostType::Tap };
    // C's message on the CLI; the reason goes to the log.
    pair::create(b, phy, &host_if, ty, ns.as_deref()).map(|_| ()).map_err(|e| {
        vpp::log::log(b, vpp::log::Level::Err, "linux-cp", "itf", &format!("lcp create {host_if}: {e}"));
        vpp::Error::with_retval(e.retval(), format!("linux-cp pair creation failed ({})", e.retval()))
    })
}

#[vpp::cli(path = "lcp delete", short_help = "lcp delete <sw_if_index>|<if-name>")]
fn lcp_delete(b: &vpp::Barrier, input: &mut vpp::Input, _out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let mut phy = None;
    while let Some(w) = input.peek_token() {
        let rest = input.rest();
        input.next_token();
        match sw_if_index_or_name(b, w) {
            Some(i) => phy = Some(i),
            None => return Err(unknown_input(rest)),
        }
    }
    let phy = phy.ok_or_else(|| vpp::Error::new("interface name or sw_if_index required"))?;
    pair::delete(b, phy).map_err(|e| {
        vpp::Error::with_retval(e.retval(), format!("linux-cp pair deletion failed ({})", e.retval()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unformat_error_truncates_like_vppinfra() {
        assert_eq!(unformat_error(" phy foo "), "phy foo");
        assert_eq!(unformat_error(&"x".repeat(31)), format!("{}...", "x".repeat(30)));
    }
}
