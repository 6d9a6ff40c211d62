//! `lcp_itf_pair_get` / `lcp_itf_pair_get_v2`: cursor-based pair dumps.
//!
//! Unlike the C plugin, whose loop answers `EAGAIN` (-165) with a cursor as
//! soon as its time budget runs out (even for one pair, which fails VPP's
//! own tests on slow machines), every detail is streamed in one call and
//! the reply carries cursor `~0`.

use crate::pair::{HostType, Pair, PairTable, INVALID, PAIRS};
use vpp::api::{retval, Context};
use vpp_api::generated::lcp::{
    LcpItfHostType, LcpItfPairDetails, LcpItfPairGet, LcpItfPairGetReply, LcpItfPairGetV2,
    LcpItfPairGetV2Reply,
};

/// The details message of one pair.
pub fn details(p: &Pair) -> LcpItfPairDetails {
    LcpItfPairDetails {
        phy_sw_if_index: p.phy_sw_if_index,
        host_sw_if_index: p.host_sw_if_index,
        vif_index: p.vif_index,
        host_if_name: p.host_name.clone(),
        host_if_type: match p.host_type {
            HostType::Tap => LcpItfHostType::LcpApiItfHostTap,
            HostType::Tun => LcpItfHostType::LcpApiItfHostTun,
        },
        netns: p.netns.clone().unwrap_or_default(),
        ..Default::default()
    }
}

/// Stream the pairs from pool index `cursor` on. An empty table answers 0;
/// a cursor past the last pair answers `INVALID_VALUE` (-7), as C does.
fn stream_from(pairs: &PairTable, cursor: u32, cx: &Context) -> vpp::Result<()> {
    if pairs.is_empty() {
        return Ok(());
    }
    let mut any = false;
    for (_, p) in pairs.iter_from(cursor) {
        any = true;
        cx.send_details(&details(p))?;
    }
    if any {
        Ok(())
    } else {
        Err(vpp::Error::with_retval(retval::INVALID_VALUE, format!("no pair at or after cursor {cursor}")))
    }
}

/// Every pair, from `cursor` on.
#[vpp::api_handler(mp_safe)]
fn lcp_itf_pair_get(req: LcpItfPairGet, cx: &Context) -> vpp::Result<LcpItfPairGetReply> {
    let pairs = PAIRS.read(cx.main_thread());
    stream_from(&pairs, req.cursor, cx)?;
    Ok(LcpItfPairGetReply { cursor: INVALID, ..Default::default() })
}

/// One phy's pair, or (with `sw_if_index` ~0) every pair. The reply is
/// always `lcp_itf_pair_get_v2_reply` (upstream answers the ~0 case with
/// `lcp_itf_pair_get_reply`'s message id, quirk 12, which clients cannot
/// match).
#[vpp::api_handler(mp_safe)]
fn lcp_itf_pair_get_v2(req: LcpItfPairGetV2, cx: &Context) -> vpp::Result<LcpItfPairGetV2Reply> {
    let mt = cx.main_thread();
    let pairs = PAIRS.read(mt);
    if req.sw_if_index == INVALID {
        stream_from(&pairs, req.cursor, cx)?;
    } else {
        let no_such = || {
            vpp::Error::with_retval(
                retval::INVALID_SW_IF_INDEX,
                format!("no pair for sw_if_index {}", req.sw_if_index),
            )
        };
        if !vpp::interface::is_valid(mt, req.sw_if_index)? {
            return Err(no_such());
        }
        let p = pairs.find_by_phy(req.sw_if_index).and_then(|i| pairs.get(i)).ok_or_else(no_such)?;
        cx.send_details(&details(p))?;
    }
    Ok(LcpItfPairGetV2Reply { cursor: INVALID, ..Default::default() })
}
