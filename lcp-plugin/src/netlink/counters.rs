//! What `show lcp netlink` reports beside each listener's own counters.

/// Counters of the apply side (per namespace and summed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    /// Batches taken from the listeners.
    pub batches: u64,
    /// Events applied (to the model by the reader thread, then to VPP).
    pub events: u64,
    /// Resyncs completed (start-up imports included).
    pub resyncs: u64,
    /// Listener errors reported.
    pub errors: u64,
    /// Routes installed or changed in VPP.
    pub routes_updated: u64,
    /// Routes removed from VPP.
    pub routes_deleted: u64,
    /// Routes Linux has whose every next hop is on an interface without a
    /// pair: punted to Linux (`nl-unusable-routes punt`, the default) or
    /// left out (`ignore`, as upstream).
    pub routes_unusable: u64,
    /// Route operations VPP refused.
    pub route_errors: u64,
    /// Neighbours added or changed in VPP.
    pub neighs_added: u64,
    /// Neighbours removed from VPP.
    pub neighs_deleted: u64,
    /// Addresses added to VPP.
    pub addrs_added: u64,
    /// Addresses removed from VPP.
    pub addrs_deleted: u64,
    /// Link changes applied (admin state, MTU, MAC).
    pub link_changes: u64,
    /// Pairs made for VLAN links created in Linux.
    pub links_created: u64,
    /// Events for Linux interfaces without a pair (nothing to apply).
    pub unpaired: u64,
    /// Other VPP errors (addresses, neighbours, links).
    pub vpp_errors: u64,
    /// Routes the audit found missing from VPP (or different) and installed.
    pub audit_missing: u64,
    /// Entries of our sources the audit found in VPP unclaimed and removed.
    pub audit_stale: u64,
    /// Linux neighbours VPP forwards to, marked reachable again in Linux.
    pub neighs_refreshed: u64,
}

impl Counters {
    /// Add `o` into `self`.
    pub fn merge(&mut self, o: &Counters) {
        let Counters {
            batches,
            events,
            resyncs,
            errors,
            routes_updated,
            routes_deleted,
            routes_unusable,
            route_errors,
            neighs_added,
            neighs_deleted,
            addrs_added,
            addrs_deleted,
            link_changes,
            links_created,
            unpaired,
            vpp_errors,
            audit_missing,
            audit_stale,
            neighs_refreshed,
        } = *o;
        self.batches += batches;
        self.events += events;
        self.resyncs += resyncs;
        self.errors += errors;
        self.routes_updated += routes_updated;
        self.routes_deleted += routes_deleted;
        self.routes_unusable += routes_unusable;
        self.route_errors += route_errors;
        self.neighs_added += neighs_added;
        self.neighs_deleted += neighs_deleted;
        self.addrs_added += addrs_added;
        self.addrs_deleted += addrs_deleted;
        self.link_changes += link_changes;
        self.links_created += links_created;
        self.unpaired += unpaired;
        self.vpp_errors += vpp_errors;
        self.audit_missing += audit_missing;
        self.audit_stale += audit_stale;
        self.neighs_refreshed += neighs_refreshed;
    }

    /// `(name, value)` in display order.
    pub fn rows(&self) -> [(&'static str, u64); 19] {
        [
            ("batches", self.batches),
            ("events", self.events),
            ("resyncs", self.resyncs),
            ("listener-errors", self.errors),
            ("routes-updated", self.routes_updated),
            ("routes-deleted", self.routes_deleted),
            ("routes-unusable", self.routes_unusable),
            ("route-errors", self.route_errors),
            ("neighbours-added", self.neighs_added),
            ("neighbours-deleted", self.neighs_deleted),
            ("addresses-added", self.addrs_added),
            ("addresses-deleted", self.addrs_deleted),
            ("link-changes", self.link_changes),
            ("links-created", self.links_created),
            ("unpaired", self.unpaired),
            ("vpp-errors", self.vpp_errors),
            ("audit-missing", self.audit_missing),
            ("audit-stale", self.audit_stale),
            ("neighbours-refreshed", self.neighs_refreshed),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_adds_every_field() {
        let mut a = Counters { batches: 1, vpp_errors: 2, ..Default::default() };
        let b = Counters { batches: 3, routes_updated: 5, vpp_errors: 1, ..Default::default() };
        a.merge(&b);
        assert_eq!((a.batches, a.routes_updated, a.vpp_errors), (4, 5, 3));
        let rows = a.rows();
        assert_eq!(rows[0], ("batches", 4));
        assert_eq!(rows[15], ("vpp-errors", 3));
    }
}
