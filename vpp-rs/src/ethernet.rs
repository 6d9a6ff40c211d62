//! Ethernet input dispatch by ethertype (`ethernet_register_input_type`).

use crate::error::{Error, Result};
use crate::thread::{Barrier, MainThread};

extern "C" {
    fn ethernet_register_input_type(vm: *mut crate::sys::vlib_main_t, type_: u16, node_index: u32);
}

#[cfg(vpp_process_shim)]
extern "C" {
    fn vpp_rs_ethernet_type_node(type_: u16, node_index: *mut u32) -> i32;
    fn vpp_rs_ethernet_types_of_node(node_index: u32, types: *mut u16, max: u32) -> u32;
    fn vpp_rs_ethernet_type_parse(text: *const core::ffi::c_char, type_: *mut u16) -> i32;
}

#[cfg_attr(vpp_process_shim, allow(dead_code))]
fn no_shim() -> Error {
    Error::new(
        "ethernet type lookups need vpp-rs built with VPP headers (VPP_INCLUDE_DIR/VPP_PREFIX/VPP_SRC)",
    )
}

/// Who takes ethertype `ethertype` (host order) as input: `None` for a
/// type VPP does not know (`ethernet/types.def`), `Some(None)` for a known
/// type nobody registered, `Some(Some(node))` otherwise.
pub fn type_owner(mt: &MainThread, ethertype: u16) -> Result<Option<Option<u32>>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut node = u32::MAX;
        // SAFETY: main thread (the token); the shim writes one u32.
        let rv = unsafe { vpp_rs_ethernet_type_node(ethertype, &mut node) };
        Ok((rv == 0).then_some((node != u32::MAX).then_some(node)))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = ethertype;
        Err(no_shim())
    }
}

/// The known ethertypes whose input node is `node_index`, in VPP's registry
/// order.
pub fn types_of_node(mt: &MainThread, node_index: u32) -> Result<Vec<u16>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let mut v = vec![0u16; 64];
        loop {
            // SAFETY: main thread; the shim writes at most `v.len()` entries.
            let n =
                unsafe { vpp_rs_ethernet_types_of_node(node_index, v.as_mut_ptr(), v.len() as u32) } as usize;
            if n <= v.len() {
                v.truncate(n);
                return Ok(v);
            }
            v.resize(n, 0);
        }
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = node_index;
        Err(no_shim())
    }
}

/// Parse an ethertype as VPP's CLI does: `0x88cc`, `34958`, or a name from
/// `ethernet/types.def` (`LLDP`).
pub fn parse_type(mt: &MainThread, text: &str) -> Result<Option<u16>> {
    let _ = mt;
    #[cfg(vpp_process_shim)]
    {
        let Ok(c) = std::ffi::CString::new(text) else { return Ok(None) };
        let mut t = 0u16;
        // SAFETY: main thread; a C string the shim only reads, one u16 out.
        let rv = unsafe { vpp_rs_ethernet_type_parse(c.as_ptr(), &mut t) };
        Ok((rv == 0).then_some(t))
    }
    #[cfg(not(vpp_process_shim))]
    {
        let _ = text;
        Err(no_shim())
    }
}

/// Send ethernet frames of type `ethertype` to node `node_index`
/// (`ethernet_register_input_type`; it adds the node as a next of
/// `ethernet-input`, so the barrier is held).
pub fn register_input_type(b: &Barrier, ethertype: u16, node_index: u32) -> Result<()> {
    if type_owner(b, ethertype)?.is_none() {
        return Err(Error::with_retval(
            crate::api::retval::INVALID_VALUE,
            format!("unknown ethertype 0x{ethertype:04x}"),
        ));
    }
    if !node_exists(b, node_index) {
        return Err(Error::with_retval(crate::api::retval::INVALID_VALUE, format!("no node {node_index}")));
    }
    // SAFETY: main thread with the barrier (the token); a known type (VPP
    // would otherwise create an entry for it) and an existing node.
    unsafe { ethernet_register_input_type(b.vm().as_ptr(), ethertype, node_index) };
    Ok(())
}

fn node_exists(mt: &MainThread, node_index: u32) -> bool {
    // SAFETY: main thread; the node vector is read with a bounds check.
    unsafe {
        let nodes = (*mt.vm().as_ptr()).node_main.nodes;
        (node_index as usize) < crate::input::vec_len(nodes as *const u8)
    }
}
