//! When the sync runs (reference 8.2): VPP's admin up/down, MTU change,
//! link up/down and interface-address callbacks.

use crate::pair::{Pair, PAIRS};
use vpp::interface::{
    AddressCallback, AddressCallbackRegistration, AddressEvent, HwLinkUpDown, HwLinkUpDownRegistration,
    SwAdminUpDown, SwAdminUpDownRegistration, SwMtuChange, SwMtuChangeRegistration,
};
use vpp::Barrier;

/// The pairs of `sw_if_index` itself (a sub-interface) or, for a main
/// interface, of it and every sub-interface on it: Linux changes children
/// with their parent, so each child's own state is asserted again.
fn pairs_of_hw(b: &Barrier, sw_if_index: u32) -> Vec<Pair> {
    let Ok(Some(f)) = vpp::interface::facts(b, sw_if_index) else { return Vec::new() };
    let t = PAIRS.read(b);
    if f.is_sub {
        return t.find_by_phy(sw_if_index).and_then(|i| t.get(i)).cloned().into_iter().collect();
    }
    t.iter()
        .filter(|(_, p)| {
            p.phy_sw_if_index == sw_if_index
                || vpp::interface::facts(b, p.phy_sw_if_index)
                    .ok()
                    .flatten()
                    .is_some_and(|pf| pf.is_sub && pf.sup_sw_if_index == sw_if_index)
        })
        .map(|(_, p)| p.clone())
        .collect()
}

struct OnAdmin;

impl SwAdminUpDown for OnAdmin {
    fn call(b: &Barrier, sw_if_index: u32, _admin_up: bool) -> vpp::Result<()> {
        // Nothing unless the interface itself is paired.
        if !super::enabled() || PAIRS.read(b).find_by_phy(sw_if_index).is_none() {
            return Ok(());
        }
        for p in pairs_of_hw(b, sw_if_index) {
            super::sync_pair(b, &p);
        }
        Ok(())
    }
}

struct OnMtu;

impl SwMtuChange for OnMtu {
    fn call(b: &Barrier, sw_if_index: u32) -> vpp::Result<()> {
        if !super::enabled() {
            return Ok(());
        }
        for p in pairs_of_hw(b, sw_if_index) {
            super::sync_pair(b, &p);
        }
        Ok(())
    }
}

struct OnLink;

impl HwLinkUpDown for OnLink {
    fn call(b: &Barrier, hw_if_index: u32, link_up: bool) -> vpp::Result<()> {
        // linux-nl's del-static/dynamic-on-link-down (reference 7.8).
        crate::netlink::hw_link_changed(hw_if_index, link_up);
        // Carrier and speed of the taps of main phys on this hw interface,
        // whatever lcp-sync says.
        // Only hosts `lcp create` made (C skips this in its test mode,
        // i.e. for `test lcp add` pairs of arbitrary interfaces).
        let pairs: Vec<(u32, u32)> = PAIRS
            .read(b)
            .iter()
            .filter(|(_, p)| p.owns_host)
            .map(|(_, p)| (p.phy_sw_if_index, p.host_sw_if_index))
            .collect();
        for (phy, host) in pairs {
            let Ok(Some(f)) = vpp::interface::facts(b, phy) else { continue };
            let Ok(Some(st)) = vpp::interface::state(b, phy) else { continue };
            if !f.is_sub && st.hw_if_index == hw_if_index {
                super::copy_carrier(b, host, link_up, st.link_speed);
            }
        }
        Ok(())
    }
}

struct OnAddress;

impl AddressCallback for OnAddress {
    fn call(b: &Barrier, ev: AddressEvent) {
        if !super::enabled() {
            return;
        }
        // The pair of the interface and those of the unnumbered interfaces
        // borrowing its addresses (quirk 16: upstream skips the latter).
        let pairs: Vec<Pair> = PAIRS.read(b).iter().map(|(_, p)| p.clone()).collect();
        for p in pairs {
            let direct = p.phy_sw_if_index == ev.sw_if_index;
            let borrowed = !direct
                && crate::state::with(|s| s.sync_unnumbered)
                && vpp::interface::state(b, p.phy_sw_if_index)
                    .ok()
                    .flatten()
                    .and_then(|s| s.unnumbered_donor)
                    == Some(ev.sw_if_index);
            if !(direct || borrowed) {
                continue;
            }
            let r = lcp_netlink::host::Rtnl::open(p.netns.as_deref()).and_then(|mut rt| {
                if ev.is_del {
                    rt.del_address(p.vif_index, ev.address, ev.prefix_len)
                } else {
                    rt.add_address(p.vif_index, ev.address, ev.prefix_len)
                }
            });
            if let Err(e) = r {
                let what = if ev.is_del { "del" } else { "add" };
                super::warn(
                    b,
                    &format!("sync {}: {what} {}/{}: {e}", p.host_name, ev.address, ev.prefix_len),
                );
            }
        }
    }
}

static ADMIN: SwAdminUpDownRegistration = SwAdminUpDownRegistration::new::<OnAdmin>();
static MTU: SwMtuChangeRegistration = SwMtuChangeRegistration::new::<OnMtu>();
static LINK: HwLinkUpDownRegistration = HwLinkUpDownRegistration::new::<OnLink>();
static ADDRESS: AddressCallbackRegistration = AddressCallbackRegistration::new::<OnAddress>();

extern "C" fn register() {
    // SAFETY: runs once, from this library's load-time constructor.
    unsafe {
        ADMIN.register();
        MTU.register();
        LINK.register();
    }
}

extern "C" fn unregister() {
    // SAFETY: runs once, from this library's unload-time destructor.
    unsafe {
        ADMIN.unregister();
        MTU.unregister();
        LINK.unregister();
    }
}

#[used]
#[link_section = ".init_array"]
static CTOR: extern "C" fn() = register;

#[used]
#[link_section = ".fini_array"]
static DTOR: extern "C" fn() = unregister;

#[vpp::init]
fn lcp_sync_init(b: &Barrier) -> vpp::Result<()> {
    ADDRESS.register(b);
    Ok(())
}
