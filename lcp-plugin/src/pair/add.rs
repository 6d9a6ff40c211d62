//! `lcp_itf_pair_add` (reference 2.8): insert a pair and wire it into VPP,
//! on the main thread under the barrier, undoing everything on failure.

use super::{HostType, Pair, PairError, INVALID, PAIRS};
use std::collections::BTreeMap;
use vpp::adj::LockedAdj;
use vpp::api::retval;
use vpp::ip::Af;
use vpp::punt::PuntRedirect;
use vpp::{Barrier, Error};

/// The VPP objects a pair holds (adjacency locks and punt redirects), per
/// phy sw_if_index. Kept apart from [`Pair`] (which is plain data the nodes
/// and the API read) because they must be released with the barrier token.
pub(super) struct Held {
    pub(super) adjs: Vec<LockedAdj>,
    pub(super) redirects: Vec<PuntRedirect>,
}

pub(super) static HELD: vpp::BarrierCell<BTreeMap<u32, Held>> = vpp::BarrierCell::new(BTreeMap::new());

/// The host input feature of `t` for `af` (lcp_interface.c:184-193).
pub fn host_feature(t: HostType, af: Af) -> &'static str {
    match (t, af) {
        (HostType::Tap, Af::Ip4) => "linux-cp-xc-ip4",
        (HostType::Tap, Af::Ip6) => "linux-cp-xc-ip6",
        (HostType::Tun, Af::Ip4) => "linux-cp-xc-l3-ip4",
        (HostType::Tun, Af::Ip6) => "linux-cp-xc-l3-ip6",
    }
}

/// The node TUN pairs enable on the `ip4-punt` / `ip6-punt` arcs.
pub const PUNT_L3: &str = "linux-cp-punt-l3";
/// ARP feature on the phy of a TAP pair.
pub const ARP_PHY: &str = "linux-cp-arp-phy";
/// ARP feature on the host of a TAP pair.
pub const ARP_HOST: &str = "linux-cp-arp-host";

/// Quirk 7, decided: `linux-cp-punt-l3` is on while at least one TUN pair
/// exists (whatever its namespace), so it is enabled when the count of TUN
/// pairs goes 0 -> 1 and disabled when it goes 1 -> 0. `n_tun_after` is
/// the count once the change is made.
pub fn punt_l3_transition(adding: bool, n_tun_after: usize) -> bool {
    if adding {
        n_tun_after == 1
    } else {
        n_tun_after == 0
    }
}

/// One side effect made by [`add`], for rollback.
enum Done {
    Inserted,
    HostFeature(Af),
    Redirect,
    Adjs,
    Feature { arc: &'static str, node: &'static str, sw_if_index: u32 },
}

/// Say which node is missing when VPP refuses a feature (`INVALID_VALUE`
/// for an unknown arc, `INVALID_VALUE_2` for a node that is not a feature
/// of the arc).
fn feature_error(b: &Barrier, e: Error, arc: &str, node: &str) -> Error {
    let why = if !vpp::punt::graph_node_exists(b, node) {
        format!("graph node `{node}` does not exist")
    } else if e.retval() == retval::INVALID_VALUE_2 {
        format!("`{node}` is not a feature of arc `{arc}`")
    } else {
        e.message().to_string()
    };
    Error::with_retval(e.retval(), format!("cannot enable feature `{node}` on arc `{arc}`: {why}"))
}

fn feature(
    b: &Barrier,
    arc: &'static str,
    node: &'static str,
    sw_if_index: u32,
    on: bool,
) -> Result<(), Error> {
    vpp::feature::enable_disable(b, arc, node, sw_if_index, on).map_err(|e| feature_error(b, e, arc, node))
}

fn n_tun(b: &Barrier) -> usize {
    PAIRS.read(b).iter().filter(|(_, p)| p.host_type == HostType::Tun).count()
}

/// Add the pair `phy` <-> `host` (C's `lcp_itf_pair_add`): returns the pair
/// index. Errors carry C's retvals: `INVALID_SW_IF_INDEX` (-2) for a `~0`
/// or missing interface, `VALUE_EXIST` (-81) if the phy (or the host) is
/// already paired; any failure in between undoes what was done.
///
/// Re-adding an existing phy clears its stale mark (quirk 8, decided: a
/// pair confirmed during replace-begin/end survives replace-end).
pub fn add(
    b: &Barrier,
    host: u32,
    phy: u32,
    host_name: &str,
    vif: u32,
    host_type: HostType,
    netns: Option<&str>,
) -> Result<u32, Error> {
    if host == INVALID {
        return Err(Error::with_retval(retval::INVALID_SW_IF_INDEX, "host sw_if_index is ~0"));
    }
    super::refuse_existing(b, phy)?;
    for (what, sw) in [("phy", phy), ("host", host)] {
        if !vpp::interface::is_valid(b, sw)? {
            return Err(Error::with_retval(retval::INVALID_SW_IF_INDEX, format!("no {what} interface {sw}")));
        }
    }
    let mut done = Vec::new();
    match add_steps(b, host, phy, host_name, vif, host_type, netns, &mut done) {
        Ok(i) => {
            // The pair add callbacks of C (MPLS sync; netlink follows).
            crate::mpls_sync::on_pair_add(b, phy, host);
            // And linux-nl's: the namespace gets a listener, routes through
            // the new pair's Linux interface become usable.
            crate::netlink::pairs_changed();
            // Protocol ownership (not in C): the local features Linux's
            // protocols need on this phy (none with the defaults). Our own
            // features on existing arcs: a failure is reported, the pair
            // stays (VPP then answers, as upstream, and `show lcp verbose`
            // says so).
            if let Err(e) = crate::ownership::sync_phy(b, phy, true) {
                crate::ownership::note(b, &format!("pair {phy}: {}", e.message()));
            }
            crate::ownership::log_pair(b, phy);
            Ok(i)
        }
        Err(e) => {
            rollback(b, phy, done);
            Err(e)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn add_steps(
    b: &Barrier,
    host: u32,
    phy: u32,
    host_name: &str,
    vif: u32,
    host_type: HostType,
    netns: Option<&str>,
    done: &mut Vec<Done>,
) -> Result<u32, Error> {
    let phy_is_p2p = vpp::interface::facts(b, phy)?.is_some_and(|f| f.is_p2p);
    let pair = Pair {
        phy_sw_if_index: phy,
        host_sw_if_index: host,
        host_name: host_name.to_string(),
        vif_index: vif,
        netns: netns.filter(|n| !n.is_empty()).map(str::to_string),
        host_type,
        phy_adjs: [INVALID; 2],
        rewrite_len: 0,
        phy_is_p2p,
        stale: false,
        owns_host: false,
        create_ts: 0.0,
    };
    let index = PAIRS.update(b, |t| t.insert(pair)).map_err(|e| match e {
        PairError::Exists => {
            Error::with_retval(retval::VALUE_EXIST, format!("host {host} is already paired"))
        }
        PairError::NotFound => Error::with_retval(retval::INVALID_SW_IF_INDEX, "invalid sw_if_index"),
    })?;
    done.push(Done::Inserted);
    HELD.update(b, |h| h.insert(phy, Held { adjs: Vec::new(), redirects: Vec::new() }));

    // Host input features, both families, unicast and multicast arcs.
    for af in Af::ALL {
        let node = host_feature(host_type, af);
        vpp::ip::input_feature_enable_disable(b, af, node, host, true)
            .map_err(|e| feature_error(b, e, af.input_arcs()[0], node))?;
        done.push(Done::HostFeature(af));
    }

    // Punt redirects: phy -> host, DVR for a TAP. Rollback deletes those
    // recorded in HELD.
    done.push(Done::Redirect);
    for af in Af::ALL {
        let r = PuntRedirect::add(b, af, phy, host, host_type == HostType::Tap)?;
        HELD.update(b, |h| h.get_mut(&phy).map(|x| x.redirects.push(r)));
    }

    // Phy adjacencies (reference 2.6) and the rewrite length.
    let mut adjs = Vec::new();
    for af in Af::ALL {
        let a = match host_type {
            HostType::Tun => LockedAdj::nbr_zero_add_or_lock(b, af, phy),
            HostType::Tap => LockedAdj::mcast_add_or_lock(b, af, phy),
        };
        match a {
            Ok(a) => adjs.push(a),
            Err(e) => {
                for a in adjs {
                    a.unlock(b);
                }
                return Err(e);
            }
        }
    }
    let ids = [adjs[0].index(), adjs[1].index()];
    let rewrite_len = adjs[0].rewrite_len(b).min(u8::MAX as u16) as u8;
    HELD.update(b, |h| h.get_mut(&phy).map(|x| x.adjs.extend(adjs)));
    done.push(Done::Adjs);
    PAIRS.update(b, |t| {
        if let Some(p) = t.get_mut(index) {
            p.phy_adjs = ids;
            p.rewrite_len = rewrite_len;
        }
    });

    // Type-specific features.
    match host_type {
        HostType::Tap => {
            for (node, sw) in [(ARP_PHY, phy), (ARP_HOST, host)] {
                feature(b, "arp", node, sw, true)?;
                done.push(Done::Feature { arc: "arp", node, sw_if_index: sw });
            }
            // Last, so nothing after it can fail: index the phy's existing
            // neighbour adjacencies for linux-cp-xc (quirk 11).
            crate::lcp_adj::index_phy(b, phy);
        }
        HostType::Tun => {
            if punt_l3_transition(true, n_tun(b)) {
                for af in Af::ALL {
                    feature(b, af.punt_arc(), PUNT_L3, 0, true)?;
                    done.push(Done::Feature { arc: af.punt_arc(), node: PUNT_L3, sw_if_index: 0 });
                }
            }
        }
    }
    Ok(index)
}

/// Undo `done` in reverse order.
fn rollback(b: &Barrier, phy: u32, done: Vec<Done>) {
    let host = PAIRS
        .read(b)
        .find_by_phy(phy)
        .and_then(|i| PAIRS.read(b).get(i).map(|p| (p.host_sw_if_index, p.host_type)));
    for d in done.into_iter().rev() {
        match d {
            Done::Feature { arc, node, sw_if_index } => {
                let _ = vpp::feature::enable_disable(b, arc, node, sw_if_index, false);
            }
            Done::Adjs => {
                if let Some(h) = HELD.update(b, |h| h.get_mut(&phy).map(|x| std::mem::take(&mut x.adjs))) {
                    for a in h {
                        a.unlock(b);
                    }
                }
            }
            Done::Redirect => {
                if let Some(rs) =
                    HELD.update(b, |h| h.get_mut(&phy).map(|x| std::mem::take(&mut x.redirects)))
                {
                    for r in rs {
                        r.del(b);
                    }
                }
            }
            Done::HostFeature(af) => {
                if let Some((host, t)) = host {
                    let _ = vpp::ip::input_feature_enable_disable(b, af, host_feature(t, af), host, false);
                }
            }
            Done::Inserted => {
                // Redirects added before a failing second one.
                if let Some(x) = HELD.update(b, |h| h.remove(&phy)) {
                    for r in x.redirects {
                        r.del(b);
                    }
                    for a in x.adjs {
                        a.unlock(b);
                    }
                }
                let _ = PAIRS.update(b, |t| t.remove_by_phy(phy));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_features_per_type_and_family() {
        assert_eq!(host_feature(HostType::Tap, Af::Ip4), "linux-cp-xc-ip4");
        assert_eq!(host_feature(HostType::Tap, Af::Ip6), "linux-cp-xc-ip6");
        assert_eq!(host_feature(HostType::Tun, Af::Ip4), "linux-cp-xc-l3-ip4");
        assert_eq!(host_feature(HostType::Tun, Af::Ip6), "linux-cp-xc-l3-ip6");
    }

    #[test]
    fn punt_l3_follows_the_tun_pair_count() {
        assert!(punt_l3_transition(true, 1), "first TUN pair enables");
        assert!(!punt_l3_transition(true, 2), "second TUN pair does not enable again");
        assert!(!punt_l3_transition(false, 1), "a TUN pair remains: stay on");
        assert!(punt_l3_transition(false, 0), "last TUN pair gone: disable");
    }
}
