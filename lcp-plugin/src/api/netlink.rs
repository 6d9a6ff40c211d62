//! `lcp_netlink_resync` / `lcp_netlink_audit` (module `lcp_netlink`, ours
//! only: the stock linux_nl plugin has no API): the on-demand resync and
//! audit of the Linux → VPP sync, answered when done.

use crate::netlink;
use vpp::api::{retval, Context};
use vpp_api::generated::lcp_netlink::{
    LcpNetlinkAudit, LcpNetlinkAuditReply, LcpNetlinkResync, LcpNetlinkResyncReply,
};

/// The module as VPP registers it (`lcp_netlink_4ca78f3f`, 4 messages).
pub static LCP_NETLINK_MODULE: vpp::api::ModuleDesc = vpp::api::ModuleDesc {
    range_name: vpp_api::generated::lcp_netlink::MSG_RANGE_NAME,
    messages: vpp_api::generated::lcp_netlink::MESSAGES,
    services: vpp_api::generated::lcp_netlink::SERVICES,
    json: vpp_api::generated::lcp_netlink::API_JSON,
};

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Dump every synced namespace afresh, mark and sweep, audit; reply when
/// done. `FEATURE_DISABLED` when the sync is off, `SYSCALL_ERROR_1` when a
/// dump (or the audit) failed, the reason logged.
#[vpp::api_handler]
fn lcp_netlink_resync(_req: LcpNetlinkResync, cx: &Context) -> vpp::Result<LcpNetlinkResyncReply> {
    if !netlink::is_enabled() {
        return Ok(LcpNetlinkResyncReply { retval: retval::FEATURE_DISABLED, ..Default::default() });
    }
    Ok(match netlink::resync_now(cx.main_thread()) {
        Ok((n, audit)) => LcpNetlinkResyncReply {
            n_namespaces: count(n),
            audit_missing: count(audit.missing),
            audit_stale: count(audit.stale),
            ..Default::default()
        },
        Err(e) => {
            vpp::log::log(
                cx.main_thread(),
                vpp::log::Level::Warning,
                "linux-cp",
                "nl",
                &format!("lcp_netlink_resync: {e}"),
            );
            LcpNetlinkResyncReply { retval: retval::SYSCALL_ERROR_1, ..Default::default() }
        }
    })
}

/// Audit VPP's FIB against what the sync installed and repair it; reply
/// when done. `FEATURE_DISABLED` when the sync is off.
#[vpp::api_handler]
fn lcp_netlink_audit(_req: LcpNetlinkAudit, cx: &Context) -> vpp::Result<LcpNetlinkAuditReply> {
    if !netlink::is_enabled() {
        return Ok(LcpNetlinkAuditReply { retval: retval::FEATURE_DISABLED, ..Default::default() });
    }
    Ok(match netlink::audit_now(cx.main_thread()) {
        Ok(a) => {
            LcpNetlinkAuditReply { missing: count(a.missing), stale: count(a.stale), ..Default::default() }
        }
        Err(e) => {
            vpp::log::log(
                cx.main_thread(),
                vpp::log::Level::Warning,
                "linux-cp",
                "nl",
                &format!("lcp_netlink_audit: {e}"),
            );
            LcpNetlinkAuditReply { retval: retval::SYSCALL_ERROR_1, ..Default::default() }
        }
    })
}
