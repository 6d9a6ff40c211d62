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
_vnet_interface_function_list_elt_t **
vpp_rs_sw_interface_add_del_functions (void);
u32 vpp_rs_adj_mcast_add_or_lock (u8 proto, u8 link_type, u32 sw_if_index);

/* data plane (nodes) */

/* buffer_shim.c */
u32 vpp_rs_buffer_copy (vlib_main_t *vm, vlib_buffer_t *b);
u32 vpp_rs_buffer_copy_avx2 (vlib_main_t *vm, vlib_buffer_t *b);
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

#endif /* included_vpp_rs_shim_h */
