/*
 * Buffer copy and free for vpp-rs: VPP has them only as static inlines
 * (vlib/buffer_funcs.h). Compiled by vpp-rs's build script only when VPP
 * headers are available.
 */
#include <vlib/vlib.h>
#include <vlib/buffer_funcs.h>
#include "shim.h"

#define VPP_RS_BUFFER_COPY vpp_rs_buffer_copy
#define VPP_RS_BUFFER_COPY_N vpp_rs_buffer_copy_n
#include "buffer_copy.inc"

/* Free `n_buffers` buffers (and their chains). */
void
vpp_rs_buffer_free (vlib_main_t *vm, u32 *buffers, u32 n_buffers)
{
  vlib_buffer_free (vm, buffers, n_buffers);
}
