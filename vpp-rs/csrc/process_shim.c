/*
 * Process-node waits for vpp-rs.
 *
 * VPP's process waits are static inline functions that switch stacks with
 * clib_setjmp/clib_longjmp. Rust cannot soundly call a function that
 * returns twice, so these small wrappers keep the setjmp inside a C frame:
 * seen from Rust each call returns exactly once. Compiled by vpp-rs's build
 * script only when VPP headers are available.
 */
#include <vlib/vlib.h>
#include "shim.h"

/* Wait for an event or `dt` seconds; return the event type (~0 on
 * timeout) and copy up to `max` event data words to `data`, storing how many
 * there were in `*n_data` (possibly more than `max`). */
uword
vpp_rs_process_wait_for_event_or_clock (vlib_main_t *vm, f64 dt, uword *data,
					 u32 max, u32 *n_data)
{
  uword *v = 0, type;
  u32 i, n;

  vlib_process_wait_for_event_or_clock (vm, dt);
  type = vlib_process_get_events (vm, &v);
  n = vec_len (v);
  for (i = 0; i < n && i < max; i++)
    data[i] = v[i];
  *n_data = n;
  vec_free (v);
  return type;
}

/* Sleep for `dt` seconds. */
void
vpp_rs_process_suspend (vlib_main_t *vm, f64 dt)
{
  vlib_process_suspend (vm, dt);
}

/* Signal `type`/`data` to process `node_index` (main thread only). */
void
vpp_rs_process_signal_event (vlib_main_t *vm, uword node_index, uword type,
			     uword data)
{
  vlib_process_signal_event (vm, node_index, type, data);
}
