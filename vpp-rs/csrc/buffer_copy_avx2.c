/*
 * The AVX2 build of vpp-rs's buffer copy (see buffer_copy.inc). Compiled by
 * vpp-rs's build script with -march=haswell when VPP headers are available;
 * vpp-rs calls it only on CPUs that have AVX2.
 */
#include <vlib/vlib.h>
#include <vlib/buffer_funcs.h>
#include "shim.h"

#define VPP_RS_BUFFER_COPY vpp_rs_buffer_copy_avx2
#define VPP_RS_BUFFER_COPY_N vpp_rs_buffer_copy_n_avx2
#include "buffer_copy.inc"
