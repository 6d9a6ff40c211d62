//! The state of an interface that linux-cp mirrors into Linux (admin
//! state, L3 MTU, link, speed, MAC), and the few changes it makes to VPP's
//! side of a host interface.

#[cfg(not(vpp_process_shim))]
use super::no_shim;
use crate::error::Result;
use crate::thread::{Barrier, MainThread};

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_sw_if_state(
        sw_if_index: u32,
        flags: *mut u32,
        l3_mtu: *mut u32,
        hw_if_index: *mut u32,
        link_speed: *mut u32,
        mac: *mut u8,
        unnumbered_sw_if_index: *mut u32,
    ) -> i32;
    fn vpp_rs_sw_if_set_mtu(sw_if_index: u32, mtu: u32);
    fn vpp_rs_sw_if_admin_up(sw_if_index: u32);
    fn vpp_rs_ethernet_accept_all_dmac(hw_if_index: u32);
}

/// A software interface's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct State {
    /// `VNET_SW_INTERFACE_FLAG_ADMIN_UP`.
    pub admin_up: bool,
    /// `VNET_SW_INTERFACE_FLAG_UNNUMBERED`.
    pub unnumbered: bool,
    /// The interface whose addresses it borrows, when unnumbered.
    pub unnumbered_donor: Option<u32>,
    /// Its (super) hardware interface's link is up.
    pub link_up: bool,
    /// `mtu[VNET_MTU_L3]` (0: inherited from the parent).
    pub l3_mtu: u32,
    /// Its (super) hardware interface.
    pub hw_if_index: u32,
    /// The hardware link speed in kbit/s (`~0`: unknown).
    pub link_speed: u32,
    /// The Ethernet address, `None` for non-Ethernet interfaces.
    pub mac: Option<[u8; 6]>,
}

/// The state of `sw_if_index`, `None` if there is no such interface.
pub fn state(mt: &MainThread, sw_if_index: u32) -> Result<Option<State>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let (mut flags, mut mtu, mut hw, mut speed, mut mac, mut donor) =
            (0u32, 0u32, 0u32, 0u32, [0u8; 6], 0u32);
        // SAFETY: main thread (the token); the shim checks the index and
        // only reads VPP's interface tables into our locals.
        let r = unsafe {
            vpp_rs_sw_if_state(
                sw_if_index,
                &mut flags,
                &mut mtu,
                &mut hw,
                &mut speed,
                mac.as_mut_ptr(),
                &mut donor,
            )
        };
        if r < 0 {
            return Ok(None);
        }
        Ok(Some(State {
            admin_up: flags & 1 != 0,
            unnumbered: flags & 2 != 0,
            unnumbered_donor: (flags & 2 != 0).then_some(donor),
            link_up: flags & 4 != 0,
            l3_mtu: mtu,
            hw_if_index: hw,
            link_speed: speed,
            mac: (mac != [0; 6]).then_some(mac),
        }))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// Check `sw_if_index` exists (the setters below would index VPP's pool
/// out of bounds otherwise).
fn existing(sw_if_index: u32) -> Result<()> {
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: main thread (the callers' tokens); reads the pool.
        if unsafe { super::vpp_rs_sw_if_index_is_valid(sw_if_index) } == 0 {
            return Err(crate::Error::with_retval(
                crate::api::retval::INVALID_SW_IF_INDEX,
                format!("no interface {sw_if_index}"),
            ));
        }
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// `vnet_sw_interface_set_mtu`: set every MTU of `sw_if_index` (callbacks
/// run only when it changes).
pub fn set_mtu(b: &Barrier, sw_if_index: u32, mtu: u32) -> Result<()> {
    let _ = b;
    existing(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    // SAFETY: barrier held (the token), the interface exists.
    unsafe {
        vpp_rs_sw_if_set_mtu(sw_if_index, mtu)
    };
    #[cfg(not(vpp_process_shim))]
    let _ = mtu;
    Ok(())
}

/// `vnet_sw_interface_admin_up`.
pub fn admin_up(b: &Barrier, sw_if_index: u32) -> Result<()> {
    let _ = b;
    existing(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    // SAFETY: barrier held (the token), the interface exists.
    unsafe {
        vpp_rs_sw_if_admin_up(sw_if_index)
    };
    Ok(())
}

/// Make the Ethernet interface of hardware interface `hw_if_index` accept
/// frames for any destination MAC (`ETHERNET_INTERFACE_FLAG_STATUS_L3`),
/// as linux-cp does to its taps. No effect on a non-Ethernet interface.
pub fn accept_all_dmac(b: &Barrier, hw_if_index: u32) -> Result<()> {
    let _ = b;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held; `ethernet_get_interface` checks the index
        // (NULL for non-Ethernet or unknown hw interfaces, which the shim
        // skips).
        unsafe { vpp_rs_ethernet_accept_all_dmac(hw_if_index) };
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = hw_if_index;
        Err(no_shim())
    }
}
