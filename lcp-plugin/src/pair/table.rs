//! The pair database (reference 2.3): a pool of pairs whose index is the
//! `[N]` of `show lcp` and the API cursor, with lookups by phy and by host
//! sw_if_index (dense vectors, for the packet nodes) and by Linux ifindex
//! (per namespace, for netlink).

use super::{Pair, INVALID};
use std::collections::BTreeMap;

/// Why a pair cannot be inserted or found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PairError {
    /// The phy (or the host interface) already belongs to a pair
    /// (`VNET_API_ERROR_VALUE_EXIST`).
    Exists,
    /// An index is `~0` or there is no such pair
    /// (`VNET_API_ERROR_INVALID_SW_IF_INDEX`).
    NotFound,
}

/// All pairs.
#[derive(Debug, Default)]
pub struct PairTable {
    pool: Vec<Option<Pair>>,
    /// Freed pool slots, reused last-freed first like vppinfra's `pool_get`.
    free: Vec<u32>,
    by_phy: Vec<u32>,
    by_host: Vec<u32>,
    /// (ifindex, namespace) -> pair index. Upstream hashes only pairs in the
    /// default namespace (quirk 3); every pair is found here, in its own.
    /// Keyed ifindex first so a lookup needs no owned namespace name.
    by_vif: BTreeMap<(u32, Option<String>), u32>,
}

fn slot(v: &[u32], i: u32) -> Option<u32> {
    v.get(i as usize).copied().filter(|&p| p != INVALID)
}

fn set_slot(v: &mut Vec<u32>, i: u32, value: u32) {
    let i = i as usize;
    if v.len() <= i {
        v.resize(i + 1, INVALID);
    }
    v[i] = value;
}

impl PairTable {
    /// An empty table (usable in statics).
    pub const fn new() -> Self {
        PairTable {
            pool: Vec::new(),
            free: Vec::new(),
            by_phy: Vec::new(),
            by_host: Vec::new(),
            by_vif: BTreeMap::new(),
        }
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pool.len() - self.free.len()
    }

    /// True without pairs.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Insert `pair`; returns its index. Both its phy and its host must be
    /// unpaired (upstream checks the phy only, and a host reused for a
    /// second pair would shadow the first in the host lookup).
    pub fn insert(&mut self, pair: Pair) -> Result<u32, PairError> {
        if pair.phy_sw_if_index == INVALID || pair.host_sw_if_index == INVALID {
            return Err(PairError::NotFound);
        }
        if self.find_by_phy(pair.phy_sw_if_index).is_some()
            || self.find_by_host(pair.host_sw_if_index).is_some()
        {
            return Err(PairError::Exists);
        }
        let index = match self.free.pop() {
            Some(i) => i,
            None => {
                self.pool.push(None);
                (self.pool.len() - 1) as u32
            }
        };
        set_slot(&mut self.by_phy, pair.phy_sw_if_index, index);
        set_slot(&mut self.by_host, pair.host_sw_if_index, index);
        self.by_vif.insert((pair.vif_index, pair.netns.clone()), index);
        self.pool[index as usize] = Some(pair);
        Ok(index)
    }

    /// Remove the pair of `phy`; returns its index and record.
    pub fn remove_by_phy(&mut self, phy: u32) -> Result<(u32, Pair), PairError> {
        let index = self.find_by_phy(phy).ok_or(PairError::NotFound)?;
        let pair = self.pool[index as usize].take().ok_or(PairError::NotFound)?;
        self.by_phy[pair.phy_sw_if_index as usize] = INVALID;
        self.by_host[pair.host_sw_if_index as usize] = INVALID;
        let key = (pair.vif_index, pair.netns.clone());
        if self.by_vif.get(&key) == Some(&index) {
            self.by_vif.remove(&key);
        }
        self.free.push(index);
        Ok((index, pair))
    }

    /// The pair at pool index `index`.
    pub fn get(&self, index: u32) -> Option<&Pair> {
        self.pool.get(index as usize)?.as_ref()
    }

    /// Mutable access to the pair at `index`.
    pub fn get_mut(&mut self, index: u32) -> Option<&mut Pair> {
        self.pool.get_mut(index as usize)?.as_mut()
    }

    /// The index of the pair whose phy is `sw_if_index`.
    #[inline(always)]
    pub fn find_by_phy(&self, sw_if_index: u32) -> Option<u32> {
        slot(&self.by_phy, sw_if_index)
    }

    /// The index of the pair whose host is `sw_if_index`.
    #[inline(always)]
    pub fn find_by_host(&self, sw_if_index: u32) -> Option<u32> {
        slot(&self.by_host, sw_if_index)
    }

    /// The index of the pair whose Linux interface is `ifindex` in `netns`.
    pub fn find_by_vif(&self, netns: Option<&str>, ifindex: u32) -> Option<u32> {
        // (ifindex, None) is the first key for ifindex: no allocation per lookup.
        self.by_vif
            .range((ifindex, None)..)
            .take_while(|((i, _), _)| *i == ifindex)
            .find(|((_, ns), _)| ns.as_deref() == netns)
            .map(|(_, &index)| index)
    }

    /// Pairs in pool order, from pool index `cursor` on (the API cursor).
    pub fn iter_from(&self, cursor: u32) -> impl Iterator<Item = (u32, &Pair)> {
        self.pool
            .iter()
            .enumerate()
            .skip(cursor as usize)
            .filter_map(|(i, p)| p.as_ref().map(|p| (i as u32, p)))
    }

    /// All pairs in pool order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &Pair)> {
        self.iter_from(0)
    }

    /// Replace-begin: mark every pair stale.
    pub fn mark_all_stale(&mut self) {
        for p in self.pool.iter_mut().flatten() {
            p.stale = true;
        }
    }

    /// The phys of the pairs still stale (replace-end deletes them).
    pub fn stale_phys(&self) -> Vec<u32> {
        self.iter().filter(|(_, p)| p.stale).map(|(_, p)| p.phy_sw_if_index).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pair::HostType;

    fn pair(phy: u32, host: u32, vif: u32, ns: Option<&str>) -> Pair {
        Pair {
            phy_sw_if_index: phy,
            host_sw_if_index: host,
            host_name: format!("h{phy}"),
            vif_index: vif,
            netns: ns.map(str::to_string),
            host_type: HostType::Tap,
            phy_adjs: [INVALID; 2],
            rewrite_len: 14,
            phy_is_p2p: false,
            stale: false,
            owns_host: false,
            create_ts: 0.0,
        }
    }

    #[test]
    fn lookups_by_phy_host_and_vif() {
        let mut t = PairTable::new();
        assert_eq!(t.insert(pair(1, 10, 100, None)), Ok(0));
        assert_eq!(t.insert(pair(5, 11, 100, Some("blue"))), Ok(1));
        assert_eq!(t.len(), 2);
        assert_eq!(
            (t.find_by_phy(1), t.find_by_phy(5), t.find_by_phy(2), t.find_by_phy(u32::MAX)),
            (Some(0), Some(1), None, None)
        );
        assert_eq!((t.find_by_host(10), t.find_by_host(11), t.find_by_host(1)), (Some(0), Some(1), None));
        // The same ifindex in two namespaces names two pairs.
        assert_eq!(t.find_by_vif(None, 100), Some(0));
        assert_eq!(t.find_by_vif(Some("blue"), 100), Some(1));
        assert_eq!(t.find_by_vif(Some("red"), 100), None);
        assert_eq!(t.get(1).map(|p| p.host_name.as_str()), Some("h5"));
    }

    #[test]
    fn duplicates_and_invalid_indices_are_refused() {
        let mut t = PairTable::new();
        t.insert(pair(1, 10, 100, None)).unwrap();
        assert_eq!(t.insert(pair(1, 12, 101, None)), Err(PairError::Exists), "phy already paired");
        assert_eq!(t.insert(pair(2, 10, 102, None)), Err(PairError::Exists), "host already paired");
        assert_eq!(t.insert(pair(INVALID, 13, 103, None)), Err(PairError::NotFound));
        assert_eq!(t.insert(pair(3, INVALID, 103, None)), Err(PairError::NotFound));
        assert_eq!(t.len(), 1, "refused inserts change nothing");
        assert_eq!(t.remove_by_phy(7), Err(PairError::NotFound));
    }

    #[test]
    fn removal_clears_every_index_and_slots_are_reused_lifo() {
        let mut t = PairTable::new();
        for i in 0..4 {
            t.insert(pair(i, 10 + i, 100 + i, None)).unwrap();
        }
        let (idx, p) = t.remove_by_phy(1).unwrap();
        assert_eq!((idx, p.host_sw_if_index), (1, 11));
        t.remove_by_phy(2).unwrap();
        assert_eq!((t.find_by_phy(1), t.find_by_host(11), t.find_by_vif(None, 101)), (None, None, None));
        // vppinfra pools hand out the last freed index first.
        assert_eq!(t.insert(pair(7, 17, 107, None)), Ok(2));
        assert_eq!(t.insert(pair(8, 18, 108, None)), Ok(1));
        assert_eq!(t.insert(pair(9, 19, 109, None)), Ok(4));
        let order: Vec<u32> = t.iter().map(|(i, _)| i).collect();
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
        let from: Vec<u32> = t.iter_from(3).map(|(_, p)| p.phy_sw_if_index).collect();
        assert_eq!(from, vec![3, 9]);
    }

    #[test]
    fn replace_marks_and_reports_stale() {
        let mut t = PairTable::new();
        t.insert(pair(1, 10, 100, None)).unwrap();
        t.insert(pair(2, 11, 101, None)).unwrap();
        t.mark_all_stale();
        // Re-adding pair 2 clears its mark (the caller does this on VALUE_EXIST).
        let i = t.find_by_phy(2).unwrap();
        t.get_mut(i).unwrap().stale = false;
        t.insert(pair(3, 12, 102, None)).unwrap();
        assert_eq!(t.stale_phys(), vec![1]);
    }
}
