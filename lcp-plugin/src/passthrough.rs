//! Ethertypes and OSI protocols passed between a phy and its host as they
//! are (reference 3.2, 4.4): both go to node `linux-cp-punt-xc`.

use std::sync::Mutex;
use vpp::api::retval;
use vpp::{Barrier, MainThread};

/// The node enabled ethertypes and OSI protocols are sent to.
pub const PUNT_XC: &str = "linux-cp-punt-xc";

/// OSI protocols enabled so far (`lcp_main.osi_protos_enabled`).
static OSI_ENABLED: Mutex<[bool; 256]> = Mutex::new([false; 256]);

fn err(rv: i32, msg: String) -> vpp::Error {
    vpp::Error::with_retval(rv, msg)
}

fn punt_xc(mt: &MainThread) -> vpp::Result<u32> {
    vpp::graph::node_index(mt, PUNT_XC)
        .ok_or_else(|| err(retval::UNIMPLEMENTED, format!("node {PUNT_XC} does not exist")))
}

/// Send ethertype `t` (host order) to `linux-cp-punt-xc`
/// (`lcp_ethertype_enable`): `UNIMPLEMENTED` without the node,
/// `INVALID_VALUE` for a type VPP does not know, `INVALID_REGISTRATION` for
/// a type another node already takes; enabling twice is fine.
pub fn ethertype_enable(b: &Barrier, t: u16) -> vpp::Result<()> {
    let node = punt_xc(b)?;
    match vpp::ethernet::type_owner(b, t)? {
        None => Err(err(retval::INVALID_VALUE, format!("unknown ethertype 0x{t:04x}"))),
        Some(Some(owner)) if owner != node => {
            Err(err(retval::INVALID_REGISTRATION, format!("ethertype 0x{t:04x} is taken by node {owner}")))
        }
        Some(_) => vpp::ethernet::register_input_type(b, t, node),
    }
}

/// The ethertypes sent to `linux-cp-punt-xc`, in VPP's registry order.
pub fn ethertypes(mt: &MainThread) -> vpp::Result<Vec<u16>> {
    vpp::ethernet::types_of_node(mt, punt_xc(mt)?)
}

/// `osi_register_input_protocol` of the osi plugin.
type OsiRegister = unsafe extern "C" fn(protocol: u32, node_index: u32) -> i32;

/// Send OSI protocol `proto` to `linux-cp-punt-xc` (`lcp_osi_proto_enable`):
/// 0 if already enabled, `FEATURE_DISABLED` without the osi plugin,
/// `UNIMPLEMENTED` without the node, else what the osi plugin answers
/// (`INVALID_REGISTRATION` for a protocol it does not list).
pub fn osi_enable(b: &Barrier, proto: u8) -> vpp::Result<()> {
    let mut enabled = OSI_ENABLED.lock().unwrap_or_else(|e| e.into_inner());
    if enabled[proto as usize] {
        return Ok(());
    }
    let f = vpp::graph::plugin_symbol(b, "osi_plugin.so", "osi_register_input_protocol")
        .ok_or_else(|| err(retval::FEATURE_DISABLED, "the osi plugin is not loaded".into()))?;
    let node = punt_xc(b)?;
    // SAFETY: the osi plugin exports `int osi_register_input_protocol
    // (osi_protocol_t, u32)` (osi.h), an int-sized enum and a u32; called on
    // the main thread with the barrier, as VPP's own callers do, with an
    // existing node.
    let rv = unsafe {
        let f: OsiRegister = core::mem::transmute::<*mut core::ffi::c_void, OsiRegister>(f);
        f(proto as u32, node)
    };
    if rv != 0 {
        return Err(err(rv, format!("the osi plugin refused protocol 0x{proto:02x} ({rv})")));
    }
    enabled[proto as usize] = true;
    Ok(())
}

/// The enabled OSI protocols, ascending.
pub fn osi_protos() -> Vec<u8> {
    let enabled = OSI_ENABLED.lock().unwrap_or_else(|e| e.into_inner());
    (0..=255u8).filter(|&p| enabled[p as usize]).collect()
}
