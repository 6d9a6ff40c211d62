//! A route's next hop as the model stores it: a [`RoutePath`] packed into 40 bytes, with
//! no allocation unless it carries MPLS labels.

use std::net::IpAddr;

use crate::event::RoutePath;

/// MPLS out labels, outermost first, in one pointer: nothing is allocated for an empty
/// stack (the common case), where a `Vec<u32>` costs three words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Labels(Option<Box<Stack>>);

/// The labels of a non-empty [`Labels`] (a struct so that the box is one pointer).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Stack(Box<[u32]>);

impl Labels {
    /// The labels, outermost first.
    pub fn as_slice(&self) -> &[u32] {
        self.0.as_deref().map_or(&[], |s| &s.0)
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl From<&[u32]> for Labels {
    fn from(l: &[u32]) -> Labels {
        Labels((!l.is_empty()).then(|| Box::new(Stack(l.into()))))
    }
}

/// One next hop of a stored route and the resync generation that last confirmed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hop {
    gateway: Option<IpAddr>,
    /// `RoutePath::ifindex`, `has_ifindex` telling `None` from `Some(0)`.
    ifindex: u32,
    has_ifindex: bool,
    weight: u32,
    pub(crate) gen: u32,
    labels: Labels,
}

impl Hop {
    /// `p`, confirmed at `gen`.
    pub(crate) fn new(p: &RoutePath, gen: u32) -> Hop {
        Hop {
            gateway: p.gateway,
            ifindex: p.ifindex.unwrap_or(0),
            has_ifindex: p.ifindex.is_some(),
            weight: p.weight,
            gen,
            labels: Labels::from(p.labels.as_slice()),
        }
    }

    /// The outgoing interface.
    pub(crate) fn ifindex(&self) -> Option<u32> {
        self.has_ifindex.then_some(self.ifindex)
    }

    /// [`RoutePath::same_hop`].
    pub(crate) fn same_hop(&self, p: &RoutePath) -> bool {
        self.ifindex() == p.ifindex && self.gateway == p.gateway
    }

    /// The path again.
    pub(crate) fn path(&self) -> RoutePath {
        RoutePath {
            ifindex: self.ifindex(),
            gateway: self.gateway,
            weight: self.weight,
            labels: self.labels.as_slice().to_vec(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_round_trips() {
        for (ifindex, labels) in [(None, vec![]), (Some(0), vec![]), (Some(7), vec![16, 17])] {
            let p = RoutePath { ifindex, gateway: Some("fe80::1".parse().unwrap()), weight: 300, labels };
            let h = Hop::new(&p, 3);
            assert_eq!((h.path(), h.gen), (p.clone(), 3));
            assert!(h.same_hop(&RoutePath { weight: 1, labels: vec![], ..p }));
        }
        assert!(!Hop::new(&RoutePath { ifindex: None, gateway: None, weight: 1, labels: vec![] }, 0)
            .same_hop(&RoutePath { ifindex: Some(0), gateway: None, weight: 1, labels: vec![] }));
    }

    #[test]
    fn labels_are_one_pointer() {
        assert_eq!(std::mem::size_of::<Labels>(), std::mem::size_of::<usize>());
        assert!(Labels::from(&[][..]).is_empty());
        assert_eq!(Labels::from(&[1, 2][..]).as_slice(), &[1, 2]);
    }
}
