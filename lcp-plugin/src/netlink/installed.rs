//! What one prefix of one namespace has in VPP, packed: one path without
//! labels is stored inline (a `Vec<Path>` cost an allocation per prefix),
//! and the FIB protocol and table id, which follow from the prefix, are not
//! stored.

use std::net::IpAddr;

use lcp_netlink::state::Labels;
use smallvec::SmallVec;
use vpp::fib::{EntryFlags, Path, PathKind, Proto};

/// One installed path: a [`Path`] in 40 bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InstalledPath {
    pub(crate) next_hop: Option<IpAddr>,
    pub(crate) sw_if_index: u32,
    kind: PathKind,
    proto: Proto,
    weight: u8,
    preference: u8,
    labels: Labels,
}

impl From<&Path> for InstalledPath {
    fn from(p: &Path) -> InstalledPath {
        InstalledPath {
            next_hop: p.next_hop,
            sw_if_index: p.sw_if_index,
            kind: p.kind,
            proto: p.proto,
            weight: p.weight,
            preference: p.preference,
            labels: Labels::from(p.labels.as_slice()),
        }
    }
}

impl InstalledPath {
    /// A forwarding path (not drop, unreachable, prohibit or local).
    pub(crate) fn is_normal(&self) -> bool {
        self.kind == PathKind::Normal
    }

    /// Its ECMP weight as installed.
    pub(crate) fn weight(&self) -> u8 {
        self.weight
    }

    /// Its preference as installed.
    pub(crate) fn preference(&self) -> u8 {
        self.preference
    }
}

/// The paths of an installed prefix.
pub(crate) type InstalledPaths = SmallVec<[InstalledPath; 1]>;

/// Pack `paths` for [`Installed::paths`].
pub(crate) fn pack(paths: &[Path]) -> InstalledPaths {
    paths.iter().map(InstalledPath::from).collect()
}

/// What one prefix of one namespace has in VPP (its protocol is the
/// prefix's, its table [`lcp_netlink::state::RouteKey::vpp_table`]).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Installed {
    pub(crate) fib_index: u32,
    pub(crate) dynamic: bool,
    pub(crate) flags: EntryFlags,
    pub(crate) paths: InstalledPaths,
    /// Installed as a punt entry (no usable next hop).
    pub(crate) punt: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_path_is_inline_and_packs_losslessly() {
        let sizes = [std::mem::size_of::<InstalledPath>(), std::mem::size_of::<Installed>()];
        assert!(sizes[0] <= 40 && sizes[1] <= 64, "{sizes:?}");
        let mut p = Path::via("10.0.0.1".parse().unwrap(), 3);
        let one = pack(std::slice::from_ref(&p));
        assert!(!one.spilled());
        assert_eq!((one[0].next_hop, one[0].sw_if_index), (p.next_hop, 3));
        // Every field takes part in the comparison that skips unchanged updates.
        let changes: [fn(&mut Path); 5] = [
            |p| p.weight = 2,
            |p| p.preference = 1,
            |p| p.labels = vec![16],
            |p| p.kind = PathKind::Drop,
            |p| p.proto = Proto::Ip6,
        ];
        for change in changes {
            let mut q = p.clone();
            change(&mut q);
            assert_ne!(pack(&[q]), one);
        }
        p.labels = vec![16, 17];
        assert_eq!(pack(&[p.clone()]), pack(&[p]));
    }
}
