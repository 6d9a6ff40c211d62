/*
 * Binary-API helper for vpp-rs: append a module's JSON to the API main's
 * `json_api_repr` vector (a vppinfra vec_add1, which needs VPP's allocator),
 * so clients that bootstrap their definitions over `get_api_json` see it.
 * Compiled only when VPP headers are available.
 */
#include <vlibapi/api.h>
#include "shim.h"

void
vpp_rs_api_add_json (const char *json)
{
  api_main_t *am = vlibapi_get_main ();
  if (!am) /* no API main: nothing serves get_api_json */
    return;
  vec_add1 (am->json_api_repr, (u8 *) json);
}
