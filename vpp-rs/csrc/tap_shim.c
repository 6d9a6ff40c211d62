/*
 * VPP's tap plugin for vpp-rs: tap.h offers tap_create_if and friends only
 * as static inlines that look the functions up with vlib_get_plugin_symbol
 * (so a plugin needs no link-time dependency on tap_plugin.so). These
 * wrappers are those inlines with plain arguments. Compiled by vpp-rs's
 * build script only when VPP headers are available.
 */
#include <vlib/vlib.h>
#include <vnet/vnet.h>
#include <vnet/ethernet/ethernet.h>
/* Installed headers (vpp-dev) or a VPP source tree (src/ on the path). */
#if __has_include(<vpp_plugins/tap/tap.h>)
#include <vpp_plugins/tap/tap.h>
#else
#include <plugins/tap/tap.h>
#endif
#include "shim.h"

/* Create a tap (or, with `is_tun`, a tun) whose Linux side is
 * `host_if_name` in namespace `host_ns` (NULL or "": VPP's own), with
 * `host_mac` (NULL: the kernel's choice) and `host_mtu` (0: the default),
 * named by VPP from `auto_id_offset` on. Returns 0 and sets *sw_if_index,
 * or the tap plugin's negative retval with its message in `err`. */
int
vpp_rs_tap_create (vlib_main_t *vm, const char *host_if_name,
		   const char *host_ns, u8 is_tun, const u8 *host_mac,
		   u32 host_mtu, u16 num_rx_queues, u16 num_tx_queues,
		   u32 auto_id_offset, u32 *sw_if_index, char *err, u32 errlen)
{
  tap_create_if_args_t args = {
    .num_rx_queues = num_rx_queues,
    .num_tx_queues = num_tx_queues,
    .id = ~0,
    .auto_id_offset = auto_id_offset,
    .sw_if_index = ~0,
    .rx_ring_sz = 256,
    .tx_ring_sz = 256,
    .tap_flags = is_tun ? TAP_FLAG_TUN : 0,
  };
  u8 *name = 0, *ns = 0;
  int rv;

  name = format (0, "%s%c", host_if_name, 0);
  args.host_if_name = name;
  if (host_ns && host_ns[0])
    {
      ns = format (0, "%s%c", host_ns, 0);
      args.host_namespace = ns;
    }
  if (host_mac)
    clib_memcpy (args.host_mac_addr.bytes, host_mac, 6);
  if (host_mtu)
    {
      args.host_mtu_set = 1;
      args.host_mtu_size = host_mtu;
    }
  tap_create_if (vm, &args);
  rv = args.rv;
  if (errlen)
    err[0] = 0;
  if (args.error)
    {
      u8 *s = format (0, "%U%c", format_clib_error, args.error, 0);
      if (errlen)
	{
	  strncpy (err, (char *) s, errlen - 1);
	  err[errlen - 1] = 0;
	}
      vec_free (s);
      clib_error_free (args.error);
      if (rv == 0)
	rv = VNET_API_ERROR_UNSPECIFIED;
    }
  vec_free (name);
  vec_free (ns);
  if (rv == 0)
    *sw_if_index = args.sw_if_index;
  return rv;
}

/* tap_delete_if: 0, or the tap plugin's negative retval. */
int
vpp_rs_tap_delete (vlib_main_t *vm, u32 sw_if_index)
{
  return tap_delete_if (vm, sw_if_index);
}

/* The Linux ifindex of a tap (0 or ~0 when unknown). */
u32
vpp_rs_tap_get_ifindex (vlib_main_t *vm, u32 sw_if_index)
{
  return tap_get_ifindex (vm, sw_if_index);
}

/* Whether hw interface `hw_if_index` exists and is a tap: tap_set_carrier
 * and tap_set_speed index the tap pool with any hw interface's
 * dev_instance, unchecked; tap_get_ifindex checks the device class. */
static int
vpp_rs_hw_is_tap (u32 hw_if_index)
{
  vnet_hw_interface_t *hw =
    vnet_get_hw_interface_or_null (vnet_get_main (), hw_if_index);
  return hw && tap_get_ifindex (vlib_get_main (), hw->sw_if_index) != ~0;
}

/* TUNSETCARRIER on the tap of hw interface `hw_if_index` (-1 when it is
 * not a tap). */
int
vpp_rs_tap_set_carrier (u32 hw_if_index, u32 carrier_up)
{
  if (!vpp_rs_hw_is_tap (hw_if_index))
    return VNET_API_ERROR_INVALID_INTERFACE;
  return tap_set_carrier (hw_if_index, carrier_up);
}

/* The ethtool speed (Mbps) of the tap of `hw_if_index` (-1 when it is not
 * a tap). */
int
vpp_rs_tap_set_speed (u32 hw_if_index, u32 speed)
{
  if (!vpp_rs_hw_is_tap (hw_if_index))
    return VNET_API_ERROR_INVALID_INTERFACE;
  return tap_set_speed (hw_if_index, speed);
}
