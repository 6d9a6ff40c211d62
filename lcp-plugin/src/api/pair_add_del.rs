//! `lcp_itf_pair_add_del` (+ `_v2`, `_v3`) and
//! `lcp_itf_pair_replace_begin` / `_end`.

use crate::pair::{self, HostType, PAIRS};
use vpp::api::{retval, Context};
use vpp::Barrier;
use vpp_api::generated::lcp::{
    LcpItfHostType, LcpItfPairAddDel, LcpItfPairAddDelReply, LcpItfPairAddDelV2, LcpItfPairAddDelV2Reply,
    LcpItfPairAddDelV3, LcpItfPairAddDelV3Reply, LcpItfPairReplaceBegin, LcpItfPairReplaceBeginReply,
    LcpItfPairReplaceEnd, LcpItfPairReplaceEndReply,
};

fn barrier(cx: &Context) -> vpp::Result<&Barrier> {
    cx.barrier().ok_or_else(|| vpp::Error::new("handler registered mp_safe but needs the barrier"))
}

/// The three versions share their request fields.
struct AddDel<'a> {
    is_add: bool,
    sw_if_index: u32,
    host_if_name: &'a str,
    host_if_type: LcpItfHostType,
    netns: &'a str,
}

/// C's handler takes `strnlen (field, size - 1)` bytes of a fixed-size
/// string: a name that fills its 16-byte field with no NUL is cut to 15
/// bytes (a netns to 31) rather than refused.
fn c_trim(s: &str, size: usize) -> &str {
    let mut n = s.len().min(size - 1);
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// The shared fields of the three request versions.
macro_rules! add_del_fields {
    ($req:expr) => {
        AddDel {
            is_add: $req.is_add,
            sw_if_index: $req.sw_if_index,
            host_if_name: &$req.host_if_name,
            host_if_type: $req.host_if_type,
            netns: &$req.netns,
        }
    };
}

/// Add (create) or delete a pair; returns (host sw_if_index, vif).
///
/// Bad input: an invalid `sw_if_index` is -2 (v2/v3 replies carry ~0); a
/// host name that is not a valid Linux name, or a netns that is not a
/// plain name (e.g. contains '/'), is `INVALID_ARGUMENT` (-73). A
/// `host_if_type` other than 0 or 1 does not decode and is also answered
/// -73 (our choice: C takes any value but 1 as TAP).
fn add_del(cx: &Context, r: AddDel<'_>) -> vpp::Result<(u32, u32)> {
    let b = barrier(cx)?;
    if !vpp::interface::is_valid(b, r.sw_if_index)? {
        return Err(vpp::Error::with_retval(
            retval::INVALID_SW_IF_INDEX,
            format!("no interface {}", r.sw_if_index),
        ));
    }
    if r.is_add {
        let ty = match r.host_if_type {
            LcpItfHostType::LcpApiItfHostTun => HostType::Tun,
            LcpItfHostType::LcpApiItfHostTap => HostType::Tap,
        };
        let name = c_trim(r.host_if_name, 16);
        pair::create(b, r.sw_if_index, name, ty, Some(c_trim(r.netns, 32))).inspect_err(|e| {
            vpp::log::log(b, vpp::log::Level::Err, "linux-cp", "itf", &format!("pair add {name}: {e}"));
        })
    } else {
        let host = PAIRS
            .read(b)
            .find_by_phy(r.sw_if_index)
            .and_then(|i| PAIRS.read(b).get(i).map(|p| p.host_sw_if_index));
        pair::delete(b, r.sw_if_index)?;
        Ok((host.unwrap_or(pair::INVALID), pair::INVALID))
    }
}

fn rv(r: &vpp::Result<(u32, u32)>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => {
            eprintln!("lcp_itf_pair_add_del: {e}");
            e.retval()
        }
    }
}

/// Deprecated first version: retval only.
#[vpp::api_handler]
fn lcp_itf_pair_add_del(req: LcpItfPairAddDel, cx: &Context) -> vpp::Result<LcpItfPairAddDelReply> {
    let r = add_del(cx, add_del_fields!(req));
    Ok(LcpItfPairAddDelReply { retval: rv(&r), ..Default::default() })
}

/// v2: also the host sw_if_index (`~0` on failure).
#[vpp::api_handler]
fn lcp_itf_pair_add_del_v2(req: LcpItfPairAddDelV2, cx: &Context) -> vpp::Result<LcpItfPairAddDelV2Reply> {
    let r = add_del(cx, add_del_fields!(req));
    let host = r.as_ref().map_or(pair::INVALID, |r| r.0);
    Ok(LcpItfPairAddDelV2Reply { retval: rv(&r), host_sw_if_index: host, ..Default::default() })
}

/// v3: also the Linux ifindex (`~0` on failure).
#[vpp::api_handler]
fn lcp_itf_pair_add_del_v3(req: LcpItfPairAddDelV3, cx: &Context) -> vpp::Result<LcpItfPairAddDelV3Reply> {
    let r = add_del(cx, add_del_fields!(req));
    let (host, vif) = r.as_ref().map_or((pair::INVALID, pair::INVALID), |r| *r);
    Ok(LcpItfPairAddDelV3Reply {
        retval: rv(&r),
        host_sw_if_index: host,
        vif_index: vif,
        ..Default::default()
    })
}

/// Mark every pair stale; pairs not added again before replace-end go.
#[vpp::api_handler]
fn lcp_itf_pair_replace_begin(
    _req: LcpItfPairReplaceBegin,
    cx: &Context,
) -> vpp::Result<LcpItfPairReplaceBeginReply> {
    pair::replace_begin(barrier(cx)?);
    Ok(LcpItfPairReplaceBeginReply::default())
}

/// Delete the pairs still stale since replace-begin.
#[vpp::api_handler]
fn lcp_itf_pair_replace_end(
    _req: LcpItfPairReplaceEnd,
    cx: &Context,
) -> vpp::Result<LcpItfPairReplaceEndReply> {
    pair::replace_end(barrier(cx)?);
    Ok(LcpItfPairReplaceEndReply::default())
}
