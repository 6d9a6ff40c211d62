//! Feed arbitrary bytes to every generated decoder and the frame parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vpp_api::client::frame;
use vpp_api::generated::{lcp, memclnt};

fuzz_target!(|data: &[u8]| {
    for m in lcp::MESSAGES {
        if let Some(Ok(msg)) = lcp::AnyMessage::decode(m.name, data) {
            let mut buf = Vec::new();
            msg.encode(&mut buf);
            assert!(lcp::AnyMessage::decode(m.name, &buf).unwrap().is_ok());
        }
    }
    for m in memclnt::MESSAGES {
        let _ = memclnt::AnyMessage::decode(m.name, data);
    }
    let mut rest = data;
    while let Ok(Some(f)) = frame::parse_frame(rest) {
        rest = &rest[f.consumed..];
    }
});
