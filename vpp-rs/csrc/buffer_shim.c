/*
 * Buffer copy and free for vpp-rs: VPP has them only as static inlines
 * (vlib/buffer_funcs.h). Compiled by vpp-rs's build script only when VPP
 * headers are available.
 */
#include <vlib/vlib.h>
#include <vlib/buffer_funcs.h>
#include "shim.h"

/* Copy `b` (every segment, metadata and payload from current_data on) into
 * freshly allocated buffers of this thread; return the copy's index, or ~0
 * when no buffer could be allocated. */
u32
vpp_rs_buffer_copy (vlib_main_t *vm, vlib_buffer_t *b)
{
  vlib_buffer_t *c = vlib_buffer_copy (vm, b);
  return c ? vlib_get_buffer_index (vm, c) : ~0;
}

/* Free `n_buffers` buffers (and their chains). */
void
vpp_rs_buffer_free (vlib_main_t *vm, u32 *buffers, u32 n_buffers)
{
  vlib_buffer_free (vm, buffers, n_buffers);
}
