/*
 * Unicast FIB for vpp-rs (src/fib/): tables, sources, routes and the
 * per-source audits linux-nl needs. The Rust side passes flat prefixes and
 * paths (shim.h); this file builds fib_prefix_t and fib_route_path_t and
 * checks every index before VPP sees it (VPP asserts or reads out of bounds
 * on unknown tables, sources and interfaces). Compiled by vpp-rs's build
 * script only when VPP headers are available.
 */
#include <vlib/vlib.h>
#include <vnet/vnet.h>
#include <vnet/ip/ip.h>
#include <vnet/mpls/mpls.h>
#include <vnet/fib/fib_table.h>
#include <vnet/fib/fib_entry.h>
#include <vnet/fib/fib_path.h>
#include <vnet/fib/fib_path_list.h>
#include <vnet/fib/fib_source.h>
#include <vnet/dpo/punt_dpo.h>
#include "shim.h"

/* Returns the table's pool, or NULL for an unknown protocol. */
static fib_table_t *
fib_pool (u8 proto)
{
  switch (proto)
    {
    case FIB_PROTOCOL_IP4:
      return ip4_main.fibs;
    case FIB_PROTOCOL_IP6:
      return ip6_main.fibs;
    case FIB_PROTOCOL_MPLS:
      return mpls_main.fibs;
    }
  return 0;
}

static int
fib_index_ok (u8 proto, u32 fib_index)
{
  fib_table_t *pool;

  if (proto > FIB_PROTOCOL_MPLS)
    return 0;
  pool = fib_pool (proto);
  return pool && fib_index < pool_len (pool) &&
	 !pool_is_free_index (pool, fib_index);
}

static int
sw_if_ok (u32 sw_if_index)
{
  vnet_main_t *vnm = vnet_get_main ();
  return sw_if_index < pool_len (vnm->interface_main.sw_interfaces) &&
	 !pool_is_free_index (vnm->interface_main.sw_interfaces, sw_if_index);
}

typedef struct
{
  const char *name; /* NULL: look for `found` by id */
  u32 want;
  u32 found;
} source_find_ctx_t;

static walk_rc_t
source_find_cb (fib_source_t id, const char *name, fib_source_priority_t prio,
		fib_source_behaviour_t bh, void *arg)
{
  source_find_ctx_t *ctx = arg;
  if (ctx->name ? (name && 0 == strcmp (name, ctx->name)) : id == ctx->want)
    {
      ctx->found = id;
      return WALK_STOP;
    }
  return WALK_CONTINUE;
}

/* Sources found allocated. VPP never frees a source, so one found once
 * stays valid and the walk (a callback per source, a few percent of a
 * route update and of a delete) is skipped. Main thread only, as every FIB
 * call. */
static u8 source_known[256];

/* An allocated source (fib_source_get_* index their table unchecked). */
static int
source_ok (u32 source)
{
  source_find_ctx_t ctx = { .name = 0, .want = source, .found = ~0 };

  /* fib_source_t is one byte; FIB_SOURCE_INVALID (0) is no source */
  if (source > 0xff || source == FIB_SOURCE_INVALID)
    return 0;
  if (source_known[source])
    return 1;
  fib_source_walk (source_find_cb, &ctx);
  if (ctx.found != source)
    return 0;
  source_known[source] = 1;
  return 1;
}

/* Looks `name` up among the allocated sources first, so a second call
 * (e.g. a plugin re-initialising) answers the same source. */
int
vpp_rs_fib_source_allocate (const char *name, u8 priority, u8 is_simple,
			    u32 *source)
{
  source_find_ctx_t ctx = { .name = name, .want = ~0, .found = ~0 };
  fib_source_t src;

  fib_source_walk (source_find_cb, &ctx);
  if (ctx.found != ~0)
    {
      *source = ctx.found;
      return 0;
    }
  src = fib_source_allocate (
    name, priority, is_simple ? FIB_SOURCE_BH_SIMPLE : FIB_SOURCE_BH_API);
  if (src == FIB_SOURCE_INVALID)
    return VNET_API_ERROR_TABLE_TOO_BIG;
  *source = src;
  return 0;
}

int
vpp_rs_fib_table_lock (u8 proto, u32 table_id, u32 source, u32 *fib_index)
{
  if (proto > FIB_PROTOCOL_MPLS)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  *fib_index = fib_table_find_or_create_and_lock (proto, table_id, source);
  return 0;
}

int
vpp_rs_fib_table_unlock (u8 proto, u32 fib_index, u32 source)
{
  fib_table_t *t;

  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  t = fib_table_get (fib_index, proto);
  /* fib_table_lock_dec asserts the source holds a lock */
  if (source >= vec_len (t->ft_locks) || 0 == t->ft_locks[source])
    return VNET_API_ERROR_NO_SUCH_ENTRY;
  fib_table_unlock (fib_index, proto, source);
  return 0;
}

int
vpp_rs_fib_table_find (u8 proto, u32 table_id, u32 *fib_index)
{
  u32 i;

  if (proto > FIB_PROTOCOL_MPLS)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  i = fib_table_find (proto, table_id);
  if (i == ~0)
    return VNET_API_ERROR_NO_SUCH_FIB;
  *fib_index = i;
  return 0;
}

int
vpp_rs_fib_table_id (u8 proto, u32 fib_index, u32 *table_id)
{
  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  *table_id = fib_table_get (fib_index, proto)->ft_table_id;
  return 0;
}

int
vpp_rs_fib_table_of_interface (u8 proto, u32 sw_if_index, u32 *fib_index)
{
  if (proto > FIB_PROTOCOL_IP6)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  if (!sw_if_ok (sw_if_index))
    return VNET_API_ERROR_INVALID_SW_IF_INDEX;
  /* fib_table_get_index_for_sw_if_index reads the per-interface vector
   * unchecked; an interface VPP has not seen yet is in table 0 */
  if (proto == FIB_PROTOCOL_IP4 &&
      sw_if_index >= vec_len (ip4_main.fib_index_by_sw_if_index))
    *fib_index = 0;
  else if (proto == FIB_PROTOCOL_IP6 &&
	   sw_if_index >= vec_len (ip6_main.fib_index_by_sw_if_index))
    *fib_index = 0;
  else
    *fib_index = fib_table_get_index_for_sw_if_index (proto, sw_if_index);
  return 0;
}

/* ---- prefixes and paths ---- */

static void
addr_from (ip46_address_t *a, const u8 *bytes, int is_ip6)
{
  clib_memset (a, 0, sizeof (*a));
  if (is_ip6)
    clib_memcpy (a->ip6.as_u8, bytes, 16);
  else
    clib_memcpy (a->ip4.as_u8, bytes, 4);
}

static void
addr_to (u8 *bytes, const ip46_address_t *a, int is_ip6)
{
  clib_memset (bytes, 0, 16);
  if (is_ip6)
    clib_memcpy (bytes, a->ip6.as_u8, 16);
  else
    clib_memcpy (bytes, a->ip4.as_u8, 4);
}

static int
label_ok (u32 l)
{
  return l <= MPLS_IETF_MAX_LABEL || l == MPLS_LABEL_POP;
}

/* The prefix (host bits cleared); for MPLS the payload protocol comes from
 * the first path (`paths` may be NULL: IP4 payload). */
static int
prefix_make (fib_prefix_t *p, const vpp_rs_fib_prefix_t *in,
	     const vpp_rs_fib_path_t *paths, u32 n_paths)
{
  fib_prefix_t raw;

  clib_memset (&raw, 0, sizeof (raw));
  raw.fp_proto = in->proto;
  switch (in->proto)
    {
    case FIB_PROTOCOL_IP4:
      if (in->len > 32)
	return VNET_API_ERROR_INVALID_VALUE;
      raw.fp_len = in->len;
      addr_from (&raw.fp_addr, in->addr, 0);
      break;
    case FIB_PROTOCOL_IP6:
      if (in->len > 128)
	return VNET_API_ERROR_INVALID_VALUE;
      raw.fp_len = in->len;
      addr_from (&raw.fp_addr, in->addr, 1);
      break;
    case FIB_PROTOCOL_MPLS:
      if (in->label > MPLS_IETF_MAX_LABEL)
	return VNET_API_ERROR_INVALID_VALUE;
      clib_memset (p, 0, sizeof (*p));
      p->fp_proto = FIB_PROTOCOL_MPLS;
      p->fp_len = 21;
      p->fp_label = in->label;
      p->fp_eos = in->eos ? MPLS_EOS : MPLS_NON_EOS;
      p->fp_payload_proto =
	in->eos ? (n_paths ? fib_proto_to_dpo (paths[0].proto) : DPO_PROTO_IP4) :
		  DPO_PROTO_MPLS;
      return 0;
    default:
      return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
    }
  fib_prefix_normalize (&raw, p);
  return 0;
}

static void
prefix_out (vpp_rs_fib_prefix_t *out, const fib_prefix_t *p)
{
  clib_memset (out, 0, sizeof (*out));
  out->proto = p->fp_proto;
  if (p->fp_proto == FIB_PROTOCOL_MPLS)
    {
      out->len = 21;
      out->label = p->fp_label;
      out->eos = p->fp_eos == MPLS_EOS;
      return;
    }
  out->len = p->fp_len;
  addr_to (out->addr, &p->fp_addr, p->fp_proto == FIB_PROTOCOL_IP6);
}

/* VPP's path vector from the flat ones, into *rpaths (emptied first: a
 * vector to free with paths_free, or the reused scratch of entry_paths).
 * Recursive next hops resolve in `fib_index` when the next
 * hop's protocol is the table's, else in that protocol's default table. */
static int
paths_make (fib_route_path_t **rpaths, u8 table_proto, u32 fib_index,
	    const vpp_rs_fib_path_t *in, u32 n)
{
  u32 i, j;

  vec_reset_length (*rpaths);
  for (i = 0; i < n; i++)
    {
      const vpp_rs_fib_path_t *x = &in[i];
      fib_route_path_t *r;

      if (x->proto > FIB_PROTOCOL_MPLS)
	return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
      if (x->n_labels > VPP_RS_FIB_MAX_LABELS)
	return VNET_API_ERROR_INVALID_VALUE_2;
      for (j = 0; j < x->n_labels; j++)
	if (!label_ok (x->labels[j]))
	  return VNET_API_ERROR_INVALID_VALUE_2;
      if (x->sw_if_index != ~0 && !sw_if_ok (x->sw_if_index))
	return VNET_API_ERROR_INVALID_SW_IF_INDEX;
      if (x->kind > VPP_RS_FIB_PATH_LOCAL)
	return VNET_API_ERROR_INVALID_VALUE_2;
      if (x->kind == VPP_RS_FIB_PATH_NORMAL && !x->has_nh &&
	  x->sw_if_index == ~0)
	return VNET_API_ERROR_NO_PATHS_IN_ROUTE;
      if (x->has_nh && x->nh_is_ip6 != (x->proto == FIB_PROTOCOL_IP6) &&
	  x->proto != FIB_PROTOCOL_MPLS)
	return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;

      vec_add2 (*rpaths, r, 1);
      /* the vector may be reused scratch: nothing of an earlier path stays */
      clib_memset (r, 0, sizeof (*r));
      r->frp_proto = fib_proto_to_dpo (x->proto);
      r->frp_sw_if_index = x->sw_if_index;
      r->frp_weight = x->weight ? x->weight : 1;
      r->frp_preference = x->pref;
      r->frp_fib_index = x->proto == table_proto ? fib_index : 0;
      if (x->has_nh)
	{
	  addr_from (&r->frp_addr, x->nh, x->nh_is_ip6);
	  if (x->proto == FIB_PROTOCOL_MPLS)
	    r->frp_proto = x->nh_is_ip6 ? DPO_PROTO_IP6 : DPO_PROTO_IP4;
	}
      switch (x->kind)
	{
	case VPP_RS_FIB_PATH_DROP:
	  r->frp_flags = FIB_ROUTE_PATH_DROP;
	  break;
	case VPP_RS_FIB_PATH_ICMP_UNREACH:
	  r->frp_flags = FIB_ROUTE_PATH_ICMP_UNREACH;
	  break;
	case VPP_RS_FIB_PATH_ICMP_PROHIBIT:
	  r->frp_flags = FIB_ROUTE_PATH_ICMP_PROHIBIT;
	  break;
	case VPP_RS_FIB_PATH_LOCAL:
	  r->frp_flags = FIB_ROUTE_PATH_LOCAL;
	  break;
	default:
	  r->frp_flags = FIB_ROUTE_PATH_FLAG_NONE;
	}
      for (j = 0; j < x->n_labels; j++)
	{
	  fib_mpls_label_t fml = { .fml_value = x->labels[j] };
	  vec_add1 (r->frp_label_stack, fml);
	}
    }
  return 0;
}

static void
paths_free (fib_route_path_t *rpaths)
{
  fib_route_path_t *r;
  vec_foreach (r, rpaths)
    vec_free (r->frp_label_stack);
  vec_free (rpaths);
}

static void
path_out (vpp_rs_fib_path_t *out, const fib_route_path_t *r)
{
  u32 j;
  int is_ip6 = r->frp_proto == DPO_PROTO_IP6;

  clib_memset (out, 0, sizeof (*out));
  out->proto = dpo_proto_to_fib (r->frp_proto);
  out->weight = r->frp_weight > 255 ? 255 : r->frp_weight;
  out->pref = r->frp_preference > 255 ? 255 : r->frp_preference;
  out->sw_if_index = r->frp_sw_if_index;
  if (r->frp_flags & FIB_ROUTE_PATH_DROP)
    out->kind = VPP_RS_FIB_PATH_DROP;
  else if (r->frp_flags & FIB_ROUTE_PATH_ICMP_UNREACH)
    out->kind = VPP_RS_FIB_PATH_ICMP_UNREACH;
  else if (r->frp_flags & FIB_ROUTE_PATH_ICMP_PROHIBIT)
    out->kind = VPP_RS_FIB_PATH_ICMP_PROHIBIT;
  else if (r->frp_flags & FIB_ROUTE_PATH_LOCAL)
    out->kind = VPP_RS_FIB_PATH_LOCAL;
  else
    out->kind = VPP_RS_FIB_PATH_NORMAL;
  if ((r->frp_proto == DPO_PROTO_IP4 || is_ip6) &&
      !ip46_address_is_zero (&r->frp_addr))
    {
      out->has_nh = 1;
      out->nh_is_ip6 = is_ip6;
      addr_to (out->nh, &r->frp_addr, is_ip6);
    }
  for (j = 0; j < vec_len (r->frp_label_stack) && j < VPP_RS_FIB_MAX_LABELS;
       j++)
    out->labels[j] = r->frp_label_stack[j].fml_value;
  out->n_labels = j;
}

/* ---- routes ---- */

/* The path vector of every update and add: VPP copies the paths it keeps
 * (and takes their label stacks), never the vector, so one vector serves
 * every call instead of a heap allocation and free per route (a few percent
 * of an import). Main thread only, as every FIB call. */
static fib_route_path_t *scratch_rpaths;

/* Empty the scratch vector for the next call, keeping its memory. Its
 * paths' label stacks are freed when they are still ours (`ours`), or only
 * forgotten when VPP took them over. */
static void
scratch_release (int ours)
{
  fib_route_path_t *r;
  vec_foreach (r, scratch_rpaths)
    {
      if (ours)
	vec_free (r->frp_label_stack);
      r->frp_label_stack = 0;
    }
  vec_reset_length (scratch_rpaths);
}

static int
entry_paths (u32 op, u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
	     u32 source, u32 flags, const vpp_rs_fib_path_t *paths,
	     u32 n_paths, u32 *entry_index)
{
  fib_prefix_t p;
  fib_node_index_t fei = FIB_NODE_INDEX_INVALID;
  int rv;

  if (!fib_index_ok (pfx->proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  if (op > VPP_RS_FIB_OP_REMOVE)
    return VNET_API_ERROR_INVALID_VALUE;
  if (0 == n_paths)
    return VNET_API_ERROR_NO_PATHS_IN_ROUTE;
  if ((rv = prefix_make (&p, pfx, paths, n_paths)))
    return rv;
  if ((rv = paths_make (&scratch_rpaths, pfx->proto, fib_index, paths,
			n_paths)))
    {
      /* label stacks made before the bad path are ours to free */
      scratch_release (1);
      return rv;
    }
  switch (op)
    {
    case VPP_RS_FIB_OP_UPDATE:
      fei = fib_table_entry_update (fib_index, &p, source, flags,
				    scratch_rpaths);
      break;
    case VPP_RS_FIB_OP_ADD:
      fei = fib_table_entry_path_add2 (fib_index, &p, source, flags,
				       scratch_rpaths);
      break;
    case VPP_RS_FIB_OP_REMOVE:
      if (FIB_NODE_INDEX_INVALID ==
	    fib_table_lookup_exact_match (fib_index, &p) ||
	  !fib_entry_is_sourced (fib_table_lookup_exact_match (fib_index, &p),
				 source))
	rv = VNET_API_ERROR_NO_SUCH_ENTRY;
      else
	fib_table_entry_path_remove2 (fib_index, &p, source, scratch_rpaths);
      /* path_remove2 keeps nothing: the label stacks are ours */
      scratch_release (1);
      if (rv)
	return rv;
      break;
    }
  /* update and path_add2 keep the label stacks (path extensions), as VPP's
   * route API relies on */
  if (op != VPP_RS_FIB_OP_REMOVE)
    scratch_release (0);
  if (entry_index)
    *entry_index = fei;
  return 0;
}

int
vpp_rs_fib_entry_paths (u32 op, u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			u32 source, u32 flags, const vpp_rs_fib_path_t *paths,
			u32 n_paths, u32 *entry_index)
{
  return entry_paths (op, fib_index, pfx, source, flags, paths, n_paths,
		      entry_index);
}

void
vpp_rs_fib_entries_update (vpp_rs_fib_update_t *u, u32 n,
			   const vpp_rs_fib_path_t *paths, u32 n_paths)
{
  u32 i;

  for (i = 0; i < n; i++)
    {
      vpp_rs_fib_update_t *x = &u[i];

      x->entry_index = ~0;
      if (x->first_path > n_paths || x->n_paths > n_paths - x->first_path)
	{
	  x->rv = VNET_API_ERROR_INVALID_VALUE;
	  continue;
	}
      x->rv = entry_paths (VPP_RS_FIB_OP_UPDATE, x->fib_index, &x->pfx,
			   x->source, x->flags, paths + x->first_path,
			   x->n_paths, &x->entry_index);
    }
}

/* The entry of `pfx` when `source` contributes to it. */
static int
sourced_entry (u32 fib_index, const vpp_rs_fib_prefix_t *pfx, u32 source,
	       fib_prefix_t *p, fib_node_index_t *fei)
{
  int rv;

  if (!fib_index_ok (pfx->proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  if ((rv = prefix_make (p, pfx, 0, 0)))
    return rv;
  *fei = fib_table_lookup_exact_match (fib_index, p);
  if (FIB_NODE_INDEX_INVALID == *fei || !fib_entry_is_sourced (*fei, source))
    return VNET_API_ERROR_NO_SUCH_ENTRY;
  return 0;
}

int
vpp_rs_fib_entry_delete (u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			 u32 source)
{
  fib_prefix_t p;
  fib_node_index_t fei;
  int rv;

  if ((rv = sourced_entry (fib_index, pfx, source, &p, &fei)))
    return rv;
  fib_table_entry_delete_index (fei, source);
  return 0;
}

int
vpp_rs_fib_entry_special_add (u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			      u32 source, u32 flags, u32 *entry_index)
{
  fib_prefix_t p;
  int rv;

  if (!fib_index_ok (pfx->proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  if ((rv = prefix_make (&p, pfx, 0, 0)))
    return rv;
  *entry_index = fib_table_entry_special_add (fib_index, &p, source, flags);
  return 0;
}

int
vpp_rs_fib_entry_special_remove (u32 fib_index,
				 const vpp_rs_fib_prefix_t *pfx, u32 source)
{
  fib_prefix_t p;
  fib_node_index_t fei;
  int rv;

  if ((rv = sourced_entry (fib_index, pfx, source, &p, &fei)))
    return rv;
  fib_table_entry_special_remove (fib_index, &p, source);
  return 0;
}

int
vpp_rs_fib_table_mark_sweep (u32 fib_index, u8 proto, u32 source,
			     u8 is_sweep)
{
  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  if (is_sweep)
    fib_table_sweep (fib_index, proto, source);
  else
    fib_table_mark (fib_index, proto, source);
  return 0;
}

int
vpp_rs_fib_table_num_entries (u32 fib_index, u8 proto, u32 source, u32 *n)
{
  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  *n = fib_table_get_num_entries (fib_index, proto, source);
  return 0;
}

/* ---- audits: what a source contributes ---- */

typedef struct
{
  fib_source_t source;
  fib_node_index_t *entries;
} entries_ctx_t;

static fib_table_walk_rc_t
entries_cb (fib_node_index_t fei, void *arg)
{
  entries_ctx_t *ctx = arg;
  if (fib_entry_is_sourced (fei, ctx->source))
    vec_add1 (ctx->entries, fei);
  return FIB_TABLE_WALK_CONTINUE;
}

/* What `source` holds of entry `fei`, or NULL. */
static fib_entry_src_t *
entry_src (fib_node_index_t fei, fib_source_t source)
{
  fib_entry_t *e = fib_entry_get (fei);
  fib_entry_src_t *esrc;

  vec_foreach (esrc, e->fe_srcs)
    if (esrc->fes_src == source)
      return esrc;
  return 0;
}

/* The paths `source` gave entry `fei`, with their out labels (a vector;
 * the label stacks are borrowed from the entry). */
static fib_route_path_t *
source_paths (fib_node_index_t fei, fib_source_t source)
{
  fib_path_encode_ctx_t pctx = { .rpaths = 0 };
  fib_entry_src_t *esrc = entry_src (fei, source);

  if (esrc && FIB_NODE_INDEX_INVALID != esrc->fes_pl)
    fib_path_list_walk_w_ext (esrc->fes_pl, &esrc->fes_path_exts,
			      fib_path_encode, &pctx);
  return pctx.rpaths;
}

int
vpp_rs_fib_table_entries (u32 fib_index, u8 proto, u32 source,
			  vpp_rs_fib_entry_fn_t *fn, void *fctx)
{
  entries_ctx_t ctx = { .source = source };
  vpp_rs_fib_path_t *out = 0;
  fib_node_index_t *fei;

  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  /* collect first: the callback must not run inside VPP's walk */
  fib_table_walk (fib_index, proto, entries_cb, &ctx);
  vec_foreach (fei, ctx.entries)
    {
      fib_route_path_t *rpaths = source_paths (*fei, source), *r;
      vpp_rs_fib_prefix_t p;

      vec_reset_length (out);
      vec_foreach (r, rpaths)
	{
	  vpp_rs_fib_path_t *o;
	  vec_add2 (out, o, 1);
	  path_out (o, r);
	}
      prefix_out (&p, fib_entry_get_prefix (*fei));
      fn (fctx, &p, fib_entry_get_flags_for_source (*fei, source), out,
	  vec_len (out));
      /* encode borrows the label stacks: free the vector only */
      vec_free (rpaths);
    }
  vec_free (out);
  vec_free (ctx.entries);
  return 0;
}

typedef struct
{
  const u32 *sw;
  u32 n_sw;
  fib_path_encode_ctx_t pctx;
} flush_ctx_t;

static fib_path_list_walk_rc_t
flush_path_cb (fib_node_index_t pl, fib_node_index_t path,
	       const struct fib_path_ext_t_ *ext, void *arg)
{
  flush_ctx_t *ctx = arg;
  u32 sw = fib_path_get_resolving_interface (path), i;

  if (sw == ~0)
    return FIB_PATH_LIST_WALK_CONTINUE;
  for (i = 0; i < ctx->n_sw; i++)
    if (ctx->sw[i] == sw)
      return fib_path_encode (pl, path, ext, &ctx->pctx);
  return FIB_PATH_LIST_WALK_CONTINUE;
}

int
vpp_rs_fib_table_flush_interfaces (u32 fib_index, u8 proto, u32 source,
				   const u32 *sw_if_indexes, u32 n,
				   u32 *n_removed)
{
  entries_ctx_t ctx = { .source = source };
  fib_node_index_t *fei;
  fib_prefix_t *pfxs = 0;
  fib_route_path_t **paths = 0;
  u32 i, removed = 0;

  if (!fib_index_ok (proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  fib_table_walk (fib_index, proto, entries_cb, &ctx);
  vec_foreach (fei, ctx.entries)
    {
      flush_ctx_t fctx = { .sw = sw_if_indexes, .n_sw = n };
      fib_entry_src_t *esrc = entry_src (*fei, source);

      if (!esrc || FIB_NODE_INDEX_INVALID == esrc->fes_pl)
	continue;
      fib_path_list_walk_w_ext (esrc->fes_pl, &esrc->fes_path_exts,
				flush_path_cb, &fctx);
      if (vec_len (fctx.pctx.rpaths))
	{
	  fib_route_path_t *r;
	  /* own the label stacks: removing paths frees the borrowed ones */
	  vec_foreach (r, fctx.pctx.rpaths)
	    r->frp_label_stack = vec_dup (r->frp_label_stack);
	  vec_add1 (pfxs, *fib_entry_get_prefix (*fei));
	  vec_add1 (paths, fctx.pctx.rpaths);
	}
    }
  /* remove after the walk: removing may delete entries */
  for (i = 0; i < vec_len (pfxs); i++)
    {
      removed += vec_len (paths[i]);
      fib_table_entry_path_remove2 (fib_index, &pfxs[i], source, paths[i]);
      paths_free (paths[i]);
    }
  vec_free (pfxs);
  vec_free (paths);
  vec_free (ctx.entries);
  *n_removed = removed;
  return 0;
}

/* An entry of `source` that punts (fib_table_entry_special_dpo_add with
 * the protocol's punt DPO, exclusive): traffic to it goes to ip4/ip6-punt,
 * where punt redirects (linux-cp's per-pair ones) hand it to Linux. */
int
vpp_rs_fib_entry_punt_add (u32 fib_index, const vpp_rs_fib_prefix_t *pfx,
			   u32 source, u32 *entry_index)
{
  fib_prefix_t p;
  int rv;

  if (pfx->proto > FIB_PROTOCOL_IP6)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  if (!fib_index_ok (pfx->proto, fib_index))
    return VNET_API_ERROR_NO_SUCH_FIB;
  if (!source_ok (source))
    return VNET_API_ERROR_INVALID_VALUE;
  if ((rv = prefix_make (&p, pfx, 0, 0)))
    return rv;
  *entry_index = fib_table_entry_special_dpo_add (
    fib_index, &p, source, FIB_ENTRY_FLAG_EXCLUSIVE,
    punt_dpo_get (fib_proto_to_dpo (pfx->proto)));
  return 0;
}

/* ip_table_bind: put an interface's IPv4 or IPv6 into table `table_id`,
 * which must exist (VPP refuses while the interface has addresses of that
 * family). */
int
vpp_rs_ip_table_bind (u8 proto, u32 sw_if_index, u32 table_id)
{
  if (proto > FIB_PROTOCOL_IP6)
    return VNET_API_ERROR_INVALID_ADDRESS_FAMILY;
  if (!sw_if_ok (sw_if_index))
    return VNET_API_ERROR_INVALID_SW_IF_INDEX;
  if (fib_table_find (proto, table_id) == ~0)
    return VNET_API_ERROR_NO_SUCH_FIB;
  return ip_table_bind (proto, sw_if_index, table_id);
}
