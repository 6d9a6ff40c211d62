/*
 * Interface state, sub-interfaces and addresses for vpp-rs (what linux-cp
 * mirrors into Linux), over VPP's static inlines and struct fields.
 * Compiled by vpp-rs's build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/interface_funcs.h>
#include <vnet/ethernet/ethernet.h>
#include <vnet/ip/ip4.h>
#include <vnet/ip/ip6.h>
#include "shim.h"

/* The state of `sw_if_index`: -1 if there is none, else 0 with the fields
 * set (mac all-zero when its hw interface is not Ethernet). */
int
vpp_rs_sw_if_state (u32 sw_if_index, u32 *flags, u32 *l3_mtu,
		    u32 *hw_if_index, u32 *link_speed, u8 *mac,
		    u32 *unnumbered_sw_if_index)
{
  vnet_main_t *vnm = vnet_get_main ();
  vnet_sw_interface_t *sw;
  vnet_hw_interface_t *hw;
  u32 f = 0;

  if (!vnet_sw_interface_is_valid (vnm, sw_if_index))
    return -1;
  sw = vnet_get_sw_interface (vnm, sw_if_index);
  hw = vnet_get_sup_hw_interface (vnm, sw_if_index);
  if (sw->flags & VNET_SW_INTERFACE_FLAG_ADMIN_UP)
    f |= VPP_RS_STATE_ADMIN_UP;
  if (sw->flags & VNET_SW_INTERFACE_FLAG_UNNUMBERED)
    f |= VPP_RS_STATE_UNNUMBERED;
  if (hw && (hw->flags & VNET_HW_INTERFACE_FLAG_LINK_UP))
    f |= VPP_RS_STATE_LINK_UP;
  *flags = f;
  *unnumbered_sw_if_index = sw->unnumbered_sw_if_index;
  *l3_mtu = sw->mtu[VNET_MTU_L3];
  *hw_if_index = hw ? hw->hw_if_index : ~0;
  *link_speed = hw ? hw->link_speed : ~0;
  clib_memset (mac, 0, 6);
  if (hw && hw->hw_class_index == ethernet_hw_interface_class.index)
    {
      ethernet_interface_t *ei =
	ethernet_get_interface (&ethernet_main, hw->hw_if_index);
      if (ei)
	clib_memcpy (mac, ei->address.mac.bytes, 6);
    }
  return 0;
}

/* The sub-interface fields of `sw_if_index`: -1 if it is not a
 * sub-interface, else 0 (`exact` = it supports addressing, which for
 * dot1q/dot1ad means exact-match). */
int
vpp_rs_sub_if_info (u32 sw_if_index, u32 *sub_id, u16 *raw_flags,
		    u16 *outer_vlan, u16 *inner_vlan, u8 *exact)
{
  vnet_main_t *vnm = vnet_get_main ();
  vnet_sw_interface_t *sw;
  clib_error_t *e;

  if (!vnet_sw_interface_is_valid (vnm, sw_if_index))
    return -1;
  sw = vnet_get_sw_interface (vnm, sw_if_index);
  if (sw->type != VNET_SW_INTERFACE_TYPE_SUB)
    return -1;
  *sub_id = sw->sub.id;
  *raw_flags = sw->sub.eth.raw_flags;
  *outer_vlan = sw->sub.eth.outer_vlan_id;
  *inner_vlan = sw->sub.eth.inner_vlan_id;
  e = vnet_sw_interface_supports_addressing (vnm, sw_if_index);
  *exact = e == 0;
  clib_error_free (e);
  return 0;
}

/* vnet_create_sub_interface on `sup_sw_if_index`. */
int
vpp_rs_create_sub_interface (u32 sup_sw_if_index, u32 id, u16 raw_flags,
			     u16 inner_vlan, u16 outer_vlan, u32 *sw_if_index)
{
  return vnet_create_sub_interface (sup_sw_if_index, id, raw_flags,
				    inner_vlan, outer_vlan, sw_if_index);
}

/* vnet_delete_sub_interface. */
int
vpp_rs_delete_sub_interface (u32 sw_if_index)
{
  return vnet_delete_sub_interface (sw_if_index);
}

/* vnet_sw_interface_set_mtu (all protocols). */
void
vpp_rs_sw_if_set_mtu (u32 sw_if_index, u32 mtu)
{
  vnet_sw_interface_set_mtu (vnet_get_main (), sw_if_index, mtu);
}

/* vnet_sw_interface_admin_up. */
void
vpp_rs_sw_if_admin_up (u32 sw_if_index)
{
  vnet_sw_interface_admin_up (vnet_get_main (), sw_if_index);
}

/* Let the Ethernet interface of `hw_if_index` accept every destination MAC
 * (ETHERNET_INTERFACE_FLAG_STATUS_L3), as linux-cp wants of its taps. */
void
vpp_rs_ethernet_accept_all_dmac (u32 hw_if_index)
{
  ethernet_interface_t *ei =
    ethernet_get_interface (&ethernet_main, hw_if_index);
  if (ei)
    ei->flags |= ETHERNET_INTERFACE_FLAG_STATUS_L3;
}

/* Up to `max` addresses of `sw_if_index` (IPv6 when `is_ip6`), the
 * donor's for an unnumbered interface: 16 bytes each in `addrs` (IPv4 in
 * the first 4), lengths in `lens`. Returns how many there are in all. */
u32
vpp_rs_sw_if_addresses (u32 sw_if_index, u8 is_ip6, u8 *addrs, u8 *lens,
			u32 max)
{
  vnet_main_t *vnm = vnet_get_main ();
  ip_lookup_main_t *lm =
    is_ip6 ? &ip6_main.lookup_main : &ip4_main.lookup_main;
  ip_interface_address_t *ia = 0;
  u32 n = 0;

  if (!vnet_sw_interface_is_valid (vnm, sw_if_index))
    return 0;
  foreach_ip_interface_address (lm, ia, sw_if_index, 1, ({
				  void *a =
				    ip_interface_address_get_address (lm, ia);
				  if (n < max)
				    {
				      clib_memset (addrs + 16 * n, 0, 16);
				      clib_memcpy (addrs + 16 * n, a,
						   is_ip6 ? 16 : 4);
				      lens[n] = ia->address_length;
				    }
				  n++;
				}));
  return n;
}

/* Heads of vnet_main's low-priority interface callback lists:
 * 0 sw add/del, 1 sw admin up/down, 2 hw link up/down, 3 sw MTU change. */
_vnet_interface_function_list_elt_t **
vpp_rs_itf_function_list (u32 kind)
{
  vnet_main_t *vnm = vnet_get_main ();
  switch (kind)
    {
    case 0:
      return &vnm->sw_interface_add_del_functions[VNET_ITF_FUNC_PRIORITY_LOW];
    case 1:
      return &vnm
		->sw_interface_admin_up_down_functions[VNET_ITF_FUNC_PRIORITY_LOW];
    case 2:
      return &vnm
		->hw_interface_link_up_down_functions[VNET_ITF_FUNC_PRIORITY_LOW];
    case 3:
      return &vnm
		->sw_interface_mtu_change_functions[VNET_ITF_FUNC_PRIORITY_LOW];
    }
  return 0;
}

/* Interface address callbacks: VPP keeps them in vectors of ip4_main /
 * ip6_main; one C function per family forwards to the Rust callback. */
static vpp_rs_ip_address_fn_t *vpp_rs_ip_address_cb;

static void
vpp_rs_ip4_address_cb (ip4_main_t *im, uword opaque, u32 sw_if_index,
		       ip4_address_t *address, u32 address_length,
		       u32 if_address_index, u32 is_del)
{
  u8 a[16] = { 0 };
  clib_memcpy (a, address, 4);
  if (vpp_rs_ip_address_cb)
    vpp_rs_ip_address_cb (sw_if_index, a, address_length, 0, is_del);
}

static void
vpp_rs_ip6_address_cb (ip6_main_t *im, uword opaque, u32 sw_if_index,
		       ip6_address_t *address, u32 address_length,
		       u32 if_address_index, u32 is_del)
{
  if (vpp_rs_ip_address_cb)
    vpp_rs_ip_address_cb (sw_if_index, address->as_u8, address_length, 1,
			  is_del);
}

/* Register `f` for address adds and deletes of both families (once;
 * later calls only replace the function). */
void
vpp_rs_ip_address_callback_set (vpp_rs_ip_address_fn_t *f)
{
  if (!vpp_rs_ip_address_cb)
    {
      ip4_add_del_interface_address_callback_t cb4 = {
	.function = vpp_rs_ip4_address_cb,
      };
      ip6_add_del_interface_address_callback_t cb6 = {
	.function = vpp_rs_ip6_address_cb,
      };
      vec_add1 (ip4_main.add_del_interface_address_callbacks, cb4);
      vec_add1 (ip6_main.add_del_interface_address_callbacks, cb6);
    }
  vpp_rs_ip_address_cb = f;
}
