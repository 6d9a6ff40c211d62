//! Full dumps of links, addresses, neighbours, nexthop objects and routes, decoded by the
//! same decoder as notifications.

use std::io;
use std::time::Duration;

use netlink_sys::{protocols::NETLINK_ROUTE, Socket, SocketAddr};

use crate::event::raw::{self, NLMSG_HDRLEN};
use crate::event::{decode_datagram, Decoded, IgnoreReason, Received, Stats};
use crate::host::in_netns;

const NLM_F_REQUEST: u16 = 0x1;
const NLM_F_DUMP: u16 = 0x300;
const NLM_F_DUMP_INTR: u16 = 0x10;
const ATTEMPTS: usize = 5;
const TIMEOUT: Duration = Duration::from_secs(10);

/// The dump requests in order: (what, message type, family, header length). Nexthops come
/// before routes so routes with `RTA_NH_ID` resolve at once.
pub const DUMPS: [(&str, u16, u8, usize); 7] = [
    ("links", 18, libc::AF_UNSPEC as u8, 16),
    ("addresses", 22, libc::AF_UNSPEC as u8, 8),
    ("neighbours", 30, libc::AF_UNSPEC as u8, 12),
    ("nexthops", raw::RTM_GETNEXTHOP, libc::AF_UNSPEC as u8, 8),
    ("ipv4 routes", 26, libc::AF_INET as u8, 12),
    ("ipv6 routes", 26, libc::AF_INET6 as u8, 12),
    ("mpls routes", 26, libc::AF_MPLS as u8, 12),
];

fn request(msg_type: u16, family: u8, hdr: usize, seq: u32) -> Vec<u8> {
    let len = NLMSG_HDRLEN + hdr;
    let mut b = vec![0u8; len];
    b[0..4].copy_from_slice(&(len as u32).to_ne_bytes());
    b[4..6].copy_from_slice(&msg_type.to_ne_bytes());
    b[6..8].copy_from_slice(&(NLM_F_REQUEST | NLM_F_DUMP).to_ne_bytes());
    b[8..12].copy_from_slice(&seq.to_ne_bytes());
    b[NLMSG_HDRLEN] = family;
    b
}

/// A socket for dump requests in one namespace.
#[derive(Debug)]
pub struct Dumper {
    sock: Socket,
    seq: u32,
    buf: Vec<u8>,
}

enum Outcome {
    Done,
    Interrupted,
    /// The kernel refused the dump (errno).
    Refused(i32),
    /// The sink refused a chunk.
    Stopped,
}

impl Dumper {
    /// Open a dump socket in `ns` (`None`: the calling thread's namespace).
    pub fn open(ns: Option<&str>) -> io::Result<Dumper> {
        let sock = in_netns(ns, || {
            let mut s = Socket::new(NETLINK_ROUTE)?;
            s.bind_auto()?;
            Ok(s)
        })?;
        crate::host::socket::set_receive_timeout(&sock, TIMEOUT)?;
        Ok(Dumper { sock, seq: 1, buf: Vec::new() })
    }

    fn recv(&mut self) -> io::Result<u32> {
        loop {
            let mut probe = [0u8; 0];
            let len = match self.sock.recv(&mut &mut probe[..], libc::MSG_PEEK | libc::MSG_TRUNC) {
                Ok(l) => l,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.buf.clear();
            self.buf.reserve(len.max(NLMSG_HDRLEN));
            match self.sock.recv_from(&mut self.buf, 0) {
                Ok((_, from)) => return Ok(from.port_number()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// One dump request; decoded messages go to `out`, which is handed to
    /// `sink` whenever it holds `chunk` of them (`*mark`, where this
    /// dump's messages start in `out`, is then 0).
    fn one(
        &mut self,
        (msg_type, family, hdr): (u16, u8, usize),
        out: &mut Vec<Received>,
        mark: &mut usize,
        stats: &mut Stats,
        (chunk, sink): (usize, &mut dyn FnMut(Vec<Received>) -> bool),
    ) -> io::Result<Outcome> {
        self.seq = self.seq.wrapping_add(1).max(1);
        let seq = self.seq;
        let req = request(msg_type, family, hdr, seq);
        self.sock.send_to(&req, &SocketAddr::new(0, 0), 0)?;
        let mut interrupted = false;
        loop {
            let sender = self.recv()?;
            if sender != 0 {
                continue;
            }
            stats.datagrams += 1;
            let buf = std::mem::take(&mut self.buf);
            let items = decode_datagram(&buf, sender, stats);
            let mut finished = None;
            for (r, frame) in items.into_iter().zip(raw::split_datagram(&buf)) {
                if r.header.seq != seq {
                    continue;
                }
                if r.header.flags & NLM_F_DUMP_INTR != 0 {
                    interrupted = true;
                }
                match r.header.msg_type {
                    raw::NLMSG_DONE => finished = Some(Outcome::Done),
                    raw::NLMSG_ERROR => {
                        let code = match frame {
                            raw::Frame::Message(_, b) => {
                                raw::u32_at(b, NLMSG_HDRLEN).map(|c| c as i32).unwrap_or(-libc::EIO)
                            }
                            raw::Frame::Broken(_) => -libc::EIO,
                        };
                        finished = Some(if code == 0 { Outcome::Done } else { Outcome::Refused(-code) });
                    }
                    raw::NLMSG_OVERRUN => finished = Some(Outcome::Refused(libc::EOVERFLOW)),
                    _ => {
                        // A kernel without the family's handlers (MPLS
                        // without mpls_router) answers a dump of it with
                        // every family's objects: keep only the family asked.
                        let other_family = family != libc::AF_UNSPEC as u8
                            && matches!(frame, raw::Frame::Message(_, b) if b.get(NLMSG_HDRLEN) != Some(&family));
                        if !other_family && !matches!(r.decoded, Decoded::Ignored(IgnoreReason::Control)) {
                            out.push(r);
                        }
                    }
                }
                if finished.is_some() {
                    break;
                }
            }
            self.buf = buf;
            if finished.is_none() && out.len() >= chunk {
                *mark = 0;
                if !sink(std::mem::take(out)) {
                    return Ok(Outcome::Stopped);
                }
            }
            if let Some(f) = finished {
                if interrupted {
                    stats.dump_interrupted += 1;
                    return Ok(Outcome::Interrupted);
                }
                return Ok(f);
            }
        }
    }

    /// Dump everything ([`DUMPS`], in order), decoding each message; dumps the kernel marks
    /// inconsistent are retried. MPLS and nexthop dumps the kernel does not support give
    /// nothing. Returns the decoded data messages (control messages left out).
    pub fn dump_all(&mut self, stats: &mut Stats) -> io::Result<Vec<Received>> {
        let mut all = Vec::new();
        self.dump_chunked(stats, usize::MAX, |c| {
            all.extend(c);
            true
        })?;
        Ok(all)
    }

    /// [`Dumper::dump_all`], handing the messages to `sink` in chunks of
    /// `chunk` as they are decoded, so that a consumer applies them while
    /// the kernel is still dumping (a start-up import of a million routes
    /// overlaps the dump with VPP's FIB updates). A dump the kernel marks
    /// inconsistent is repeated whole: chunks of it already handed over
    /// stay handed over and come again (applying a dumped object twice
    /// changes nothing; anything that changed meanwhile also has a
    /// notification queued on the listener's socket, applied after the
    /// dump). Returns `Ok(false)` when `sink` refused a chunk (returned
    /// `false`), which ends the dump.
    pub fn dump_chunked(
        &mut self,
        stats: &mut Stats,
        chunk: usize,
        mut sink: impl FnMut(Vec<Received>) -> bool,
    ) -> io::Result<bool> {
        let mut out = Vec::new();
        for (what, t, fam, hdr) in DUMPS {
            if fam == libc::AF_MPLS as u8 && !mpls_loaded() {
                // The kernel would answer with every family's routes
                // again (a second full dump of a million routes).
                continue;
            }
            let mut attempt = 0;
            loop {
                let mut mark = out.len();
                match self.one((t, fam, hdr), &mut out, &mut mark, stats, (chunk.max(1), &mut sink))? {
                    Outcome::Done => break,
                    Outcome::Stopped => return Ok(false),
                    Outcome::Interrupted if attempt + 1 < ATTEMPTS => {
                        out.truncate(mark);
                        attempt += 1;
                    }
                    Outcome::Interrupted => {
                        return Err(io::Error::new(
                            io::ErrorKind::Interrupted,
                            format!("dump of {what} kept being interrupted"),
                        ))
                    }
                    Outcome::Refused(_) if t == raw::RTM_GETNEXTHOP || fam == libc::AF_MPLS as u8 => {
                        out.truncate(mark);
                        break;
                    }
                    Outcome::Refused(e) => {
                        let err = io::Error::from_raw_os_error(e);
                        return Err(io::Error::new(err.kind(), format!("dump of {what}: {err}")));
                    }
                }
            }
        }
        Ok(out.is_empty() || sink(out))
    }
}

/// Whether the kernel has MPLS routing (`mpls_router`: its sysctls exist,
/// in every namespace).
fn mpls_loaded() -> bool {
    std::path::Path::new("/proc/sys/net/mpls").exists()
}

/// Open a dump socket in `ns`, dump everything ([`Dumper::dump_all`]) and close it.
pub fn dump(ns: Option<&str>, stats: &mut Stats) -> io::Result<Vec<Received>> {
    Dumper::open(ns)?.dump_all(stats)
}
