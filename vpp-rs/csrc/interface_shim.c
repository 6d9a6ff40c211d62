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

/* Write the name `show interface` uses for `sw_if_index` to `buf` (NUL
 * terminated, truncated to `len` - 1 bytes); return its full length, or -1
 * for an interface that does not exist. */
int
vpp_rs_sw_if_index_name (u32 sw_if_index, char *buf, u32 len)
{
  vnet_main_t *vnm = vnet_get_main ();
  u8 *s;
  int n;

  if (!vnet_sw_interface_is_valid (vnm, sw_if_index))
    return -1;
  s = format (0, "%U", format_vnet_sw_if_index_name, vnm, sw_if_index);
  n = vec_len (s);
  if (len)
    {
      u32 k = n < len - 1 ? n : len - 1;
      clib_memcpy (buf, s, k);
      buf[k] = 0;
    }
  vec_free (s);
  return n;
}

/* The sw_if_index of the interface named `name` (as the CLI parses
 * interface names), or ~0. */
u32
vpp_rs_sw_if_index_by_name (const char *name)
{
  vnet_main_t *vnm = vnet_get_main ();
  unformat_input_t in;
  u32 sw_if_index = ~0;

  unformat_init_string (&in, (char *) name, strlen (name));
  if (!unformat_user (&in, unformat_vnet_sw_interface, vnm, &sw_if_index) ||
      unformat_check_input (&in) != UNFORMAT_END_OF_INPUT)
    sw_if_index = ~0;
  unformat_free (&in);
  return sw_if_index;
}
