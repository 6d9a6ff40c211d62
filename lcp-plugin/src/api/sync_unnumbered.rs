//! `lcp_sync_unnumbered_set` / `lcp_sync_unnumbered_get`.

use crate::state;
use vpp::api::Context;
use vpp_api::generated::lcp::{
    LcpSyncUnnumberedGet, LcpSyncUnnumberedGetReply, LcpSyncUnnumberedSet, LcpSyncUnnumberedSetReply,
};

/// Enable or disable pushing borrowed (unnumbered) addresses to Linux.
#[vpp::api_handler]
fn lcp_sync_unnumbered_set(
    req: LcpSyncUnnumberedSet,
    cx: &Context,
) -> vpp::Result<LcpSyncUnnumberedSetReply> {
    state::with(|s| s.sync_unnumbered = req.is_enable);
    // Turning it on syncs every pair once, as C does.
    if let (true, Some(b)) = (req.is_enable, cx.barrier()) {
        crate::sync::sync_all(b);
    }
    Ok(LcpSyncUnnumberedSetReply::default())
}

/// The current setting (default: enabled).
#[vpp::api_handler(mp_safe)]
fn lcp_sync_unnumbered_get(
    _req: LcpSyncUnnumberedGet,
    _cx: &Context,
) -> vpp::Result<LcpSyncUnnumberedGetReply> {
    Ok(LcpSyncUnnumberedGetReply { is_enable: state::with(|s| s.sync_unnumbered), ..Default::default() })
}
