//! Adjacencies (`vnet/adj/adj.h`, `vnet/adj/rewrite.h`): the record both the
//! control plane (rewrite length of a locked adjacency) and the data plane
//! (rewrite header of an adjacency a packet uses) read.

use super::assert_layout;

/// `vnet_rewrite_header_t` (packed, 12 bytes): the fixed part in front of
/// the rewrite string.
#[repr(C, packed)]
#[derive(Clone, Copy)]
pub struct vnet_rewrite_header_t {
    /// Egress interface.
    pub sw_if_index: u32,
    /// Next index of the rewrite node toward that interface's output.
    pub next_index: u16,
    /// Length of the rewrite string (`data`).
    pub data_bytes: u16,
    /// Largest L3 packet that fits the interface MTU.
    pub max_l3_packet_bytes: u16,
    /// `VNET_REWRITE_*` flags.
    pub flags: u8,
    /// Offset of the multicast destination in the rewrite.
    pub dst_mcast_offset: u8,
}

assert_layout!(vnet_rewrite_header_t, size 12, align 1,
    sw_if_index @ 0, next_index @ 4, data_bytes @ 6, max_l3_packet_bytes @ 8, flags @ 10,
    dst_mcast_offset @ 11);

/// `VNET_REWRITE_HAS_FEATURES`.
pub const VNET_REWRITE_HAS_FEATURES: u8 = 1;

/// `ip_adjacency_t` (256 bytes, align 64). Fields this crate does not read
/// are padding.
#[repr(C, align(64))]
pub struct ip_adjacency_t {
    _ia_node: [u8; 12],
    /// Feature config index of the adjacency's midchain/mcast features.
    pub ia_cfg_index: u32,
    _sub_type: [u8; 48],
    /// The rewrite header.
    pub rewrite_header: vnet_rewrite_header_t,
    /// The rewrite string (`rewrite_header.data_bytes` long).
    pub rewrite_data: [u8; 116],
    /// Delegates (`adj_delegate_t` vector).
    pub ia_delegates: *mut u8,
    /// Node index of the adjacency's node.
    pub ia_node_index: u32,
    /// `ip_lookup_next_t`: what kind of adjacency this is.
    pub lookup_next_index: u8,
    /// `vnet_link_t` of the packets it carries.
    pub ia_link: u8,
    /// `fib_protocol_t` of the next hop.
    pub ia_nh_proto: u8,
    /// `adj_flags_t`.
    pub ia_flags: u8,
    _tail: [u8; 48],
}

assert_layout!(ip_adjacency_t, size 256, align 64,
    ia_cfg_index @ 12, rewrite_header @ 64, rewrite_data @ 76, ia_delegates @ 192,
    ia_node_index @ 200, lookup_next_index @ 204, ia_link @ 205, ia_nh_proto @ 206, ia_flags @ 207);

/// `IP_LOOKUP_NEXT_REWRITE`: a complete neighbour adjacency.
pub const IP_LOOKUP_NEXT_REWRITE: u8 = 5;
