//! The NETLINK_ROUTE socket and the request/reply loop.

use std::io;
use std::os::fd::AsRawFd;
use std::time::Duration;

use netlink_packet_core::{
    NetlinkHeader, NetlinkMessage, NetlinkPayload, NLM_F_ACK, NLM_F_DUMP, NLM_F_DUMP_INTR, NLM_F_REQUEST,
};
use netlink_packet_route::RouteNetlinkMessage;
use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

use super::netns;

/// How long a request waits for the kernel's reply unless [`Rtnl::set_timeout`] says otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// How often a dump is retried when the kernel marks it inconsistent (`NLM_F_DUMP_INTR`).
const DUMP_ATTEMPTS: usize = 5;

/// Length of `struct nlmsghdr`.
const NLMSG_HDRLEN: usize = 16;

/// A NETLINK_ROUTE socket bound inside one network namespace.
///
/// The socket stays in the namespace it was opened in, whatever namespace the thread using it
/// is in later. Requests are synchronous: each call sends one request and reads until the
/// kernel has answered it.
pub struct Rtnl {
    sock: Socket,
    seq: u32,
    ns: Option<String>,
    timeout: Duration,
    buf: Vec<u8>,
}

impl std::fmt::Debug for Rtnl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rtnl")
            .field("fd", &self.sock.as_raw_fd())
            .field("ns", &self.ns)
            .field("seq", &self.seq)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl Rtnl {
    /// A NETLINK_ROUTE socket in namespace `ns`.
    ///
    /// `None` or `Some("")`: the calling thread's current namespace. `Some(name)`:
    /// `/var/run/netns/<name>`, entered with `setns` on the calling thread only long enough
    /// to create the socket, then the thread goes back to its namespace; the socket stays in
    /// `ns`. The receive timeout is [`DEFAULT_TIMEOUT`].
    pub fn open(ns: Option<&str>) -> io::Result<Rtnl> {
        let sock = netns::in_netns(ns, || {
            let mut sock = Socket::new(NETLINK_ROUTE)?;
            sock.bind_auto()?;
            Ok(sock)
        })
        .map_err(|e| io::Error::new(e.kind(), format!("opening rtnetlink socket: {e}")))?;
        let mut rtnl = Rtnl {
            sock,
            seq: initial_seq(),
            ns: ns.filter(|n| !n.is_empty()).map(str::to_owned),
            timeout: DEFAULT_TIMEOUT,
            buf: Vec::new(),
        };
        rtnl.set_timeout(DEFAULT_TIMEOUT)?;
        Ok(rtnl)
    }

    /// The namespace this socket was opened in (`None`: the one current at [`Rtnl::open`]).
    pub fn netns(&self) -> Option<&str> {
        self.ns.as_deref()
    }

    /// How long each request waits for the kernel's reply before failing with
    /// [`io::ErrorKind::TimedOut`]. A zero duration is refused ([`io::ErrorKind::InvalidInput`]):
    /// it would mean waiting forever.
    pub fn set_timeout(&mut self, timeout: Duration) -> io::Result<()> {
        if timeout.is_zero() {
            return Err(super::validate::invalid("a zero netlink timeout would never expire"));
        }
        set_receive_timeout(&self.sock, timeout)?;
        self.timeout = timeout;
        Ok(())
    }

    fn next_seq(&mut self) -> u32 {
        self.seq = self.seq.wrapping_add(1);
        if self.seq == 0 {
            self.seq = 1;
        }
        self.seq
    }

    /// Send `msg` with `NLM_F_REQUEST | NLM_F_ACK | extra_flags` and wait for its ACK.
    /// Returns the messages the kernel sent for this request before the ACK (e.g. the
    /// `RTM_NEWLINK` answering an `RTM_GETLINK`).
    pub(crate) fn request(
        &mut self,
        msg: RouteNetlinkMessage,
        extra_flags: u16,
        what: &str,
    ) -> io::Result<Vec<RouteNetlinkMessage>> {
        let seq = self.next_seq();
        let bytes = encode(msg, NLM_F_REQUEST | NLM_F_ACK | extra_flags, seq);
        self.send(&bytes, what)?;
        let mut got = Collected::default();
        self.collect(seq, &mut got, what)?;
        Ok(got.msgs)
    }

    /// Send `msg` as a dump request and return every message of the dump, retrying when the
    /// kernel marks the dump inconsistent.
    pub(crate) fn dump(
        &mut self,
        msg: RouteNetlinkMessage,
        what: &str,
    ) -> io::Result<Vec<RouteNetlinkMessage>> {
        for _ in 0..DUMP_ATTEMPTS {
            let seq = self.next_seq();
            let bytes = encode(msg.clone(), NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP, seq);
            self.send(&bytes, what)?;
            let mut got = Collected::default();
            self.collect(seq, &mut got, what)?;
            if !got.interrupted {
                return Ok(got.msgs);
            }
        }
        Err(io::Error::new(
            io::ErrorKind::Interrupted,
            format!("{what}: the dump was interrupted by changes {DUMP_ATTEMPTS} times"),
        ))
    }

    fn send(&mut self, bytes: &[u8], what: &str) -> io::Result<()> {
        let kernel = SocketAddr::new(0, 0);
        loop {
            match self.sock.send_to(bytes, &kernel, 0) {
                Ok(n) if n == bytes.len() => return Ok(()),
                Ok(n) => return Err(io::Error::other(format!("{what}: sent {n} of {} bytes", bytes.len()))),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Read datagrams until the reply to `seq` is complete.
    fn collect(&mut self, seq: u32, got: &mut Collected, what: &str) -> io::Result<()> {
        loop {
            self.recv_datagram(what)?;
            if let Step::Finished = process_datagram(&self.buf, seq, got)? {
                return Ok(());
            }
        }
    }

    /// Receive one whole datagram from the kernel into `self.buf`, growing it to the
    /// datagram's size. Datagrams from other senders (user-space ports) are dropped.
    fn recv_datagram(&mut self, what: &str) -> io::Result<()> {
        loop {
            let mut probe = [0u8; 0];
            let len = match self.sock.recv(&mut &mut probe[..], libc::MSG_PEEK | libc::MSG_TRUNC) {
                Ok(len) => len,
                Err(e) => {
                    if e.kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    return Err(self.recv_error(e, what));
                }
            };
            self.buf.clear();
            self.buf.reserve(len.max(NLMSG_HDRLEN));
            match self.sock.recv_from(&mut self.buf, 0) {
                Ok((_, from)) if from.port_number() == 0 => return Ok(()),
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.recv_error(e, what)),
            }
        }
    }

    fn recv_error(&self, e: io::Error, what: &str) -> io::Error {
        if e.kind() == io::ErrorKind::WouldBlock || e.kind() == io::ErrorKind::TimedOut {
            io::Error::new(
                io::ErrorKind::TimedOut,
                format!("{what}: no netlink reply within {:?}", self.timeout),
            )
        } else {
            e
        }
    }
}

/// A starting sequence number that differs between sockets and runs.
fn initial_seq() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    nanos.wrapping_mul(2_654_435_761)
}

/// Serialize `msg` with `flags` and sequence number `seq` (port 0: the kernel fills it in).
pub(crate) fn encode(msg: RouteNetlinkMessage, flags: u16, seq: u32) -> Vec<u8> {
    let mut header = NetlinkHeader::default();
    header.flags = flags;
    header.sequence_number = seq;
    let mut nl = NetlinkMessage::new(header, NetlinkPayload::InnerMessage(msg));
    nl.finalize();
    let mut bytes = vec![0u8; nl.buffer_len()];
    nl.serialize(&mut bytes);
    bytes
}

/// What the replies to one request held so far.
#[derive(Debug, Default)]
pub(crate) struct Collected {
    /// The protocol messages (not ACK/DONE) of the request's sequence number.
    pub msgs: Vec<RouteNetlinkMessage>,
    /// Whether a message carried `NLM_F_DUMP_INTR` (the dump was inconsistent).
    pub interrupted: bool,
}

/// Whether the reply to a request is complete.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// More datagrams are needed.
    More,
    /// The ACK, error or `NLMSG_DONE` for the request arrived.
    Finished,
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
    Some(u32::from_ne_bytes(bytes))
}

fn read_u16(b: &[u8], at: usize) -> Option<u16> {
    let bytes: [u8; 2] = b.get(at..at + 2)?.try_into().ok()?;
    Some(u16::from_ne_bytes(bytes))
}

fn bad_data(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// Walk the netlink messages of one datagram, keeping those of sequence number `seq` in
/// `got` and skipping every other sequence (stray or late replies). Returns
/// [`Step::Finished`] at the ACK or `NLMSG_DONE` of `seq`, and the errno of an
/// `NLMSG_ERROR` of `seq` as an error.
pub(crate) fn process_datagram(buf: &[u8], seq: u32, got: &mut Collected) -> io::Result<Step> {
    let mut off = 0usize;
    while off + NLMSG_HDRLEN <= buf.len() {
        let len = read_u32(buf, off).unwrap_or(0) as usize;
        let flags = read_u16(buf, off + 6).unwrap_or(0);
        let msg_seq = read_u32(buf, off + 8).unwrap_or(0);
        if len < NLMSG_HDRLEN || len > buf.len() - off {
            return Err(bad_data(format!(
                "netlink message of length {len} at offset {off} in a {}-byte datagram",
                buf.len()
            )));
        }
        let raw = &buf[off..off + len];
        off += (len + 3) & !3;
        if msg_seq != seq {
            continue;
        }
        let msg = NetlinkMessage::<RouteNetlinkMessage>::deserialize(raw)
            .map_err(|e| bad_data(format!("undecodable netlink reply: {e}")))?;
        if flags & NLM_F_DUMP_INTR != 0 {
            got.interrupted = true;
        }
        match msg.payload {
            NetlinkPayload::Error(err) => {
                return match err.code {
                    None => Ok(Step::Finished),
                    Some(code) => Err(io::Error::from_raw_os_error(code.get().saturating_abs())),
                };
            }
            NetlinkPayload::Done(done) => {
                return if done.code < 0 {
                    Err(io::Error::from_raw_os_error(done.code.saturating_abs()))
                } else {
                    Ok(Step::Finished)
                };
            }
            NetlinkPayload::InnerMessage(m) => got.msgs.push(m),
            NetlinkPayload::Overrun(_) => {
                return Err(bad_data("netlink reply overrun".to_owned()));
            }
            _ => {}
        }
    }
    Ok(Step::More)
}

/// `SO_RCVTIMEO` on a netlink socket: a receive waits at most `timeout`.
pub(crate) fn set_receive_timeout(sock: &netlink_sys::Socket, timeout: Duration) -> io::Result<()> {
    let tv = libc::timeval {
        tv_sec: libc::time_t::try_from(timeout.as_secs()).unwrap_or(libc::time_t::MAX),
        tv_usec: timeout.subsec_micros() as libc::suseconds_t,
    };
    // SAFETY: the descriptor is an open socket the caller owns; the option value points to a
    // timeval that lives for the call, and its size is given exactly.
    let r = unsafe {
        libc::setsockopt(
            sock.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_RCVTIMEO,
            (&tv as *const libc::timeval).cast(),
            std::mem::size_of::<libc::timeval>() as libc::socklen_t,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use netlink_packet_core::{DoneMessage, ErrorMessage, NLM_F_MULTIPART};
    use netlink_packet_route::link::{LinkAttribute, LinkMessage};

    fn frame(payload: NetlinkPayload<RouteNetlinkMessage>, seq: u32, flags: u16) -> Vec<u8> {
        let mut header = NetlinkHeader::default();
        header.sequence_number = seq;
        header.flags = flags;
        let mut m = NetlinkMessage::new(header, payload);
        m.finalize();
        let mut b = vec![0u8; m.buffer_len()];
        m.serialize(&mut b);
        while b.len() % 4 != 0 {
            b.push(0);
        }
        b
    }

    fn link_msg(index: u32, name: &str) -> RouteNetlinkMessage {
        let mut l = LinkMessage::default();
        l.header.index = index;
        l.attributes.push(LinkAttribute::IfName(name.to_owned()));
        RouteNetlinkMessage::NewLink(l)
    }

    fn ack(code: i32) -> NetlinkPayload<RouteNetlinkMessage> {
        let mut e = ErrorMessage::default();
        e.code = std::num::NonZeroI32::new(code);
        e.header = vec![0; 16];
        NetlinkPayload::Error(e)
    }

    #[test]
    fn ack_finishes_and_stray_sequences_are_skipped() {
        let mut d = frame(NetlinkPayload::InnerMessage(link_msg(1, "stray")), 6, 0);
        d.extend(frame(ack(-libc::EEXIST), 6, 0));
        d.extend(frame(NetlinkPayload::InnerMessage(link_msg(2, "mine")), 7, 0));
        d.extend(frame(ack(0), 7, 0));
        let mut got = Collected::default();
        assert_eq!(process_datagram(&d, 7, &mut got).unwrap(), Step::Finished);
        assert_eq!(got.msgs, vec![link_msg(2, "mine")]);
    }

    #[test]
    fn error_gives_raw_errno() {
        let d = frame(ack(-libc::ENODEV), 3, 0);
        let e = process_datagram(&d, 3, &mut Collected::default()).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ENODEV));
    }

    #[test]
    fn dump_runs_until_done() {
        let mut d = frame(NetlinkPayload::InnerMessage(link_msg(1, "lo")), 9, NLM_F_MULTIPART);
        d.extend(frame(
            NetlinkPayload::InnerMessage(link_msg(2, "eth0")),
            9,
            NLM_F_MULTIPART | NLM_F_DUMP_INTR,
        ));
        let mut got = Collected::default();
        assert_eq!(process_datagram(&d, 9, &mut got).unwrap(), Step::More);
        assert!(got.interrupted);
        let mut done = DoneMessage::default();
        done.code = 0;
        let d = frame(NetlinkPayload::Done(done), 9, NLM_F_MULTIPART);
        assert_eq!(process_datagram(&d, 9, &mut got).unwrap(), Step::Finished);
        assert_eq!(got.msgs.len(), 2);
    }

    #[test]
    fn truncated_or_garbage_datagrams_are_errors_not_panics() {
        let good = frame(NetlinkPayload::InnerMessage(link_msg(1, "lo")), 1, 0);
        for cut in 0..good.len() {
            let _ = process_datagram(&good[..cut], 1, &mut Collected::default());
        }
        let mut bad = good.clone();
        bad[0..4].copy_from_slice(&4u32.to_ne_bytes());
        assert!(process_datagram(&bad, 1, &mut Collected::default()).is_err());
        let mut bad = good.clone();
        bad[0..4].copy_from_slice(&u32::MAX.to_ne_bytes());
        assert!(process_datagram(&bad, 1, &mut Collected::default()).is_err());
        // Deterministic pseudo-random bytes.
        let mut x = 0x1234_5678u32;
        for _ in 0..2000 {
            let mut b = good.clone();
            for byte in b.iter_mut().skip(16) {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                if x & 3 == 0 {
                    *byte = x as u8;
                }
            }
            let _ = process_datagram(&b, 1, &mut Collected::default());
        }
    }

    #[test]
    fn waiting_for_a_reply_that_never_comes_times_out() {
        let mut rtnl = Rtnl::open(None).unwrap();
        rtnl.set_timeout(Duration::from_millis(200)).unwrap();
        let start = std::time::Instant::now();
        let e = rtnl.collect(12345, &mut Collected::default(), "test request").unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(e.to_string().contains("test request"), "{e}");
        assert!(start.elapsed() >= Duration::from_millis(150));
        assert!(start.elapsed() < Duration::from_secs(3));
        // A late reply to an old sequence is skipped by the next request.
        let seq = rtnl.next_seq();
        let b = encode(crate::host::link::get_by_index(1), NLM_F_REQUEST | NLM_F_ACK, seq);
        rtnl.send(&b, "stray").unwrap();
        assert!(rtnl.link_by_name("lo").unwrap().is_some());
        assert!(format!("{rtnl:?}").starts_with("Rtnl {"));
    }

    #[test]
    fn encode_sets_header() {
        let b = encode(link_msg(5, "x"), NLM_F_REQUEST | NLM_F_ACK, 42);
        assert_eq!(read_u32(&b, 0).unwrap() as usize, b.len());
        assert_eq!(read_u16(&b, 4), Some(libc::RTM_NEWLINK));
        assert_eq!(read_u16(&b, 6), Some(NLM_F_REQUEST | NLM_F_ACK));
        assert_eq!(read_u32(&b, 8), Some(42));
    }
}
