//! `ip_adjacency_t` (`vnet/adj/adj.h`) and its `vnet_rewrite_header_t`
//! (`vnet/adj/rewrite.h`): what packet nodes read of an adjacency.

use super::assert_layout;

/// `vnet_rewrite_header_t` (packed, 12 bytes; the rewrite string follows it
/// in `ip_adjacency_t::rewrite_data`).
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct vnet_rewrite_header_t {
    /// The egress interface.
    pub sw_if_index: u32,
    /// Next index *of the rewrite node* towards the egress interface.
    pub next_index: u16,
    /// Length of the rewrite string.
    pub data_bytes: u16,
    /// MTU of the L3 payload.
    pub max_l3_packet_bytes: u16,
    /// `vnet_rewrite_flags_t` (`VNET_REWRITE_HAS_FEATURES`, ...).
    pub flags: u8,
    /// Offset of the multicast bits in the rewrite.
    pub dst_mcast_offset: u8,
}
assert_layout!(vnet_rewrite_header_t, size 12, align 1,
    sw_if_index @ 0, next_index @ 4, data_bytes @ 6, max_l3_packet_bytes @ 8, flags @ 10,
    dst_mcast_offset @ 11);

/// `ip_adjacency_t`: 256 bytes, 64-aligned, elements of the `adj_pool`.
#[repr(C, align(64))]
pub struct ip_adjacency_t {
    /// `fib_node_t ia_node` (not read from Rust).
    pub _ia_node: [u8; 12],
    /// Feature config index of the output arc (`vnet_feature_arc_start_w_cfg_index`).
    pub ia_cfg_index: u32,
    /// `sub_type` union (next hop, midchain, glean): not read from Rust.
    pub _sub_type: [u8; 48],
    /// The rewrite header (cache line 1).
    pub rewrite_header: vnet_rewrite_header_t,
    /// The rewrite string (`data_bytes` long) and the rest of cache line 1
    /// and 2.
    pub rewrite_data: [u8; 116],
    /// Delegates vector (not read from Rust).
    pub ia_delegates: *mut u8,
    /// Node index of the adjacency's node.
    pub ia_node_index: u32,
    /// `ip_lookup_next_t`: `IP_LOOKUP_NEXT_REWRITE` for a complete
    /// neighbour adjacency.
    pub lookup_next_index: u8,
    /// `vnet_link_t` of the adjacency.
    pub ia_link: u8,
    /// `fib_protocol_t` of the next hop.
    pub ia_nh_proto: u8,
    /// `adj_flags_t`.
    pub ia_flags: u8,
    pub _rest: [u8; 48],
}
assert_layout!(ip_adjacency_t, size 256, align 64,
    ia_cfg_index @ 12, rewrite_header @ 64, rewrite_data @ 76, ia_delegates @ 192,
    ia_node_index @ 200, lookup_next_index @ 204, ia_link @ 205, ia_nh_proto @ 206, ia_flags @ 207);

/// `VNET_REWRITE_HAS_FEATURES`: the egress interface has output features.
pub const VNET_REWRITE_HAS_FEATURES: u8 = 1 << 0;
/// `IP_LOOKUP_NEXT_REWRITE`: a complete neighbour adjacency.
pub const IP_LOOKUP_NEXT_REWRITE: u32 = 5;
