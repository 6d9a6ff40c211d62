#!/usr/bin/env python3
"""Drive the Rust linux-cp plugin's API with vpp_papi (from PyPI).

usage: papi_lcp.py SOCKET API_JSON_FILE...   (definitions from these files)
       papi_lcp.py SOCKET --bootstrap         (definitions fetched from VPP)

Loads exactly the given .api.json files (VPP's core ones plus the lcp.api.json
the Rust plugin emits), or asks VPP for its JSON, connects over SOCKET and
prints one line per check.
"""
import sys

from vpp_papi import VPPApiClient

sock, files = sys.argv[1], sys.argv[2:]
if files == ["--bootstrap"]:
    vpp = VPPApiClient(bootstrapapi=True, server_address=sock, use_socket=True)
else:
    vpp = VPPApiClient(apifiles=files, server_address=sock, use_socket=True)
vpp.connect("papi-lcp-test")
try:
    r = vpp.api.lcp_default_ns_set(netns="papins")
    print(f"lcp_default_ns_set retval={r.retval}")
    r = vpp.api.lcp_default_ns_get()
    print(f"lcp_default_ns_get netns={r.netns}")
    r = vpp.api.lcp_sync_unnumbered_set(is_enable=False)
    print(f"lcp_sync_unnumbered_set retval={r.retval}")
    r = vpp.api.lcp_sync_unnumbered_get()
    print(f"lcp_sync_unnumbered_get retval={r.retval} is_enable={r.is_enable}")
    r = vpp.api.lcp_default_ns_set(netns="")
    print(f"lcp_default_ns_clear retval={r.retval}")
finally:
    vpp.disconnect()
