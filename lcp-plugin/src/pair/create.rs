//! `lcp_itf_pair_create`: validate a request for a new pair and create its
//! Linux host interface (reference 2.7).
//!
//! Creating the TAP/TUN (through VPP's tap plugin) or the Linux VLAN is the
//! host-interfaces work; until it lands, a valid request is answered with
//! `UNIMPLEMENTED` (-9) after every validation C does, so clients can tell
//! "not yet" from "wrong".

use super::HostType;
use crate::state::NS_LEN;
use vpp::api::retval;
use vpp::{Barrier, Error};

/// Linux's IFNAMSIZ: host names are shorter than this.
pub const IFNAMSIZ: usize = 16;

/// C's `lcp_validate_if_name`: shorter than IFNAMSIZ, and only
/// alphanumerics and `- _ % @ : .` (an empty name passes).
pub fn host_name_is_valid(name: &str) -> bool {
    name.len() < IFNAMSIZ && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_%@:.".contains(c))
}

/// A namespace name we accept: shorter than 32 bytes and a plain name
/// (upstream would open any path under /var/run/netns).
pub fn netns_is_valid(ns: &str) -> bool {
    ns.len() < NS_LEN && !ns.contains('/') && ns != "." && ns != ".."
}

/// Create the pair of `phy` with a new host interface `host_name` of type
/// `ty` in `netns` (`None` or empty: the default namespace). Returns the
/// host sw_if_index and the Linux ifindex.
///
/// Errors, in C's order: `VALUE_EXIST` (-81) for a paired phy,
/// `INVALID_SW_IF_INDEX` (-2) for a missing one, `INVALID_ARGUMENT` (-73)
/// for a bad host name (or namespace name); then `UNIMPLEMENTED` (-9).
pub fn create(
    b: &Barrier,
    phy: u32,
    host_name: &str,
    ty: HostType,
    netns: Option<&str>,
) -> Result<(u32, u32), Error> {
    super::refuse_existing(b, phy)?;
    if !vpp::interface::is_valid(b, phy)? {
        return Err(Error::with_retval(retval::INVALID_SW_IF_INDEX, format!("no interface {phy}")));
    }
    if !host_name_is_valid(host_name) {
        return Err(Error::with_retval(
            retval::INVALID_ARGUMENT,
            format!(
                "invalid host interface name `{host_name}` (under {IFNAMSIZ} bytes of [A-Za-z0-9-_%@:.])"
            ),
        ));
    }
    if let Some(ns) = netns.filter(|ns| !ns.is_empty()) {
        if !netns_is_valid(ns) {
            return Err(Error::with_retval(
                retval::INVALID_ARGUMENT,
                format!("invalid namespace name `{ns}`"),
            ));
        }
    }
    let _ = ty;
    Err(Error::with_retval(
        retval::UNIMPLEMENTED,
        "creating the TAP/TUN host interface is not implemented yet; pair existing interfaces with `test lcp add`",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_and_namespaces() {
        for ok in ["", "hpg0", "e0.100", "a-b_c%d@e:f", &"x".repeat(15)] {
            assert!(host_name_is_valid(ok), "{ok}");
        }
        for bad in ["x".repeat(16).as_str(), "eth 0", "eth/0", "éth0", "a\0"] {
            assert!(!host_name_is_valid(bad), "{bad}");
        }
        assert!(netns_is_valid("blue") && !netns_is_valid("../blue") && !netns_is_valid(".."));
        assert!(!netns_is_valid(&"n".repeat(32)) && netns_is_valid(&"n".repeat(31)));
    }
}
