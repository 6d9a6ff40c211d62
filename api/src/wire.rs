//! Runtime support for generated message types: big-endian encoding,
//! bounds-checked decoding and the [`Message`] trait.
//!
//! Encoded bodies never include the 2-byte `_vl_msg_id`: the id depends on
//! the running VPP (it is assigned at plugin load) and is added or stripped
//! by whoever frames the message (the client, or the plugin's handler glue).
//! The same types therefore serve both sides of the API.

use std::fmt;

/// What went wrong while decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// The input ended before a value could be read.
    Truncated {
        /// Offset at which the read started.
        offset: usize,
        /// Bytes the read needed.
        needed: usize,
        /// Bytes that were left.
        available: usize,
    },
    /// An enum field held a value that is not one of its members.
    UnknownEnumValue {
        /// Enum type name as in the `.api` file.
        ty: &'static str,
        /// The value found.
        value: i64,
    },
    /// A variable-length array claims more elements than the input holds.
    VlaTooLong {
        /// Field name.
        field: &'static str,
        /// Element count from the length field.
        count: u64,
        /// Bytes left in the input.
        available: usize,
    },
}

/// A decoding failure, tagged with the message being decoded if known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Message name, filled in by [`Message::decode`].
    pub message: Option<&'static str>,
    /// The failure.
    pub kind: DecodeErrorKind,
}

impl DecodeError {
    /// An error without message context.
    pub fn new(kind: DecodeErrorKind) -> Self {
        DecodeError { message: None, kind }
    }

    /// An unknown enum value error.
    pub fn unknown_enum(ty: &'static str, value: i64) -> Self {
        Self::new(DecodeErrorKind::UnknownEnumValue { ty, value })
    }

    /// Attach the message name (keeps an inner one if already set).
    pub fn in_message(mut self, name: &'static str) -> Self {
        self.message.get_or_insert(name);
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = self.message {
            write!(f, "decoding {m}: ")?;
        }
        match &self.kind {
            DecodeErrorKind::Truncated { offset, needed, available } => write!(
                f,
                "message too short: need {needed} byte(s) at offset {offset}, only {available} left"
            ),
            DecodeErrorKind::UnknownEnumValue { ty, value } => {
                write!(f, "value {value} is not a member of enum {ty}")
            }
            DecodeErrorKind::VlaTooLong { field, count, available } => {
                write!(f, "array {field} claims {count} element(s) but only {available} byte(s) are left")
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// A bounds-checked cursor over an encoded message.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Start reading at the beginning of `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0 }
    }

    /// Current offset.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Bytes not yet read.
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Take the next `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if n > self.remaining() {
            return Err(DecodeError::new(DecodeErrorKind::Truncated {
                offset: self.pos,
                needed: n,
                available: self.remaining(),
            }));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    /// Take exactly `N` bytes as an array.
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N], DecodeError> {
        let s = self.take(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    /// A `string x[N]`: `n` bytes, text up to the first NUL.
    pub fn fixed_string(&mut self, n: usize) -> Result<String, DecodeError> {
        let s = self.take(n)?;
        let end = s.iter().position(|&b| b == 0).unwrap_or(s.len());
        Ok(String::from_utf8_lossy(&s[..end]).into_owned())
    }

    /// A `string x[]` (`vl_api_string_t`): big-endian u32 length, then bytes.
    pub fn vla_string(&mut self, field: &'static str) -> Result<String, DecodeError> {
        let len = u32::get(self)? as usize;
        if len > self.remaining() {
            return Err(DecodeError::new(DecodeErrorKind::VlaTooLong {
                field,
                count: len as u64,
                available: self.remaining(),
            }));
        }
        let s = self.take(len)?;
        Ok(String::from_utf8_lossy(s).into_owned())
    }

    /// `count` elements of `T` (a VLA whose length was read earlier).
    pub fn vec<T: Wire>(&mut self, count: u64, field: &'static str) -> Result<Vec<T>, DecodeError> {
        let min = T::MIN_SIZE.max(1) as u64;
        if count.saturating_mul(min) > self.remaining() as u64 {
            return Err(DecodeError::new(DecodeErrorKind::VlaTooLong {
                field,
                count,
                available: self.remaining(),
            }));
        }
        (0..count).map(|_| T::get(self)).collect()
    }

    /// Elements of `T` until the input ends (legacy `T x[0]` arrays).
    pub fn rest<T: Wire>(&mut self) -> Result<Vec<T>, DecodeError> {
        let mut v = Vec::new();
        while self.remaining() > 0 {
            let before = self.pos;
            v.push(T::get(self)?);
            if self.pos == before {
                break;
            }
        }
        Ok(v)
    }

    /// `N` elements of `T` as an array.
    pub fn fixed_array<T: Wire, const N: usize>(&mut self) -> Result<[T; N], DecodeError> {
        let v = (0..N).map(|_| T::get(self)).collect::<Result<Vec<T>, _>>()?;
        Ok(v.try_into().unwrap_or_else(|_| unreachable!("collected exactly N elements")))
    }
}

/// A value with a VPP wire encoding.
pub trait Wire: Sized {
    /// Smallest possible encoded size in bytes.
    const MIN_SIZE: usize;
    /// Append the encoding to `buf`.
    fn put(&self, buf: &mut Vec<u8>);
    /// Read a value.
    fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError>;
}

macro_rules! int_wire {
    ($($t:ty),*) => {$(
        impl Wire for $t {
            const MIN_SIZE: usize = std::mem::size_of::<$t>();
            fn put(&self, buf: &mut Vec<u8>) {
                buf.extend_from_slice(&self.to_be_bytes());
            }
            fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
                Ok(<$t>::from_be_bytes(r.array()?))
            }
        }
    )*};
}
int_wire!(u8, u16, u32, u64, i8, i16, i32, i64, f64);

impl Wire for bool {
    const MIN_SIZE: usize = 1;
    fn put(&self, buf: &mut Vec<u8>) {
        buf.push(*self as u8);
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        Ok(r.array::<1>()?[0] != 0)
    }
}

impl<T: Wire, const N: usize> Wire for [T; N] {
    const MIN_SIZE: usize = T::MIN_SIZE * N;
    fn put(&self, buf: &mut Vec<u8>) {
        for x in self {
            x.put(buf);
        }
    }
    fn get(r: &mut Reader<'_>) -> Result<Self, DecodeError> {
        r.fixed_array()
    }
}

/// Write a `string x[N]`: at most `n` bytes, NUL padded to `n`.
pub fn put_fixed_string(buf: &mut Vec<u8>, s: &str, n: usize) {
    let b = s.as_bytes();
    let len = b.len().min(n);
    buf.extend_from_slice(&b[..len]);
    buf.resize(buf.len() + (n - len), 0);
}

/// Write a `string x[]`: big-endian u32 length, then the bytes.
pub fn put_vla_string(buf: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let len = b.len().min(u32::MAX as usize);
    (len as u32).put(buf);
    buf.extend_from_slice(&b[..len]);
}

/// The role a message plays, derived from the `.api` services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// Sent by a client (the `rpc` side of a service).
    Request,
    /// The single answer to a request.
    Reply,
    /// One of several streamed answers (`_details`).
    Details,
    /// Sent by VPP on its own (`events`).
    Event,
    /// Not part of any service.
    Other,
}

/// Static description of a message, for tables and dynamic lookups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageInfo {
    /// Message name.
    pub name: &'static str,
    /// Message CRC.
    pub crc: u32,
    /// `<name>_<crc:08x>`.
    pub name_crc: &'static str,
    /// Role of the message.
    pub kind: MessageKind,
}

/// Static description of a service (request and what answers it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServiceInfo {
    /// Request message name.
    pub request: &'static str,
    /// Reply message name (`"null"` if none); for a dump, the details message.
    pub reply: &'static str,
    /// True if several messages answer the request.
    pub stream: bool,
    /// The details message of `returns X stream Y` services.
    pub stream_msg: Option<&'static str>,
}

/// A VPP API message type (implemented by generated code).
pub trait Message: Wire + Clone + fmt::Debug + Default + PartialEq {
    /// Name as in the `.api` file.
    const NAME: &'static str;
    /// vppapigen CRC.
    const CRC: u32;
    /// `<name>_<crc:08x>`, the key in VPP's message table.
    const NAME_CRC: &'static str;
    /// Role of the message.
    const KIND: MessageKind;

    /// `<name>_<crc:08x>`, e.g. `lcp_default_ns_get_51077d14`.
    fn name_crc() -> &'static str {
        Self::NAME_CRC
    }

    /// Append the body (everything after `_vl_msg_id`) to `buf`.
    fn encode(&self, buf: &mut Vec<u8>) {
        self.put(buf)
    }

    /// Decode a body (everything after `_vl_msg_id`). Never panics; extra
    /// trailing bytes are ignored.
    fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
        Self::decode_prefix(bytes).map(|(m, _)| m)
    }

    /// Decode a body and report how many bytes of `bytes` it occupies (the
    /// wire size of the message, which re-encoding the value need not
    /// reproduce: invalid UTF-8 in a string grows when decoded lossily).
    /// Never panics; extra trailing bytes are not counted.
    fn decode_prefix(bytes: &[u8]) -> Result<(Self, usize), DecodeError> {
        let mut r = Reader::new(bytes);
        let m = Self::get(&mut r).map_err(|e| e.in_message(Self::NAME))?;
        Ok((m, r.position()))
    }

    /// The `context` field, if the message has one.
    fn context(&self) -> Option<u32> {
        None
    }

    /// Set the `context` field (no-op without one).
    fn set_context(&mut self, _context: u32) {}

    /// Set the `client_index` field (no-op without one).
    fn set_client_index(&mut self, _client_index: u32) {}

    /// The `retval` field, if the message has one.
    fn retval(&self) -> Option<i32> {
        None
    }
}

/// A request answered by exactly one reply.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a request with a reply",
    label = "no `_reply` answers `{Self}`",
    note = "a dump (`rpc X_dump returns X_details stream;`) is served by a handler returning `vpp::Result<()>` that sends details"
)]
pub trait Request: Message {
    /// The reply type.
    type Reply: Message;
}

/// A request answered by zero or more details followed by a reply
/// (`rpc X returns X_reply stream X_details`).
pub trait Stream: Request {
    /// The streamed message type.
    type Details: Message;
}

/// A dump answered by zero or more details and nothing else; clients
/// follow it with `control_ping` to find the end.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a dump request, so a handler returning `vpp::Result<()>` could never answer it",
    label = "a handler returning `vpp::Result<()>` serves a dump, answered by details alone",
    note = "return `vpp::Result<Reply>` with the request's `_reply` type (cursor-based gets stream details with `cx.send_details` and then reply)"
)]
pub trait Dump: Message {
    /// The streamed message type.
    type Details: Message;
}

/// Encode a message with its 2-byte big-endian message id in front.
pub fn encode_with_id<M: Message>(msg: &M, id: u16) -> Vec<u8> {
    let mut buf = Vec::with_capacity(2 + M::MIN_SIZE);
    id.put(&mut buf);
    msg.encode(&mut buf);
    buf
}

/// Split a message into its id and body.
pub fn split_id(bytes: &[u8]) -> Result<(u16, &[u8]), DecodeError> {
    let mut r = Reader::new(bytes);
    let id = u16::get(&mut r)?;
    Ok((id, &bytes[2..]))
}
