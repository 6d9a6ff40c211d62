//! `lcp_ethertype_enable` / `_get`, `lcp_osi_proto_enable` / `_get`.

use crate::passthrough;
use vpp::api::Context;
use vpp_api::generated::lcp::{
    LcpEthertypeEnable, LcpEthertypeEnableReply, LcpEthertypeGet, LcpEthertypeGetReply, LcpOsiProtoEnable,
    LcpOsiProtoEnableReply, LcpOsiProtoGet, LcpOsiProtoGetReply,
};

fn barrier(cx: &Context) -> vpp::Result<&vpp::Barrier> {
    cx.barrier().ok_or_else(|| vpp::Error::new("handler registered mp_safe but needs the barrier"))
}

/// The ethertype arrives in network order and is decoded to host order, so
/// the type the client names is the one enabled (upstream registers the
/// byte-swapped value on little-endian hosts, quirk 12).
#[vpp::api_handler]
fn lcp_ethertype_enable(req: LcpEthertypeEnable, cx: &Context) -> vpp::Result<LcpEthertypeEnableReply> {
    passthrough::ethertype_enable(barrier(cx)?, req.ethertype)?;
    Ok(LcpEthertypeEnableReply::default())
}

#[vpp::api_handler(mp_safe)]
fn lcp_ethertype_get(_req: LcpEthertypeGet, cx: &Context) -> vpp::Result<LcpEthertypeGetReply> {
    Ok(LcpEthertypeGetReply { ethertypes: passthrough::ethertypes(cx.main_thread())?, ..Default::default() })
}

#[vpp::api_handler]
fn lcp_osi_proto_enable(req: LcpOsiProtoEnable, cx: &Context) -> vpp::Result<LcpOsiProtoEnableReply> {
    passthrough::osi_enable(barrier(cx)?, req.osi_proto)?;
    Ok(LcpOsiProtoEnableReply::default())
}

#[vpp::api_handler(mp_safe)]
fn lcp_osi_proto_get(_req: LcpOsiProtoGet, _cx: &Context) -> vpp::Result<LcpOsiProtoGetReply> {
    Ok(LcpOsiProtoGetReply { osi_protos: passthrough::osi_protos(), ..Default::default() })
}
