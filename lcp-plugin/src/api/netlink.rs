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

/// Run `job` for the request `what`: `Err(FEATURE_DISABLED)` when the sync
/// is off, `Err(SYSCALL_ERROR_1)` when `job` failed (the reason logged in
/// linux-cp/nl).
fn run<T>(cx: &Context, what: &str, job: impl FnOnce(&vpp::MainThread) -> vpp::Result<T>) -> Result<T, i32> {
    if !netlink::is_enabled() {
        return Err(retval::FEATURE_DISABLED);
    }
    job(cx.main_thread()).map_err(|e| {
        netlink::log(cx.main_thread(), vpp::log::Level::Warning, &format!("{what}: {e}"));
        retval::SYSCALL_ERROR_1
    })
}

/// Dump every synced namespace afresh, mark and sweep, audit; reply when
/// done. `FEATURE_DISABLED` when the sync is off, `SYSCALL_ERROR_1` when a
/// dump (or the audit) failed, the reason logged.
#[vpp::api_handler]
fn lcp_netlink_resync(_req: LcpNetlinkResync, cx: &Context) -> vpp::Result<LcpNetlinkResyncReply> {
    Ok(match run(cx, "lcp_netlink_resync", netlink::resync_now) {
        Ok((n, audit)) => LcpNetlinkResyncReply {
            n_namespaces: count(n),
            audit_missing: count(audit.missing),
            audit_stale: count(audit.stale),
            ..Default::default()
        },
        Err(retval) => LcpNetlinkResyncReply { retval, ..Default::default() },
    })
}

/// Audit VPP's FIB against what the sync installed and repair it; reply
/// when done. `FEATURE_DISABLED` when the sync is off.
#[vpp::api_handler]
fn lcp_netlink_audit(_req: LcpNetlinkAudit, cx: &Context) -> vpp::Result<LcpNetlinkAuditReply> {
    Ok(match run(cx, "lcp_netlink_audit", netlink::audit_now) {
        Ok(a) => {
            LcpNetlinkAuditReply { missing: count(a.missing), stale: count(a.stale), ..Default::default() }
        }
        Err(retval) => LcpNetlinkAuditReply { retval, ..Default::default() },
    })
}
