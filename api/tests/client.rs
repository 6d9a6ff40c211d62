//! The socket client against an in-process fake VPP.

use std::os::unix::net::{UnixListener, UnixStream};
use std::thread;

use vpp_api::client::{frame, Client, ClientError};
use vpp_api::generated::lcp::*;
use vpp_api::generated::memclnt::*;
use vpp_api::wire::{self, DecodeError, Message, MessageKind, Reader, Wire};

// A dump/details pair written by hand (lcp.api has none).
#[derive(Debug, Clone, Default, PartialEq)]
struct ThingDump {
    client_index: u32,
    context: u32,
}
impl Wire for ThingDump {
    const MIN_SIZE: usize = 8;
    fn put(&self, b: &mut Vec<u8>) {
        self.client_index.put(b);
        self.context.put(b);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(ThingDump { client_index: u32::get(r)?, context: u32::get(r)? })
    }
}
impl Message for ThingDump {
    const NAME: &'static str = "thing_dump";
    const CRC: u32 = 0x51077d14;
    const NAME_CRC: &'static str = "thing_dump_51077d14";
    const KIND: MessageKind = MessageKind::Request;
    fn context(&self) -> Option<u32> {
        Some(self.context)
    }
    fn set_context(&mut self, c: u32) {
        self.context = c;
    }
    fn set_client_index(&mut self, c: u32) {
        self.client_index = c;
    }
}
#[derive(Debug, Clone, Default, PartialEq)]
struct ThingDetails {
    context: u32,
    value: u32,
}
impl Wire for ThingDetails {
    const MIN_SIZE: usize = 8;
    fn put(&self, b: &mut Vec<u8>) {
        self.context.put(b);
        self.value.put(b);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(ThingDetails { context: u32::get(r)?, value: u32::get(r)? })
    }
}
impl Message for ThingDetails {
    const NAME: &'static str = "thing_details";
    const CRC: u32 = 0x11111111;
    const NAME_CRC: &'static str = "thing_details_11111111";
    const KIND: MessageKind = MessageKind::Details;
    fn context(&self) -> Option<u32> {
        Some(self.context)
    }
}
impl wire::Dump for ThingDump {
    type Details = ThingDetails;
}

const TABLE: &[(&str, u16)] = &[
    ("control_ping_51077d14", 20),
    ("control_ping_reply_f6b0b8ca", 21),
    ("sockclnt_delete_8ac76db6", 17),
    ("sockclnt_delete_reply_8f38b1ee", 18),
    ("lcp_default_ns_get_51077d14", 100),
    ("lcp_default_ns_get_reply_5102feee", 101),
    ("lcp_itf_pair_get_f75ba505", 102),
    ("lcp_itf_pair_get_reply_53b48f5d", 103),
    ("lcp_itf_pair_details_8b5481af", 104),
    ("lcp_ethertype_get_deadbeef", 105),
    ("thing_dump_51077d14", 106),
    ("thing_details_11111111", 107),
];

fn body<M: Message>(m: &M) -> Vec<u8> {
    let mut b = Vec::new();
    m.encode(&mut b);
    b
}

/// Speak just enough of VPP's side of the protocol.
fn fake_vpp(mut s: UnixStream) {
    let (id, b) = frame::read_message(&mut s).unwrap();
    assert_eq!(id, 15);
    let req = SockclntCreate::decode(&b).unwrap();
    assert_eq!(req.name, "test-client");
    let reply = SockclntCreateReply {
        client_index: 0,
        context: req.context,
        response: 0,
        index: 0x0100_0007,
        message_table: TABLE
            .iter()
            .map(|(n, i)| MessageTableEntry { index: *i, name: n.to_string() })
            .collect(),
    };
    frame::write_message(&mut s, 16, &body(&reply)).unwrap();
    loop {
        let Ok((id, b)) = frame::read_message(&mut s) else {
            return;
        };
        match id {
            100 => {
                let r = LcpDefaultNsGet::decode(&b).unwrap();
                assert_eq!(r.client_index, 0x0100_0007);
                // An unrelated message first, then the reply.
                let noise = ControlPingReply { context: 999, ..Default::default() };
                frame::write_message(&mut s, 21, &body(&noise)).unwrap();
                let rep = LcpDefaultNsGetReply { context: r.context, netns: "dataplane".into() };
                frame::write_message(&mut s, 101, &body(&rep)).unwrap();
            }
            102 => {
                let r = LcpItfPairGet::decode(&b).unwrap();
                for i in 0..3 {
                    let d = LcpItfPairDetails {
                        context: r.context,
                        phy_sw_if_index: i,
                        host_if_name: format!("e{i}"),
                        ..Default::default()
                    };
                    frame::write_message(&mut s, 104, &body(&d)).unwrap();
                }
                let rep = LcpItfPairGetReply { context: r.context, retval: 0, cursor: !0 };
                frame::write_message(&mut s, 103, &body(&rep)).unwrap();
            }
            106 => {
                let r = ThingDump::decode(&b).unwrap();
                for v in [7, 8] {
                    let d = ThingDetails { context: r.context, value: v };
                    frame::write_message(&mut s, 107, &body(&d)).unwrap();
                }
            }
            20 => {
                let r = ControlPing::decode(&b).unwrap();
                let rep = ControlPingReply {
                    context: r.context,
                    retval: 0,
                    client_index: r.client_index,
                    vpe_pid: 42,
                };
                frame::write_message(&mut s, 21, &body(&rep)).unwrap();
            }
            17 => {
                let r = SockclntDelete::decode(&b).unwrap();
                assert_eq!(r.index, 0x0100_0007);
                let rep = SockclntDeleteReply { context: r.context, response: 1 };
                frame::write_message(&mut s, 18, &body(&rep)).unwrap();
                return;
            }
            other => panic!("fake VPP got unexpected message id {other}"),
        }
    }
}

fn start() -> (Client, thread::JoinHandle<()>, tempdir::Dir) {
    let dir = tempdir::Dir::new();
    let path = dir.0.join("api.sock");
    let listener = UnixListener::bind(&path).unwrap();
    let h = thread::spawn(move || fake_vpp(listener.accept().unwrap().0));
    let c = Client::connect(&path, "test-client").unwrap();
    (c, h, dir)
}

mod tempdir {
    /// A scratch directory removed on drop.
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = std::env::temp_dir().join(format!(
                "vpp-api-client-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
    }
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn handshake_request_stream_dump_disconnect() {
    let (mut c, h, _dir) = start();
    assert_eq!(c.client_index(), 0x0100_0007);
    assert_eq!(c.message_table().len(), TABLE.len());
    assert_eq!(c.msg_id::<LcpDefaultNsGet>().unwrap(), 100);

    let r = c.request(LcpDefaultNsGet::default()).unwrap();
    assert_eq!(r.netns, "dataplane");
    assert_eq!(c.unsolicited.len(), 1, "the stray ping reply is kept aside");

    let (reply, details) = c.stream(LcpItfPairGet::default()).unwrap();
    assert_eq!(reply.cursor, !0);
    assert_eq!(details.len(), 3);
    assert_eq!(details[2].host_if_name, "e2");

    let things = c.dump(ThingDump::default()).unwrap();
    assert_eq!(things.iter().map(|t| t.value).collect::<Vec<_>>(), [7, 8]);

    c.disconnect().unwrap();
    h.join().unwrap();
}

#[test]
fn crc_mismatch_and_unknown_messages_are_clear_errors() {
    let (mut c, h, _dir) = start();
    let e = c.request(LcpEthertypeGet::default()).unwrap_err();
    match &e {
        ClientError::CrcMismatch { name, ours, vpp } => {
            assert_eq!(name, "lcp_ethertype_get");
            assert_eq!(ours, "lcp_ethertype_get_51077d14");
            assert_eq!(vpp, "lcp_ethertype_get_deadbeef");
        }
        other => panic!("unexpected {other:?}"),
    }
    let msg = e.to_string();
    assert!(
        msg.contains("lcp_ethertype_get_51077d14") && msg.contains("lcp_ethertype_get_deadbeef"),
        "{msg}"
    );
    let e = c.request(LcpOsiProtoGet::default()).unwrap_err();
    assert!(matches!(e, ClientError::UnknownMessage(ref n) if n == "lcp_osi_proto_get_51077d14"), "{e}");
    c.disconnect().unwrap();
    h.join().unwrap();
}

#[test]
fn frame_parser_handles_partial_and_bad_input() {
    let f = frame::encode_frame(&[0, 5, 1, 2, 3]);
    assert_eq!(f.len(), 21);
    assert_eq!(&f[8..12], &[0, 0, 0, 5]);
    assert_eq!(frame::parse_frame(&f[..10]).unwrap(), None);
    assert_eq!(frame::parse_frame(&f[..20]).unwrap(), None);
    let fr = frame::parse_frame(&f).unwrap().unwrap();
    assert_eq!((fr.id, fr.body, fr.consumed), (5, &[1u8, 2, 3][..], 21));
    let mut big = frame::header(0).to_vec();
    big[8] = 0xff;
    assert!(frame::parse_frame(&big).is_err());
    assert!(frame::parse_frame(&frame::encode_frame(&[1])).is_err());
}
