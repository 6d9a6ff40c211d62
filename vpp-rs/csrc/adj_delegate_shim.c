/*
 * Adjacency delegate for vpp-rs: one delegate type per plugin, whose
 * created/modified/deleted events go to vpp_rs_adj_event (Rust), and a
 * collector of an interface's neighbour adjacencies. Compiled by vpp-rs's
 * build script only when VPP headers are available.
 */
#include <vnet/vnet.h>
#include <vnet/adj/adj.h>
#include <vnet/adj/adj_nbr.h>
#include "shim.h"

/* VPP 26.06 installs adj.h but not adj_delegate.h: what the shim uses of
 * it, as src/vnet/adj/adj_delegate.h of v26.06 defines it (an enum is an
 * int-sized type, u32 here; the structure layouts are those of VPP). */
typedef u32 vpp_rs_adj_delegate_type_t;
typedef struct
{
  adj_index_t ad_adj_index;
  vpp_rs_adj_delegate_type_t ad_type;
  index_t ad_index;
} vpp_rs_adj_delegate_t;
typedef struct
{
  u8 *(*adv_format) (const vpp_rs_adj_delegate_t *aed, u8 *s);
  void (*adv_adj_deleted) (vpp_rs_adj_delegate_t *aed);
  void (*adv_adj_modified) (vpp_rs_adj_delegate_t *aed);
  void (*adv_adj_created) (adj_index_t ai);
} vpp_rs_adj_delegate_vft_t;
extern vpp_rs_adj_delegate_type_t
adj_delegate_register_new_type (const vpp_rs_adj_delegate_vft_t *vft);
extern int adj_delegate_add (ip_adjacency_t *adj,
			     vpp_rs_adj_delegate_type_t fdt, index_t adi);
extern vpp_rs_adj_delegate_t *
adj_delegate_get (const ip_adjacency_t *adj, vpp_rs_adj_delegate_type_t type);

enum
{
  VPP_RS_ADJ_CREATED = 0,
  VPP_RS_ADJ_MODIFIED = 1,
  VPP_RS_ADJ_DELETED = 2,
};

static vpp_rs_adj_delegate_type_t vpp_rs_adj_type = ~0;
static const char *vpp_rs_adj_name = "rust";

static u8 *
vpp_rs_adj_format (const vpp_rs_adj_delegate_t *aed, u8 *s)
{
  return format (s, "%s", vpp_rs_adj_name);
}

static void
vpp_rs_adj_created (adj_index_t ai)
{
  if (vpp_rs_adj_event (vlib_get_main (), ai, VPP_RS_ADJ_CREATED))
    vpp_rs_adj_delegate_attach (ai);
}

static void
vpp_rs_adj_modified (vpp_rs_adj_delegate_t *aed)
{
  vpp_rs_adj_event (vlib_get_main (), aed->ad_adj_index, VPP_RS_ADJ_MODIFIED);
}

static void
vpp_rs_adj_deleted (vpp_rs_adj_delegate_t *aed)
{
  vpp_rs_adj_event (vlib_get_main (), aed->ad_adj_index, VPP_RS_ADJ_DELETED);
}

static const vpp_rs_adj_delegate_vft_t vpp_rs_adj_vft = {
  .adv_format = vpp_rs_adj_format,
  .adv_adj_deleted = vpp_rs_adj_deleted,
  .adv_adj_modified = vpp_rs_adj_modified,
  .adv_adj_created = vpp_rs_adj_created,
};

/* Register this plugin's delegate type (once); return it, or -1. */
int
vpp_rs_adj_delegate_register (const char *name)
{
  if (vpp_rs_adj_type != (vpp_rs_adj_delegate_type_t) ~0)
    return -1;
  vpp_rs_adj_name = name;
  vpp_rs_adj_type = adj_delegate_register_new_type (&vpp_rs_adj_vft);
  return (int) vpp_rs_adj_type;
}

/* Attach the delegate to adjacency `adj_index` (so its modified/deleted
 * events are reported); 0 when attached now or already, -1 otherwise. */
int
vpp_rs_adj_delegate_attach (u32 adj_index)
{
  ip_adjacency_t *adj;

  if (vpp_rs_adj_type == (vpp_rs_adj_delegate_type_t) ~0 ||
      pool_is_free_index (adj_pool, adj_index))
    return -1;
  adj = adj_get (adj_index);
  if (adj_delegate_get (adj, vpp_rs_adj_type))
    return 0;
  return adj_delegate_add (adj, vpp_rs_adj_type, adj_index);
}

typedef struct
{
  u32 *out;
  u32 max;
  u32 n;
} vpp_rs_walk_ctx_t;

static adj_walk_rc_t
vpp_rs_adj_walk_cb (adj_index_t ai, void *arg)
{
  vpp_rs_walk_ctx_t *ctx = arg;
  if (ctx->n < ctx->max)
    ctx->out[ctx->n] = ai;
  ctx->n++;
  return ADJ_WALK_RC_CONTINUE;
}

/* The IPv4 and IPv6 neighbour adjacencies of `sw_if_index`: the first
 * `max` go to `adj_indices`; returns how many there are. */
u32
vpp_rs_adj_nbr_walk (u32 sw_if_index, u32 *adj_indices, u32 max)
{
  vpp_rs_walk_ctx_t ctx = { .out = adj_indices, .max = max, .n = 0 };
  adj_nbr_walk (sw_if_index, FIB_PROTOCOL_IP4, vpp_rs_adj_walk_cb, &ctx);
  adj_nbr_walk (sw_if_index, FIB_PROTOCOL_IP6, vpp_rs_adj_walk_cb, &ctx);
  return ctx.n;
}
