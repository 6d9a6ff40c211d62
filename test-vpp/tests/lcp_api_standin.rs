//! The Rust linux-cp plugin's API in the stand-in: its init function
//! publishes the whole `lcp` message table, and the Rust handlers answer
//! requests (and reject malformed ones) as VPP's dispatcher would call them.

use test_vpp::standin::Harness;
use vpp::api::retval;
use vpp_api::generated::lcp::*;
use vpp_api::wire::{encode_with_id, Message};

fn call<M: Message, R: Message>(h: &mut Harness, req: &M) -> Vec<R> {
    let id = vpp::api::msg_id(M::NAME).expect("registered");
    let sent = h.api_call(&encode_with_id(req, id)).expect("handled");
    let rid = vpp::api::msg_id(R::NAME).expect("reply registered");
    sent.iter()
        .map(|b| {
            assert_eq!(u16::from_be_bytes([b[0], b[1]]), rid, "reply carries the reply's id");
            R::decode(&b[2..]).expect("reply decodes")
        })
        .collect()
}

#[test]
fn lcp_api_table_and_handlers() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    let errs = h.run_init_functions();
    assert!(errs.is_empty(), "init errors: {errs:?}");

    // The message table: all 31 messages with the C plugin's name_crc, in
    // definition order from the range's base.
    let table = h.api_message_table();
    let (lcp, nl) = table.split_at(31.min(table.len()));
    let names: Vec<String> = lcp.iter().map(|t| t.0.clone()).collect();
    assert_eq!(names, test_vpp::golden::lcp_name_crcs());
    let base = lcp[0].1;
    assert!(lcp.iter().enumerate().all(|(i, t)| t.1 == base + i as u32));
    // Then our own lcp_netlink module (4 messages, its own range).
    let nl_names: Vec<&str> = nl.iter().map(|t| t.0.as_str()).collect();
    let want: Vec<&str> = vpp_api::generated::lcp_netlink::MESSAGES.iter().map(|m| m.name_crc).collect();
    assert_eq!(nl_names, want);
    assert!(nl.iter().enumerate().all(|(i, t)| t.1 == nl[0].1 + i as u32));
    // With Linux -> VPP off (linux_nl not enabled), its requests say so.
    let r: Vec<vpp_api::generated::lcp_netlink::LcpNetlinkResyncReply> =
        call(&mut h, &vpp_api::generated::lcp_netlink::LcpNetlinkResync { context: 5, ..Default::default() });
    assert_eq!((r.len(), r[0].context, r[0].retval), (1, 5, retval::FEATURE_DISABLED));
    let get_id = vpp::api::msg_id("lcp_default_ns_get").unwrap();
    let cfg = h.api_config(get_id).unwrap();
    assert!(!cfg.handler.is_null() && cfg.flags & (1 << 3) != 0, "get is served and mp-safe");
    let dump_cfg = h.api_config(vpp::api::msg_id("lcp_itf_pair_get").unwrap()).unwrap();
    assert!(!dump_cfg.handler.is_null() && dump_cfg.flags & (1 << 3) != 0, "pair get is served and mp-safe");

    // default ns: set, get (context echoed), too long, not a name, clear.
    let r: Vec<LcpDefaultNsSetReply> =
        call(&mut h, &LcpDefaultNsSet { context: 77, netns: "blue".into(), ..Default::default() });
    assert_eq!((r.len(), r[0].context, r[0].retval), (1, 77, 0));
    let r: Vec<LcpDefaultNsGetReply> = call(&mut h, &LcpDefaultNsGet { context: 78, ..Default::default() });
    assert_eq!((r[0].context, r[0].netns.as_str()), (78, "blue"));
    let r: Vec<LcpDefaultNsSetReply> =
        call(&mut h, &LcpDefaultNsSet { context: 1, netns: "n".repeat(32), ..Default::default() });
    assert_eq!(r[0].retval, retval::UNSPECIFIED, "32 characters is too long, as upstream");
    let r: Vec<LcpDefaultNsSetReply> =
        call(&mut h, &LcpDefaultNsSet { context: 1, netns: "../x".into(), ..Default::default() });
    assert_eq!(r[0].retval, retval::INVALID_ARGUMENT);
    let r: Vec<LcpDefaultNsGetReply> = call(&mut h, &LcpDefaultNsGet::default());
    assert_eq!(r[0].netns, "blue", "rejected sets change nothing");
    let _: Vec<LcpDefaultNsSetReply> = call(&mut h, &LcpDefaultNsSet::default());
    let r: Vec<LcpDefaultNsGetReply> = call(&mut h, &LcpDefaultNsGet::default());
    assert_eq!(r[0].netns, "");

    // sync unnumbered: default on, off, on.
    let r: Vec<LcpSyncUnnumberedGetReply> = call(&mut h, &LcpSyncUnnumberedGet::default());
    assert!(r[0].is_enable);
    let r: Vec<LcpSyncUnnumberedSetReply> =
        call(&mut h, &LcpSyncUnnumberedSet { is_enable: false, context: 5, ..Default::default() });
    assert_eq!((r[0].retval, r[0].context), (0, 5));
    let r: Vec<LcpSyncUnnumberedGetReply> = call(&mut h, &LcpSyncUnnumberedGet::default());
    assert!(!r[0].is_enable);

    // A truncated request is dropped by calc_size before the handler runs.
    let set_id = vpp::api::msg_id("lcp_default_ns_set").unwrap();
    let full = encode_with_id(&LcpDefaultNsSet { netns: "red".into(), ..Default::default() }, set_id);
    assert!(h.api_call(&full[..20]).is_none(), "truncated message dropped");
    let r: Vec<LcpDefaultNsGetReply> = call(&mut h, &LcpDefaultNsGet::default());
    assert_eq!(r[0].netns, "", "the dropped request changed nothing");
}

#[test]
fn default_ns_rules() {
    use lcp_plugin::state::{default_ns, default_ns_fd, set_default_ns, NsError};
    // The harness provides the VPP symbols the plugin links against.
    let _h = Harness::new();
    assert_eq!(set_default_ns(&"x".repeat(32)), Err(NsError::TooLong));
    assert_eq!(set_default_ns("../etc"), Err(NsError::NotAName));
    assert_eq!(set_default_ns("green"), Ok(()));
    assert_eq!(default_ns(), "green");
    assert_eq!(default_ns_fd(), None, "no such namespace here, so no handle");
    assert_eq!(set_default_ns(&"y".repeat(31)), Ok(()));
    assert_eq!(set_default_ns(""), Ok(()));
    assert_eq!(default_ns(), "");
}
