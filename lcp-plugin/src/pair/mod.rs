//! Interface pairs (`lcp_itf_pair_t`): a VPP "phy" interface, its Linux
//! mirror ("host", a TAP or TUN) and the Linux ifindex ("vif").

mod add;
mod create;
mod del;
mod table;

pub use add::{add, host_feature, punt_l3_transition};
pub use create::{create, host_name_is_valid, netns_is_valid, IFNAMSIZ};
pub use del::{del, delete, replace_begin, replace_end};
pub use table::{PairError, PairTable};

/// Every pair: read lock-free by the packet nodes, changed under the
/// barrier.
pub static PAIRS: vpp::BarrierCell<PairTable> = vpp::BarrierCell::new(PairTable::new());

/// `VALUE_EXIST` (-81) if `phy` is already paired, as C answers; the
/// request still confirms that pair (quirk 8, decided: a pair asked for
/// again during replace-begin/end survives replace-end).
fn refuse_existing(b: &vpp::Barrier, phy: u32) -> Result<(), vpp::Error> {
    let existing = PAIRS.read(b).find_by_phy(phy);
    let Some(i) = existing else { return Ok(()) };
    PAIRS.update(b, |t| {
        if let Some(p) = t.get_mut(i) {
            p.stale = false;
        }
    });
    Err(vpp::Error::with_retval(
        vpp::api::retval::VALUE_EXIST,
        format!("sw_if_index {phy} is already paired"),
    ))
}

/// `lcp_itf_host_type`: how the phy is mirrored in Linux.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostType {
    /// An Ethernet mirror (`LCP_ITF_HOST_TAP`, 0).
    Tap,
    /// An L3 mirror without L2 header (`LCP_ITF_HOST_TUN`, 1).
    Tun,
}

impl HostType {
    /// The name `show lcp` prints.
    pub fn as_str(self) -> &'static str {
        match self {
            HostType::Tap => "tap",
            HostType::Tun => "tun",
        }
    }
}

/// VPP's "no index" (`INDEX_INVALID`, `~0`).
pub const INVALID: u32 = u32::MAX;

/// One pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The mirrored VPP interface.
    pub phy_sw_if_index: u32,
    /// The VPP side of the host interface (the tap/tun, or a sub-interface of
    /// the parent pair's tap).
    pub host_sw_if_index: u32,
    /// The Linux interface name.
    pub host_name: String,
    /// The Linux ifindex of the host interface.
    pub vif_index: u32,
    /// The namespace the host interface lives in (`None`: VPP's own).
    pub netns: Option<String>,
    /// TAP or TUN.
    pub host_type: HostType,
    /// The locked phy adjacency per address family (`[ip4, ip6]`), see
    /// reference 2.6.
    pub phy_adjs: [u32; 2],
    /// L2 rewrite length of the phy (14 Ethernet, 18 dot1q, ...).
    pub rewrite_len: u8,
    /// `vnet_sw_interface_is_p2p(phy)`, fixed when the pair is added: the
    /// TUN cross-connect (`linux-cp-xc-l3-ip4/6`) sends host packets
    /// through the phy's adjacency when true, through a lookup otherwise.
    pub phy_is_p2p: bool,
    /// Marked by replace-begin, cleared when the pair is added again.
    pub stale: bool,
    /// The host interface was made by `lcp create` ([`create`]): deleting
    /// the pair deletes its Linux side too. Pairs of existing interfaces
    /// (`test lcp add`) leave Linux alone.
    pub owns_host: bool,
    /// `vlib_time_now` when the pair went into service.
    pub create_ts: f64,
}
