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

/* control plane (pairs, FIB, punt) */

/* data plane (nodes) */

#endif /* included_vpp_rs_shim_h */
