/*
 * Control-plane helpers for vpp-rs (pairs, FIB, punt) where VPP has only
 * static inlines, or takes vppinfra vectors the Rust side does not build.
 * Compiled by vpp-rs's build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/interface_funcs.h>
#include <vnet/ethernet/ethernet.h>
#include <vnet/fib/fib_types.h>
#include <vnet/ip/ip.h>
#include <vnet/adj/adj.h>
#include "shim.h"

/* Facts about an existing sw interface: -1 if there is none, else a mask of
 * VPP_RS_ITF_* bits; *sup_sw_if_index is set to its super interface. */
int
vpp_rs_sw_if_facts (u32 sw_if_index, u32 *sup_sw_if_index)
{
  vnet_main_t *vnm = vnet_get_main ();
  vnet_sw_interface_t *sw;
  vnet_hw_interface_t *hw;
  int r = 0;

  if (!vnet_sw_interface_is_valid (vnm, sw_if_index))
    return -1;
  sw = vnet_get_sw_interface (vnm, sw_if_index);
  *sup_sw_if_index = sw->sup_sw_if_index;
  if (vnet_sw_interface_is_p2p (vnm, sw_if_index))
    r |= VPP_RS_ITF_P2P;
  if (vnet_sw_interface_is_sub (vnm, sw_if_index))
    r |= VPP_RS_ITF_SUB;
  hw = vnet_get_sup_hw_interface (vnm, sw_if_index);
  if (hw && hw->hw_class_index == ethernet_hw_interface_class.index)
    r |= VPP_RS_ITF_ETHERNET;
  return r;
}

/* ip4/ip6_punt_redirect_add_paths with a one-path vector (VPP iterates the
 * paths with vec_foreach, so a plain array will not do). */
void
vpp_rs_ip_punt_redirect_add (u8 is_ip6, u32 rx_sw_if_index,
			     const fib_route_path_t *path)
{
  fib_route_path_t *paths = 0;

  vec_add1 (paths, *path);
  if (is_ip6)
    ip6_punt_redirect_add_paths (rx_sw_if_index, paths);
  else
    ip4_punt_redirect_add_paths (rx_sw_if_index, paths);
  vec_free (paths);
}

/* adj_mcast.h is not among the installed headers: VPP 26.06's exported
 * prototype (src/vnet/adj/adj_mcast.h), declared here. */
extern adj_index_t adj_mcast_add_or_lock (fib_protocol_t proto,
					  vnet_link_t link_type,
					  u32 sw_if_index);

/* adj_mcast_add_or_lock, through the prototype above. */
u32
vpp_rs_adj_mcast_add_or_lock (u8 proto, u8 link_type, u32 sw_if_index)
{
  return adj_mcast_add_or_lock ((fib_protocol_t) proto,
				(vnet_link_t) link_type, sw_if_index);
}

