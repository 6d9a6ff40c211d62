/*
 * VPP's plugin configuration (`plugins { plugin <name> { enable|disable } }`)
 * for vpp-rs: whether startup.conf names a plugin, and how. A plugin that
 * replaces another reads it to behave exactly when VPP would have loaded
 * the replaced one.
 */
#include <vlib/vlib.h>
#include <vlib/unix/plugin.h>
#include "shim.h"

/* 0 and the flags when `name` has a `plugin` stanza, -1 when it has none. */
int
vpp_rs_plugin_config (const char *name, u8 *is_enabled, u8 *is_disabled,
		      u8 *default_disable)
{
  plugin_main_t *pm = &vlib_plugin_main;
  uword *p;

  *default_disable = pm->plugins_default_disable;
  if (!pm->config_index_by_name || !name)
    return -1;
  p = hash_get_mem (pm->config_index_by_name, name);
  if (!p || p[0] >= vec_len (pm->configs))
    return -1;
  *is_enabled = pm->configs[p[0]].is_enabled;
  *is_disabled = pm->configs[p[0]].is_disabled;
  return 0;
}
