//! `lcp_default_ns_set` / `lcp_default_ns_get`.

use crate::state;
use vpp::api::{retval, Context};
use vpp_api::generated::lcp::{LcpDefaultNsGet, LcpDefaultNsGetReply, LcpDefaultNsSet, LcpDefaultNsSetReply};

/// Set or clear the default namespace; -1 (`UNSPECIFIED`, as upstream) when
/// the name is too long, `INVALID_ARGUMENT` when it is not a plain name.
#[vpp::api_handler]
fn lcp_default_ns_set(req: LcpDefaultNsSet, _cx: &Context) -> vpp::Result<LcpDefaultNsSetReply> {
    let retval = match state::set_default_ns(&req.netns) {
        Ok(()) => 0,
        Err(state::NsError::TooLong) => retval::UNSPECIFIED,
        Err(state::NsError::NotAName) => retval::INVALID_ARGUMENT,
    };
    Ok(LcpDefaultNsSetReply { retval, ..Default::default() })
}

/// The default namespace (empty when none; upstream leaves the field
/// uninitialised in that case).
#[vpp::api_handler(mp_safe)]
fn lcp_default_ns_get(_req: LcpDefaultNsGet, _cx: &Context) -> vpp::Result<LcpDefaultNsGetReply> {
    Ok(LcpDefaultNsGetReply { netns: state::default_ns(), ..Default::default() })
}
