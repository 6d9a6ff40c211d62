//! `lcp_adj` (reference 9.1): the phy's complete neighbour adjacencies,
//! keyed by (phy sw_if_index, L2 rewrite). The TAP cross-connect nodes look
//! up the header Linux built to find the adjacency VPP would have used, so
//! the phy's output features apply to host frames.
//!
//! Read lock-free by the nodes ([`LCP_ADJS`] is a [`vpp::BarrierCell`]),
//! changed under the barrier. The lookup builds its key on the stack: no
//! allocation per packet.
//!
//! Not yet filled automatically: the C plugin fills its bihash from an
//! adjacency delegate (`adj_delegate_register_new_type`); until that
//! registration exists here, [`AdjTable::insert`]/[`AdjTable::remove`] are
//! the only writers and the nodes fall back to the pair's phy adjacency
//! (`Pair::phy_adjs`), as C does for adjacencies created before their pair
//! (quirk 11).

use std::collections::BTreeMap;

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

/// Rewrite → adjacency index.
#[derive(Debug, Default)]
pub struct AdjTable {
    map: BTreeMap<AdjKey, u32>,
}

impl AdjTable {
    /// An empty table (usable in statics).
    pub const fn new() -> Self {
        AdjTable { map: BTreeMap::new() }
    }

    /// Index adjacency `adj_index` under its (phy, rewrite).
    pub fn insert(&mut self, sw_if_index: u32, rewrite: &[u8], adj_index: u32) {
        self.map.insert(AdjKey::new(sw_if_index, rewrite), adj_index);
    }

    /// Remove the entry of (phy, rewrite); returns the adjacency it named.
    pub fn remove(&mut self, sw_if_index: u32, rewrite: &[u8]) -> Option<u32> {
        self.map.remove(&AdjKey::new(sw_if_index, rewrite))
    }

    /// Remove every entry of `sw_if_index` (its pair went away).
    pub fn remove_interface(&mut self, sw_if_index: u32) {
        self.map.retain(|k, _| k.sw_if_index != sw_if_index);
    }

    /// `lcp_adj_lkup`: the adjacency whose rewrite is the first `len`
    /// bytes of `frame`, on `sw_if_index`.
    #[inline(always)]
    pub fn lookup(&self, frame: &[u8], len: u8, sw_if_index: u32) -> Option<u32> {
        if self.map.is_empty() {
            return None;
        }
        let n = (len as usize).min(frame.len());
        self.map.get(&AdjKey::new(sw_if_index, &frame[..n])).copied()
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
    pub fn iter(&self) -> impl Iterator<Item = (&AdjKey, u32)> {
        self.map.iter().map(|(k, &v)| (k, v))
    }
}

/// The index the cross-connect nodes read.
pub static LCP_ADJS: vpp::BarrierCell<AdjTable> = vpp::BarrierCell::new(AdjTable::new());

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
