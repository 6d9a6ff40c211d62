//! Serving a binary-API module from Rust: message-id range and
//! `<name>_<crc>` registration, request handlers, replies and details.
//!
//! Message types come from `vpp-api`'s code generator (`vpp_api::wire`):
//! they know their name, CRC and network-order encoding. A plugin marks
//! handlers with `#[vpp::api_handler]` and calls [`register_module`] from
//! an init function, the way a C plugin calls `setup_message_id_table`.
//!
//! ```ignore
//! #[vpp::api_handler]
//! fn lcp_default_ns_get(req: LcpDefaultNsGet, cx: &vpp::api::Context) -> vpp::Result<LcpDefaultNsGetReply> { .. }
//!
//! #[vpp::init]
//! fn api_init(_vm: &vpp::Vm) -> vpp::Result<()> {
//!     vpp::api::register_module(&LCP_MODULE)
//! }
//! ```
//!
//! Handlers run on the main thread (under the worker barrier unless
//! `mp_safe`). Requests arrive in network byte order and are decoded by the
//! generated code, which rejects short messages, over-long arrays and
//! unknown enum values without reading out of bounds; a request that does
//! not decode is answered with an error `retval` when it has a reply.

use crate::error::{catch, Error, Result};
use crate::sys;
use crate::thread::{Barrier, MainThread};
use crate::vm::Vm;
use core::ffi::{c_void, CStr};
use std::collections::HashMap;
use std::ffi::CString;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Mutex;
pub use vpp_api::wire;
use vpp_api::wire::{DecodeErrorKind, Message, MessageInfo, ServiceInfo};

pub mod retval;

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_api_add_json(json: *const core::ffi::c_char);
}

/// A module as the generated code describes it.
pub struct ModuleDesc {
    /// `<module>_<filecrc>`, the message-id range name (e.g. `lcp_8b6e5bc7`).
    pub range_name: &'static str,
    /// Messages in definition order (the id offset is the index).
    pub messages: &'static [MessageInfo],
    /// Request/reply/stream relations.
    pub services: &'static [ServiceInfo],
    /// The module's `.api.json`, served to clients that ask VPP for it
    /// (`get_api_json`); empty for none.
    pub json: &'static str,
}

/// A handler record made by `#[vpp::api_handler]`.
pub struct HandlerRegistration {
    /// The request's `<name>_<crc>`.
    pub name_crc: &'static str,
    /// `void handler(void *msg)`.
    pub handler: unsafe extern "C" fn(*mut c_void),
    /// `uword calc_size(void *msg)`.
    pub calc_size: unsafe extern "C" fn(*mut c_void) -> u64,
    /// Run without the worker barrier.
    pub mp_safe: bool,
    next: AtomicPtr<HandlerRegistration>,
}

impl HandlerRegistration {
    /// Build a record (used by the macro).
    pub const fn new(
        name_crc: &'static str,
        handler: unsafe extern "C" fn(*mut c_void),
        calc_size: unsafe extern "C" fn(*mut c_void) -> u64,
        mp_safe: bool,
    ) -> Self {
        HandlerRegistration {
            name_crc,
            handler,
            calc_size,
            mp_safe,
            next: AtomicPtr::new(core::ptr::null_mut()),
        }
    }

    /// Add to this plugin's handler list (load-time constructor).
    pub fn register(&'static self) {
        let me = self as *const _ as *mut HandlerRegistration;
        let mut head = HANDLERS.load(Ordering::Acquire);
        loop {
            self.next.store(head, Ordering::Relaxed);
            match HANDLERS.compare_exchange(head, me, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return,
                Err(h) => head = h,
            }
        }
    }
}

static HANDLERS: AtomicPtr<HandlerRegistration> = AtomicPtr::new(core::ptr::null_mut());

/// Absolute message ids by message name, filled by [`register_module`].
static IDS: Mutex<Option<HashMap<&'static str, u16>>> = Mutex::new(None);

fn handlers() -> Vec<&'static HandlerRegistration> {
    let mut out = Vec::new();
    let mut p = HANDLERS.load(Ordering::Acquire);
    while !p.is_null() {
        // SAFETY: only 'static registrations are linked.
        let r = unsafe { &*p };
        out.push(r);
        p = r.next.load(Ordering::Acquire);
    }
    out
}

/// The absolute id VPP assigned to message `name` (after [`register_module`]).
pub fn msg_id(name: &str) -> Option<u16> {
    IDS.lock().ok()?.as_ref()?.get(name).copied()
}

fn leak_cstr(s: &str) -> &'static CStr {
    Box::leak(CString::new(s).unwrap_or_default().into_boxed_c_str())
}

/// `api_main_t *` of the main thread (`vlibapi_get_main()`), read through
/// the thread-local `my_api_main` pointer that libvlibapi exports.
fn api_main() -> *mut c_void {
    // SAFETY: dlsym on a TLS symbol returns the calling thread's instance;
    // it holds a pointer to the global api_main_t.
    unsafe {
        let p = libc::dlsym(libc::RTLD_DEFAULT, c"my_api_main".as_ptr()) as *mut *mut c_void;
        if p.is_null() {
            core::ptr::null_mut()
        } else {
            *p
        }
    }
}

/// Register a module with VPP: reserve its message-id range, publish every
/// `<name>_<crc>` (what `show api message-table` and clients see), and
/// configure every message, with the handler of each request that has a
/// `#[vpp::api_handler]`. Call once, from an init function.
pub fn register_module(m: &ModuleDesc) -> Result<()> {
    let range = leak_cstr(m.range_name);
    // SAFETY: main-thread init; the name is static as VPP requires.
    let base = unsafe { sys::vl_msg_api_get_msg_ids(range.as_ptr(), m.messages.len() as i32) };
    if base == 0xffff {
        return Err(Error::new(format!(
            "message-id range {} is already registered or too large",
            m.range_name
        )));
    }
    let am = api_main();
    let hs = handlers();
    let mut ids = IDS.lock().map_err(|_| Error::new("api id table poisoned"))?;
    let ids = ids.get_or_insert_with(HashMap::new);
    for (i, msg) in m.messages.iter().enumerate() {
        let id = base + i as u16;
        ids.insert(msg.name, id);
        let name_crc = leak_cstr(msg.name_crc);
        // SAFETY: static string; id inside the reserved range.
        unsafe { sys::vl_msg_api_add_msg_name_crc(am, name_crc.as_ptr(), id as u32) };
        let mut candidates = hs.iter().filter(|h| h.name_crc == msg.name_crc);
        let h = candidates.next();
        if candidates.next().is_some() {
            return Err(Error::new(format!(
                "more than one #[vpp::api_handler] serves {}: VPP keeps only one handler per message",
                msg.name
            )));
        }
        let mut c = sys::vl_msg_api_msg_config_t {
            id: id as i32,
            name: leak_cstr(msg.name).as_ptr(),
            crc: msg.crc,
            handler: h.map_or(core::ptr::null_mut(), |h| h.handler as *mut u8),
            cleanup: core::ptr::null_mut(),
            endian: core::ptr::null_mut(),
            format_fn: core::ptr::null_mut(),
            tojson: core::ptr::null_mut(),
            fromjson: core::ptr::null_mut(),
            calc_size: h.map_or(core::ptr::null_mut(), |h| h.calc_size as *mut u8),
            size: 0,
            // is_mp_safe is bit 3; tracing/replay stay off (no JSON printers).
            flags: if h.is_some_and(|h| h.mp_safe) { 1 << 3 } else { 0 },
        };
        // SAFETY: a fully initialised config; VPP copies it.
        unsafe { sys::vl_msg_api_config(&mut c) };
    }
    #[cfg(vpp_process_shim)]
    if !m.json.is_empty() {
        // SAFETY: main-thread init; VPP keeps the pointer, so the string is
        // leaked on purpose.
        unsafe { vpp_rs_api_add_json(leak_cstr(m.json).as_ptr()) };
    }
    Ok(())
}

/// The raw request as VPP delivered it.
struct RawMsg<'a> {
    bytes: &'a [u8],
}

impl RawMsg<'_> {
    /// # Safety
    /// `msg` must be an API message VPP is dispatching (preceded by its
    /// 16-byte `msgbuf_t`, whose big-endian `data_len` is at `msg - 8`).
    unsafe fn from_ptr<'a>(msg: *mut c_void) -> RawMsg<'a> {
        // SAFETY: per the contract, the length precedes the message.
        unsafe {
            let p = msg as *const u8;
            let len = u32::from_be_bytes(*(p.sub(8) as *const [u8; 4])) as usize;
            RawMsg { bytes: core::slice::from_raw_parts(p, len) }
        }
    }

    fn u32_at(&self, off: usize) -> u32 {
        self.bytes.get(off..off + 4).map_or(0, |b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// `client_index` (raw, as VPP expects it back) of a request.
    fn client_index_raw(&self) -> u32 {
        self.bytes.get(2..6).map_or(0, |b| u32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// `calc_size` for request type `M`: the number of bytes the decoder
/// consumed (plus the 2-byte id) when the message decodes, one byte more than
/// delivered when it is truncated (so VPP drops it with a "truncated message"
/// warning), the delivered size otherwise (the handler then answers with an
/// error).
///
/// The size is what was read, not the size of the decoded value re-encoded:
/// a `string x[]` with invalid UTF-8 decodes lossily into a longer `String`,
/// and re-encoding it would claim more bytes than VPP received.
///
/// # Safety
/// As for a VPP `calc_size` callback.
pub unsafe fn calc_size<M: Message>(msg: *mut c_void) -> u64 {
    // SAFETY: forwarded contract.
    let raw = unsafe { RawMsg::from_ptr(msg) };
    let body = raw.bytes.get(2..).unwrap_or(&[]);
    match M::decode_prefix(body) {
        Ok((_, consumed)) => 2 + consumed as u64,
        Err(e)
            if matches!(e.kind, DecodeErrorKind::Truncated { .. } | DecodeErrorKind::VlaTooLong { .. }) =>
        {
            raw.bytes.len() as u64 + 1
        }
        Err(_) => raw.bytes.len() as u64,
    }
}

/// What a handler gets besides the request: who asked, a way to stream
/// details messages back, and the thread tokens of the context it runs in.
///
/// Only the framework's dispatch creates one (its fields are private), so
/// the tokens it hands out cannot be forged; it holds a raw pointer and is
/// therefore neither `Send` nor `Sync`, and handlers only ever see `&Context`
/// for the duration of the call.
pub struct Context {
    client_index: u32,
    context: u32,
    /// The main thread's `vlib_main_t` (handlers run on the main thread).
    vm: *mut sys::vlib_main_t,
    /// Registered `mp_safe`: VPP does not take the worker barrier.
    mp_safe: bool,
}

impl Context {
    /// The request's `context`, echoed in every answer.
    pub fn context(&self) -> u32 {
        self.context
    }

    /// Send one details message (dumps and cursor-based gets).
    pub fn send_details<D: Message>(&self, d: &D) -> Result<()> {
        let mut d = d.clone();
        d.set_context(self.context);
        send(self.client_index, &d)
    }

    /// Proof that the handler runs on VPP's main thread.
    pub fn main_thread(&self) -> &MainThread {
        // SAFETY: dispatch only builds a Context on the main thread, with
        // that thread's (never freed) `vlib_main_t`, for the duration of a
        // handler call, which is a control-plane context; the returned
        // reference cannot outlive `&self`.
        unsafe { MainThread::new_unchecked(Vm::from_ptr(self.vm)) }
    }

    /// Proof that the workers are stopped at the barrier: `Some` unless the
    /// handler is registered `mp_safe` (VPP then runs it without the
    /// barrier; take one with `cx.main_thread().barrier()` if needed).
    pub fn barrier(&self) -> Option<&Barrier> {
        if self.mp_safe {
            return None;
        }
        // SAFETY: as in `main_thread`, and VPP holds the worker barrier
        // around handlers not registered mp_safe (dispatch is told which by
        // its caller's contract) until the handler returns.
        Some(unsafe { Barrier::new_unchecked(Vm::from_ptr(self.vm)) })
    }
}

fn send<M: Message>(client_index_raw: u32, m: &M) -> Result<()> {
    let id = msg_id(M::NAME).ok_or_else(|| Error::new(format!("message {} is not registered", M::NAME)))?;
    let bytes = wire::encode_with_id(m, id);
    let host = u32::from_be(client_index_raw);
    // SAFETY: VPP's exported client lookups, called on the main thread (the
    // only caller is a handler's Context); they return NULL or a live
    // registration.
    let rp = unsafe {
        if sys::vl_socket_api_registration_handle_is_valid(host) != 0 {
            sys::vl_socket_api_client_handle_to_registration(host)
        } else {
            sys::vl_mem_api_client_index_to_registration(client_index_raw)
        }
    };
    if rp.is_null() {
        return Err(Error::new("API client is gone"));
    }
    // SAFETY: `rp` is a live `vl_api_registration_t` (checked non-NULL
    // above); reading two plain fields of it.
    let (rtype, queue) = unsafe { ((*rp).registration_type, (*rp).vl_input_queue) };
    // SAFETY: VPP's allocator; the result is checked for NULL.
    let mp = unsafe { sys::vl_msg_api_alloc(bytes.len() as i32) } as *mut u8;
    if mp.is_null() {
        return Err(Error::new("API message allocation failed"));
    }
    // SAFETY: `mp` has room for `bytes.len()` bytes; the message is then fully
    // written and its ownership passes to VPP (as `vl_api_send_msg` does:
    // socket registrations go through the socket sender, the rest to the
    // client's shared-memory input queue).
    unsafe {
        core::ptr::copy_nonoverlapping(bytes.as_ptr(), mp, bytes.len());
        if rtype > sys::REGISTRATION_TYPE_SHMEM {
            sys::vl_socket_api_send(rp, mp);
        } else {
            let mut elem = mp;
            sys::vl_msg_api_send_shmem(queue, &mut elem as *mut *mut u8 as *mut u8);
        }
    }
    Ok(())
}

fn log_error(what: &str, e: &Error) {
    eprintln!("vpp-rs api: {what}: {e}");
}

/// The reply context of a request and the request decoded (an undecodable
/// one is an [`retval::INVALID_ARGUMENT`] error). `None` when not called on
/// the main thread (the tokens in the context would be false).
///
/// # Safety
/// `msg` must be the message VPP passes to a handler, and VPP must hold the
/// worker barrier unless `mp_safe`.
unsafe fn decode_request<Q: Message>(msg: *mut c_void, mp_safe: bool) -> Option<(Context, Result<Q>)> {
    // SAFETY: forwarded contract.
    let raw = unsafe { RawMsg::from_ptr(msg) };
    // SAFETY: exported by libvlib; returns the calling thread's
    // `vlib_main_t`, which lives as long as the process.
    let vm = unsafe { sys::vlib_get_main_not_inline() };
    // SAFETY: non-NULL checked first; `vm` is a live `vlib_main_t`.
    if vm.is_null() || unsafe { Vm::from_ptr(vm) }.thread_index() != 0 {
        eprintln!("vpp-rs api: {} dispatched outside the main thread; dropped", Q::NAME);
        return None;
    }
    let cx = Context { client_index: raw.client_index_raw(), context: raw.u32_at(6), vm, mp_safe };
    let req = Q::decode(raw.bytes.get(2..).unwrap_or(&[]))
        .map_err(|e| Error::with_retval(retval::INVALID_ARGUMENT, format!("{e}")));
    Some((cx, req))
}

/// Serve one request whose answer is a single reply (`X` -> `X_reply`,
/// including cursor-based gets that stream details first).
///
/// # Safety
/// `msg` must be the message VPP passes to a handler, and `mp_safe` must be
/// false unless the handler was registered `mp_safe` (VPP holds the worker
/// barrier around the others).
pub unsafe fn dispatch_request<Q, F>(msg: *mut c_void, mp_safe: bool, f: F)
where
    Q: wire::Request,
    F: FnOnce(Q, &Context) -> Result<Q::Reply>,
{
    // SAFETY: forwarded contract.
    let Some((cx, req)) = (unsafe { decode_request::<Q>(msg, mp_safe) }) else { return };
    let result = req.and_then(|q| catch(Q::NAME, || f(q, &cx)));
    let reply = match result {
        Ok(r) => r,
        Err(e) => {
            log_error(Q::NAME, &e);
            match error_reply::<Q::Reply>(e.retval()) {
                Some(r) => r,
                None => return,
            }
        }
    };
    let mut reply = reply;
    reply.set_context(cx.context);
    if let Err(e) = send(cx.client_index, &reply) {
        log_error(Q::NAME, &e);
    }
}

/// Serve a dump (`rpc X_dump returns X_details stream`): the handler sends
/// details through [`Context::send_details`] and there is no reply, so only
/// dump requests ([`wire::Dump`]) are accepted; a request with a reply goes
/// through [`dispatch_request`].
///
/// # Safety
/// As for [`dispatch_request`].
pub unsafe fn dispatch_dump<Q, F>(msg: *mut c_void, mp_safe: bool, f: F)
where
    Q: wire::Dump,
    F: FnOnce(Q, &Context) -> Result<()>,
{
    // SAFETY: forwarded contract.
    let Some((cx, req)) = (unsafe { decode_request::<Q>(msg, mp_safe) }) else { return };
    let r = req.and_then(|q| catch(Q::NAME, || f(q, &cx)));
    if let Err(e) = r {
        log_error(Q::NAME, &e);
    }
}

/// A reply carrying only `retval` (other fields default).
fn error_reply<R: Message>(retval: i32) -> Option<R> {
    // Build the reply by decoding an all-zero body with retval patched in:
    // replies start with context (4 bytes) then retval (4 bytes).
    let mut body = vec![0u8; R::MIN_SIZE.max(8)];
    body[4..8].copy_from_slice(&retval.to_be_bytes());
    let r = R::decode(&body).ok()?;
    (r.retval() == Some(retval)).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use vpp_api::generated::memclnt::GetApiJsonReply;

    /// `msg` as VPP delivers it: after a 16-byte `msgbuf_t` whose
    /// big-endian `data_len` is at offset 8. Returns the buffer (kept alive
    /// by the caller) and the message's offset in it.
    fn delivered(msg: &[u8]) -> Vec<u64> {
        // u64s for alignment; the message starts at byte 16.
        let mut v = vec![0u64; 2 + msg.len().div_ceil(8)];
        let bytes = v.as_mut_ptr() as *mut u8;
        // SAFETY: `v` holds 16 + msg.len() bytes or more.
        unsafe {
            core::ptr::copy_nonoverlapping((msg.len() as u32).to_be_bytes().as_ptr(), bytes.add(8), 4);
            core::ptr::copy_nonoverlapping(msg.as_ptr(), bytes.add(16), msg.len());
        }
        v
    }

    fn calc(msg: &[u8]) -> u64 {
        let mut buf = delivered(msg);
        // SAFETY: the message is preceded by its header, as VPP delivers it.
        unsafe { calc_size::<GetApiJsonReply>((buf.as_mut_ptr() as *mut u8).add(16) as *mut c_void) }
    }

    /// id, context, retval, then a `string json[]` of `s`.
    fn get_api_json_reply(s: &[u8]) -> Vec<u8> {
        let mut m = vec![0x12, 0x34];
        m.extend_from_slice(&7u32.to_be_bytes());
        m.extend_from_slice(&0i32.to_be_bytes());
        m.extend_from_slice(&(s.len() as u32).to_be_bytes());
        m.extend_from_slice(s);
        m
    }

    #[test]
    fn calc_size_is_the_wire_size_with_invalid_utf8() {
        let msg = get_api_json_reply(&[0xff, 0xfe, b'a', 0xc3]);
        // Decoding replaces each invalid byte with U+FFFD (3 bytes), so the
        // value re-encoded is longer than what arrived.
        let decoded = GetApiJsonReply::decode(&msg[2..]).unwrap();
        assert_eq!(decoded.json, "\u{fffd}\u{fffd}a\u{fffd}");
        let mut reencoded = Vec::new();
        decoded.encode(&mut reencoded);
        assert_eq!(2 + reencoded.len(), msg.len() + 6);
        assert_eq!(calc(&msg), msg.len() as u64, "calc_size is what VPP received");
    }

    #[test]
    fn calc_size_ignores_trailing_bytes_and_flags_truncation() {
        let msg = get_api_json_reply(b"{}");
        let mut longer = msg.clone();
        longer.extend_from_slice(&[0; 5]);
        assert_eq!(calc(&longer), msg.len() as u64);
        let short = &msg[..msg.len() - 1];
        assert_eq!(calc(short), short.len() as u64 + 1, "truncated: one more than delivered");
    }
}
