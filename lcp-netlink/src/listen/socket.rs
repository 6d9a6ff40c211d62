//! The subscription socket: joined to the rtnetlink multicast groups in one namespace.

use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::time::Duration;

use netlink_sys::{protocols::NETLINK_ROUTE, Socket};

use crate::event::{decode_datagram, Received, Stats};
use crate::host::in_netns;

/// `RTNLGRP_LINK`.
pub const RTNLGRP_LINK: u32 = 1;
/// `RTNLGRP_NEIGH`.
pub const RTNLGRP_NEIGH: u32 = 3;
/// `RTNLGRP_IPV4_IFADDR`.
pub const RTNLGRP_IPV4_IFADDR: u32 = 5;
/// `RTNLGRP_IPV4_ROUTE`.
pub const RTNLGRP_IPV4_ROUTE: u32 = 7;
/// `RTNLGRP_IPV6_IFADDR`.
pub const RTNLGRP_IPV6_IFADDR: u32 = 9;
/// `RTNLGRP_IPV6_ROUTE`.
pub const RTNLGRP_IPV6_ROUTE: u32 = 11;
/// `RTNLGRP_MPLS_ROUTE`.
pub const RTNLGRP_MPLS_ROUTE: u32 = 27;
/// `RTNLGRP_NEXTHOP`.
pub const RTNLGRP_NEXTHOP: u32 = 32;

/// `NLM_F_DUMP_INTR`.
const NLM_F_DUMP_INTR: u16 = 0x10;

/// The groups the listener joins. MPLS and NEXTHOP are optional (a kernel without them
/// refuses the join, which is not an error).
pub const GROUPS: [u32; 8] = [
    RTNLGRP_LINK,
    RTNLGRP_NEIGH,
    RTNLGRP_IPV4_IFADDR,
    RTNLGRP_IPV4_ROUTE,
    RTNLGRP_IPV6_IFADDR,
    RTNLGRP_IPV6_ROUTE,
    RTNLGRP_MPLS_ROUTE,
    RTNLGRP_NEXTHOP,
];

/// Listener settings (`linux-nl { … }` in startup.conf).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListenerConfig {
    /// The namespace (`/var/run/netns/<name>`); `None`: the opening thread's.
    pub netns: Option<String>,
    /// `nl-rx-buffer-size`: the receive buffer in bytes (default 128 MiB).
    pub rx_buffer_size: usize,
    /// `nl-batch-size`: the most messages handed over per batch (default 2048).
    pub batch_size: usize,
    /// How long the reader thread waits for data before checking whether it should stop.
    pub poll_interval: Duration,
    /// How long the reader thread waits before retrying a resync that failed.
    pub resync_retry_delay: Duration,
    /// Batches queued between the reader thread and the consumer before the reader waits.
    pub channel_depth: usize,
    /// After handing over a batch smaller than `batch_size`, the reader waits this long
    /// before reading again, so that a burst of changes arrives in a few batches instead of
    /// one wake-up per message (each wake-up is a context switch on the CPU of the process
    /// making the changes). The first change after a quiet spell is read at once.
    pub gather: Duration,
}

impl Default for ListenerConfig {
    fn default() -> Self {
        ListenerConfig {
            netns: None,
            rx_buffer_size: 1 << 27,
            batch_size: 1 << 11,
            poll_interval: Duration::from_millis(100),
            resync_retry_delay: Duration::from_secs(2),
            channel_depth: 64,
            gather: Duration::from_millis(1),
        }
    }
}

/// What one [`Listener::read_batch`] got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadBatch {
    /// The decoded messages, in arrival order.
    pub items: Vec<Received>,
    /// The socket overflowed (`ENOBUFS`), or a message carried `NLM_F_DUMP_INTR`:
    /// notifications were lost or are inconsistent, and only a full resync makes the model
    /// right again.
    pub resync_needed: bool,
}

/// A NETLINK_ROUTE socket subscribed to [`GROUPS`] in one namespace.
pub struct Listener {
    sock: Socket,
    buf: Vec<u8>,
    batch_size: usize,
    netns: Option<String>,
    /// Counters of everything read.
    pub stats: Stats,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener")
            .field("fd", &self.sock.as_raw_fd())
            .field("netns", &self.netns)
            .field("batch_size", &self.batch_size)
            .finish()
    }
}

fn setsockopt_int(fd: RawFd, opt: libc::c_int, v: libc::c_int) -> io::Result<()> {
    // SAFETY: `fd` is an open socket owned by the caller for the duration of the call; the
    // value points to a c_int that lives across the call and its exact size is passed.
    let r = unsafe {
        libc::setsockopt(
            fd,
            libc::SOL_SOCKET,
            opt,
            (&v as *const libc::c_int).cast(),
            std::mem::size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    if r != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

impl Listener {
    /// Open the socket inside `cfg.netns`, join the groups and set the receive buffer.
    pub fn open(cfg: &ListenerConfig) -> io::Result<Listener> {
        let sock = in_netns(cfg.netns.as_deref(), || {
            let mut s = Socket::new(NETLINK_ROUTE)?;
            s.bind_auto()?;
            Ok(s)
        })
        .map_err(|e| io::Error::new(e.kind(), format!("opening the netlink listener: {e}")))?;
        for g in GROUPS {
            if let Err(e) = sock.add_membership(g) {
                if g != RTNLGRP_MPLS_ROUTE && g != RTNLGRP_NEXTHOP {
                    return Err(io::Error::new(e.kind(), format!("joining rtnetlink group {g}: {e}")));
                }
            }
        }
        let l = Listener {
            sock,
            buf: Vec::new(),
            batch_size: cfg.batch_size.max(1),
            netns: cfg.netns.clone().filter(|n| !n.is_empty()),
            stats: Stats::default(),
        };
        l.set_rx_buffer_size(cfg.rx_buffer_size)?;
        Ok(l)
    }

    /// The namespace the socket lives in.
    pub fn netns(&self) -> Option<&str> {
        self.netns.as_deref()
    }

    /// The socket's descriptor (to poll it from an event loop).
    pub fn as_raw_fd(&self) -> RawFd {
        self.sock.as_raw_fd()
    }

    /// Change the batch limit (at least 1).
    pub fn set_batch_size(&mut self, n: usize) {
        self.batch_size = n.max(1);
    }

    /// Set the receive buffer to `bytes`: `SO_RCVBUFFORCE` (beyond `rmem_max`, needs
    /// CAP_NET_ADMIN), falling back to `SO_RCVBUF` (capped at `rmem_max`). Returns the size
    /// the kernel reports afterwards (it doubles the request for bookkeeping).
    pub fn set_rx_buffer_size(&self, bytes: usize) -> io::Result<usize> {
        let v = libc::c_int::try_from(bytes).unwrap_or(libc::c_int::MAX);
        let fd = self.sock.as_raw_fd();
        if setsockopt_int(fd, libc::SO_RCVBUFFORCE, v).is_err() {
            setsockopt_int(fd, libc::SO_RCVBUF, v)?;
        }
        self.rx_buffer_size()
    }

    /// The receive buffer size the kernel reports.
    pub fn rx_buffer_size(&self) -> io::Result<usize> {
        self.sock.get_rx_buf_sz()
    }

    /// Wait up to `wait` for readable data (`None`: do not wait). Returns whether there is.
    fn wait_readable(&self, wait: Option<Duration>) -> io::Result<bool> {
        let ms = wait.map(|d| libc::c_int::try_from(d.as_millis()).unwrap_or(libc::c_int::MAX)).unwrap_or(0);
        let mut pfd = libc::pollfd { fd: self.sock.as_raw_fd(), events: libc::POLLIN, revents: 0 };
        loop {
            // SAFETY: `pfd` is one valid pollfd that lives across the call, and we pass a
            // count of exactly 1.
            let r = unsafe { libc::poll(&mut pfd, 1, ms) };
            if r < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(e);
            }
            return Ok(r > 0);
        }
    }

    /// Read one datagram without blocking. `Ok(None)`: nothing queued.
    fn recv_one(&mut self) -> io::Result<Option<u32>> {
        loop {
            let mut probe = [0u8; 0];
            let len = match self
                .sock
                .recv(&mut &mut probe[..], libc::MSG_PEEK | libc::MSG_TRUNC | libc::MSG_DONTWAIT)
            {
                Ok(len) => len,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                Err(e) => return Err(e),
            };
            self.buf.clear();
            self.buf.reserve(len.max(16));
            match self.sock.recv_from(&mut self.buf, libc::MSG_DONTWAIT) {
                Ok((_, from)) => return Ok(Some(from.port_number())),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                Err(e) => return Err(e),
            }
        }
    }

    /// Throw away every queued datagram (returns how many). A resync does
    /// this before it dumps: what is queued is older than the dump, and the
    /// kernel reports an overflow (`ENOBUFS`) only when the socket becomes
    /// congested, a state it leaves only once its queue has been emptied; a
    /// queue left standing while the dump runs would hide every later
    /// overflow.
    pub fn discard_queued(&mut self) -> usize {
        let mut n = 0;
        loop {
            match self.recv_one() {
                Ok(Some(_)) => n += 1,
                Ok(None) => return n,
                // An overflow reported now is the one being resynced.
                Err(e) if e.raw_os_error() == Some(libc::ENOBUFS) => continue,
                Err(_) => return n,
            }
        }
    }

    /// Read what is queued, up to the batch limit (counted in messages, whole datagrams at
    /// a time), waiting up to `wait` for the first datagram. An overflow (`ENOBUFS`) ends
    /// the batch with [`ReadBatch::resync_needed`]; other socket errors are returned.
    pub fn read_batch(&mut self, wait: Option<Duration>) -> io::Result<ReadBatch> {
        let mut out = ReadBatch::default();
        if !self.wait_readable(wait)? {
            return Ok(out);
        }
        while out.items.len() < self.batch_size {
            match self.recv_one() {
                Ok(Some(sender)) => {
                    self.stats.datagrams += 1;
                    let buf = std::mem::take(&mut self.buf);
                    let got = decode_datagram(&buf, sender, &mut self.stats);
                    self.buf = buf;
                    if got.iter().any(|r| r.header.flags & NLM_F_DUMP_INTR != 0) {
                        // Only dump replies carry it; on this socket it means what we hold
                        // is inconsistent, so resync.
                        self.stats.dump_interrupted += 1;
                        out.resync_needed = true;
                    }
                    out.items.extend(got);
                }
                Ok(None) => break,
                Err(e) if e.raw_os_error() == Some(libc::ENOBUFS) => {
                    self.stats.overflows += 1;
                    out.resync_needed = true;
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }
}
