/*
 * IP neighbours for vpp-rs (what linux-nl applies from Linux's neighbour
 * table): add, delete, list, mark and sweep over vnet/ip-neighbor. The
 * shim builds ip_address_t / mac_address_t from plain bytes so that Rust
 * never mirrors them. Compiled by vpp-rs's build script only when VPP
 * headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/ip-neighbor/ip_neighbor.h>
#include "shim.h"

static void
vpp_rs_mk_ip (ip_address_t *a, u8 is_ip6, const u8 *ip)
{
  clib_memset (a, 0, sizeof (*a));
  if (is_ip6)
    {
      a->version = AF_IP6;
      clib_memcpy (a->ip.ip6.as_u8, ip, 16);
    }
  else
    {
      a->version = AF_IP4;
      clib_memcpy (a->ip.ip4.as_u8, ip, 4);
    }
}

/* ip_neighbor_add: STATIC or DYNAMIC; `stats_index` gets the adjacency
 * index (adj_nbr_find) when not NULL. Returns ip_neighbor_add's value
 * (0, -2 for a dynamic update of a static entry, or a VNET_API_ERROR_*). */
int
vpp_rs_ip_neighbor_add (u32 sw_if_index, u8 is_ip6, const u8 *ip,
			const u8 *mac, u8 is_static, u32 *stats_index)
{
  ip_address_t a;
  mac_address_t m;

  vpp_rs_mk_ip (&a, is_ip6, ip);
  mac_address_from_bytes (&m, mac);
  return ip_neighbor_add (&a, &m, sw_if_index,
			  is_static ? IP_NEIGHBOR_FLAG_STATIC :
				      IP_NEIGHBOR_FLAG_DYNAMIC,
			  stats_index);
}

/* ip_neighbor_del. */
int
vpp_rs_ip_neighbor_del (u32 sw_if_index, u8 is_ip6, const u8 *ip)
{
  ip_address_t a;

  vpp_rs_mk_ip (&a, is_ip6, ip);
  return ip_neighbor_del (&a, sw_if_index);
}

typedef struct
{
  u32 *sw_if_indexes;
  u8 *ips;
  u8 *macs;
  u8 *flags;
  f64 *ages;
  u32 max;
  u32 n;
  f64 now;
} vpp_rs_nbr_walk_ctx_t;

static walk_rc_t
vpp_rs_nbr_walk_cb (index_t ipni, void *arg)
{
  vpp_rs_nbr_walk_ctx_t *ctx = arg;
  ip_neighbor_t *ipn = ip_neighbor_get (ipni);
  const ip_address_t *ip;
  u32 i = ctx->n;

  if (i < ctx->max)
    {
      ip = ip_neighbor_get_ip (ipn);
      ctx->sw_if_indexes[i] = ip_neighbor_get_sw_if_index (ipn);
      clib_memset (ctx->ips + 16 * i, 0, 16);
      if (ip_addr_version (ip) == AF_IP6)
	clib_memcpy (ctx->ips + 16 * i, ip_addr_v6 (ip).as_u8, 16);
      else
	clib_memcpy (ctx->ips + 16 * i, ip_addr_v4 (ip).as_u8, 4);
      clib_memcpy (ctx->macs + 6 * i, ip_neighbor_get_mac (ipn)->bytes, 6);
      ctx->flags[i] = ipn->ipn_flags;
      ctx->ages[i] = ctx->now - ipn->ipn_time_last_updated;
    }
  ctx->n++;
  return WALK_CONTINUE;
}

/* Up to `max` neighbours of family `is_ip6` on `sw_if_index` (~0: all):
 * interface, address (16 bytes each, IPv4 in the first 4), MAC (6 bytes
 * each), IP_NEIGHBOR_FLAG_* and seconds since the last update. Returns how
 * many there are in all. */
u32
vpp_rs_ip_neighbor_list (u8 is_ip6, u32 sw_if_index, u32 *sw_if_indexes,
			 u8 *ips, u8 *macs, u8 *flags, f64 *ages, u32 max)
{
  vpp_rs_nbr_walk_ctx_t ctx = {
    .sw_if_indexes = sw_if_indexes,
    .ips = ips,
    .macs = macs,
    .flags = flags,
    .ages = ages,
    .max = max,
    .now = vlib_time_now (vlib_get_main ()),
  };
  ip_neighbor_walk (is_ip6 ? AF_IP6 : AF_IP4, sw_if_index, vpp_rs_nbr_walk_cb,
		    &ctx);
  return ctx.n;
}

/* Mark (STALE) every neighbour of family `is_ip6` on `sw_if_index`. */
void
vpp_rs_ip_neighbor_mark (u8 is_ip6, u32 sw_if_index)
{
  ip_neighbor_walk (is_ip6 ? AF_IP6 : AF_IP4, sw_if_index,
		    ip_neighbor_mark_one, NULL);
}

/* ip_neighbor_sweep: delete every neighbour of the family still marked. */
void
vpp_rs_ip_neighbor_sweep (u8 is_ip6)
{
  ip_neighbor_sweep (is_ip6 ? AF_IP6 : AF_IP4);
}
