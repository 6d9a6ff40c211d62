//! `lcp_adj` (reference 9.1): the phy's complete neighbour adjacencies,
//! keyed by (phy sw_if_index, L2 rewrite). The TAP cross-connect nodes look
//! up the header Linux built to find the adjacency VPP would have used, so
//! the phy's output features apply to host frames.
//!
//! Read lock-free by the nodes ([`LCP_ADJS`] is a [`vpp::BarrierCell`]),
//! changed under the barrier. The lookup builds its key on the stack: no
//! allocation per packet.
//!
//! Filled like C's, by an adjacency delegate (`lcp_adj_init` registers
//! it): a new complete neighbour adjacency on the phy of a TAP pair is
//! indexed and followed; a followed adjacency that changes MAC is
//! re-indexed, one that stops being complete or is deleted is removed.
//!
//! Quirk 11, fixed: adjacencies that existed before their pair are indexed
//! too, by [`index_phy`], which the pair-add code calls once the TAP pair
//! is in the table ([`forget_phy`] on delete). Nodes fall back to the
//! pair's phy adjacency (`Pair::phy_adjs`) for anything not indexed.

use crate::pair::{HostType, PAIRS};
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use vpp::adj::delegate::{self, AdjDelegate};
use vpp::adj::{AdjIndex, Adjacency};
use vpp::{Barrier, MainThread};

/// Rewrite bytes in a key (`lcp_adj_key_t` has 28).
pub const KEY_REWRITE_LEN: usize = 28;

/// `lcp_adj_key_t`: the egress interface and the rewrite, zero padded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct AdjKey {
    /// The phy.
    pub sw_if_index: u32,
    /// The first `len` bytes of the rewrite, then zeros.
    pub rewrite: [u8; KEY_REWRITE_LEN],
}

impl AdjKey {
    /// The key of `rewrite` (truncated to 28 bytes, like C's
    /// `lcp_adj_mk_key`) on `sw_if_index`.
    #[inline(always)]
    pub fn new(sw_if_index: u32, rewrite: &[u8]) -> AdjKey {
        let mut k = AdjKey { sw_if_index, rewrite: [0; KEY_REWRITE_LEN] };
        let n = rewrite.len().min(KEY_REWRITE_LEN);
        k.rewrite[..n].copy_from_slice(&rewrite[..n]);
        k
    }
}

/// The map's form of an [`AdjKey`]: the rewrite as big-endian words
/// (3 x 8 bytes, then 4 in the low half of the last), so the derived order
/// is [`AdjKey`]'s byte order. The data path builds it from the frame with
/// four word loads and masks, and the hash map hashes five words: building
/// a byte array with a `memcpy` of `len` bytes and reading it back as words
/// stalled store forwarding, and every comparison called `memcmp` (together
/// most of `linux-cp-xc-ip4`'s time under `perf`); a B-tree then still cost
/// a dozen comparisons per lookup where C's bihash costs one probe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct MapKey {
    sw_if_index: u32,
    w: [u64; 4],
}

impl MapKey {
    /// The key of the first `min(len, 28, frame.len())` bytes of `frame`.
    #[inline(always)]
    fn of_frame(sw_if_index: u32, frame: &[u8], len: usize) -> MapKey {
        let n = len.min(KEY_REWRITE_LEN).min(frame.len());
        let w = match frame.first_chunk::<KEY_REWRITE_LEN>() {
            Some(h) => {
                let w8 = |i: usize| u64::from_be_bytes(*h[i..].first_chunk::<8>().unwrap_or(&[0; 8]));
                let w4 = u32::from_be_bytes(*h[24..].first_chunk::<4>().unwrap_or(&[0; 4])) as u64;
                [w8(0) & mask(n, 0, 8), w8(8) & mask(n, 8, 8), w8(16) & mask(n, 16, 8), w4 & mask(n, 24, 4)]
            }
            None => return MapKey::of(&AdjKey::new(sw_if_index, &frame[..n])),
        };
        MapKey { sw_if_index, w }
    }

    /// The key of an [`AdjKey`].
    #[inline]
    fn of(k: &AdjKey) -> MapKey {
        MapKey::of_bytes(k.sw_if_index, &k.rewrite)
    }

    #[inline]
    fn of_bytes(sw_if_index: u32, r: &[u8; KEY_REWRITE_LEN]) -> MapKey {
        let mut w = [0u64; 4];
        for (i, b) in r.iter().enumerate() {
            let (word, shift) = if i < 24 { (i / 8, 8 * (7 - i % 8)) } else { (3, 8 * (27 - i)) };
            w[word] |= (*b as u64) << shift;
        }
        MapKey { sw_if_index, w }
    }

    /// Back to bytes.
    fn key(&self) -> AdjKey {
        let mut rewrite = [0u8; KEY_REWRITE_LEN];
        for (i, b) in rewrite.iter_mut().enumerate() {
            let (word, shift) = if i < 24 { (i / 8, 8 * (7 - i % 8)) } else { (3, 8 * (27 - i)) };
            *b = (self.w[word] >> shift) as u8;
        }
        AdjKey { sw_if_index: self.sw_if_index, rewrite }
    }
}

impl Hash for MapKey {
    #[inline(always)]
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.sw_if_index as u64 ^ self.w[3].rotate_left(32));
        h.write_u64(self.w[0]);
        h.write_u64(self.w[1]);
        h.write_u64(self.w[2]);
    }
}

/// A multiply-rotate word hasher (the FxHash scheme): keys are a handful of
/// machine words chosen by VPP's control plane, not by packets, so no
/// flooding resistance is needed, only speed on the data path.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    #[inline(always)]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..c.len()].copy_from_slice(c);
            self.write_u64(u64::from_le_bytes(w));
        }
    }

    #[inline(always)]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The big-endian mask keeping the bytes of a `width`-byte word starting at
/// byte `start` that lie below `n`.
#[inline(always)]
fn mask(n: usize, start: usize, width: usize) -> u64 {
    let keep = n.saturating_sub(start).min(width);
    if keep == 0 {
        return 0;
    }
    let all = u64::MAX >> (64 - 8 * width);
    all & !((1u64 << (8 * (width - keep))) - 1)
}

/// Rewrite → adjacency index, and each indexed adjacency's key (C's
/// per-delegate stored key).
#[derive(Debug, Default)]
pub struct AdjTable {
    map: HashMap<MapKey, u32, BuildHasherDefault<WordHasher>>,
    by_adj: BTreeMap<u32, AdjKey>,
}

impl AdjTable {
    /// An empty table (usable in statics).
    pub const fn new() -> Self {
        AdjTable { map: HashMap::with_hasher(BuildHasherDefault::new()), by_adj: BTreeMap::new() }
    }

    /// Index adjacency `adj_index` under (phy, rewrite), replacing its
    /// previous key (a neighbour whose MAC changed).
    pub fn insert(&mut self, sw_if_index: u32, rewrite: &[u8], adj_index: u32) {
        let key = AdjKey::new(sw_if_index, rewrite);
        self.remove_adj(adj_index);
        if let Some(old) = self.map.insert(MapKey::of(&key), adj_index) {
            self.by_adj.remove(&old);
        }
        self.by_adj.insert(adj_index, key);
    }

    /// Remove the entry of (phy, rewrite); returns the adjacency it named.
    pub fn remove(&mut self, sw_if_index: u32, rewrite: &[u8]) -> Option<u32> {
        let ai = self.map.remove(&MapKey::of(&AdjKey::new(sw_if_index, rewrite)))?;
        self.by_adj.remove(&ai);
        Some(ai)
    }

    /// Remove adjacency `adj_index`, whatever its key.
    pub fn remove_adj(&mut self, adj_index: u32) -> bool {
        match self.by_adj.remove(&adj_index) {
            Some(k) => {
                let k = MapKey::of(&k);
                if self.map.get(&k) == Some(&adj_index) {
                    self.map.remove(&k);
                }
                true
            }
            None => false,
        }
    }

    /// The key adjacency `adj_index` is indexed under.
    pub fn key_of(&self, adj_index: u32) -> Option<&AdjKey> {
        self.by_adj.get(&adj_index)
    }

    /// Remove every entry of `sw_if_index` (its pair went away).
    pub fn remove_interface(&mut self, sw_if_index: u32) {
        self.map.retain(|k, _| k.sw_if_index != sw_if_index);
        self.by_adj.retain(|_, k| k.sw_if_index != sw_if_index);
    }

    /// `lcp_adj_lkup`: the adjacency whose rewrite is the first `len`
    /// bytes of `frame`, on `sw_if_index`.
    #[inline(always)]
    pub fn lookup(&self, frame: &[u8], len: u8, sw_if_index: u32) -> Option<u32> {
        if self.map.is_empty() {
            return None;
        }
        self.map.get(&MapKey::of_frame(sw_if_index, frame, len as usize)).copied()
    }

    /// Number of indexed adjacencies.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every entry, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (AdjKey, u32)> + '_ {
        let mut v: Vec<(MapKey, u32)> = self.map.iter().map(|(k, &v)| (*k, v)).collect();
        v.sort_unstable();
        v.into_iter().map(|(k, v)| (k.key(), v))
    }
}

/// The index the cross-connect nodes read.
pub static LCP_ADJS: vpp::BarrierCell<AdjTable> = vpp::BarrierCell::new(AdjTable::new());

/// Whether `sw_if_index` is the phy of a TAP pair (`false` while the pair
/// table is being changed: the caller indexes its phy afterwards).
fn is_tap_phy(mt: &MainThread, sw_if_index: u32) -> bool {
    PAIRS.try_read(mt).is_some_and(|t| {
        t.find_by_phy(sw_if_index).and_then(|i| t.get(i)).is_some_and(|p| p.host_type == HostType::Tap)
    })
}

/// Index `adj` if it is a complete neighbour adjacency, else drop its entry.
fn sync_one(mt: &MainThread, ai: AdjIndex, adj: &Adjacency) {
    let g = mt.barrier();
    LCP_ADJS.try_update(&g, |t| {
        if adj.is_rewrite() {
            t.insert(adj.sw_if_index(), adj.rewrite(), ai);
        } else {
            t.remove_adj(ai);
        }
    });
}

/// `lcp_adj_delegate_adj_created`: follow every adjacency of a TAP phy.
pub fn adj_created(mt: &MainThread, ai: AdjIndex, adj: &Adjacency) -> bool {
    if !is_tap_phy(mt, adj.sw_if_index()) {
        return false;
    }
    sync_one(mt, ai, adj);
    true
}

/// `lcp_adj_delegate_adj_modified`: re-index on a new rewrite, remove when
/// it is no longer complete.
pub fn adj_modified(mt: &MainThread, ai: AdjIndex, adj: &Adjacency) {
    sync_one(mt, ai, adj);
}

/// `lcp_adj_delegate_adj_deleted`.
pub fn adj_deleted(mt: &MainThread, ai: AdjIndex, _adj: &Adjacency) {
    let g = mt.barrier();
    LCP_ADJS.try_update(&g, |t| t.remove_adj(ai));
}

/// The delegate (`show adj` prints `{lcp}` on followed adjacencies).
pub static LCP_ADJ_DELEGATE: AdjDelegate =
    AdjDelegate { name: c"lcp", created: adj_created, modified: adj_modified, deleted: adj_deleted };

/// Index (and follow) the neighbour adjacencies `phy` already has: called
/// after a TAP pair for `phy` is added (quirk 11). Returns how many were
/// indexed.
pub fn index_phy(mt: &MainThread, phy: u32) -> usize {
    let mut n = 0;
    for ai in delegate::neighbours(mt, phy) {
        let _ = delegate::attach(mt, ai);
        if let Some(adj) = vpp::adj::view::get_main(mt, ai) {
            if adj.is_rewrite() && adj.sw_if_index() == phy {
                sync_one(mt, ai, adj);
                n += 1;
            }
        }
    }
    n
}

/// Forget every adjacency of `phy` (its pair is deleted).
pub fn forget_phy(b: &Barrier, phy: u32) {
    LCP_ADJS.update(b, |t| t.remove_interface(phy));
}

/// Register the adjacency delegate. Without VPP headers (no shim) the
/// index stays empty and the nodes use the phy adjacencies.
#[vpp::init(runs_after = ["adj_module_init"])]
fn lcp_adj_init(b: &Barrier) -> vpp::Result<()> {
    if let Err(e) = delegate::register(b, &LCP_ADJ_DELEGATE) {
        eprintln!("linux-cp: adjacency index disabled: {e}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_is_byte_order() {
        let keys: Vec<AdjKey> = [
            (1, &[0u8, 1, 2][..]),
            (1, &[0, 1, 3][..]),
            (0, &[9; 28][..]),
            (1, &[0; 28][..]),
            (1, &[[0u8; 27].as_slice(), &[1]].concat()[..]),
            (1, &[[0u8; 24].as_slice(), &[1]].concat()[..]),
            (2, &[255; 30][..]),
            (1, &[255, 0][..]),
        ]
        .iter()
        .map(|(i, r)| AdjKey::new(*i, r))
        .collect();
        for a in &keys {
            assert_eq!(MapKey::of(a).key(), *a);
            for b in &keys {
                assert_eq!(MapKey::of(a).cmp(&MapKey::of(b)), a.cmp(b), "{a:?} {b:?}");
            }
        }
        // From a frame: the first `len` bytes (at most 28), then zeros,
        // whether the frame is long or short.
        let frame: Vec<u8> = (1..=64).collect();
        for len in 0..=40 {
            for flen in [0, 5, 14, 27, 28, 29, 64] {
                let f = &frame[..flen];
                let want = AdjKey::new(3, &f[..len.min(flen)]);
                assert_eq!(MapKey::of_frame(3, f, len).key(), want, "len {len} frame {flen}");
            }
        }
    }

    #[test]
    fn lookup_by_prefix_of_frame() {
        let mut t = AdjTable::new();
        let rw = [1u8, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x08, 0x00];
        t.insert(3, &rw, 42);
        let mut frame = rw.to_vec();
        frame.extend_from_slice(&[0x45, 0, 0, 20]);
        assert_eq!(t.lookup(&frame, 14, 3), Some(42));
        assert_eq!(t.lookup(&frame, 14, 4), None, "other interface");
        assert_eq!(t.lookup(&frame, 18, 3), None, "longer rewrite (dot1q) differs");
        assert_eq!(t.remove(3, &rw), Some(42));
        assert!(t.is_empty());
        // A new MAC re-keys the adjacency; removal by adjacency index.
        t.insert(3, &rw, 42);
        let mut rw2 = rw;
        rw2[0] = 0x22;
        t.insert(3, &rw2, 42);
        assert_eq!((t.lookup(&rw, 14, 3), t.lookup(&rw2, 14, 3)), (None, Some(42)));
        assert!(t.remove_adj(42));
        assert!(t.is_empty() && t.key_of(42).is_none());
    }
}
