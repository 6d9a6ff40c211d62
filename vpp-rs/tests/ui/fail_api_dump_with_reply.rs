// `lcp_default_ns_get` is answered by `lcp_default_ns_get_reply`: a handler
// returning `vpp::Result<()>` (a dump handler) could never send that reply.
use vpp_api::generated::lcp::LcpDefaultNsGet;

#[vpp::api_handler]
fn lcp_default_ns_get(_req: LcpDefaultNsGet, _cx: &vpp::api::Context) -> vpp::Result<()> {
    Ok(())
}

fn main() {}
