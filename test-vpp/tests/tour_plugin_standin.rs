//! The tour plugin's registrations driven through the stand-in: config
//! stanza (and its line-precise errors), init functions, CLI, drop node.

use test_vpp::packets::ipv4_udp;
use test_vpp::standin::Harness;

#[test]
fn config_init_cli_and_drop_node() {
    let mut h = Harness::new();
    let _ = &tour_plugin::TOUR_DROP_NODE;
    assert_eq!(h.run_config("rust-tour", "greeting hello\ninterval 0.25\n"), Ok(()));
    let err = h.run_config("rust-tour", "greeting hi\n colour red\n").unwrap_err();
    assert!(err.contains("rust-tour: unknown option `colour`"), "{err}");
    assert!(err.starts_with("tour_config: "), "error carries the function name: {err}");

    let errs = h.run_init_functions();
    assert!(errs.is_empty(), "{errs:?}");
    let out = h.run_cli("show rust-tour").unwrap();
    assert!(out.contains("greeting hello interval 0.25"), "{out}");
    assert!(out.contains("init true"), "{out}");
    // (A valid poke signals a process, which needs VPP's process machinery:
    // real_vpp_tour covers it.)
    let e = h.run_cli("rust-tour poke many").unwrap_err();
    assert!(e.contains("expected a count, got `many`"), "{e}");

    let node = h.node("rust-tour-drop").unwrap();
    assert_eq!(node.next_nodes(), vec!["error-drop".to_string()]);
    let bis = h.alloc_packets(&vec![ipv4_udp([1, 1, 1, 1], [2, 2, 2, 2], 40); 10], 2);
    let out = h.run(&node, &bis);
    assert_eq!(out.per_next().get(&0), Some(&10));
    assert_eq!(out.counter("dropped by rust-tour-drop"), 10);
    let code = h.buffer(bis[0]).error;
    assert_eq!(code, 100, "b->error is the node's first error code");

    let process = h.node("rust-tour-process").unwrap();
    assert_eq!(process.kind(), vpp::sys::VLIB_NODE_TYPE_PROCESS);
}
