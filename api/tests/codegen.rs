//! The committed generated modules must match what the generator produces
//! now. Run with `UPDATE_GENERATED=1` to rewrite them.

use std::path::PathBuf;

use vpp_api::codegen::{generate, Options};
use vpp_api::parser::parse_file;

fn check(api: &str, out: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let file = parse_file(&dir.join(api), &[dir.join("core")]).unwrap();
    let opts = Options { runtime: "crate::wire".into(), ..Options::default() };
    let code = generate(&file, &opts).unwrap();
    let path = dir.join("src/generated").join(out);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &code).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == code,
        "{} is out of date; run `UPDATE_GENERATED=1 cargo test -p vpp-api --test codegen`",
        path.display()
    );
}

#[test]
fn generated_lcp_is_up_to_date() {
    check("lcp.api", "lcp.rs");
}

#[test]
fn generated_lcp_netlink_is_up_to_date() {
    check("lcp_netlink.api", "lcp_netlink.rs");
}

#[test]
fn generated_memclnt_is_up_to_date() {
    check("core/memclnt.api", "memclnt.rs");
}

#[test]
fn generated_metadata() {
    use vpp_api::generated::{lcp, memclnt};
    use vpp_api::wire::{Message, MessageKind};
    assert_eq!(lcp::MSG_RANGE_NAME, "lcp_8b6e5bc7");
    assert_eq!(lcp::VL_API_VERSION, 0x68b5c2b5);
    assert_eq!(lcp::MESSAGES.len(), 31);
    assert_eq!(lcp::LcpDefaultNsGet::name_crc(), "lcp_default_ns_get_51077d14");
    assert_eq!(lcp::LcpItfPairDetails::KIND, MessageKind::Details);
    assert_eq!(lcp::LcpItfPairGet::KIND, MessageKind::Request);
    assert_eq!(lcp::LcpItfPairGetReply::KIND, MessageKind::Reply);
    assert_eq!(memclnt::ControlPingReply::NAME_CRC, "control_ping_reply_f6b0b8ca");
    // Service pairing is expressed in the type system.
    fn reply_of<R: vpp_api::wire::Request>() -> &'static str {
        R::Reply::NAME
    }
    fn details_of<R: vpp_api::wire::Stream>() -> &'static str {
        R::Details::NAME
    }
    assert_eq!(reply_of::<lcp::LcpItfPairAddDelV2>(), "lcp_itf_pair_add_del_v2_reply");
    assert_eq!(details_of::<lcp::LcpItfPairGetV2>(), "lcp_itf_pair_details");
    // The embedded JSON is what the JSON emitter writes.
    let v: serde_json::Value = serde_json::from_str(lcp::API_JSON).unwrap();
    assert_eq!(v["vl_api_version"], "0x68b5c2b5");
}
