//! `lcp lcp-auto-subint` (reference 2.11): with it on, a sub-interface
//! created on a paired phy gets its own pair at once, named
//! `<parent host name>.<sub id>` in the parent's namespace. (Its deletion
//! removes the pair through the sw-interface delete callback of
//! [`crate::pair`], whatever the setting.)

use crate::pair::{self, HostType, PAIRS};
use vpp::Barrier;

/// A new sw interface: pair it if it is a sub-interface of a paired phy.
/// Errors are logged and otherwise ignored, as in C.
pub fn on_sw_interface_add(b: &Barrier, sw_if_index: u32) {
    // A sub-interface made for a VLAN Linux created is paired by the
    // netlink side itself (with the Linux VLAN that exists already).
    if crate::netlink::applying() {
        return;
    }
    let Ok(Some(f)) = vpp::interface::facts(b, sw_if_index) else { return };
    if !f.is_sub {
        return;
    }
    let Ok(Some(sub)) = vpp::interface::sub_info(b, sw_if_index) else { return };
    let parent = {
        let t = PAIRS.read(b);
        t.find_by_phy(f.sup_sw_if_index)
            .and_then(|i| t.get(i))
            .map(|p| (p.host_name.clone(), p.netns.clone()))
    };
    let Some((parent_name, ns)) = parent else { return };
    let name = format!("{parent_name}.{}", sub.id);
    if let Err(e) = pair::create(b, sw_if_index, &name, HostType::Tap, Some(ns.as_deref().unwrap_or(""))) {
        let msg = format!("auto-subint: no pair for sw_if_index {sw_if_index} ({name}): {e}");
        vpp::log::log(b, vpp::log::Level::Warning, "linux-cp", "itf", &msg);
    }
}
