//! MPLS state of pairs (reference 8.5): a phy's MPLS enable state is
//! mirrored onto its host interface, and a host with MPLS enabled gets
//! `linux-cp-xc-mpls` on its `mpls-input` arc. With lcp-sync on, Linux's
//! `net.mpls.conf.<host>.input` follows (for pairs in VPP's own namespace;
//! pairs in other namespaces follow with the host-interfaces work).

use crate::pair::PAIRS;
use vpp::Barrier;

/// The x-connect node of MPLS frames Linux sends.
pub const XC_MPLS: &str = "linux-cp-xc-mpls";

/// After a pair is added: MPLS on the phy means MPLS on the host (whose
/// state change then enables the x-connect).
pub fn on_pair_add(b: &Barrier, phy: u32, host: u32) {
    if vpp::mpls::is_enabled(b, phy) {
        if let Err(e) = vpp::mpls::enable_disable(b, host, true) {
            eprintln!("linux-cp: mpls on host {host} of phy {phy}: {e}");
        }
    }
}

/// Before a pair is deleted: its host loses the x-connect (upstream leaves
/// it on an interface that no longer has a pair).
pub fn on_pair_del(b: &Barrier, host: u32) {
    if vpp::mpls::is_enabled(b, host) {
        let _ = vpp::feature::enable_disable(b, "mpls-input", XC_MPLS, host, false);
    }
}

/// `lcp_mpls_sync_state_cb`.
struct MplsSync;

impl vpp::mpls::StateChange for MplsSync {
    fn call(b: &Barrier, sw_if_index: u32, enabled: bool) {
        let (as_phy, as_host) = {
            let t = PAIRS.read(b);
            let phy = t.find_by_phy(sw_if_index).and_then(|i| t.get(i)).map(|p| p.host_sw_if_index);
            let host = t
                .find_by_host(sw_if_index)
                .and_then(|i| t.get(i))
                .map(|p| (p.host_name.clone(), p.netns.clone()));
            (phy, host)
        };
        if let Some(host) = as_phy {
            // Re-enters this callback for the host.
            if let Err(e) = vpp::mpls::enable_disable(b, host, enabled) {
                eprintln!("linux-cp: mirroring mpls {enabled} onto host {host}: {e}");
            }
            return;
        }
        let Some((host_name, netns)) = as_host else { return };
        if let Err(e) = vpp::feature::enable_disable(b, "mpls-input", XC_MPLS, sw_if_index, enabled) {
            eprintln!("linux-cp: {XC_MPLS} on host {sw_if_index}: {e}");
        }
        if crate::state::with(|s| s.sync) {
            // In the pair's namespace (quirk 18: the name is a Rust string,
            // no NUL needed).
            let path = format!("net/mpls/conf/{host_name}/input");
            if let Err(e) =
                lcp_netlink::host::write_sysctl(netns.as_deref(), &path, if enabled { "1" } else { "0" })
            {
                eprintln!("linux-cp: /proc/sys/{path} in {netns:?}: {e}");
            }
        }
    }
}

#[vpp::init(runs_after = ["mpls_init"])]
fn lcp_mpls_sync_init(b: &Barrier) -> vpp::Result<()> {
    if let Err(e) = vpp::mpls::on_state_change::<MplsSync>(b) {
        eprintln!("linux-cp: MPLS state sync disabled: {e}");
    }
    Ok(())
}
