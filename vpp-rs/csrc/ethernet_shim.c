/*
 * Ethernet type registry lookups for vpp-rs (VPP has them as inlines or
 * unformat functions). Compiled only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/ethernet/ethernet.h>
#include "shim.h"

/* Whether `type` (host order) is a known ethernet type; if so store the node
 * that takes it as input (~0 for none) in *node_index. */
int
vpp_rs_ethernet_type_node (u16 type, u32 *node_index)
{
  ethernet_type_info_t *ti = ethernet_get_type_info (&ethernet_main, type);
  if (!ti)
    return -1;
  *node_index = ti->node_index;
  return 0;
}

/* The known types whose input node is `node_index`, in registry order:
 * write up to `max` of them to `types`, return how many there are. */
u32
vpp_rs_ethernet_types_of_node (u32 node_index, u16 *types, u32 max)
{
  ethernet_type_info_t *ti;
  u32 n = 0;

  vec_foreach (ti, ethernet_main.type_infos)
    if (ti->node_index == node_index)
      {
	if (n < max)
	  types[n] = ti->type;
	n++;
      }
  return n;
}

/* Parse an ethernet type as the CLI does (0x%x, %d below 65536, or a
 * name such as LLDP); 0 on success. */
int
vpp_rs_ethernet_type_parse (const char *text, u16 *type)
{
  unformat_input_t in;
  int ok;

  unformat_init_string (&in, (char *) text, strlen (text));
  ok = unformat_user (&in, unformat_ethernet_type_host_byte_order, type) &&
       unformat_check_input (&in) == UNFORMAT_END_OF_INPUT;
  unformat_free (&in);
  return ok ? 0 : -1;
}
