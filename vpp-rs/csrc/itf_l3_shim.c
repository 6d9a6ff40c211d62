/*
 * Interface L3 changes for vpp-rs (what linux-nl applies from Linux's
 * addresses and links): interface addresses, IPv6 enable and link-local,
 * admin down, hardware MTU and MAC, adjacency rewrite refresh. Compiled by
 * vpp-rs's build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/interface_funcs.h>
#include <vnet/ethernet/ethernet.h>
#include <vnet/ip/ip4.h>
#include <vnet/ip/ip6.h>
#include <vnet/adj/adj.h>
#include <vnet/adj/rewrite.h>
#include "shim.h"

/* VPP 26.06 does not install vnet/ip/ip6_link.h: the functions of it this
 * shim calls, as that header declares them (libvnet exports them). */
extern int ip6_link_enable (u32 sw_if_index,
			    const ip6_address_t *link_local_addr);
extern bool ip6_link_is_enabled (u32 sw_if_index);
extern int ip6_link_disable (u32 sw_if_index);
extern const ip6_address_t *ip6_get_link_local_address (u32 sw_if_index);
extern int ip6_link_set_local_address (u32 sw_if_index,
				       const ip6_address_t *address);

/* Turn a clib error into a retval (vnm->api_errno, else the error's code
 * when it is a VNET_API_ERROR_*, else UNSPECIFIED) and a NUL-terminated
 * message in `err`; frees the error. */
static int
vpp_rs_error_to_rv (clib_error_t *e, char *err, u32 errlen)
{
  vnet_main_t *vnm = vnet_get_main ();
  int rv = vnm->api_errno;
  u8 *s;

  if (rv == 0 && (i32) e->code < 0)
    rv = (i32) e->code;
  if (rv == 0)
    rv = VNET_API_ERROR_UNSPECIFIED;
  if (err && errlen)
    {
      s = format (0, "%v", e->what);
      u32 n = vec_len (s) < errlen - 1 ? vec_len (s) : errlen - 1;
      clib_memcpy (err, s, n);
      err[n] = 0;
      vec_free (s);
    }
  clib_error_free (e);
  return rv;
}

/* ip4/ip6_add_del_interface_address. 0, or a retval with a message. */
int
vpp_rs_sw_if_add_del_address (u32 sw_if_index, u8 is_ip6, const u8 *addr,
			      u8 len, u8 is_del, char *err, u32 errlen)
{
  vnet_main_t *vnm = vnet_get_main ();
  vlib_main_t *vm = vlib_get_main ();
  clib_error_t *e;

  vnm->api_errno = 0;
  if (is_ip6)
    {
      ip6_address_t a;
      clib_memcpy (a.as_u8, addr, 16);
      e = ip6_add_del_interface_address (vm, sw_if_index, &a, len, is_del);
    }
  else
    {
      ip4_address_t a;
      clib_memcpy (a.as_u8, addr, 4);
      e = ip4_add_del_interface_address (vm, sw_if_index, &a, len, is_del);
    }
  if (e)
    return vpp_rs_error_to_rv (e, err, errlen);
  return 0;
}

/* ip6_link_enable (sw_if_index, NULL) (already enabled is fine), then
 * ip6_link_set_local_address when `ll` is not NULL. 0 or VPP's retval. */
int
vpp_rs_ip6_link_enable (u32 sw_if_index, const u8 *ll)
{
  int rv = ip6_link_enable (sw_if_index, NULL);
  if (rv == VNET_API_ERROR_VALUE_EXIST)
    rv = 0;
  if (rv == 0 && ll)
    {
      ip6_address_t a;
      clib_memcpy (a.as_u8, ll, 16);
      rv = ip6_link_set_local_address (sw_if_index, &a);
    }
  return rv;
}

/* ip6_link_disable. */
int
vpp_rs_ip6_link_disable (u32 sw_if_index)
{
  return ip6_link_disable (sw_if_index);
}

/* ip6_link_is_enabled; with `ll` (16 bytes) the link-local address
 * (all-zero if none). */
int
vpp_rs_ip6_link_is_enabled (u32 sw_if_index, u8 *ll)
{
  const ip6_address_t *a;
  int on = ip6_link_is_enabled (sw_if_index);
  if (ll)
    {
      clib_memset (ll, 0, 16);
      a = on ? ip6_get_link_local_address (sw_if_index) : 0;
      if (a)
	clib_memcpy (ll, a->as_u8, 16);
    }
  return on;
}

/* vnet_sw_interface_admin_down. */
void
vpp_rs_sw_if_admin_down (u32 sw_if_index)
{
  vnet_sw_interface_admin_down (vnet_get_main (), sw_if_index);
}

/* Facts of hardware interface `hw_if_index`: -1 if there is none, else
 * VPP_RS_ITF_ETHERNET when it is of the Ethernet class, with its address
 * (up to 6 bytes) in `mac` and `*mac_len`. */
int
vpp_rs_hw_if_info (u32 hw_if_index, u8 *mac, u32 *mac_len)
{
  vnet_main_t *vnm = vnet_get_main ();
  vnet_hw_interface_t *hw;
  int r = 0;
  u32 n;

  if (pool_is_free_index (vnm->interface_main.hw_interfaces, hw_if_index))
    return -1;
  hw = vnet_get_hw_interface (vnm, hw_if_index);
  if (hw->hw_class_index == ethernet_hw_interface_class.index)
    r |= VPP_RS_ITF_ETHERNET;
  n = vec_len (hw->hw_address);
  n = n > 6 ? 6 : n;
  clib_memset (mac, 0, 6);
  clib_memcpy (mac, hw->hw_address, n);
  *mac_len = n;
  return r;
}

/* vnet_hw_interface_set_mtu. 0, or a retval with a message. */
int
vpp_rs_hw_if_set_mtu (u32 hw_if_index, u32 mtu, char *err, u32 errlen)
{
  vnet_main_t *vnm = vnet_get_main ();
  clib_error_t *e;

  vnm->api_errno = 0;
  e = vnet_hw_interface_set_mtu (vnm, hw_if_index, mtu);
  if (e)
    return vpp_rs_error_to_rv (e, err, errlen);
  return 0;
}

/* vnet_hw_interface_change_mac_address. 0, or a retval with a message. */
int
vpp_rs_hw_if_change_mac (u32 hw_if_index, const u8 *mac, char *err,
			 u32 errlen)
{
  vnet_main_t *vnm = vnet_get_main ();
  clib_error_t *e;

  vnm->api_errno = 0;
  e = vnet_hw_interface_change_mac_address (vnm, hw_if_index, mac);
  if (e)
    return vpp_rs_error_to_rv (e, err, errlen);
  return 0;
}

/* The sw_if_index of adjacency `adj_index`'s rewrite, ~0 when there is no
 * such adjacency. */
u32
vpp_rs_adj_sw_if_index (u32 adj_index)
{
  if (!adj_is_valid (adj_index))
    return ~0;
  return adj_get (adj_index)->rewrite_header.sw_if_index;
}

/* vnet_update_adjacency_for_sw_interface. */
void
vpp_rs_update_adjacency (u32 sw_if_index, u32 adj_index)
{
  vnet_update_adjacency_for_sw_interface (vnet_get_main (), sw_if_index,
					  adj_index);
}
