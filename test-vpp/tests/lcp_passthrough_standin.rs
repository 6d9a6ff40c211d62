//! Ethertype and OSI passthrough (`lcp ethertype enable`, `lcp osi-proto
//! enable`, their API messages and `show` commands) in the stand-in.

use test_vpp::standin::{symbols, Harness};
use vpp::api::retval;
use vpp_api::generated::lcp::*;
use vpp_api::wire::{encode_with_id, Message};

fn call<M: Message, R: Message>(h: &mut Harness, req: &M) -> R {
    let id = vpp::api::msg_id(M::NAME).expect("registered");
    let sent = h.api_call(&encode_with_id(req, id)).expect("handled");
    R::decode(&sent[0][2..]).expect("reply decodes")
}

#[test]
fn ethertypes_and_osi_protocols() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    assert!(h.run_init_functions().is_empty());
    symbols::OSI_LOADED.store(true, std::sync::atomic::Ordering::Relaxed);

    // Ethertypes: by number (hex or decimal) or name; IP4 belongs to
    // another node; unknown types and bad words are refused with C's text.
    h.run_cli("lcp ethertype enable 0x88cc").expect("LLDP by hex");
    h.run_cli("lcp ethertype enable SLOW_PROTOCOLS").expect("by name");
    assert_eq!(h.run_cli("show lcp ethertype").unwrap().lines().collect::<Vec<_>>(), ["0x8809", "0x88cc"]);
    let e = h.run_cli("lcp ethertype enable 0x0800").unwrap_err();
    assert!(e.contains(&format!("Failed to enable ethertype ({})", retval::INVALID_REGISTRATION)), "{e}");
    let e = h.run_cli("lcp ethertype enable 0x1234").unwrap_err();
    assert!(e.contains(&format!("Failed to enable ethertype ({})", retval::INVALID_VALUE)), "{e}");
    assert!(h.run_cli("lcp ethertype enable banana").unwrap_err().contains("Invalid ethertype"));
    let r: LcpEthertypeGetReply = call(&mut h, &LcpEthertypeGet::default());
    assert_eq!((r.retval, r.ethertypes.as_slice()), (0, &[0x8809u16, 0x88cc][..]));
    let r: LcpEthertypeEnableReply =
        call(&mut h, &LcpEthertypeEnable { ethertype: 0x86dd, ..Default::default() });
    assert_eq!(
        r.retval,
        retval::INVALID_REGISTRATION,
        "IP6 is taken (host order on the wire, quirk 12 fixed)"
    );

    // OSI: listed protocols pass, 0xff is refused by the osi plugin, and
    // without the osi plugin the answer is FEATURE_DISABLED.
    h.run_cli("lcp osi-proto enable 0x83").expect("IS-IS");
    h.run_cli("lcp osi-proto enable 129").expect("CLNP, decimal");
    let e = h.run_cli("lcp osi-proto enable 0xff").unwrap_err();
    assert!(e.contains(&format!("Failed to enable OSI proto ({})", retval::INVALID_REGISTRATION)), "{e}");
    assert!(h.run_cli("lcp osi-proto enable 256").unwrap_err().contains("Invalid OSI proto"));
    assert!(h.run_cli("lcp osi-proto enable").unwrap_err().contains("No OSI proto entered"));
    assert_eq!(h.run_cli("show lcp osi-proto").unwrap().lines().collect::<Vec<_>>(), ["0x81", "0x83"]);
    let r: LcpOsiProtoGetReply = call(&mut h, &LcpOsiProtoGet::default());
    assert_eq!((r.retval, r.osi_protos.as_slice()), (0, &[0x81u8, 0x83][..]));
    symbols::OSI_LOADED.store(false, std::sync::atomic::Ordering::Relaxed);
    let r: LcpOsiProtoEnableReply =
        call(&mut h, &LcpOsiProtoEnable { osi_proto: 0x82, ..Default::default() });
    assert_eq!(r.retval, retval::FEATURE_DISABLED);
    let r: LcpOsiProtoEnableReply =
        call(&mut h, &LcpOsiProtoEnable { osi_proto: 0x83, ..Default::default() });
    assert_eq!(r.retval, 0, "already enabled: 0, as C");
    symbols::OSI_LOADED.store(true, std::sync::atomic::Ordering::Relaxed);
}
