#!/usr/bin/env bash
# Install the Rust linux-cp plugin into a VPP 26.06 install, in place of the
# three stock files (linux_cp_plugin.so, linux_cp_unittest_plugin.so,
# linux_nl_plugin.so), its lcp.api.json in place of the stock one and
# lcp_netlink.api.json (the Linux -> VPP sync's API, ours only). The
# stock files are moved aside, not deleted; --restore puts them back.
#
# Usage: lcp-plugin/install.sh [--no-build] PREFIX       (e.g. /usr, /opt/vpp/install)
#        lcp-plugin/install.sh --restore PREFIX
# LCP_PLUGIN_SO names another plugin file to install (default: the release build).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1; restore=0
while [ $# -gt 1 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --restore) restore=1; shift ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: $0 [--no-build|--restore] PREFIX" >&2; exit 2; }
prefix=$1

# The plugin directory: <prefix>/lib/<triplet>/vpp_plugins (or lib64/lib).
plugdir=""
for d in "$prefix"/lib/*/vpp_plugins "$prefix"/lib64/vpp_plugins "$prefix"/lib/vpp_plugins; do
  if [ -d "$d" ]; then plugdir=$d; break; fi
done
[ -n "$plugdir" ] || { echo "install.sh: no vpp_plugins directory under $prefix/lib*" >&2; exit 1; }
apidir="$prefix/share/vpp/api/plugins"
stash="$plugdir/.stock-linux-cp"
stock=(linux_cp_plugin.so linux_cp_unittest_plugin.so linux_nl_plugin.so)

if [ $restore = 1 ]; then
  [ -d "$stash" ] || { echo "install.sh: nothing to restore ($stash missing)" >&2; exit 1; }
  rm -f "$plugdir/linux_cp_plugin.so"
  for f in "${stock[@]}"; do [ -e "$stash/$f" ] && mv "$stash/$f" "$plugdir/$f"; done
  [ -e "$stash/lcp.api.json" ] && mv "$stash/lcp.api.json" "$apidir/lcp.api.json"
  rm -f "$apidir/lcp_netlink.api.json"
  rmdir "$stash"
  echo "restored the stock linux-cp plugins in $plugdir"
  exit 0
fi

if [ $build = 1 ]; then
  cargo build --release -p lcp-plugin
fi
so=${LCP_PLUGIN_SO:-target/release/liblcp_plugin.so}
[ -f "$so" ] || { echo "install.sh: $so not built" >&2; exit 1; }

mkdir -p "$stash"
for f in "${stock[@]}"; do
  # Move a stock file aside once; a second install leaves the stash alone.
  if [ -e "$plugdir/$f" ] && [ ! -e "$stash/$f" ] && ! cmp -s "$plugdir/$f" "$so"; then
    mv "$plugdir/$f" "$stash/$f"
  else
    rm -f "$plugdir/$f"
  fi
done
install -m 0644 "$so" "$plugdir/linux_cp_plugin.so"

mkdir -p "$apidir"
if [ -e "$apidir/lcp.api.json" ] && [ ! -e "$stash/lcp.api.json" ]; then
  mv "$apidir/lcp.api.json" "$stash/lcp.api.json"
fi
cargo run -q --release -p vpp-api --bin vpp-apigen -- --includedir api/core --input api/lcp.api --json "$apidir/lcp.api.json"
cargo run -q --release -p vpp-api --bin vpp-apigen -- --includedir api/core --input api/lcp_netlink.api --json "$apidir/lcp_netlink.api.json"
echo "installed $plugdir/linux_cp_plugin.so, $apidir/lcp.api.json and lcp_netlink.api.json (stock files in $stash; $0 --restore $prefix undoes it)"
