//! `lcp protocol-owner (arp|nd|ping|igmp) (linux|vpp|default) [phy <interface>]`
//! (not in C; see [`crate::ownership`]).

use super::unknown_input;
use crate::ownership::{self, Owner, Proto, OWNERS};
use crate::pair::PAIRS;

/// Without `phy`: the global owner. With `phy`: the pair's own owner
/// (`default` clears it back to the global one); the phy must be paired.
#[vpp::cli(
    path = "lcp protocol-owner",
    short_help = "lcp protocol-owner (arp|nd|ping|igmp) (linux|vpp|default) [phy <interface>]"
)]
fn lcp_protocol_owner(
    b: &vpp::Barrier,
    input: &mut vpp::Input,
    _out: &mut vpp::CliOutput,
) -> vpp::Result<()> {
    let p = input.peek_token().and_then(Proto::parse).ok_or_else(|| unknown_input(input.rest()))?;
    input.next_token();
    let o = match input.peek_token() {
        Some("default") => None,
        Some(w) => Some(Owner::parse(w).ok_or_else(|| unknown_input(input.rest()))?),
        None => return Err(unknown_input(input.rest())),
    };
    input.next_token();
    let mut phy = None;
    if input.eat("phy") {
        let n = input.next_token().ok_or_else(|| unknown_input(input.rest()))?;
        phy = Some(vpp::interface::by_name(b, n)?.ok_or_else(|| unknown_input(n))?);
    }
    if input.peek_token().is_some() {
        return Err(unknown_input(input.rest()));
    }
    match phy {
        None => {
            let o = o.ok_or_else(|| vpp::Error::new("`default` needs `phy <interface>`"))?;
            OWNERS.update(b, |t| t.set_global(p, o));
            ownership::sync_all(b)
        }
        Some(phy) => {
            if PAIRS.read(b).find_by_phy(phy).is_none() {
                return Err(vpp::Error::new(format!("interface {phy} is not the phy of a pair")));
            }
            OWNERS.update(b, |t| t.set_phy(phy, p, o));
            ownership::sync_phy(b, phy, true)
        }
    }
}
