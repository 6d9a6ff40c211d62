//! Sub-interfaces (dot1q, dot1ad, QinQ, QinAD): what linux-cp reads of a
//! phy sub-interface and how it makes the matching one on the host tap.

#[cfg(not(vpp_process_shim))]
use super::no_shim;
use crate::error::{Error, Result};
use crate::thread::{Barrier, MainThread};

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_sub_if_info(
        sw_if_index: u32,
        sub_id: *mut u32,
        raw_flags: *mut u16,
        outer_vlan: *mut u16,
        inner_vlan: *mut u16,
        exact: *mut u8,
    ) -> i32;
    fn vpp_rs_create_sub_interface(
        sup_sw_if_index: u32,
        id: u32,
        raw_flags: u16,
        inner_vlan: u16,
        outer_vlan: u16,
        sw_if_index: *mut u32,
    ) -> i32;
    fn vpp_rs_delete_sub_interface(sw_if_index: u32) -> i32;
}

/// A sub-interface's classification (`vnet_sub_interface_t`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubInfo {
    /// The sub-interface id (`GigE0/0/0.<id>`).
    pub id: u32,
    /// `sub.eth.raw_flags` (no_tags, one_tag, two_tags, dot1ad,
    /// exact_match, default, outer/inner any: bits 0..7).
    pub raw_flags: u16,
    /// Outer VLAN id.
    pub outer_vlan: u16,
    /// Inner VLAN id (0: single tag).
    pub inner_vlan: u16,
    /// `vnet_sw_interface_supports_addressing`: exact-match for tagged
    /// sub-interfaces.
    pub supports_addressing: bool,
}

impl SubInfo {
    /// `sub.eth.flags.dot1ad`: the outer tag is 802.1ad (0x88a8).
    pub fn dot1ad(&self) -> bool {
        self.raw_flags & (1 << 3) != 0
    }
}

/// The sub-interface fields of `sw_if_index`; `None` when it is not a
/// sub-interface (or does not exist).
pub fn sub_info(mt: &MainThread, sw_if_index: u32) -> Result<Option<SubInfo>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let (mut id, mut flags, mut outer, mut inner, mut exact) = (0u32, 0u16, 0u16, 0u16, 0u8);
        // SAFETY: main thread; the shim checks the index and writes only
        // our locals.
        let r = unsafe {
            vpp_rs_sub_if_info(sw_if_index, &mut id, &mut flags, &mut outer, &mut inner, &mut exact)
        };
        if r < 0 {
            return Ok(None);
        }
        Ok(Some(SubInfo {
            id,
            raw_flags: flags,
            outer_vlan: outer,
            inner_vlan: inner,
            supports_addressing: exact != 0,
        }))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = sw_if_index;
        Err(no_shim())
    }
}

/// `vnet_create_sub_interface`: a sub-interface of `sup_sw_if_index` with
/// `sub`'s id, flags and VLANs. Returns its sw_if_index; VPP's retval on
/// failure (e.g. the id is taken, the parent does not exist).
pub fn create_sub(b: &Barrier, sup_sw_if_index: u32, sub: &SubInfo) -> Result<u32> {
    let _ = b;
    #[cfg(vpp_process_shim)]
    {
        if !super::is_valid(b, sup_sw_if_index)? {
            return Err(Error::with_retval(
                crate::api::retval::INVALID_SW_IF_INDEX,
                format!("no interface {sup_sw_if_index}"),
            ));
        }
        let mut sw = u32::MAX;
        // SAFETY: barrier held (interface creation changes tables the
        // workers read); the parent exists.
        let rv = unsafe {
            vpp_rs_create_sub_interface(
                sup_sw_if_index,
                sub.id,
                sub.raw_flags,
                sub.inner_vlan,
                sub.outer_vlan,
                &mut sw,
            )
        };
        if rv != 0 {
            return Err(Error::with_retval(
                rv,
                format!("cannot create sub-interface {} of {sup_sw_if_index}", sub.id),
            ));
        }
        Ok(sw)
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = (sup_sw_if_index, sub, Error::new(""));
        Err(no_shim())
    }
}

/// `vnet_delete_sub_interface`; VPP's retval when `sw_if_index` is not a
/// sub-interface.
pub fn delete_sub(b: &Barrier, sw_if_index: u32) -> Result<()> {
    if sub_info(b, sw_if_index)?.is_none() {
        return Err(Error::with_retval(
            crate::api::retval::INVALID_SW_IF_INDEX,
            format!("{sw_if_index} is not a sub-interface"),
        ));
    }
    #[cfg(vpp_process_shim)]
    {
        // SAFETY: barrier held; an existing sub-interface.
        let rv = unsafe { vpp_rs_delete_sub_interface(sw_if_index) };
        if rv != 0 {
            return Err(Error::with_retval(rv, format!("cannot delete sub-interface {sw_if_index}")));
        }
    }
    Ok(())
}
