//! `lcp_itf_pair_get` / `_get_v2` over the pair table, in the stand-in.

use lcp_plugin::pair::{HostType, Pair, PAIRS};
use test_vpp::standin::Harness;
use vpp::api::retval;
use vpp_api::generated::lcp::*;
use vpp_api::wire::{encode_with_id, Message};

/// Send `req`; return the details and the final reply.
fn dump<M: Message, R: Message>(h: &mut Harness, req: &M) -> (Vec<LcpItfPairDetails>, R) {
    let id = vpp::api::msg_id(M::NAME).expect("registered");
    let mut sent = h.api_call(&encode_with_id(req, id)).expect("handled");
    let last = sent.pop().expect("a reply");
    assert_eq!(
        u16::from_be_bytes([last[0], last[1]]),
        vpp::api::msg_id(R::NAME).unwrap(),
        "the reply's own id"
    );
    let did = vpp::api::msg_id("lcp_itf_pair_details").unwrap();
    let details = sent
        .iter()
        .map(|b| {
            assert_eq!(u16::from_be_bytes([b[0], b[1]]), did);
            LcpItfPairDetails::decode(&b[2..]).expect("details decode")
        })
        .collect();
    (details, R::decode(&last[2..]).expect("reply decodes"))
}

fn pair(phy: u32, host: u32, name: &str, ty: HostType, ns: Option<&str>) -> Pair {
    Pair {
        phy_sw_if_index: phy,
        host_sw_if_index: host,
        host_name: name.into(),
        vif_index: 40 + phy,
        netns: ns.map(str::to_string),
        host_type: ty,
        phy_adjs: [u32::MAX; 2],
        rewrite_len: 14,
        phy_is_p2p: false,
        stale: false,
        owns_host: false,
        create_ts: 0.0,
    }
}

/// Change the pair table as the main thread with the barrier would.
fn update(h: &Harness, f: impl FnOnce(&mut lcp_plugin::pair::PairTable)) {
    // SAFETY: the test thread plays VPP's main thread; no workers.
    let b = unsafe { vpp::Barrier::new_unchecked(h.vm()) };
    PAIRS.update(b, f)
}

#[test]
fn pair_get_streams_every_pair_and_v2_one() {
    let mut h = Harness::new();
    let _ = &lcp_plugin::api::LCP_MODULE;
    assert!(h.run_init_functions().is_empty());
    let pg0 = h.add_interface("pg0");
    let pg1 = h.add_interface("pg1");
    let tap0 = h.add_interface("tap4096");
    let tap1 = h.add_interface("tap4097");

    // Empty table: a reply only, retval 0, cursor ~0.
    update(&h, |t| *t = Default::default());
    let (d, r): (_, LcpItfPairGetReply) = dump(&mut h, &LcpItfPairGet { context: 9, ..Default::default() });
    assert_eq!((d.len(), r.retval, r.cursor, r.context), (0, 0, u32::MAX, 9));

    update(&h, |t| {
        t.insert(pair(pg0, tap0, "hpg0", HostType::Tap, None)).unwrap();
        t.insert(pair(pg1, tap1, "htun1", HostType::Tun, Some("blue"))).unwrap();
    });
    let (d, r): (_, LcpItfPairGetReply) = dump(&mut h, &LcpItfPairGet { context: 10, ..Default::default() });
    assert_eq!((r.retval, r.cursor), (0, u32::MAX), "everything in one call, no EAGAIN");
    assert_eq!(d.len(), 2);
    assert!(d.iter().all(|d| d.context == 10), "details echo the request context");
    assert_eq!(
        (
            d[0].phy_sw_if_index,
            d[0].host_sw_if_index,
            d[0].vif_index,
            d[0].host_if_name.as_str(),
            d[0].netns.as_str()
        ),
        (pg0, tap0, 40 + pg0, "hpg0", "")
    );
    assert_eq!(d[0].host_if_type, LcpItfHostType::LcpApiItfHostTap);
    assert_eq!((d[1].host_if_type, d[1].netns.as_str()), (LcpItfHostType::LcpApiItfHostTun, "blue"));
    // From a cursor; past the end is INVALID_VALUE.
    let (d, _): (_, LcpItfPairGetReply) = dump(&mut h, &LcpItfPairGet { cursor: 1, ..Default::default() });
    assert_eq!(d.iter().map(|d| d.host_if_name.as_str()).collect::<Vec<_>>(), ["htun1"]);
    let (d, r): (_, LcpItfPairGetReply) = dump(&mut h, &LcpItfPairGet { cursor: 2, ..Default::default() });
    assert_eq!((d.len(), r.retval), (0, retval::INVALID_VALUE));

    // v2: one phy, unknown interface, unpaired interface, and ~0 = all
    // (answered with the v2 reply, unlike upstream).
    let (d, r): (_, LcpItfPairGetV2Reply) =
        dump(&mut h, &LcpItfPairGetV2 { sw_if_index: pg1, ..Default::default() });
    assert_eq!((d.len(), d[0].host_if_name.as_str(), r.retval, r.cursor), (1, "htun1", 0, u32::MAX));
    let (d, r): (_, LcpItfPairGetV2Reply) =
        dump(&mut h, &LcpItfPairGetV2 { sw_if_index: 99, ..Default::default() });
    assert_eq!((d.len(), r.retval), (0, retval::INVALID_SW_IF_INDEX));
    let (d, r): (_, LcpItfPairGetV2Reply) =
        dump(&mut h, &LcpItfPairGetV2 { sw_if_index: tap0, ..Default::default() });
    assert_eq!((d.len(), r.retval), (0, retval::INVALID_SW_IF_INDEX), "a host is not a phy");
    let (d, r): (_, LcpItfPairGetV2Reply) =
        dump(&mut h, &LcpItfPairGetV2 { sw_if_index: u32::MAX, ..Default::default() });
    assert_eq!((d.len(), r.retval), (2, 0));

    // The C symbol sflow looks up.
    use lcp_plugin::exports::lcp_itf_pair_get_vif_index_by_phy as vif_by_phy;
    assert_eq!(
        (vif_by_phy(pg0), vif_by_phy(pg1), vif_by_phy(tap0), vif_by_phy(u32::MAX)),
        (40 + pg0, 40 + pg1, u32::MAX, u32::MAX)
    );
    update(&h, |t| *t = Default::default());
}
