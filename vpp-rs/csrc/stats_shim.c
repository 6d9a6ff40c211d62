/*
 * The stats segment for vpp-rs: named gauges (vlib_stats_add_gauge takes a
 * format; the shim passes the name as a plain "%s" argument).
 */
#include <vlib/vlib.h>
#include <vlib/stats/stats.h>
#include "shim.h"

u32
vpp_rs_stats_add_gauge (const char *name)
{
  if (!name || !name[0])
    return ~0;
  return vlib_stats_add_gauge ("%s", name);
}

void
vpp_rs_stats_set_gauge (u32 entry_index, u64 value)
{
  if (entry_index != ~0)
    vlib_stats_set_gauge (entry_index, value);
}
