//! A blocking client for VPP's binary API over its Unix socket
//! (`/run/vpp/api.sock` by default).
//!
//! Connecting sends `sockclnt_create` (fixed message id 15); VPP answers with
//! `sockclnt_create_reply` (id 16) carrying our client handle and the table
//! of every registered `<name>_<crc>` and its message id. Messages are then
//! looked up by name and CRC, so a plugin built from a different `.api`
//! revision is reported as a CRC mismatch instead of being misparsed.

pub mod frame;

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use crate::generated::memclnt::{
    ControlPing, ControlPingReply, SockclntCreate, SockclntCreateReply, SockclntDelete, SockclntDeleteReply,
};
use crate::wire::{DecodeError, Dump, Message, Request, Stream};

/// Fixed id of `sockclnt_create` on the socket transport.
pub const SOCKCLNT_CREATE_ID: u16 = 15;
/// Fixed id of `sockclnt_create_reply` on the socket transport.
pub const SOCKCLNT_CREATE_REPLY_ID: u16 = 16;

/// Default VPP API socket path.
pub const DEFAULT_SOCKET: &str = "/run/vpp/api.sock";

/// Client failures.
#[derive(Debug)]
pub enum ClientError {
    /// Socket I/O failed (including timeouts).
    Io(io::Error),
    /// A received message could not be decoded.
    Decode(DecodeError),
    /// VPP does not know the message at all.
    UnknownMessage(String),
    /// VPP knows a message of that name, but with another CRC.
    CrcMismatch {
        /// Message name.
        name: String,
        /// `<name>_<crc>` this client was built with.
        ours: String,
        /// `<name>_<crc>` VPP registered.
        vpp: String,
    },
    /// VPP answered something unexpected.
    Protocol(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Io(e) => write!(f, "VPP API socket: {e}"),
            ClientError::Decode(e) => write!(f, "{e}"),
            ClientError::UnknownMessage(n) => {
                write!(f, "VPP does not know message {n} (plugin not loaded?)")
            }
            ClientError::CrcMismatch { name, ours, vpp } => {
                write!(f, "message {name}: CRC mismatch, this client uses {ours} but VPP has {vpp}")
            }
            ClientError::Protocol(s) => write!(f, "VPP API protocol error: {s}"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<io::Error> for ClientError {
    fn from(e: io::Error) -> Self {
        ClientError::Io(e)
    }
}

impl From<DecodeError> for ClientError {
    fn from(e: DecodeError) -> Self {
        ClientError::Decode(e)
    }
}

/// Result alias for client calls.
pub type Result<T> = std::result::Result<T, ClientError>;

/// A message received while waiting for something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMessage {
    /// Message id.
    pub id: u16,
    /// Body after the id.
    pub body: Vec<u8>,
}

/// A connection to VPP's API socket.
#[derive(Debug)]
pub struct Client {
    stream: UnixStream,
    client_index: u32,
    table: HashMap<String, u16>,
    /// name → name_crc, for CRC mismatch reports.
    by_name: HashMap<String, String>,
    next_context: u32,
    /// Messages that arrived while waiting for another one.
    pub unsolicited: Vec<RawMessage>,
}

fn split_name_crc(s: &str) -> &str {
    match s.rfind('_') {
        Some(i) if s.len() - i == 9 => &s[..i],
        _ => s,
    }
}

impl Client {
    /// Connect to the socket at `path` and register as `name`.
    pub fn connect(path: impl AsRef<Path>, name: &str) -> Result<Client> {
        let stream = UnixStream::connect(path)?;
        Self::handshake(stream, name)
    }

    /// Register on an already connected stream.
    pub fn handshake(stream: UnixStream, name: &str) -> Result<Client> {
        stream.set_read_timeout(Some(Duration::from_secs(10)))?;
        let mut c = Client {
            stream,
            client_index: 0,
            table: HashMap::new(),
            by_name: HashMap::new(),
            next_context: 0x1000,
            unsolicited: Vec::new(),
        };
        let ctx = c.new_context();
        let req = SockclntCreate { context: ctx, name: name.to_string() };
        c.send_raw(SOCKCLNT_CREATE_ID, &body_of(&req))?;
        let (id, body) = frame::read_message(&mut c.stream)?;
        if id != SOCKCLNT_CREATE_REPLY_ID {
            return Err(ClientError::Protocol(format!(
                "expected sockclnt_create_reply (id {SOCKCLNT_CREATE_REPLY_ID}), got id {id}"
            )));
        }
        let reply = SockclntCreateReply::decode(&body)?;
        if reply.response < 0 {
            return Err(ClientError::Protocol(format!(
                "sockclnt_create refused: response {}",
                reply.response
            )));
        }
        c.client_index = reply.index;
        for e in reply.message_table {
            c.by_name.insert(split_name_crc(&e.name).to_string(), e.name.clone());
            c.table.insert(e.name, e.index);
        }
        Ok(c)
    }

    /// Set the timeout for waiting on VPP (default 10 s).
    pub fn set_timeout(&mut self, t: Option<Duration>) -> Result<()> {
        Ok(self.stream.set_read_timeout(t)?)
    }

    /// Our registration handle (`client_index` in requests).
    pub fn client_index(&self) -> u32 {
        self.client_index
    }

    /// VPP's message table: `<name>_<crc>` → message id.
    pub fn message_table(&self) -> &HashMap<String, u16> {
        &self.table
    }

    /// The `<name>_<crc>` registered for an id.
    pub fn name_of(&self, id: u16) -> Option<&str> {
        self.table.iter().find(|(_, v)| **v == id).map(|(k, _)| k.as_str())
    }

    /// Look up a message id by `<name>_<crc>`, reporting CRC mismatches.
    pub fn lookup(&self, name_crc: &str) -> Result<u16> {
        if let Some(id) = self.table.get(name_crc) {
            return Ok(*id);
        }
        let name = split_name_crc(name_crc);
        match self.by_name.get(name) {
            Some(vpp) => Err(ClientError::CrcMismatch {
                name: name.to_string(),
                ours: name_crc.to_string(),
                vpp: vpp.clone(),
            }),
            None => Err(ClientError::UnknownMessage(name_crc.to_string())),
        }
    }

    /// The id of message type `M` in the connected VPP.
    pub fn msg_id<M: Message>(&self) -> Result<u16> {
        self.lookup(M::NAME_CRC)
    }

    /// A fresh context value.
    pub fn new_context(&mut self) -> u32 {
        self.next_context = self.next_context.wrapping_add(1).max(1);
        self.next_context
    }

    /// Send a raw message body with the given id.
    pub fn send_raw(&mut self, id: u16, body: &[u8]) -> Result<()> {
        Ok(frame::write_message(&mut self.stream, id, body)?)
    }

    /// Receive the next message, whatever it is.
    pub fn recv_raw(&mut self) -> Result<RawMessage> {
        let (id, body) = frame::read_message(&mut self.stream)?;
        Ok(RawMessage { id, body })
    }

    /// Fill in `client_index` and a new `context`, send, return the context.
    pub fn send<M: Message>(&mut self, msg: &mut M) -> Result<u32> {
        let id = self.msg_id::<M>()?;
        let ctx = self.new_context();
        msg.set_context(ctx);
        msg.set_client_index(self.client_index);
        self.send_raw(id, &body_of(msg))?;
        Ok(ctx)
    }

    /// Wait for message `M` with context `ctx`; others go to `unsolicited`.
    pub fn recv<M: Message>(&mut self, ctx: u32) -> Result<M> {
        let id = self.msg_id::<M>()?;
        loop {
            let raw = self.recv_raw()?;
            if raw.id == id {
                let m = M::decode(&raw.body)?;
                if m.context().is_none_or(|c| c == ctx) {
                    return Ok(m);
                }
            }
            self.unsolicited.push(raw);
        }
    }

    /// Send a request and wait for its reply.
    pub fn request<M: Request>(&mut self, mut msg: M) -> Result<M::Reply> {
        let ctx = self.send(&mut msg)?;
        self.recv::<M::Reply>(ctx)
    }

    /// Send a `_dump`, then `control_ping`; collect details until the ping's reply.
    pub fn dump<M: Dump>(&mut self, mut msg: M) -> Result<Vec<M::Details>> {
        let details_id = self.msg_id::<M::Details>()?;
        let ping_reply_id = self.msg_id::<ControlPingReply>()?;
        let ctx = self.send(&mut msg)?;
        let ping_id = self.msg_id::<ControlPing>()?;
        let ping = ControlPing { client_index: self.client_index, context: ctx };
        self.send_raw(ping_id, &body_of(&ping))?;
        let mut out = Vec::new();
        loop {
            let raw = self.recv_raw()?;
            if raw.id == details_id {
                let d = M::Details::decode(&raw.body)?;
                if d.context().is_none_or(|c| c == ctx) {
                    out.push(d);
                    continue;
                }
            } else if raw.id == ping_reply_id {
                let r = ControlPingReply::decode(&raw.body)?;
                if r.context == ctx {
                    return Ok(out);
                }
            }
            self.unsolicited.push(raw);
        }
    }

    /// Send a request answered by details followed by a reply.
    pub fn stream<M: Stream>(&mut self, mut msg: M) -> Result<(M::Reply, Vec<M::Details>)> {
        let details_id = self.msg_id::<M::Details>()?;
        let reply_id = self.msg_id::<M::Reply>()?;
        let ctx = self.send(&mut msg)?;
        let mut out = Vec::new();
        loop {
            let raw = self.recv_raw()?;
            if raw.id == details_id {
                let d = M::Details::decode(&raw.body)?;
                if d.context().is_none_or(|c| c == ctx) {
                    out.push(d);
                    continue;
                }
            } else if raw.id == reply_id {
                let r = M::Reply::decode(&raw.body)?;
                if r.context().is_none_or(|c| c == ctx) {
                    return Ok((r, out));
                }
            }
            self.unsolicited.push(raw);
        }
    }

    /// Deregister (`sockclnt_delete`) and close the socket.
    pub fn disconnect(mut self) -> Result<()> {
        let req = SockclntDelete { client_index: self.client_index, context: 0, index: self.client_index };
        let reply: SockclntDeleteReply = self.request(req)?;
        if reply.response < 0 {
            return Err(ClientError::Protocol(format!(
                "sockclnt_delete refused: response {}",
                reply.response
            )));
        }
        Ok(())
    }
}

fn body_of<M: Message>(m: &M) -> Vec<u8> {
    let mut b = Vec::new();
    m.encode(&mut b);
    b
}
