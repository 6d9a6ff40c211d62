//! Raw netlink framing: splitting a datagram into messages and reading their headers, with no
//! trust in any length field.

/// Length of `struct nlmsghdr`.
pub const NLMSG_HDRLEN: usize = 16;

/// `NLMSG_NOOP`.
pub const NLMSG_NOOP: u16 = 1;
/// `NLMSG_ERROR`.
pub const NLMSG_ERROR: u16 = 2;
/// `NLMSG_DONE`.
pub const NLMSG_DONE: u16 = 3;
/// `NLMSG_OVERRUN`.
pub const NLMSG_OVERRUN: u16 = 4;

/// `RTM_NEWNEXTHOP` (not known to netlink-packet-route 0.34, decoded here).
pub const RTM_NEWNEXTHOP: u16 = 104;
/// `RTM_DELNEXTHOP`.
pub const RTM_DELNEXTHOP: u16 = 105;
/// `RTM_GETNEXTHOP`.
pub const RTM_GETNEXTHOP: u16 = 106;

/// The fixed header of one netlink message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawHeader {
    /// `nlmsg_len`: the whole message, header included.
    pub len: u32,
    /// `nlmsg_type`.
    pub msg_type: u16,
    /// `nlmsg_flags`.
    pub flags: u16,
    /// `nlmsg_seq`.
    pub seq: u32,
    /// `nlmsg_pid`.
    pub pid: u32,
}

pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let bytes: [u8; 2] = b.get(at..at.checked_add(2)?)?.try_into().ok()?;
    Some(u16::from_ne_bytes(bytes))
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; 4] = b.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_ne_bytes(bytes))
}

impl RawHeader {
    /// Read the header at the start of `b`, `None` when `b` is shorter than a header.
    pub fn parse(b: &[u8]) -> Option<RawHeader> {
        Some(RawHeader {
            len: u32_at(b, 0)?,
            msg_type: u16_at(b, 4)?,
            flags: u16_at(b, 6)?,
            seq: u32_at(b, 8)?,
            pid: u32_at(b, 12)?,
        })
    }
}

/// One piece of a datagram: a whole message, or the reason the rest could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame<'a> {
    /// A message whose length field fits the datagram: its header and its bytes (header
    /// included, padding excluded).
    Message(RawHeader, &'a [u8]),
    /// The rest of the datagram cannot be framed (a length field shorter than a header or
    /// longer than what is left); splitting stops here.
    Broken(String),
}

/// Split a datagram into its messages. Never panics; a bad length ends the walk with one
/// [`Frame::Broken`].
pub fn split_datagram(buf: &[u8]) -> Vec<Frame<'_>> {
    let mut out = Vec::new();
    let mut off = 0usize;
    while off < buf.len() {
        let rest = &buf[off..];
        let Some(h) = RawHeader::parse(rest) else {
            out.push(Frame::Broken(format!("{} trailing bytes, shorter than a netlink header", rest.len())));
            break;
        };
        let len = h.len as usize;
        if len < NLMSG_HDRLEN || len > rest.len() {
            out.push(Frame::Broken(format!(
                "netlink message length {len} at offset {off} of a {}-byte datagram",
                buf.len()
            )));
            break;
        }
        out.push(Frame::Message(h, &rest[..len]));
        // Messages are 4-byte aligned; the last one may lack its padding.
        off = off.saturating_add((len + 3) & !3);
    }
    out
}

/// Walk the attributes (`struct nlattr`) of `b`, calling `f(type without flag bits, payload)`.
/// Returns an error for an attribute whose length is shorter than its header or longer than
/// what is left.
pub(crate) fn walk_attrs(
    b: &[u8],
    mut f: impl FnMut(u16, &[u8]) -> Result<(), String>,
) -> Result<(), String> {
    let mut off = 0usize;
    while off + 4 <= b.len() {
        let len = u16_at(b, off).unwrap_or(0) as usize;
        let kind = u16_at(b, off + 2).unwrap_or(0) & 0x3fff;
        if len < 4 || len > b.len() - off {
            return Err(format!("attribute {kind} of length {len} at offset {off} of {} bytes", b.len()));
        }
        f(kind, &b[off + 4..off + len])?;
        off = off.saturating_add((len + 3) & !3);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_handles_garbage() {
        assert!(split_datagram(&[]).is_empty());
        assert!(matches!(split_datagram(&[1, 2, 3])[0], Frame::Broken(_)));
        let mut m = vec![0u8; 20];
        m[0..4].copy_from_slice(&20u32.to_ne_bytes());
        m[4..6].copy_from_slice(&NLMSG_DONE.to_ne_bytes());
        let mut two = m.clone();
        two.extend_from_slice(&m);
        let f = split_datagram(&two);
        assert_eq!(f.len(), 2);
        assert!(matches!(f[1], Frame::Message(h, b) if h.msg_type == NLMSG_DONE && b.len() == 20));
        m[0..4].copy_from_slice(&u32::MAX.to_ne_bytes());
        assert!(matches!(split_datagram(&m)[0], Frame::Broken(_)));
        m[0..4].copy_from_slice(&3u32.to_ne_bytes());
        assert!(matches!(split_datagram(&m)[0], Frame::Broken(_)));
    }

    #[test]
    fn attrs_bounds() {
        let mut seen = vec![];
        let b = [8u8, 0, 1, 0, 1, 2, 3, 4, 5, 0, 2, 0, 9, 0, 0, 0];
        walk_attrs(&b, |k, p| {
            seen.push((k, p.to_vec()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, vec![(1, vec![1, 2, 3, 4]), (2, vec![9])]);
        assert!(walk_attrs(&[200, 0, 1, 0], |_, _| Ok(())).is_err());
        assert!(walk_attrs(&[2, 0, 1, 0], |_, _| Ok(())).is_err());
    }
}
