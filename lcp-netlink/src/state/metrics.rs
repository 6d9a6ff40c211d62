//! The kernel routes of one [`RouteKey`](super::RouteKey), one per metric: a vector sorted
//! by metric holding the common single-metric case inline (an inner `BTreeMap` cost a
//! whole B-tree node, ~600 bytes, per prefix).

use smallvec::SmallVec;

use super::RouteEntry;

/// The kernel routes of one prefix, by ascending metric.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metrics(SmallVec<[RouteEntry; 1]>);

impl Metrics {
    /// The route of `metric`.
    pub fn get(&self, metric: u32) -> Option<&RouteEntry> {
        self.find(metric).ok().map(|i| &self.0[i])
    }

    /// Every route, lowest metric first.
    pub fn iter(&self) -> std::slice::Iter<'_, RouteEntry> {
        self.0.iter()
    }

    /// The lowest-metric route.
    pub fn first(&self) -> Option<&RouteEntry> {
        self.0.first()
    }

    /// How many metrics.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn find(&self, metric: u32) -> Result<usize, usize> {
        self.0.binary_search_by_key(&metric, |e| e.metric)
    }

    pub(crate) fn get_mut(&mut self, metric: u32) -> Option<&mut RouteEntry> {
        self.find(metric).ok().map(|i| &mut self.0[i])
    }

    /// Put `e` in, replacing the route of the same metric.
    pub(crate) fn insert(&mut self, e: RouteEntry) {
        match self.find(e.metric) {
            Ok(i) => self.0[i] = e,
            Err(i) => self.0.insert(i, e),
        }
    }

    pub(crate) fn remove(&mut self, metric: u32) {
        if let Ok(i) = self.find(metric) {
            self.0.remove(i);
        }
    }

    pub(crate) fn retain(&mut self, keep: impl FnMut(&mut RouteEntry) -> bool) {
        self.0.retain(keep);
    }
}

impl<'a> IntoIterator for &'a Metrics {
    type Item = &'a RouteEntry;
    type IntoIter = std::slice::Iter<'a, RouteEntry>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::RouteKind;

    fn entry(metric: u32, protocol: u8) -> RouteEntry {
        RouteEntry { metric, protocol, kind: RouteKind::Unicast, nh_id: None, paths: SmallVec::new(), gen: 0 }
    }

    #[test]
    fn sorted_by_metric_and_one_per_metric() {
        let mut m = Metrics::default();
        for (metric, proto) in [(20, 1), (0, 2), (1024, 3), (20, 4)] {
            m.insert(entry(metric, proto));
        }
        let got: Vec<_> = m.iter().map(|e| (e.metric, e.protocol)).collect();
        assert_eq!(got, vec![(0, 2), (20, 4), (1024, 3)]);
        assert_eq!(m.get(20).map(|e| e.protocol), Some(4));
        assert!(m.get(5).is_none());
        m.remove(0);
        m.remove(7);
        assert_eq!((m.first().map(|e| e.metric), m.len()), (Some(20), 2));
        m.retain(|e| e.metric != 20);
        assert_eq!(m.iter().map(|e| e.metric).collect::<Vec<_>>(), vec![1024]);
    }

    #[test]
    fn one_route_with_one_path_is_inline() {
        // What a prefix costs in the model besides its key: one metric and one unlabelled
        // path allocate nothing (a BTreeMap per prefix cost ~600 bytes).
        let sizes = [
            ("Hop", std::mem::size_of::<super::super::hop::Hop>()),
            ("RouteEntry", std::mem::size_of::<RouteEntry>()),
            ("Metrics", std::mem::size_of::<Metrics>()),
        ];
        eprintln!("{sizes:?}");
        assert!(sizes[0].1 <= 40 && sizes[2].1 <= 80, "{sizes:?}");
        let mut m = Metrics::default();
        let mut e = entry(0, 4);
        let p = crate::event::RoutePath {
            ifindex: Some(2),
            gateway: Some("10.0.0.1".parse().unwrap()),
            weight: 1,
            labels: Vec::new(),
        };
        e.paths.push(super::super::hop::Hop::new(&p, 0));
        m.insert(e);
        assert!(!m.0.spilled() && !m.0[0].paths.spilled());
        assert_eq!(m.0[0].paths().collect::<Vec<_>>(), vec![p]);
    }
}
