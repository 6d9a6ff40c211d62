//! `lcp ethertype enable`, `show lcp ethertype`, `lcp osi-proto enable`,
//! `show lcp osi-proto`.

use super::unknown_input;
use crate::passthrough;

#[vpp::cli(
    path = "lcp ethertype enable",
    short_help = "lcp ethertype enable (<hex_ethertype_num>|<uc_ethertype_name>)"
)]
fn lcp_ethertype_enable(
    b: &vpp::Barrier,
    input: &mut vpp::Input,
    _out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    let t = match input.next_token() {
        Some(w) => vpp::ethernet::parse_type(b, w)?,
        None => None,
    };
    let t = t.ok_or_else(|| vpp::Error::new("Invalid ethertype"))?;
    if !input.is_empty() {
        return Err(unknown_input(input.rest()));
    }
    passthrough::ethertype_enable(b, t)
        .map_err(|e| vpp::Error::new(format!("Failed to enable ethertype ({})", e.retval())))
}

#[vpp::cli(path = "show lcp ethertype", short_help = "show lcp ethertype", mp_safe)]
fn show_lcp_ethertype(
    mt: &vpp::MainThread,
    _input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    for t in passthrough::ethertypes(mt)? {
        out.line(&format!("0x{t:04x}"));
    }
    Ok(())
}

/// `0x%x` or `%u`, as the C command reads it.
fn parse_num(w: &str) -> Option<u32> {
    match w.strip_prefix("0x") {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => w.parse().ok(),
    }
}

#[vpp::cli(path = "lcp osi-proto enable", short_help = "lcp osi-proto enable <proto_num>")]
fn lcp_osi_proto_enable(
    b: &vpp::Barrier,
    input: &mut vpp::Input,
    _out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    let w = input.next_token().ok_or_else(|| vpp::Error::new("No OSI proto entered"))?;
    let p = parse_num(w).ok_or_else(|| vpp::Error::new("No OSI proto entered"))?;
    let p = u8::try_from(p).map_err(|_| vpp::Error::new("Invalid OSI proto"))?;
    passthrough::osi_enable(b, p)
        .map_err(|e| vpp::Error::new(format!("Failed to enable OSI proto ({})", e.retval())))
}

#[vpp::cli(path = "show lcp osi-proto", short_help = "show lcp osi-proto", mp_safe)]
fn show_lcp_osi_proto(
    _mt: &vpp::MainThread,
    _input: &mut vpp::Input,
    out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    for p in passthrough::osi_protos() {
        out.line(&format!("0x{p:02x}"));
    }
    Ok(())
}
