//! Encoding/decoding of generated message types.

use vpp_api::generated::lcp::*;
use vpp_api::generated::memclnt::*;
use vpp_api::wire::{self, DecodeErrorKind, Message};

fn roundtrip<M: Message>(m: &M) -> Vec<u8> {
    let mut buf = Vec::new();
    m.encode(&mut buf);
    assert_eq!(&M::decode(&buf).unwrap(), m);
    buf
}

#[test]
fn fixed_layout_is_big_endian_and_packed() {
    let m = LcpItfPairAddDelV2 {
        client_index: 0x01020304,
        context: 0x0a0b0c0d,
        is_add: true,
        sw_if_index: 7,
        host_if_name: "tap7".into(),
        host_if_type: LcpItfHostType::LcpApiItfHostTun,
        netns: "dataplane".into(),
    };
    let b = roundtrip(&m);
    assert_eq!(b.len(), 4 + 4 + 1 + 4 + 16 + 1 + 32);
    assert_eq!(&b[..9], &[1, 2, 3, 4, 10, 11, 12, 13, 1]);
    assert_eq!(&b[9..13], &[0, 0, 0, 7]);
    assert_eq!(&b[13..17], b"tap7");
    assert!(b[17..29].iter().all(|&x| x == 0));
    assert_eq!(b[29], 1);
    assert_eq!(&b[30..39], b"dataplane");
}

#[test]
fn vla_uses_its_length_field() {
    let m = LcpEthertypeGetReply { context: 5, retval: -3, ethertypes: vec![0x0800, 0x86dd] };
    let b = roundtrip(&m);
    assert_eq!(b, [0, 0, 0, 5, 0xff, 0xff, 0xff, 0xfd, 0, 2, 8, 0, 0x86, 0xdd]);
    let s = SockclntCreateReply {
        client_index: 1,
        context: 2,
        response: 0,
        index: 3,
        message_table: vec![MessageTableEntry { index: 9, name: "control_ping_51077d14".into() }],
    };
    let b = roundtrip(&s);
    assert_eq!(b.len(), 4 * 4 + 2 + 66);
    let j = GetApiJsonReply { context: 1, retval: 0, json: "{}".into() };
    assert_eq!(roundtrip(&j)[8..], [0, 0, 0, 2, b'{', b'}']);
}

#[test]
fn decode_errors_are_reported_not_panicked() {
    let e = LcpDefaultNsGetReply::decode(&[0, 0, 0, 1, b'x']).unwrap_err();
    assert_eq!(e.message, Some("lcp_default_ns_get_reply"));
    assert!(matches!(e.kind, DecodeErrorKind::Truncated { offset: 4, needed: 32, available: 1 }));
    assert!(e.to_string().contains("too short"), "{e}");

    let e = LcpEthertypeGetReply::decode(&[0, 0, 0, 5, 0, 0, 0, 0, 0xff, 0xff, 1, 2]).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::VlaTooLong { field: "ethertypes", count: 65535, .. }), "{e}");

    let mut b = Vec::new();
    LcpItfPairDetails::default().encode(&mut b);
    b[4 + 4 + 4 + 4 + 16] = 9; // host_if_type
    let e = LcpItfPairDetails::decode(&b).unwrap_err();
    assert_eq!(e.kind, DecodeErrorKind::UnknownEnumValue { ty: "lcp_itf_host_type", value: 9 });
    assert!(e.to_string().contains("lcp_itf_pair_details"));
}

#[test]
fn message_ids_are_framed_separately() {
    let m = ControlPing { client_index: 1, context: 2 };
    let b = wire::encode_with_id(&m, 0x1234);
    assert_eq!(&b[..2], &[0x12, 0x34]);
    let (id, body) = wire::split_id(&b).unwrap();
    assert_eq!(id, 0x1234);
    assert_eq!(ControlPing::decode(body).unwrap(), m);
}

#[test]
fn any_message_dispatches_by_name() {
    let mut b = Vec::new();
    LcpSyncUnnumberedGetReply { context: 1, retval: 0, is_enable: true }.encode(&mut b);
    let m =
        vpp_api::generated::lcp::AnyMessage::decode("lcp_sync_unnumbered_get_reply", &b).unwrap().unwrap();
    assert_eq!(m.info().crc, 0xf15abb16);
    assert!(vpp_api::generated::lcp::AnyMessage::decode("nope", &b).is_none());
}

#[test]
fn decode_prefix_reports_the_bytes_read() {
    // A `string json[]` holding invalid UTF-8: the decoded string is longer
    // than its wire form, the consumed count is the wire size.
    let mut b = vec![0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0xff, b'x', 0x80];
    let (m, n) = GetApiJsonReply::decode_prefix(&b).unwrap();
    assert_eq!((m.json.as_str(), n), ("\u{fffd}x\u{fffd}", 15));
    b.extend_from_slice(&[9, 9]);
    assert_eq!(GetApiJsonReply::decode_prefix(&b).unwrap().1, 15, "trailing bytes are not counted");
    let e = GetApiJsonReply::decode_prefix(&b[..14]).unwrap_err();
    assert!(matches!(e.kind, DecodeErrorKind::VlaTooLong { .. }), "{e:?}");
    let (_, n) = LcpEthertypeGetReply::decode_prefix(&[0, 0, 0, 5, 0, 0, 0, 0, 0, 1, 8, 0, 7]).unwrap();
    assert_eq!(n, 12);
}
