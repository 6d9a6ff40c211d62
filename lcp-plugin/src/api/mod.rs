//! The `lcp` binary API: module registration and handlers, one file per
//! group of messages.

mod default_ns;
mod netlink;
mod pair_add_del;
pub mod pair_get;
mod passthrough;
mod sync_unnumbered;

use vpp_api::generated::lcp;

/// The module as VPP registers it (`lcp_8b6e5bc7`, 31 messages).
pub static LCP_MODULE: vpp::api::ModuleDesc = vpp::api::ModuleDesc {
    range_name: lcp::MSG_RANGE_NAME,
    messages: lcp::MESSAGES,
    services: lcp::SERVICES,
    json: lcp::API_JSON,
};

/// Register the message table and handlers (`lcp_api_init` in C).
#[vpp::init]
fn lcp_rs_api_init(_vm: &vpp::Vm) -> vpp::Result<()> {
    vpp::api::register_module(&LCP_MODULE)?;
    vpp::api::register_module(&netlink::LCP_NETLINK_MODULE)
}
