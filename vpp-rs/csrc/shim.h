/*
 * Prototypes of vpp-rs's C shims (csrc/*.c). Each .c file includes this
 * header, so a definition cannot drift from its prototype, and vpp-rs's
 * build script compares these prototypes with the Rust `extern "C"`
 * declarations (src/process.rs, src/api.rs) through bindgen, so the Rust
 * side cannot drift either.
 */
#ifndef included_vpp_rs_shim_h
#define included_vpp_rs_shim_h

#include <vlib/vlib.h>

/* process_shim.c */
uword vpp_rs_process_wait_for_event_or_clock (vlib_main_t *vm, f64 dt,
					      uword *data, u32 max,
					      u32 *n_data);
void vpp_rs_process_suspend (vlib_main_t *vm, f64 dt);
void vpp_rs_process_signal_event (vlib_main_t *vm, uword node_index,
				  uword type, uword data);

/* api_shim.c */
void vpp_rs_api_add_json (const char *json);

/* interface_shim.c */
int vpp_rs_sw_if_index_is_valid (u32 sw_if_index);
int vpp_rs_sw_if_index_name (u32 sw_if_index, char *buf, u32 len);
u32 vpp_rs_sw_if_index_by_name (const char *name);

/* ethernet_shim.c */
int vpp_rs_ethernet_type_node (u16 type, u32 *node_index);
u32 vpp_rs_ethernet_types_of_node (u32 node_index, u16 *types, u32 max);
int vpp_rs_ethernet_type_parse (const char *text, u16 *type);

/* mpls_shim.c */
typedef void (vpp_rs_mpls_state_fn_t) (u32 sw_if_index, u32 is_enable);
int vpp_rs_mpls_enable_disable (u32 sw_if_index, u8 is_enable);
void vpp_rs_mpls_add_state_callback (vpp_rs_mpls_state_fn_t *f);

/* control plane (pairs, FIB, punt) */
/* control_shim.c */
#include <vnet/interface.h>
#include <vnet/fib/fib_types.h>
#define VPP_RS_ITF_P2P 1
#define VPP_RS_ITF_SUB 2
#define VPP_RS_ITF_ETHERNET 4
int vpp_rs_sw_if_facts (u32 sw_if_index, u32 *sup_sw_if_index);
void vpp_rs_ip_punt_redirect_add (u8 is_ip6, u32 rx_sw_if_index,
				  const fib_route_path_t *path);
u32 vpp_rs_adj_mcast_add_or_lock (u8 proto, u8 link_type, u32 sw_if_index);

/* tap_shim.c */
int vpp_rs_tap_create (vlib_main_t *vm, const char *host_if_name,
		       const char *host_ns, u8 is_tun, const u8 *host_mac,
		       u32 host_mtu, u16 num_rx_queues, u16 num_tx_queues,
		       u32 auto_id_offset, u32 *sw_if_index, char *err,
		       u32 errlen);
int vpp_rs_tap_delete (vlib_main_t *vm, u32 sw_if_index);
u32 vpp_rs_tap_get_ifindex (vlib_main_t *vm, u32 sw_if_index);
int vpp_rs_tap_set_carrier (u32 hw_if_index, u32 carrier_up);
int vpp_rs_tap_set_speed (u32 hw_if_index, u32 speed);

/* itf_state_shim.c */
#define VPP_RS_STATE_ADMIN_UP 1
#define VPP_RS_STATE_UNNUMBERED 2
#define VPP_RS_STATE_LINK_UP 4
int vpp_rs_sw_if_state (u32 sw_if_index, u32 *flags, u32 *l3_mtu,
			u32 *hw_if_index, u32 *link_speed, u8 *mac,
			u32 *unnumbered_sw_if_index);
int vpp_rs_sub_if_info (u32 sw_if_index, u32 *sub_id, u16 *raw_flags,
			u16 *outer_vlan, u16 *inner_vlan, u8 *exact);
int vpp_rs_create_sub_interface (u32 sup_sw_if_index, u32 id, u16 raw_flags,
				 u16 inner_vlan, u16 outer_vlan,
				 u32 *sw_if_index);
int vpp_rs_delete_sub_interface (u32 sw_if_index);
void vpp_rs_sw_if_set_mtu (u32 sw_if_index, u32 mtu);
void vpp_rs_sw_if_admin_up (u32 sw_if_index);
void vpp_rs_ethernet_accept_all_dmac (u32 hw_if_index);
u32 vpp_rs_sw_if_addresses (u32 sw_if_index, u8 is_ip6, u8 *addrs, u8 *lens,
			    u32 max);
_vnet_interface_function_list_elt_t **vpp_rs_itf_function_list (u32 kind);
typedef void (vpp_rs_ip_address_fn_t) (u32 sw_if_index, const u8 *address,
				       u32 address_length, u32 is_ip6,
				       u32 is_del);
void vpp_rs_ip_address_callback_set (vpp_rs_ip_address_fn_t *f);

/* stats_shim.c */
u32 vpp_rs_stats_add_gauge (const char *name);
void vpp_rs_stats_set_gauge (u32 entry_index, u64 value);

/* plugin_shim.c */
int vpp_rs_plugin_config (const char *name, u8 *is_enabled, u8 *is_disabled,
			  u8 *default_disable);

/* neighbor_shim.c */
int vpp_rs_ip_neighbor_add (u32 sw_if_index, u8 is_ip6, const u8 *ip,
			    const u8 *mac, u8 is_static, u32 *stats_index);
int vpp_rs_ip_neighbor_del (u32 sw_if_index, u8 is_ip6, const u8 *ip);
u32 vpp_rs_ip_neighbor_list (u8 is_ip6, u32 sw_if_index, u32 *sw_if_indexes,
			     u8 *ips, u8 *macs, u8 *flags, f64 *ages,
			     u32 max);
void vpp_rs_ip_neighbor_mark (u8 is_ip6, u32 sw_if_index);
void vpp_rs_ip_neighbor_sweep (u8 is_ip6);

/* itf_l3_shim.c */
int vpp_rs_sw_if_add_del_address (u32 sw_if_index, u8 is_ip6, const u8 *addr,
				  u8 len, u8 is_del, char *err, u32 errlen);
int vpp_rs_ip6_link_enable (u32 sw_if_index, const u8 *ll);
int vpp_rs_ip6_link_disable (u32 sw_if_index);
int vpp_rs_ip6_link_is_enabled (u32 sw_if_index, u8 *ll);
void vpp_rs_sw_if_admin_down (u32 sw_if_index);
int vpp_rs_hw_if_info (u32 hw_if_index, u8 *mac, u32 *mac_len);
int vpp_rs_hw_if_set_mtu (u32 hw_if_index, u32 mtu, char *err, u32 errlen);
int vpp_rs_hw_if_change_mac (u32 hw_if_index, const u8 *mac, char *err,
			     u32 errlen);
u32 vpp_rs_adj_sw_if_index (u32 adj_index);
void vpp_rs_update_adjacency (u32 sw_if_index, u32 adj_index);

/* data plane (nodes) */

/* buffer_shim.c */
u32 vpp_rs_buffer_copy (vlib_main_t *vm, vlib_buffer_t *b);
u32 vpp_rs_buffer_copy_avx2 (vlib_main_t *vm, vlib_buffer_t *b);
u32 vpp_rs_buffer_copy_n (vlib_main_t *vm, const u32 *src, u32 *dst, u32 n);
u32 vpp_rs_buffer_copy_n_avx2 (vlib_main_t *vm, const u32 *src, u32 *dst,
			       u32 n);
void vpp_rs_buffer_free (vlib_main_t *vm, u32 *buffers, u32 n_buffers);

/* adj_shim.c */
u32 vpp_rs_ip_output_feature_start (vlib_main_t *vm, int is_ip6,
				    vlib_buffer_t *b, u32 next_index,
				    u32 cfg_index);

/* adj_delegate_shim.c: VPP 26.06 does not install vnet/adj/adj_delegate.h,
 * so the shim declares what it uses of it; the events go to
 * vpp_rs_adj_event, which vpp-rs defines (src/adj/delegate.rs). */
int vpp_rs_adj_delegate_register (const char *name);
int vpp_rs_adj_delegate_attach (u32 adj_index);
u32 vpp_rs_adj_nbr_walk (u32 sw_if_index, u32 *adj_indices, u32 max);
int vpp_rs_adj_event (vlib_main_t *vm, u32 adj_index, int event);

/* fib_shim.c: unicast FIB routes, tables, sources (vpp::fib). Prefixes and
 * paths cross as these flat structs; the shim builds VPP's fib_prefix_t and
 * fib_route_path_t from them. Addresses: IPv4 in bytes 0..3, IPv6 0..15. */
#define VPP_RS_FIB_PATH_NORMAL 0
#define VPP_RS_FIB_PATH_DROP 1
#define VPP_RS_FIB_PATH_ICMP_UNREACH 2
#define VPP_RS_FIB_PATH_ICMP_PROHIBIT 3
#define VPP_RS_FIB_PATH_LOCAL 4
#define VPP_RS_FIB_MAX_LABELS 16
#define VPP_RS_FIB_OP_UPDATE 0
#define VPP_RS_FIB_OP_ADD 1
#define VPP_RS_FIB_OP_REMOVE 2
typedef struct
{
  u8 kind;	  /* VPP_RS_FIB_PATH_* */
  u8 proto;	  /* fib_protocol_t of the next hop / payload */
  u8 weight;	  /* 0: 1 */
  u8 pref;	  /* preference */
  u32 sw_if_index; /* ~0: none */
  u8 nh[16];	  /* next hop (has_nh), IPv4 in bytes 0..3 */
  u8 nh_is_ip6;
  u8 has_nh;
  u8 n_labels;
  u8 pad;
  u32 labels[VPP_RS_FIB_MAX_LABELS]; /* out labels, outermost first */
} vpp_rs_fib_path_t;
typedef struct
{
  u8 proto; /* fib_protocol_t */
  u8 len;	  /* prefix length (MPLS: ignored) */
  u8 eos;	  /* MPLS: end of stack */
  u8 pad;
  u32 label;    /* MPLS: the local label */
  u8 addr[16];  /* IPv4 in bytes 0..3 */
} vpp_rs_fib_prefix_t;
typedef void (vpp_rs_fib_entry_fn_t) (void *ctx,
				       const vpp_rs_fib_prefix_t *pfx,
				       u32 flags,
				       const vpp_rs_fib_path_t *paths,
				       u32 n_paths);
int vpp_rs_fib_source_allocate (const char *name, u8 priority, u8 is_simple,
				u32 *source);
int vpp_rs_fib_table_lock (u8 proto, u32 table_id, u32 source,
			   u32 *fib_index);
int vpp_rs_fib_table_unlock (u8 proto, u32 fib_index, u32 source);
int vpp_rs_fib_table_find (u8 proto, u32 table_id, u32 *fib_index);
int vpp_rs_fib_table_id (u8 proto, u32 fib_index, u32 *table_id);
int vpp_rs_fib_table_of_interface (u8 proto, u32 sw_if_index,
				   u32 *fib_index);
int vpp_rs_fib_entry_paths (u32 op, u32 fib_index,
			    const vpp_rs_fib_prefix_t *pfx, u32 source,
			    u32 flags, const vpp_rs_fib_path_t *paths,
			    u32 n_paths, u32 *entry_index);
/* One entry of vpp_rs_fib_entries_update: its paths are
 * paths[first_path .. first_path + n_paths); rv and entry_index are out. */
typedef struct
{
  vpp_rs_fib_prefix_t pfx;
  u32 fib_index;
  u32 source;
  u32 flags;
  u32 first_path;
  u32 n_paths;
  i32 rv;
  u32 entry_index;
} vpp_rs_fib_update_t;
void vpp_rs_fib_entries_update (vpp_rs_fib_update_t *u, u32 n,
				const vpp_rs_fib_path_t *paths, u32 n_paths);
int vpp_rs_fib_entry_delete (u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			     u32 source);
int vpp_rs_fib_entry_special_add (u32 fib_index,
				  const vpp_rs_fib_prefix_t *pfx, u32 source,
				  u32 flags, u32 *entry_index);
int vpp_rs_fib_entry_special_remove (u32 fib_index,
				     const vpp_rs_fib_prefix_t *pfx,
				     u32 source);
int vpp_rs_fib_table_mark_sweep (u32 fib_index, u8 proto, u32 source,
				 u8 is_sweep);
int vpp_rs_fib_table_entries (u32 fib_index, u8 proto, u32 source,
			      vpp_rs_fib_entry_fn_t *fn, void *ctx);
int vpp_rs_fib_table_flush_interfaces (u32 fib_index, u8 proto, u32 source,
				       const u32 *sw_if_indexes, u32 n,
				       u32 *n_removed);
int vpp_rs_fib_table_num_entries (u32 fib_index, u8 proto, u32 source,
				  u32 *n);

int vpp_rs_fib_entry_punt_add (u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			       u32 source, u32 *entry_index);
int vpp_rs_ip_table_bind (u8 proto, u32 sw_if_index, u32 table_id);

/* mfib_shim.c: multicast FIB tables and linux-nl's specials (vpp::mfib),
 * always with source MFIB_SOURCE_PLUGIN_LOW. */
int vpp_rs_mfib_table_lock (u8 proto, u32 table_id, u32 *mfib_index);
int vpp_rs_mfib_table_unlock (u8 proto, u32 mfib_index);
int vpp_rs_mfib_local_forward (u8 proto, u32 mfib_index, const u8 *group,
			       u8 len, u8 is_del);
int vpp_rs_mfib_accept_interface (u8 proto, u32 mfib_index, const u8 *group,
				  u8 len, u32 sw_if_index, u8 is_del);
int vpp_rs_mfib_table_of_interface (u8 proto, u32 sw_if_index,
				    u32 *mfib_index);

#endif /* included_vpp_rs_shim_h */
