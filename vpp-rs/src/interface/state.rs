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
    fn vpp_rs_sw_if_admin_down(sw_if_index: u32);
    fn vpp_rs_hw_if_info(hw_if_index: u32, mac: *mut u8, mac_len: *mut u32) -> i32;
    fn vpp_rs_hw_if_set_mtu(hw_if_index: u32, mtu: u32, err: *mut core::ffi::c_char, errlen: u32) -> i32;
    fn vpp_rs_hw_if_change_mac(
        hw_if_index: u32,
        mac: *const u8,
        err: *mut core::ffi::c_char,
        errlen: u32,
    ) -> i32;
    fn vpp_rs_adj_sw_if_index(adj_index: u32) -> u32;
    fn vpp_rs_update_adjacency(sw_if_index: u32, adj_index: u32);
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
pub(crate) fn existing(sw_if_index: u32) -> Result<()> {
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

/// `vnet_sw_interface_admin_down` (`INVALID_SW_IF_INDEX` for an unknown
/// interface). Like admin up and MTU changes it takes the barrier: the
/// interface's flags and output paths are what workers use.
pub fn admin_down(b: &Barrier, sw_if_index: u32) -> Result<()> {
    let _ = b;
    existing(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    // SAFETY: barrier held (the token), the interface exists.
    unsafe {
        vpp_rs_sw_if_admin_down(sw_if_index)
    };
    Ok(())
}

/// What VPP knows of a hardware interface: whether it is of the Ethernet
/// class and its address. `INVALID_SW_IF_INDEX` for an unknown index.
#[cfg_attr(not(vpp_process_shim), allow(dead_code))]
fn hw_info(hw_if_index: u32) -> Result<(bool, Vec<u8>)> {
    #[cfg(vpp_process_shim)]
    {
        let (mut mac, mut n) = ([0u8; 6], 0u32);
        // SAFETY: main thread at least (the callers' tokens); the shim
        // checks the index against the hw pool and writes 6 bytes + a u32.
        let r = unsafe { vpp_rs_hw_if_info(hw_if_index, mac.as_mut_ptr(), &mut n) };
        if r < 0 {
            return Err(crate::Error::with_retval(
                crate::api::retval::INVALID_SW_IF_INDEX,
                format!("no hardware interface {hw_if_index}"),
            ));
        }
        Ok((r & 4 != 0, mac[..(n as usize).min(6)].to_vec()))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = hw_if_index;
        Err(super::ip_address::no_l3_shim())
    }
}

/// The MAC address of hardware interface `hw_if_index` (`hw_address`),
/// `None` when it is not of the Ethernet class; `INVALID_SW_IF_INDEX` for
/// an unknown index.
pub fn hw_mac(mt: &MainThread, hw_if_index: u32) -> Result<Option<[u8; 6]>> {
    let _ = mt;
    let (ethernet, addr) = hw_info(hw_if_index)?;
    Ok((ethernet && addr.len() == 6).then(|| {
        let mut m = [0u8; 6];
        m.copy_from_slice(&addr);
        m
    }))
}

/// `vnet_hw_interface_set_mtu`: the hardware MTU of `hw_if_index` (its max
/// frame size less the frame overhead); VPP then sets the MTU of every
/// software interface on it. Takes the barrier as VPP's `hw_interface_set_mtu`
/// handler does. `INVALID_SW_IF_INDEX` for an unknown index, `INVALID_VALUE`
/// for MTU 0, else VPP's error (e.g. `UNSUPPORTED` when the hardware class
/// or driver cannot change its frame size).
pub fn set_hw_mtu(b: &Barrier, hw_if_index: u32, mtu: u32) -> Result<()> {
    let _ = b;
    if mtu == 0 {
        return Err(crate::Error::with_retval(crate::api::retval::INVALID_VALUE, "MTU 0"));
    }
    hw_info(hw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        let mut err = [0 as core::ffi::c_char; 256];
        // SAFETY: barrier held (the token), the hw interface exists; the
        // shim writes at most `err.len()` bytes.
        let r = unsafe { vpp_rs_hw_if_set_mtu(hw_if_index, mtu, err.as_mut_ptr(), err.len() as u32) };
        super::ip_address::from_shim(r, &err, || format!("setting MTU {mtu} on hw {hw_if_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    Err(super::ip_address::no_l3_shim())
}

/// `vnet_hw_interface_change_mac_address`: the MAC of Ethernet hardware
/// interface `hw_if_index` (the driver's and the Ethernet interface's; VPP
/// then updates its adjacencies' rewrites). `INVALID_SW_IF_INDEX` for an
/// unknown index, `INVALID_INTERFACE` for a non-Ethernet one,
/// `INVALID_ARGUMENT` for a multicast MAC, else VPP's error.
pub fn set_hw_mac(b: &Barrier, hw_if_index: u32, mac: [u8; 6]) -> Result<()> {
    let _ = b;
    if mac[0] & 1 != 0 {
        return Err(crate::Error::with_retval(
            crate::api::retval::INVALID_ARGUMENT,
            "a multicast MAC cannot be an interface's address",
        ));
    }
    let (ethernet, _) = hw_info(hw_if_index)?;
    if !ethernet {
        return Err(crate::Error::with_retval(
            crate::api::retval::INVALID_INTERFACE,
            format!("hardware interface {hw_if_index} is not Ethernet: it has no MAC to change"),
        ));
    }
    #[cfg(vpp_process_shim)]
    {
        let mut err = [0 as core::ffi::c_char; 256];
        // SAFETY: barrier held (the token), the hw interface exists and is
        // Ethernet (6-byte address); the shim reads 6 bytes of `mac` and
        // writes at most `err.len()` bytes.
        let r =
            unsafe { vpp_rs_hw_if_change_mac(hw_if_index, mac.as_ptr(), err.as_mut_ptr(), err.len() as u32) };
        super::ip_address::from_shim(r, &err, || format!("changing the MAC of hw {hw_if_index}"))
    }
    #[cfg(not(vpp_process_shim))]
    Err(super::ip_address::no_l3_shim())
}

/// `vnet_update_adjacency_for_sw_interface`: rebuild the rewrite of
/// adjacency `adj_index` on `sw_if_index` (after a MAC change, as linux-nl
/// does for its multicast adjacencies). `INVALID_SW_IF_INDEX` for an unknown
/// interface, `INVALID_VALUE` when there is no such adjacency or it is on
/// another interface.
pub fn update_adjacency(b: &Barrier, sw_if_index: u32, adj_index: u32) -> Result<()> {
    let _ = b;
    existing(sw_if_index)?;
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held (the token); the shim checks the index
        // against the adjacency pool before reading it.
        let on = unsafe { vpp_rs_adj_sw_if_index(adj_index) };
        if on != sw_if_index {
            return Err(crate::Error::with_retval(
                crate::api::retval::INVALID_VALUE,
                format!("adjacency {adj_index} is not one of interface {sw_if_index}"),
            ));
        }
        // SAFETY: barrier held, the interface and the adjacency exist and
        // belong together.
        unsafe { vpp_rs_update_adjacency(sw_if_index, adj_index) };
        Ok(())
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = adj_index;
        Err(super::ip_address::no_l3_shim())
    }
}
