/*
 * MPLS enable state for vpp-rs: the enable/disable call needs the address
 * of mpls_main, and the state-change callback's type names mpls_main_t;
 * this shim keeps both on the C side. Compiled only with VPP headers.
 */
#include <vnet/vnet.h>
#include <vnet/mpls/mpls.h>
#include "shim.h"

static vpp_rs_mpls_state_fn_t *vpp_rs_mpls_cb;

static void
vpp_rs_mpls_state_trampoline (struct mpls_main_t *mm, uword opaque,
			      u32 sw_if_index, u32 is_enable)
{
  if (vpp_rs_mpls_cb)
    vpp_rs_mpls_cb (sw_if_index, is_enable);
}

/* Enable or disable MPLS on an interface; VPP's return code. */
int
vpp_rs_mpls_enable_disable (u32 sw_if_index, u8 is_enable)
{
  return mpls_sw_interface_enable_disable (&mpls_main, sw_if_index,
					   is_enable);
}

/* Have `f` called on every MPLS enable/disable (one callback per plugin). */
void
vpp_rs_mpls_add_state_callback (vpp_rs_mpls_state_fn_t *f)
{
  if (!vpp_rs_mpls_cb)
    mpls_interface_state_change_add_callback (vpp_rs_mpls_state_trampoline,
					      0);
  vpp_rs_mpls_cb = f;
}
