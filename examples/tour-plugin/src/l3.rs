//! `tour ...` CLI commands over `vpp::neighbor` and the interface L3
//! changes of `vpp::interface`, so the tests can drive them in a real VPP
//! and check the result with VPP's own `show` commands. Errors print as
//! `<message> (retval <n>)`.

use std::net::{IpAddr, Ipv6Addr};
use vpp::ip::Af;

fn err(e: vpp::Error) -> vpp::Error {
    vpp::Error::new(format!("{} (retval {})", e.message(), e.retval()))
}

fn word<'a>(input: &mut vpp::Input<'a>, what: &str) -> vpp::Result<&'a str> {
    input.next_token().ok_or_else(|| vpp::Error::new(format!("expected {what}")))
}

/// An interface by name or sw_if_index (an unknown index is passed on, so
/// that the library's check answers).
fn sw(mt: &vpp::MainThread, input: &mut vpp::Input<'_>) -> vpp::Result<u32> {
    let w = word(input, "an interface")?;
    if let Ok(i) = w.parse() {
        return Ok(i);
    }
    vpp::interface::by_name(mt, w)?.ok_or_else(|| vpp::Error::new(format!("unknown interface `{w}`")))
}

/// A hardware interface by index, or the hardware interface of a named
/// software interface.
fn hw(mt: &vpp::MainThread, input: &mut vpp::Input<'_>) -> vpp::Result<u32> {
    let w = word(input, "a hardware interface")?;
    if let Ok(i) = w.parse() {
        return Ok(i);
    }
    let sw =
        vpp::interface::by_name(mt, w)?.ok_or_else(|| vpp::Error::new(format!("unknown interface `{w}`")))?;
    Ok(vpp::interface::state(mt, sw)?.map(|s| s.hw_if_index).unwrap_or(u32::MAX))
}

fn ip(input: &mut vpp::Input<'_>) -> vpp::Result<IpAddr> {
    let w = word(input, "an IP address")?;
    w.parse().map_err(|_| vpp::Error::new(format!("bad IP address `{w}`")))
}

/// `aa:bb:cc:dd:ee:ff`.
pub fn parse_mac(w: &str) -> Option<[u8; 6]> {
    let mut m = [0u8; 6];
    let mut parts = w.split(':');
    for b in &mut m {
        *b = u8::from_str_radix(parts.next()?, 16).ok()?;
    }
    parts.next().is_none().then_some(m)
}

fn fmt_mac(m: &[u8; 6]) -> String {
    m.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(":")
}

fn mac(input: &mut vpp::Input<'_>) -> vpp::Result<[u8; 6]> {
    let w = word(input, "a MAC address")?;
    parse_mac(w).ok_or_else(|| vpp::Error::new(format!("bad MAC address `{w}`")))
}

#[vpp::cli(path = "tour nbr add", short_help = "tour nbr add <sw> <ip> <mac> [static]")]
fn nbr_add(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(b, input)?;
    let (ip, mac) = (ip(input)?, mac(input)?);
    let is_static = input.eat("static");
    let ai = vpp::neighbor::add(b, sw, ip, mac, is_static).map_err(err)?;
    out.line(&format!("neighbour {ip} added, adjacency {ai}"));
    Ok(())
}

#[vpp::cli(path = "tour nbr del", short_help = "tour nbr del <sw> <ip>")]
fn nbr_del(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(b, input)?;
    let ip = ip(input)?;
    vpp::neighbor::del(b, sw, ip).map_err(err)?;
    out.line(&format!("neighbour {ip} deleted"));
    Ok(())
}

#[vpp::cli(path = "tour nbr list", short_help = "tour nbr list [<sw>]")]
fn nbr_list(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = if input.is_empty() { u32::MAX } else { sw(mt, input)? };
    for af in Af::ALL {
        for n in vpp::neighbor::list(mt, af, sw).map_err(err)? {
            out.line(&format!(
                "{} {} {} {}{}",
                n.sw_if_index,
                n.ip,
                fmt_mac(&n.mac),
                if n.is_static { "static" } else { "dynamic" },
                if n.is_stale { " stale" } else { "" }
            ));
        }
    }
    Ok(())
}

#[vpp::cli(path = "tour nbr mark", short_help = "tour nbr mark <sw>")]
fn nbr_mark(mt: &vpp::MainThread, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(mt, input)?;
    for af in Af::ALL {
        vpp::neighbor::mark(mt, af, sw).map_err(err)?;
    }
    out.line("marked");
    Ok(())
}

#[vpp::cli(path = "tour nbr sweep", short_help = "tour nbr sweep")]
fn nbr_sweep(b: &vpp::Barrier, _input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    for af in Af::ALL {
        vpp::neighbor::sweep(b, af).map_err(err)?;
    }
    out.line("swept");
    Ok(())
}

fn addr(b: &vpp::Barrier, input: &mut vpp::Input, is_del: bool) -> vpp::Result<String> {
    let sw = sw(b, input)?;
    let w = word(input, "<ip>/<len>")?;
    let (a, l) =
        w.split_once('/').ok_or_else(|| vpp::Error::new(format!("expected <ip>/<len>, got `{w}`")))?;
    let a: IpAddr = a.parse().map_err(|_| vpp::Error::new(format!("bad IP address `{a}`")))?;
    let l: u8 = l.parse().map_err(|_| vpp::Error::new(format!("bad prefix length `{l}`")))?;
    vpp::interface::add_del_address(b, sw, a, l, is_del).map_err(err)?;
    Ok(w.to_string())
}

#[vpp::cli(path = "tour addr add", short_help = "tour addr add <sw> <ip>/<len>")]
fn addr_add(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let w = addr(b, input, false)?;
    out.line(&format!("added {w}"));
    Ok(())
}

#[vpp::cli(path = "tour addr del", short_help = "tour addr del <sw> <ip>/<len>")]
fn addr_del(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let w = addr(b, input, true)?;
    out.line(&format!("deleted {w}"));
    Ok(())
}

#[vpp::cli(path = "tour ip6-link enable", short_help = "tour ip6-link enable <sw> [<link-local>]")]
fn ip6_enable(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(b, input)?;
    let ll = match input.next_token() {
        Some(w) => {
            Some(w.parse::<Ipv6Addr>().map_err(|_| vpp::Error::new(format!("bad IPv6 address `{w}`")))?)
        }
        None => None,
    };
    vpp::interface::ip6_link_enable(b, sw, ll).map_err(err)?;
    let now = vpp::interface::ip6_link_local(b, sw);
    out.line(&format!("ip6 enabled, link-local {}", now.map(|a| a.to_string()).unwrap_or_default()));
    Ok(())
}

#[vpp::cli(path = "tour ip6-link disable", short_help = "tour ip6-link disable <sw>")]
fn ip6_disable(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(b, input)?;
    vpp::interface::ip6_link_disable(b, sw).map_err(err)?;
    out.line(&format!("ip6 disabled, enabled {}", vpp::interface::ip6_link_is_enabled(b, sw)));
    Ok(())
}

#[vpp::cli(path = "tour admin-down", short_help = "tour admin-down <sw>")]
fn admin_down(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let sw = sw(b, input)?;
    vpp::interface::admin_down(b, sw).map_err(err)?;
    out.line("admin down");
    Ok(())
}

#[vpp::cli(path = "tour hw-mac", short_help = "tour hw-mac <hw> <mac>")]
fn hw_mac(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let hw = hw(b, input)?;
    let m = mac(input)?;
    vpp::interface::set_hw_mac(b, hw, m).map_err(err)?;
    let now = vpp::interface::hw_mac(b, hw).map_err(err)?;
    out.line(&format!("hw {hw} mac {}", now.map(|m| fmt_mac(&m)).unwrap_or_default()));
    Ok(())
}

#[vpp::cli(path = "tour hw-mtu", short_help = "tour hw-mtu <hw> <mtu>")]
fn hw_mtu(b: &vpp::Barrier, input: &mut vpp::Input, out: &mut vpp::CliOutput) -> vpp::Result<()> {
    let hw = hw(b, input)?;
    let w = word(input, "an MTU")?;
    let mtu: u32 = w.parse().map_err(|_| vpp::Error::new(format!("bad MTU `{w}`")))?;
    vpp::interface::set_hw_mtu(b, hw, mtu).map_err(err)?;
    out.line(&format!("hw {hw} mtu {mtu}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn macs() {
        assert_eq!(super::parse_mac("02:00:0a:0b:0c:0d"), Some([2, 0, 10, 11, 12, 13]));
        assert_eq!(super::parse_mac("02:00:0a:0b:0c"), None);
        assert_eq!(super::parse_mac("02:00:0a:0b:0c:0d:0e"), None);
        assert_eq!(super::parse_mac("zz:00:0a:0b:0c:0d"), None);
    }
}
