/*
 * Output feature arc start for packets sent through an adjacency
 * (vnet_feature_arc_start_w_cfg_index is a static inline). Compiled by
 * vpp-rs's build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/feature/feature.h>
#include <vnet/ip/ip4.h>
#include <vnet/ip/ip6.h>
#include "shim.h"

/* If TX of `b` has features on the IPv4 (or IPv6) output arc, start the
 * arc at `cfg_index` (the adjacency's ia_cfg_index) and return the next
 * index of the first feature; else return `next_index` unchanged. */
u32
vpp_rs_ip_output_feature_start (vlib_main_t *vm, int is_ip6, vlib_buffer_t *b,
				u32 next_index, u32 cfg_index)
{
  ip_lookup_main_t *lm =
    is_ip6 ? &ip6_main.lookup_main : &ip4_main.lookup_main;
  u32 next = next_index;

  (void) vm;
  vnet_feature_arc_start_w_cfg_index (lm->output_feature_arc_index,
				      vnet_buffer (b)->sw_if_index[VLIB_TX],
				      &next, b, cfg_index);
  return next;
}
