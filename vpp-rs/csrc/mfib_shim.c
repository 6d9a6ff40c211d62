/*
 * Multicast FIB for vpp-rs (src/mfib.rs): the tables linux-nl locks beside
 * each unicast table and its specials, always as MFIB_SOURCE_PLUGIN_LOW.
 * Indices are checked before VPP sees them. Compiled by vpp-rs's build
 * script only when VPP headers are available.
 */
#include <vlib/vlib.h>
#include <vnet/vnet.h>
#include <vnet/ip/ip.h>
#include <vnet/mfib/mfib_table.h>
#include "shim.h"

static int
mfib_index_ok (u8 proto, u32 mfib_index)
{
  mfib_table_t *pool;

  if (proto == FIB_PROTOCOL_IP4)
    pool = ip4_main.mfibs;
  else if (proto == FIB_PROTOCOL_IP6)
    pool = ip6_main.mfibs;
  else
    return 0;
  return mfib_index < pool_len (pool) && !pool_is_free_index (pool, mfib_index);
}

static int
mfib_sw_if_ok (u32 sw_if_index)
{
  vnet_main_t *vnm = vnet_get_main ();
  return sw_if_index < pool_len (vnm->interface_main.sw_interfaces) &&
	 !pool_is_free_index (vnm->interface_main.sw_interfaces, sw_if_index);
}

int
vpp_rs_mfib_table_lock (u8 proto, u32 table_id, u32 *mfib_index)
{
  if (proto > FIB_PROTOCOL_IP6)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  *mfib_index = mfib_table_find_or_create_and_lock (proto, table_id,
						     MFIB_SOURCE_PLUGIN_LOW);
  return 0;
}

int
vpp_rs_mfib_table_unlock (u8 proto, u32 mfib_index)
{
  if (!mfib_index_ok (proto, mfib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  /* the counts would wrap: only undo a lock we hold */
  if (0 == mfib_table_get (mfib_index, proto)->mft_locks[MFIB_SOURCE_PLUGIN_LOW])
    return VNET_API_ERROR_NO_SUCH_ENTRY;
  mfib_table_unlock (mfib_index, proto, MFIB_SOURCE_PLUGIN_LOW);
  return 0;
}

static int
mprefix_make (mfib_prefix_t *p, u8 proto, const u8 *group, u8 len)
{
  clib_memset (p, 0, sizeof (*p));
  p->fp_proto = proto;
  p->fp_len = len;
  if (proto == FIB_PROTOCOL_IP4)
    {
      if (len > 32)
	return VNET_API_ERROR_INVALID_VALUE;
      clib_memcpy (p->fp_grp_addr.ip4.as_u8, group, 4);
      ip4_address_normalize (&p->fp_grp_addr.ip4, len);
    }
  else if (proto == FIB_PROTOCOL_IP6)
    {
      if (len > 128)
	return VNET_API_ERROR_INVALID_VALUE;
      clib_memcpy (p->fp_grp_addr.ip6.as_u8, group, 16);
      ip6_address_normalize (&p->fp_grp_addr.ip6, len);
    }
  else
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  return 0;
}

static int
mfib_path (u8 proto, u32 mfib_index, const u8 *group, u8 len,
	   u32 sw_if_index, int is_accept, u8 is_del)
{
  mfib_prefix_t p;
  fib_route_path_t path = {
    .frp_proto = proto == FIB_PROTOCOL_IP6 ? DPO_PROTO_IP6 : DPO_PROTO_IP4,
    .frp_sw_if_index = sw_if_index,
    .frp_fib_index = ~0,
    .frp_weight = 1,
    .frp_mitf_flags = is_accept ? MFIB_ITF_FLAG_ACCEPT : MFIB_ITF_FLAG_FORWARD,
    .frp_flags = is_accept ? FIB_ROUTE_PATH_FLAG_NONE : FIB_ROUTE_PATH_LOCAL,
  };
  int rv;

  if (!mfib_index_ok (proto, mfib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (is_accept && !mfib_sw_if_ok (sw_if_index))
    return VNET_API_ERROR_INVALID_SW_IF_INDEX;
  if ((rv = mprefix_make (&p, proto, group, len)))
    return rv;
  if (is_del)
    {
      if (FIB_NODE_INDEX_INVALID == mfib_table_lookup_exact_match (mfib_index, &p))
	return VNET_API_ERROR_NO_SUCH_ENTRY;
      mfib_table_entry_path_remove (mfib_index, &p, MFIB_SOURCE_PLUGIN_LOW,
				    &path);
    }
  else
    mfib_table_entry_path_update (mfib_index, &p, MFIB_SOURCE_PLUGIN_LOW,
				  MFIB_ENTRY_FLAG_NONE, &path);
  return 0;
}

int
vpp_rs_mfib_local_forward (u8 proto, u32 mfib_index, const u8 *group, u8 len,
			   u8 is_del)
{
  return mfib_path (proto, mfib_index, group, len, ~0, 0, is_del);
}

int
vpp_rs_mfib_accept_interface (u8 proto, u32 mfib_index, const u8 *group,
			      u8 len, u32 sw_if_index, u8 is_del)
{
  return mfib_path (proto, mfib_index, group, len, sw_if_index, 1, is_del);
}

int
vpp_rs_mfib_table_of_interface (u8 proto, u32 sw_if_index, u32 *mfib_index)
{
  u32 *v;

  if (proto > FIB_PROTOCOL_IP6)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  if (!mfib_sw_if_ok (sw_if_index))
    return VNET_API_ERROR_INVALID_SW_IF_INDEX;
  v = proto == FIB_PROTOCOL_IP4 ? ip4_main.mfib_index_by_sw_if_index :
				  ip6_main.mfib_index_by_sw_if_index;
  *mfib_index = sw_if_index < vec_len (v) ? v[sw_if_index] : 0;
  return 0;
}
