//! The VPP tables Linux's routes go into (reference 7.6), their FIB
//! sources, and the specials each table gets.
//!
//! Kernel tables 254 (main) and 255 (local) are VPP table 0, any other N is
//! VPP table N (a Linux VRF device's table included). A table is locked
//! (source `lcp-rt`) while any route from Linux is installed in it, with
//! upstream's specials: `255.255.255.255/32` (local) in IPv4 tables and a
//! local forward path on `(*, 224.0.0.0/24)` / `(*, ff00::/8)` in the mFIB
//! (which a phy with an address from Linux also holds: [`local_forward`]).
//! Unlike upstream, a route counts once however many notifications named
//! it (quirk 5), and the mFIB lock and specials go with the table's last
//! route (upstream's later fix).

use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use vpp::fib::{self, EntryFlags, Proto, Source, SourceBehaviour};
use vpp::MainThread;

/// `lcp-rt` (static and kernel-made routes, protocol ≤ 4) and
/// `lcp-rt-dynamic` (routing daemons), as upstream allocates them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sources {
    pub(crate) rt: Source,
    pub(crate) dynamic: Source,
}

#[derive(Debug)]
struct Table {
    fib_index: u32,
    mfib_index: Option<u32>,
    refs: u32,
}

/// The tables in use.
#[derive(Debug, Default)]
pub(crate) struct Tables {
    sources: Option<Sources>,
    tables: BTreeMap<(u8, u32), Table>,
}

fn key(proto: Proto, table_id: u32) -> (u8, u32) {
    let p = match proto {
        Proto::Ip4 => 0,
        Proto::Ip6 => 1,
        Proto::Mpls => 2,
    };
    (p, table_id)
}

fn broadcast() -> fib::Prefix {
    fib::Prefix::V4(Ipv4Addr::BROADCAST, 32)
}

/// Who needs the local forward path of `(*, 224.0.0.0/24)` / `(*, ff00::/8)`
/// in an mFIB, per `(proto, mfib index)`: a table lock (`None`, a route
/// from Linux is installed) and each phy accepting link-local multicast
/// there (`Some(sw_if_index)`, it has an address from Linux). Without the
/// path, accepted packets are replicated to nothing and dropped: OSPF's
/// hellos never reached Linux on a router with addresses and no route yet
/// (found by `vm_lcp_netlink`'s `routing_multicast_reaches_linux`).
static LOCAL_FORWARD: std::sync::Mutex<BTreeMap<(u8, u32), LocalForwardUsers>> =
    std::sync::Mutex::new(BTreeMap::new());

/// The users of one mFIB's local forward path.
type LocalForwardUsers = std::collections::BTreeSet<Option<u32>>;

/// `user` starts (`on`) or stops needing the local forward path in mFIB
/// `mfib_index`: added for every user (idempotent in VPP), removed with
/// the last.
pub(crate) fn local_forward(mt: &MainThread, proto: Proto, mfib_index: u32, user: Option<u32>, on: bool) {
    let Some((g, len)) = mcast_group(proto) else { return };
    let Ok(mut m) = LOCAL_FORWARD.lock() else { return };
    let k = (key(proto, 0).0, mfib_index);
    if on {
        m.entry(k).or_default().insert(user);
        let _ = vpp::mfib::add_local_forward(mt, proto, mfib_index, g, len);
        return;
    }
    let Some(users) = m.get_mut(&k) else { return };
    if users.remove(&user) && users.is_empty() {
        m.remove(&k);
        let _ = vpp::mfib::remove_local_forward(mt, proto, mfib_index, g, len);
    }
}

pub(crate) fn mcast_group(proto: Proto) -> Option<(IpAddr, u8)> {
    match proto {
        Proto::Ip4 => Some((IpAddr::V4(Ipv4Addr::new(224, 0, 0, 0)), 24)),
        Proto::Ip6 => Some((IpAddr::V6(Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0)), 8)),
        Proto::Mpls => None,
    }
}

impl Tables {
    /// The two FIB sources, allocated on first use.
    pub(crate) fn sources(&mut self, mt: &MainThread) -> vpp::Result<Sources> {
        if let Some(s) = self.sources {
            return Ok(s);
        }
        let rt = fib::source_allocate(mt, "lcp-rt", fib::PRIORITY_HI, SourceBehaviour::Api)?;
        let dynamic = fib::source_allocate(mt, "lcp-rt-dynamic", fib::PRIORITY_HI + 1, SourceBehaviour::Api)?;
        let s = Sources { rt, dynamic };
        self.sources = Some(s);
        Ok(s)
    }

    /// The FIB index of VPP table `table_id` for `proto`, locking it (and
    /// adding its specials) when this is its first route.
    pub(crate) fn lock(&mut self, mt: &MainThread, proto: Proto, table_id: u32) -> vpp::Result<u32> {
        let src = self.sources(mt)?.rt;
        if let Some(t) = self.tables.get_mut(&key(proto, table_id)) {
            t.refs += 1;
            return Ok(t.fib_index);
        }
        let b = mt.barrier();
        let fib_index = fib::table_lock(&b, proto, table_id, src)?;
        if proto == Proto::Ip4 {
            // Failure leaves the table usable; the broadcast entry is a nicety.
            let _ = fib::entry_special_add(mt, fib_index, &broadcast(), src, EntryFlags::LOCAL);
        }
        let mfib_index = match mcast_group(proto) {
            Some(_) => vpp::mfib::table_lock(&b, proto, table_id)
                .ok()
                .inspect(|mi| local_forward(mt, proto, *mi, None, true)),
            None => None,
        };
        self.tables.insert(key(proto, table_id), Table { fib_index, mfib_index, refs: 1 });
        Ok(fib_index)
    }

    /// Drop one route's reference; the last one unlocks the table and
    /// removes its specials.
    pub(crate) fn unlock(&mut self, mt: &MainThread, proto: Proto, table_id: u32) {
        let k = key(proto, table_id);
        let Some(t) = self.tables.get_mut(&k) else { return };
        t.refs = t.refs.saturating_sub(1);
        if t.refs > 0 {
            return;
        }
        let Some(t) = self.tables.remove(&k) else { return };
        let Some(src) = self.sources.map(|s| s.rt) else { return };
        if proto == Proto::Ip4 {
            let _ = fib::entry_special_remove(mt, t.fib_index, &broadcast(), src);
        }
        if let Some(mi) = t.mfib_index {
            local_forward(mt, proto, mi, None, false);
            let _ = vpp::mfib::table_unlock(&mt.barrier(), proto, mi);
        }
        let _ = fib::table_unlock(&mt.barrier(), proto, t.fib_index, src);
    }

    /// `(proto, table id, fib index, routes)` of every table in use.
    pub(crate) fn list(&self) -> Vec<(Proto, u32, u32, u32)> {
        self.tables
            .iter()
            .map(|(&(p, id), t)| {
                let proto = match p {
                    0 => Proto::Ip4,
                    1 => Proto::Ip6,
                    _ => Proto::Mpls,
                };
                (proto, id, t.fib_index, t.refs)
            })
            .collect()
    }
}
