#!/usr/bin/env bash
# The VM tier (README "Tests"): linux-cp pairs with real host interfaces.
# VPP's taps need /dev/vhost-net; this machine may lack it, the VM started by
# ../shared/vpp/vm-run has it. In one VM boot this runs
#   1. the vm_lcp_host tests (test-vpp/tests/vm_lcp_host.rs), built here on
#      the host, against our plugin (target/release/liblcp_plugin.so), and
#   2. VPP's own test_linux_cp.py with its network-namespace classes
#      (LCP_NETNS=1 ../shared/vpp/run-lcp-conformance DIR, DIR holding our
#      plugin as linux_cp_plugin.so).
# With LCP_PLUGIN=c both run against the stock C plugins instead (the
# reference). After vm_lcp_host, in the same boot, the vm_lcp_netlink tests
# (test-vpp/tests/vm_lcp_netlink.rs: Linux->VPP beyond upstream) run the same
# way. With /dev/vhost-net here, vm_lcp_host and vm_lcp_netlink already ran
# in `cargo test` and only 2. runs, without a VM.
#
# Usage: ci/vm-tier.sh HOST_LOG SUMMARY_INPUT
#   HOST_LOG       the `cargo test -- --nocapture` log of ci/test.sh
#   SUMMARY_INPUT  written: HOST_LOG with vm_lcp_host's and vm_lcp_netlink's
#                  host runs (all skipped) replaced by their VM runs, plus a `tier result:`
#                  line for the conformance run (ci/summary.sh counts both)
# Env: VM_TIER=0 skips the tier; VM_TIER_TIMEOUT (s, default 3000);
#      LCP_PLUGIN=c; VPP_PREFIX, VPP_TEST_SRC, VPP_TESTENV, VPP_PAPI_PYTHON.
# Logs: target/vm-tier/{vm-run,vm_lcp_host,vm_lcp_netlink,conformance}.txt. Exit status:
# 1 when a test of the tier failed, else 0 (also when skipped).
set -uo pipefail
cd "$(dirname "$0")/.."
host_log=$1
out=$2
dir=target/vm-tier
vmrun=../shared/vpp/vm-run
rm -rf "$dir"
mkdir -p "$dir"
[ -f "$host_log" ] || host_log=/dev/null
cp "$host_log" "$out"

skip() {
    echo "SKIPPED: vm_tier: $*" | tee -a "$out"
    exit 0
}
# `tier result: NAME: N passed, M failed, K skipped` from the last summary
# line of run-lcp-conformance's output (file $1), or a failure when none.
conformance_result() {
    local line
    line=$(grep -aE '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$1" | tail -1)
    if [ -z "$line" ]; then
        echo "VPP's test_linux_cp.py gave no summary; last lines of $1:"
        tail -30 "$1"
        echo "tier result: vpp_test_linux_cp_netns: 0 passed, 1 failed, 0 skipped" >> "$out"
        return
    fi
    echo "VPP's test_linux_cp.py with namespaces (${LCP_PLUGIN:-ours}): $line"
    local p f k
    read -r p _ f _ k _ <<< "${line%% (*}"
    echo "tier result: vpp_test_linux_cp_netns: $p passed, $f failed, $((k + conf_skipped)) skipped" >> "$out"
}

[ "${VM_TIER:-1}" != 0 ] || skip "VM_TIER=0"
[ -n "${VPP_PREFIX:-}" ] || skip "no VPP (VPP_PREFIX)"
testenv=${VPP_TESTENV:-/opt/vpp/test-venv}
[ -x ../shared/vpp/run-lcp-conformance ] && [ -x "$testenv/bin/python" ] ||
    skip "needs ../shared/vpp/run-lcp-conformance and VPP's test venv (../shared/vpp/setup --tests)"

plugin_dir=$dir/plugin
conf_dir_arg=""
if [ "${LCP_PLUGIN:-}" != c ]; then
    [ -f target/release/liblcp_plugin.so ] || skip "no target/release/liblcp_plugin.so (cargo build --release)"
    mkdir -p "$plugin_dir"
    cp target/release/liblcp_plugin.so "$plugin_dir/linux_cp_plugin.so"
    conf_dir_arg=$PWD/$plugin_dir
fi

# Every class runs, for ours as for the C plugins (Linux->VPP included).
conf_skip=""
conf_skipped=0

if [ -e /dev/vhost-net ]; then
    echo "/dev/vhost-net here: vm_lcp_host and vm_lcp_netlink ran in cargo test; VPP's netns classes run here"
    LCP_TEST_SKIP=$conf_skip LCP_NETNS=1 ../shared/vpp/run-lcp-conformance $conf_dir_arg > "$dir/conformance.txt" 2>&1
    conformance_result "$dir/conformance.txt"
else
    [ -x "$vmrun" ] || skip "no /dev/vhost-net and no $vmrun (../shared/vpp/setup --vm)"
    command -v vng > /dev/null || skip "no /dev/vhost-net and no virtme-ng (../shared/vpp/setup --vm)"
    ls /boot/vmlinuz-* > /dev/null 2>&1 || [ -n "${VM_KERNEL:-}" ] || skip "no kernel in /boot for $vmrun"

    # The plugins the VM tests load (the audit tests also load the tour
    # plugin), built here: the VM must not build.
    cargo build --release -p lcp-plugin -p tour-plugin > "$dir/build.txt" 2>&1 ||
        { tail -20 "$dir/build.txt"; echo "tier result: vm_tier_build: 0 passed, 1 failed, 0 skipped" >> "$out"; exit 1; }
    # The test binaries, built here (the VM must not build): the ones the
    # host's `cargo test` ran, else built now.
    test_bin() {
        local b
        b=$(sed -nE "s#.*Running tests/$1(/main)?\.rs \((.*)\)\$#\2#p" "$host_log" | tail -1)
        if [ -z "$b" ] || [ ! -x "$b" ]; then
            b=$(cargo test -p test-vpp --test "$1" --no-run 2>&1 |
                sed -nE "s#.*Executable tests/$1(/main)?\.rs \((.*)\)\$#\2#p" | tail -1)
        fi
        echo "$b"
    }
    bin=$(test_bin vm_lcp_host)
    [ -n "$bin" ] && [ -x "$bin" ] || { echo "could not build vm_lcp_host"; echo "tier result: vm_lcp_host_build: 0 passed, 1 failed, 0 skipped" >> "$out"; exit 1; }
    nl_bin=$(test_bin vm_lcp_netlink)
    [ -n "$nl_bin" ] && [ -x "$nl_bin" ] || { echo "could not build vm_lcp_netlink"; echo "tier result: vm_lcp_netlink_build: 0 passed, 1 failed, 0 skipped" >> "$out"; exit 1; }

    # What runs in the VM (as root, in this directory).
    q() { printf '%q' "$1"; }
    {
        echo '#!/usr/bin/env bash'
        echo "cd $(q "$PWD")"
        echo "export TMPDIR=/tmp VPP_PREFIX=$(q "$VPP_PREFIX") VPP_TESTENV=$(q "$testenv") VPP_START_TIMEOUT_S=180"
        [ -n "${VPP_TEST_SRC:-}" ] && echo "export VPP_TEST_SRC=$(q "$VPP_TEST_SRC")"
        [ -n "${VPP_PAPI_PYTHON:-}" ] && echo "export VPP_PAPI_PYTHON=$(q "$VPP_PAPI_PYTHON")"
        if [ "${LCP_PLUGIN:-}" = c ]; then
            echo "export LCP_PLUGIN=c"
        else
            echo "export LCP_PLUGIN_SO=$(q "$PWD/target/release/liblcp_plugin.so")"
        fi
        echo "echo \"VM up: \$(date +%T)\" > $dir/progress.txt"
        echo "$(q "$PWD/$bin") --test-threads=1 --nocapture > $dir/vm_lcp_host.txt 2>&1"
        echo "echo \"vm_lcp_host done: \$(date +%T)\" >> $dir/progress.txt"
        echo "$(q "$PWD/$nl_bin") --test-threads=1 --nocapture > $dir/vm_lcp_netlink.txt 2>&1"
        echo "echo \"vm_lcp_netlink done: \$(date +%T)\" >> $dir/progress.txt"
        echo "LCP_TEST_SKIP=$(q "$conf_skip") LCP_NETNS=1 ../shared/vpp/run-lcp-conformance $conf_dir_arg > $dir/conformance.txt 2>&1"
        echo "echo \"conformance done: \$(date +%T)\" >> $dir/progress.txt"
    } > "$dir/in-vm.sh"
    chmod +x "$dir/in-vm.sh"
    start=$(date +%s)
    echo "booting the VM (software emulation; progress in $dir/progress.txt)"
    VM_RWDIR=$PWD "$vmrun" "bash $PWD/$dir/in-vm.sh" "${VM_TIER_TIMEOUT:-3000}" > "$dir/vm-run.txt" 2>&1
    rc=$?
    echo "VM tier: vm-run exit $rc after $(($(date +%s) - start)) s"
    if [ ! -s "$dir/vm_lcp_host.txt" ]; then
        tail -20 "$dir/vm-run.txt"
        skip "the VM did not run the tests (vm-run exit $rc; $dir/vm-run.txt)"
    fi
    # vm_lcp_host's and vm_lcp_netlink's host runs (every test SKIPPED)
    # give way to their VM runs.
    awk '/Running tests\/vm_lcp_(host|netlink)(\/main)?.rs/ {drop = 1} !drop {print} drop && /^test result:/ {drop = 0}' \
        "$host_log" > "$out"
    for t in vm_lcp_host vm_lcp_netlink; do
        # VPP's log lines quoted in failure messages may hold NUL bytes.
        tr -d '\000' < "$dir/$t.txt" > "$dir/$t.log" 2>/dev/null
        grep -E '^(test |SKIPPED|running|test result|failures|---- )|panicked' "$dir/$t.log"
        if ! grep -q '^test result:' "$dir/$t.log"; then
            echo "$t did not finish (VM timeout?); last lines:"
            tail -30 "$dir/$t.log"
            echo "tier result: $t: 0 passed, 1 failed, 0 skipped" >> "$out"
        fi
        cat "$dir/$t.log" >> "$out"
    done
    conformance_result "$dir/conformance.txt"
fi

# A failure anywhere in the tier fails ci/test.sh.
if grep -aqE '^test result: FAILED' "$dir/vm_lcp_host.txt" "$dir/vm_lcp_netlink.txt" 2>/dev/null ||
    grep -aqE '^tier result: .* [1-9][0-9]* failed' "$out"; then
    exit 1
fi
exit 0
