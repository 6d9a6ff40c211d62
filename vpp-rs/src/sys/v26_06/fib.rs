//! FIB route paths, adjacency locks, punt redirects and punt reasons
//! (`vnet/fib/fib_types.h`, `vnet/adj/adj*.h`, `vnet/ip/ip{4,6}.h`,
//! `vlib/punt.h`, `vnet/ipsec/ipsec_punt.h`, `vnet/{udp,tcp}/*.h`).

use super::{assert_layout, vlib_main_t, vlib_node_t};
use core::ffi::c_char;

/// `fib_protocol_t` (a packed enum: one byte).
pub type fib_protocol_t = u8;
/// `vnet_link_t` (a packed enum: one byte).
pub type vnet_link_t = u8;
/// `dpo_proto_t` (a packed enum: one byte).
pub type dpo_proto_t = u8;
/// `fib_route_path_flags_t`.
pub type fib_route_path_flags_t = u32;
/// `adj_index_t`.
pub type adj_index_t = u32;
/// `vlib_punt_hdl_t`: a punt client.
pub type vlib_punt_hdl_t = i32;
/// `vlib_punt_reason_t`.
pub type vlib_punt_reason_t = u32;

/// `FIB_PROTOCOL_IP4`.
pub const FIB_PROTOCOL_IP4: u8 = 0;
/// `FIB_PROTOCOL_IP6`.
pub const FIB_PROTOCOL_IP6: u8 = 1;
/// `VNET_LINK_IP4`.
pub const VNET_LINK_IP4: u8 = 0;
/// `VNET_LINK_IP6`.
pub const VNET_LINK_IP6: u8 = 1;
/// `DPO_PROTO_IP4`.
pub const DPO_PROTO_IP4: u8 = 0;
/// `DPO_PROTO_IP6`.
pub const DPO_PROTO_IP6: u8 = 1;
/// `FIB_ROUTE_PATH_FLAG_NONE`.
pub const FIB_ROUTE_PATH_FLAG_NONE: u32 = 0;
/// `FIB_ROUTE_PATH_DVR`: re-emit the original L2 frame on the path's
/// interface.
pub const FIB_ROUTE_PATH_DVR: u32 = 1 << 14;
/// `IPSEC_PUNT_IP4_SPI_UDP_0`: index into `ipsec_punt_reason`.
pub const IPSEC_PUNT_IP4_SPI_UDP_0: u32 = 0;
/// `IPSEC_PUNT_IP6_SPI_UDP_0`.
pub const IPSEC_PUNT_IP6_SPI_UDP_0: u32 = 3;
/// `IPSEC_PUNT_N_REASONS`.
pub const IPSEC_PUNT_N_REASONS: u32 = 4;

/// `ip46_address_t` (a packed 16-byte union; the bytes view).
#[repr(C)]
#[derive(Clone, Copy, Default)]
pub struct ip46_address_t {
    /// The address bytes (IPv4 in the last four, after 12 zero bytes).
    pub as_u8: [u8; 16],
}

assert_layout!(ip46_address_t, size 16, align 1, as_u8 @ 0);

/// `fib_route_path_t` (72 bytes): one path of a route. Only the
/// next-hop-by-interface view of its unions is mirrored; the rest is padding
/// (zero for such a path).
#[repr(C)]
pub struct fib_route_path_t {
    /// Payload protocol (`dpo_proto_t`).
    pub frp_proto: dpo_proto_t,
    _pad0: [u8; 7],
    /// Next-hop address (all zero: attached via the interface).
    pub frp_addr: ip46_address_t,
    _pad1: [u8; 4],
    /// Next-hop interface.
    pub frp_sw_if_index: u32,
    /// RPF id (multicast).
    pub frp_rpf_id: u32,
    /// Table of a recursive next hop (`~0`: none).
    pub frp_fib_index: u32,
    /// Label stack (`fib_mpls_label_t` vector; NULL).
    pub frp_label_stack: *mut u8,
    /// `dpo_id_t` (NULL-ish; unused for attached paths).
    pub dpo: u64,
    /// Multicast interface flags.
    pub frp_mitf_flags: u32,
    _pad2: [u8; 4],
    /// Weight (UCMP).
    pub frp_weight: u8,
    /// Preference (lower is better).
    pub frp_preference: u8,
    _pad3: [u8; 2],
    /// `fib_route_path_flags_t`.
    pub frp_flags: fib_route_path_flags_t,
}

assert_layout!(fib_route_path_t, size 72, align 8,
    frp_proto @ 0, frp_addr @ 8, frp_sw_if_index @ 28, frp_rpf_id @ 32, frp_fib_index @ 36,
    frp_label_stack @ 40, dpo @ 48, frp_mitf_flags @ 56, frp_weight @ 64, frp_preference @ 65,
    frp_flags @ 68);

impl fib_route_path_t {
    /// An attached path through `sw_if_index` for `proto`, weight 1, no
    /// table, `flags`.
    pub const fn via_interface(proto: dpo_proto_t, sw_if_index: u32, flags: fib_route_path_flags_t) -> Self {
        fib_route_path_t {
            frp_proto: proto,
            _pad0: [0; 7],
            frp_addr: ip46_address_t { as_u8: [0; 16] },
            _pad1: [0; 4],
            frp_sw_if_index: sw_if_index,
            frp_rpf_id: 0,
            frp_fib_index: u32::MAX,
            frp_label_stack: core::ptr::null_mut(),
            dpo: 0,
            frp_mitf_flags: 0,
            _pad2: [0; 4],
            frp_weight: 1,
            frp_preference: 0,
            _pad3: [0; 2],
            frp_flags: flags,
        }
    }
}

extern "C" {
    /// Find or create the neighbour adjacency of `nh_addr` on `sw_if_index`
    /// and take a lock on it.
    pub fn adj_nbr_add_or_lock(
        nh_proto: fib_protocol_t,
        link_type: vnet_link_t,
        nh_addr: *const ip46_address_t,
        sw_if_index: u32,
    ) -> adj_index_t;
    /// Release a lock taken by one of the `_add_or_lock` functions.
    pub fn adj_unlock(adj_index: adj_index_t);

    /// Remove the IPv4 punt redirect of `rx_sw_if_index`.
    pub fn ip4_punt_redirect_del(rx_sw_if_index: u32);
    /// Remove the IPv6 punt redirect of `rx_sw_if_index`.
    pub fn ip6_punt_redirect_del(rx_sw_if_index: u32);

    /// Register a punt client by name (or find the existing one).
    pub fn vlib_punt_client_register(who: *const c_char) -> vlib_punt_hdl_t;
    /// Send punted packets of `reason` to `node_name` for `client`.
    pub fn vlib_punt_register(
        client: vlib_punt_hdl_t,
        reason: vlib_punt_reason_t,
        node_name: *const c_char,
    ) -> i32;
    /// The reasons IPsec allocated at init (`ipsec_punt_init`).
    pub static mut ipsec_punt_reason: [vlib_punt_reason_t; 4];
    /// Punt (instead of answering with ICMP) UDP to unknown local ports.
    pub fn udp_punt_unknown(vm: *mut vlib_main_t, is_ip4: u8, is_add: u8);
    /// Punt (instead of answering with RST) TCP to unknown local ports.
    pub fn tcp_punt_unknown(vm: *mut vlib_main_t, is_ip4: u8, is_add: u8);
    /// The node called `name` (a C string), or NULL.
    pub fn vlib_get_node_by_name(vm: *mut vlib_main_t, name: *mut u8) -> *mut vlib_node_t;
}

/// `FIB_PROTOCOL_MPLS`.
pub const FIB_PROTOCOL_MPLS: u8 = 2;
/// `FIB_SOURCE_PRIORITY_HI`: a plugin source preferred over most others.
pub const FIB_SOURCE_PRIORITY_HI: u8 = 0x10;
/// `FIB_SOURCE_PRIORITY_LOW`: a plugin source below most others.
pub const FIB_SOURCE_PRIORITY_LOW: u8 = 0xd0;
/// `FIB_SOURCE_BH_API`.
pub const FIB_SOURCE_BH_API: u32 = 1;
/// `FIB_SOURCE_BH_SIMPLE`.
pub const FIB_SOURCE_BH_SIMPLE: u32 = 2;
/// `FIB_SOURCE_INVALID`: not a source (what `fib_source_allocate` answers
/// when it has no ids left).
pub const FIB_SOURCE_INVALID: u32 = 0;
/// `FIB_ENTRY_FLAG_NONE`.
pub const FIB_ENTRY_FLAG_NONE: u32 = 0;
/// `FIB_ENTRY_FLAG_CONNECTED`.
pub const FIB_ENTRY_FLAG_CONNECTED: u32 = 1 << 0;
/// `FIB_ENTRY_FLAG_ATTACHED`.
pub const FIB_ENTRY_FLAG_ATTACHED: u32 = 1 << 1;
/// `FIB_ENTRY_FLAG_DROP`.
pub const FIB_ENTRY_FLAG_DROP: u32 = 1 << 2;
/// `FIB_ENTRY_FLAG_EXCLUSIVE`.
pub const FIB_ENTRY_FLAG_EXCLUSIVE: u32 = 1 << 3;
/// `FIB_ENTRY_FLAG_IMPORT`.
pub const FIB_ENTRY_FLAG_IMPORT: u32 = 1 << 4;
/// `FIB_ENTRY_FLAG_LOCAL`.
pub const FIB_ENTRY_FLAG_LOCAL: u32 = 1 << 5;
/// `FIB_ENTRY_FLAG_MULTICAST`.
pub const FIB_ENTRY_FLAG_MULTICAST: u32 = 1 << 6;
/// `FIB_ENTRY_FLAG_LOOSE_URPF_EXEMPT`.
pub const FIB_ENTRY_FLAG_LOOSE_URPF_EXEMPT: u32 = 1 << 7;
/// `FIB_ENTRY_FLAG_NO_ATTACHED_EXPORT`.
pub const FIB_ENTRY_FLAG_NO_ATTACHED_EXPORT: u32 = 1 << 8;
/// `FIB_ENTRY_FLAG_COVERED_INHERIT`.
pub const FIB_ENTRY_FLAG_COVERED_INHERIT: u32 = 1 << 9;
/// `FIB_ENTRY_FLAG_INTERPOSE`.
pub const FIB_ENTRY_FLAG_INTERPOSE: u32 = 1 << 10;
/// `MPLS_IETF_MAX_LABEL`: the largest label value.
pub const MPLS_IETF_MAX_LABEL: u32 = 0xfffff;
/// `MPLS_LABEL_POP`: the out-label that pops.
pub const MPLS_LABEL_POP: u32 = 0x100001;

/// `VPP_RS_FIB_PATH_NORMAL` (csrc/shim.h): via a next hop and/or interface.
pub const VPP_RS_FIB_PATH_NORMAL: u8 = 0;
/// `VPP_RS_FIB_PATH_DROP`.
pub const VPP_RS_FIB_PATH_DROP: u8 = 1;
/// `VPP_RS_FIB_PATH_ICMP_UNREACH`.
pub const VPP_RS_FIB_PATH_ICMP_UNREACH: u8 = 2;
/// `VPP_RS_FIB_PATH_ICMP_PROHIBIT`.
pub const VPP_RS_FIB_PATH_ICMP_PROHIBIT: u8 = 3;
/// `VPP_RS_FIB_PATH_LOCAL`.
pub const VPP_RS_FIB_PATH_LOCAL: u8 = 4;
/// `VPP_RS_FIB_MAX_LABELS`: out labels per path.
pub const VPP_RS_FIB_MAX_LABELS: u32 = 16;
/// `VPP_RS_FIB_OP_UPDATE`: replace the source's paths.
pub const VPP_RS_FIB_OP_UPDATE: u32 = 0;
/// `VPP_RS_FIB_OP_ADD`: add paths.
pub const VPP_RS_FIB_OP_ADD: u32 = 1;
/// `VPP_RS_FIB_OP_REMOVE`: remove paths.
pub const VPP_RS_FIB_OP_REMOVE: u32 = 2;

/// `vpp_rs_fib_path_t` (csrc/shim.h): one route path, flat.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct vpp_rs_fib_path_t {
    /// `VPP_RS_FIB_PATH_*`.
    pub kind: u8,
    /// `fib_protocol_t` of the next hop / payload.
    pub proto: u8,
    /// Weight (0: 1).
    pub weight: u8,
    /// Preference.
    pub pref: u8,
    /// Interface (`!0`: none).
    pub sw_if_index: u32,
    /// Next hop (IPv4 in bytes 0..3).
    pub nh: [u8; 16],
    /// The next hop is IPv6.
    pub nh_is_ip6: u8,
    /// `nh` is set.
    pub has_nh: u8,
    /// Labels used in `labels`.
    pub n_labels: u8,
    /// Padding.
    pub pad: u8,
    /// Out labels, outermost first.
    pub labels: [u32; 16],
}

/// `vpp_rs_fib_prefix_t` (csrc/shim.h): a unicast or MPLS prefix, flat.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct vpp_rs_fib_prefix_t {
    /// `fib_protocol_t`.
    pub proto: u8,
    /// Prefix length.
    pub len: u8,
    /// MPLS: end of stack.
    pub eos: u8,
    /// Padding.
    pub pad: u8,
    /// MPLS: the local label.
    pub label: u32,
    /// Address (IPv4 in bytes 0..3).
    pub addr: [u8; 16],
}

/// `vpp_rs_fib_update_t` (csrc/shim.h): one entry of
/// `vpp_rs_fib_entries_update`, whose paths are `paths[first_path ..
/// first_path + n_paths)`; `rv` and `entry_index` are written by the shim.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct vpp_rs_fib_update_t {
    /// The prefix.
    pub pfx: vpp_rs_fib_prefix_t,
    /// The table.
    pub fib_index: u32,
    /// The FIB source.
    pub source: u32,
    /// `fib_entry_flag_t`.
    pub flags: u32,
    /// The first of its paths in the path array.
    pub first_path: u32,
    /// How many paths.
    pub n_paths: u32,
    /// Out: 0 or a `vnet_api_error_t`.
    pub rv: i32,
    /// Out: the fib_entry_index (`!0` on error).
    pub entry_index: u32,
}

// The shim's struct: a 24-byte prefix then seven 32-bit fields, no padding.
const _: () = assert!(core::mem::size_of::<vpp_rs_fib_update_t>() == 52);
const _: () = assert!(core::mem::size_of::<vpp_rs_fib_prefix_t>() == 24);
