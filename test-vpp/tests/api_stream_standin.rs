//! A cursor-based get served by a Rust handler (`rpc X returns X_reply
//! stream Y`): details are streamed with the request's context, then the
//! reply carries the next cursor; a handler error becomes the reply's retval.
//! The handler here is the test's own, registered like a plugin's.

use test_vpp::standin::Harness;
use vpp::api::retval;
use vpp_api::generated::lcp::*;
use vpp_api::wire::{encode_with_id, Message};

/// Three fake pairs, two per call.
#[vpp::api_handler]
fn lcp_itf_pair_get(req: LcpItfPairGet, cx: &vpp::api::Context) -> vpp::Result<LcpItfPairGetReply> {
    if req.cursor > 3 {
        return Err(vpp::Error::with_retval(retval::INVALID_VALUE, "bad cursor"));
    }
    let end = (req.cursor + 2).min(3);
    for i in req.cursor..end {
        cx.send_details(&LcpItfPairDetails {
            vif_index: 100 + i,
            host_if_name: format!("tap{i}"),
            ..Default::default()
        })?;
    }
    let (retval, cursor) = if end < 3 { (retval::EAGAIN, end) } else { (0, u32::MAX) };
    Ok(LcpItfPairGetReply { retval, cursor, ..Default::default() })
}

#[test]
fn cursor_get_streams_details_then_reply() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    assert!(h.run_init_functions().is_empty());
    let get = vpp::api::msg_id("lcp_itf_pair_get").unwrap();
    let det = vpp::api::msg_id("lcp_itf_pair_details").unwrap();
    let rep = vpp::api::msg_id("lcp_itf_pair_get_reply").unwrap();

    let sent = h
        .api_call(&encode_with_id(&LcpItfPairGet { context: 9, cursor: 0, ..Default::default() }, get))
        .unwrap();
    let ids: Vec<u16> = sent.iter().map(|m| u16::from_be_bytes([m[0], m[1]])).collect();
    assert_eq!(ids, vec![det, det, rep], "two details, then the reply");
    let d0 = LcpItfPairDetails::decode(&sent[0][2..]).unwrap();
    assert_eq!((d0.context, d0.vif_index, d0.host_if_name.as_str()), (9, 100, "tap0"));
    let r = LcpItfPairGetReply::decode(&sent[2][2..]).unwrap();
    assert_eq!((r.context, r.retval, r.cursor), (9, retval::EAGAIN, 2), "EAGAIN with the next cursor");

    let sent = h
        .api_call(&encode_with_id(&LcpItfPairGet { context: 10, cursor: 2, ..Default::default() }, get))
        .unwrap();
    assert_eq!(sent.len(), 2);
    let r = LcpItfPairGetReply::decode(&sent[1][2..]).unwrap();
    assert_eq!((r.retval, r.cursor), (0, u32::MAX));

    let sent = h
        .api_call(&encode_with_id(&LcpItfPairGet { context: 11, cursor: 7, ..Default::default() }, get))
        .unwrap();
    let r = LcpItfPairGetReply::decode(&sent[0][2..]).unwrap();
    assert_eq!((sent.len(), r.context, r.retval), (1, 11, retval::INVALID_VALUE), "errors become retval");
}
