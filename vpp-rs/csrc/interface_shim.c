/*
 * Interface-table lookups for vpp-rs that VPP only has as static inlines.
 * Compiled by vpp-rs's build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/interface_funcs.h>
#include "shim.h"

/* Whether `sw_if_index` names an existing software interface (main thread). */
int
vpp_rs_sw_if_index_is_valid (u32 sw_if_index)
{
  return vnet_sw_interface_is_valid (vnet_get_main (), sw_if_index);
}
