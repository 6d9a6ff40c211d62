//! Dump handlers (`rpc X_dump returns X_details stream`) and the thread
//! tokens API handlers get: `cx.main_thread()` always, `cx.barrier()` unless
//! the handler is registered `mp_safe`. The dump messages are written by
//! hand (the lcp API has none), registered as a plugin's module would be.

use test_vpp::standin::Harness;
use vpp::api::wire::{self, DecodeError, Message, MessageInfo, MessageKind, Reader, ServiceInfo, Wire};
use vpp::api::ModuleDesc;

/// A message of two `u32`s (`client_index`/`context` for requests,
/// `context`/`value` for details).
macro_rules! two_u32_message {
    ($ty:ident, $name:literal, $kind:ident, $a:ident, $b:ident) => {
        #[derive(Debug, Clone, Default, PartialEq)]
        struct $ty {
            $a: u32,
            $b: u32,
        }
        impl Wire for $ty {
            const MIN_SIZE: usize = 8;
            fn put(&self, buf: &mut Vec<u8>) {
                self.$a.put(buf);
                self.$b.put(buf);
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok($ty { $a: u32::get(r)?, $b: u32::get(r)? })
            }
        }
        impl Message for $ty {
            const NAME: &'static str = $name;
            const CRC: u32 = 0x12345678;
            const NAME_CRC: &'static str = concat!($name, "_12345678");
            const KIND: MessageKind = MessageKind::$kind;
            fn context(&self) -> Option<u32> {
                Some(self.context)
            }
            fn set_context(&mut self, context: u32) {
                self.context = context;
            }
        }
    };
}

two_u32_message!(ThingDump, "thing_dump", Request, client_index, context);
two_u32_message!(ThingMpDump, "thing_mp_dump", Request, client_index, context);
two_u32_message!(ThingDetails, "thing_details", Details, context, value);

impl wire::Dump for ThingDump {
    type Details = ThingDetails;
}
impl wire::Dump for ThingMpDump {
    type Details = ThingDetails;
}

fn info<M: Message>() -> MessageInfo {
    MessageInfo { name: M::NAME, crc: M::CRC, name_crc: M::NAME_CRC, kind: M::KIND }
}

/// Details `value`: 1 when the handler got a barrier token, then the main
/// thread token's thread index.
fn token_report(cx: &vpp::api::Context) -> Result<(), vpp::Error> {
    let barrier = cx.barrier().is_some() as u32;
    if let Some(b) = cx.barrier() {
        assert!(core::ptr::eq(b.main_thread(), cx.main_thread()), "one vlib_main_t");
    }
    cx.send_details(&ThingDetails { value: barrier, ..Default::default() })?;
    cx.send_details(&ThingDetails { value: cx.main_thread().thread_index() as u32, ..Default::default() })
}

#[vpp::api_handler]
fn thing_dump(_req: ThingDump, cx: &vpp::api::Context) -> vpp::Result<()> {
    token_report(cx)
}

#[vpp::api_handler(mp_safe)]
fn thing_mp_dump(_req: ThingMpDump, cx: &vpp::api::Context) -> vpp::Result<()> {
    token_report(cx)
}

fn details(sent: &[Vec<u8>]) -> Vec<(u32, u32)> {
    let det = vpp::api::msg_id("thing_details").unwrap();
    sent.iter()
        .map(|m| {
            assert_eq!(u16::from_be_bytes([m[0], m[1]]), det, "only details answer a dump");
            let d = ThingDetails::decode(&m[2..]).unwrap();
            (d.context, d.value)
        })
        .collect()
}

#[test]
fn dumps_stream_details_with_the_right_tokens() {
    let mut h = Harness::new();
    let messages: &'static [MessageInfo] = Box::leak(
        vec![info::<ThingDump>(), info::<ThingMpDump>(), info::<ThingDetails>()].into_boxed_slice(),
    );
    let services: &'static [ServiceInfo] = &[];
    let module = ModuleDesc { range_name: "thing_12345678", messages, services, json: "" };
    vpp::api::register_module(&module).unwrap();

    let dump = vpp::api::msg_id("thing_dump").unwrap();
    let mp_dump = vpp::api::msg_id("thing_mp_dump").unwrap();
    assert_eq!(h.api_config(dump).unwrap().flags & (1 << 3), 0, "thing_dump takes the barrier");
    assert_ne!(h.api_config(mp_dump).unwrap().flags & (1 << 3), 0, "thing_mp_dump is mp-safe");

    let sent = h.api_call(&wire::encode_with_id(&ThingDump { client_index: 0, context: 4 }, dump)).unwrap();
    assert_eq!(details(&sent), vec![(4, 1), (4, 0)], "barrier token, main thread 0");
    let sent =
        h.api_call(&wire::encode_with_id(&ThingMpDump { client_index: 0, context: 5 }, mp_dump)).unwrap();
    assert_eq!(details(&sent), vec![(5, 0), (5, 0)], "no barrier token when mp_safe");

    // A truncated dump is dropped by calc_size, never reaching the handler.
    let short = &wire::encode_with_id(&ThingDump { client_index: 0, context: 6 }, dump)[..7];
    assert_eq!(h.api_call(short), None);
}
