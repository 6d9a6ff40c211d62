//! IP address families and the IP input feature arcs
//! (`ip_feature_enable_disable` of `vnet/ip/ip.c`).

use crate::error::Result;
use crate::thread::Barrier;

/// An IP address family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Af {
    /// IPv4.
    Ip4,
    /// IPv6.
    Ip6,
}

impl Af {
    /// Both families, IPv4 first (VPP's `FOR_EACH_IP_ADDRESS_FAMILY`).
    pub const ALL: [Af; 2] = [Af::Ip4, Af::Ip6];

    /// `ip4` / `ip6`.
    pub fn as_str(self) -> &'static str {
        match self {
            Af::Ip4 => "ip4",
            Af::Ip6 => "ip6",
        }
    }

    /// Index into per-family arrays (`[ip4, ip6]`).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The input arcs of this family: unicast then multicast.
    pub fn input_arcs(self) -> [&'static str; 2] {
        match self {
            Af::Ip4 => ["ip4-unicast", "ip4-multicast"],
            Af::Ip6 => ["ip6-unicast", "ip6-multicast"],
        }
    }

    /// The punt arc (`ip4-punt` / `ip6-punt`).
    pub fn punt_arc(self) -> &'static str {
        match self {
            Af::Ip4 => "ip4-punt",
            Af::Ip6 => "ip6-punt",
        }
    }
}

/// Enable or disable input feature `node` of family `af` on both the unicast
/// and the multicast arc of `sw_if_index` — what
/// `ip_feature_enable_disable (af, N_SAFI, IP_FEATURE_INPUT, node, sw_if_index, enable, 0, 0)`
/// does, except that failures are reported: if the multicast arc fails after
/// the unicast one succeeded, the unicast change is undone, so the call
/// changes both arcs or neither.
pub fn input_feature_enable_disable(
    b: &Barrier,
    af: Af,
    node: &str,
    sw_if_index: u32,
    enable: bool,
) -> Result<()> {
    let [uc, mc] = af.input_arcs();
    crate::feature::enable_disable(b, uc, node, sw_if_index, enable)?;
    if let Err(e) = crate::feature::enable_disable(b, mc, node, sw_if_index, enable) {
        // Undo the unicast change; it succeeded a moment ago with the same
        // node and interface, so it cannot fail now in a way we could fix.
        let _ = crate::feature::enable_disable(b, uc, node, sw_if_index, !enable);
        return Err(e);
    }
    Ok(())
}
