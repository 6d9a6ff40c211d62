//! The linux-cp plugin's `linux-cp { }` and `linux-nl { }` stanzas, run by
//! the stand-in as VPP runs config functions.

use test_vpp::standin::Harness;

#[test]
fn stanzas_apply_and_refuse_unknown_options() {
    let mut h = Harness::new();
    // Reference the plugin so its registrations are linked in.
    let _ = &lcp_plugin::api::LCP_MODULE;
    h.run_config("linux-cp", "lcp-sync lcp-auto-subint num-rx-queues 2 lcp-sync-unnumbered off")
        .expect("a valid linux-cp stanza");
    lcp_plugin::state::with(|s| {
        assert!(s.sync && s.auto_subint && !s.sync_unnumbered);
        assert_eq!(s.num_rx_queues, 2);
    });
    let e = h.run_config("linux-cp", "lcp-sync interfaces").unwrap_err();
    assert!(e.contains("linux-cp: unknown option `interfaces`"), "{e}");
    h.run_config("linux-nl", "nl-batch-size 100 nl-batch-delay-ms 7").expect("a valid linux-nl stanza");
    lcp_plugin::state::with(|s| assert_eq!((s.netlink.batch_size, s.netlink.batch_delay_ms), (100, 7)));
    let e = h.run_config("linux-nl", "nl-rx-buffer-size").unwrap_err();
    assert!(e.contains("linux-nl: `nl-rx-buffer-size` needs a number"), "{e}");
    // Restore the defaults other tests in this binary may rely on.
    lcp_plugin::state::with(|s| {
        s.sync = false;
        s.auto_subint = false;
        s.sync_unnumbered = true;
        s.num_rx_queues = 0;
        s.netlink = Default::default();
    });
}
