//! C symbols other plugins look up in `linux_cp_plugin.so` with
//! `vlib_get_plugin_symbol` (reference 1.2), with the C plugin's names and
//! signatures.

use crate::pair::{INVALID, PAIRS};

/// `u32 lcp_itf_pair_get_vif_index_by_phy (u32 phy_sw_if_index)`: the
/// Linux ifindex of the pair of `phy_sw_if_index`, `~0` without a pair
/// (sflow uses it to report Linux interface indices).
#[no_mangle]
pub extern "C" fn lcp_itf_pair_get_vif_index_by_phy(phy_sw_if_index: u32) -> u32 {
    // SAFETY: other plugins call this from VPP threads (sflow: its main-thread
    // process and its sampling path), never from inside one of our updates,
    // and the reference ends before this function returns.
    let pairs = unsafe { PAIRS.get_unchecked() };
    pairs.find_by_phy(phy_sw_if_index).and_then(|i| pairs.get(i)).map_or(INVALID, |p| p.vif_index)
}
