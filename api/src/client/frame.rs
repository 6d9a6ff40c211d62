//! Socket framing: every message travels behind a 16-byte header
//! (`u64 q` = 0, `u32 data_len` big-endian, `u32 gc_mark_timestamp` = 0).

use std::fmt;
use std::io::{self, Read, Write};

/// Size of the frame header.
pub const HEADER_LEN: usize = 16;

/// Largest message body accepted (VPP's API messages are far smaller; the
/// JSON dump is the biggest at a few MiB).
pub const MAX_FRAME: usize = 64 << 20;

/// A malformed frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// The header announces a body larger than [`MAX_FRAME`].
    TooLarge(usize),
    /// The body is too short to hold a message id.
    NoMessageId,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::TooLarge(n) => {
                write!(f, "frame of {n} bytes exceeds the {MAX_FRAME} byte limit")
            }
            FrameError::NoMessageId => write!(f, "frame body shorter than a message id"),
        }
    }
}

impl std::error::Error for FrameError {}

/// Header for a body of `len` bytes.
pub fn header(len: usize) -> [u8; HEADER_LEN] {
    let mut h = [0u8; HEADER_LEN];
    h[8..12].copy_from_slice(&(len as u32).to_be_bytes());
    h
}

/// Header plus body.
pub fn encode_frame(body: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(HEADER_LEN + body.len());
    v.extend_from_slice(&header(body.len()));
    v.extend_from_slice(body);
    v
}

/// Body length announced by a header.
pub fn body_len(h: &[u8; HEADER_LEN]) -> usize {
    u32::from_be_bytes([h[8], h[9], h[10], h[11]]) as usize
}

/// One message parsed out of a byte buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame<'a> {
    /// Message id.
    pub id: u16,
    /// Body after the id.
    pub body: &'a [u8],
    /// Bytes of the buffer used (header included).
    pub consumed: usize,
}

/// Parse one frame from the start of `buf`: `Ok(None)` if more bytes are
/// needed.
pub fn parse_frame(buf: &[u8]) -> Result<Option<Frame<'_>>, FrameError> {
    let Some(h) = buf.get(..HEADER_LEN) else {
        return Ok(None);
    };
    let mut hh = [0u8; HEADER_LEN];
    hh.copy_from_slice(h);
    let len = body_len(&hh);
    if len > MAX_FRAME {
        return Err(FrameError::TooLarge(len));
    }
    let Some(body) = buf.get(HEADER_LEN..HEADER_LEN + len) else {
        return Ok(None);
    };
    if body.len() < 2 {
        return Err(FrameError::NoMessageId);
    }
    Ok(Some(Frame {
        id: u16::from_be_bytes([body[0], body[1]]),
        body: &body[2..],
        consumed: HEADER_LEN + len,
    }))
}

/// Write message `id` with `body` as one frame.
pub fn write_message<W: Write>(w: &mut W, id: u16, body: &[u8]) -> io::Result<()> {
    let mut v = Vec::with_capacity(HEADER_LEN + 2 + body.len());
    v.extend_from_slice(&header(2 + body.len()));
    v.extend_from_slice(&id.to_be_bytes());
    v.extend_from_slice(body);
    w.write_all(&v)
}

/// Read one frame and split it into message id and body.
pub fn read_message<R: Read>(r: &mut R) -> io::Result<(u16, Vec<u8>)> {
    let mut h = [0u8; HEADER_LEN];
    r.read_exact(&mut h)?;
    let len = body_len(&h);
    if len > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, FrameError::TooLarge(len)));
    }
    let mut body = vec![0u8; len];
    r.read_exact(&mut body)?;
    if len < 2 {
        return Err(io::Error::new(io::ErrorKind::InvalidData, FrameError::NoMessageId));
    }
    let id = u16::from_be_bytes([body[0], body[1]]);
    body.drain(..2);
    Ok((id, body))
}
