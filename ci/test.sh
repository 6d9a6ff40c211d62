#!/usr/bin/env bash
# The project's one test command (README "Test"): formatting, lints, the
# release build of the plugins, and every test tier. Tiers that need VPP run
# when VPP is found (VPP_PREFIX for an install, VPP_SRC + VPP_BUILD_DIR for
# the ABI layout check) and print a `SKIPPED: <reason>` line otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# When nothing is set, use the project's shared VPP 26.06 (installed by
# ../shared/vpp/setup under /opt/vpp: binaries and libraries in
# /opt/vpp/install, headers in /opt/vpp/install/include). VPP_AUTODETECT=0
# turns that off, e.g. to check the no-VPP path.
if [ "${VPP_AUTODETECT:-1}" != 0 ] && [ -z "${VPP_PREFIX:-}" ] && [ -z "${VPP_SRC:-}" ]; then
    if [ -x ../shared/vpp/setup ]; then
        # Only the `export VPP_*=path` lines of an existing install.
        eval "$(../shared/vpp/setup --print-env | grep -E '^export VPP_[A-Z_]+=[^;&|`$()]*$' || true)"
        [ -x "${VPP_PREFIX:-/nonexistent}/bin/vpp" ] || unset VPP_PREFIX VPP_INCLUDE_DIR VPP_TEST_SRC VPP_TESTENV
    fi
    if [ -z "${VPP_PREFIX:-}" ] && [ -x /opt/vpp/install/bin/vpp ]; then
        export VPP_PREFIX=/opt/vpp/install
    fi
    if [ -n "${VPP_PREFIX:-}" ] && [ -z "${VPP_INCLUDE_DIR:-}" ] && [ -f "$VPP_PREFIX/include/vlib/vlib.h" ]; then
        export VPP_INCLUDE_DIR="$VPP_PREFIX/include"
    fi
fi
if [ -z "${VPP_PAPI_PYTHON:-}" ] && [ -x "${VPP_TESTENV:-/nonexistent}/bin/python" ]; then
    export VPP_PAPI_PYTHON="$VPP_TESTENV/bin/python"
fi

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, -D warnings)"
cargo clippy --workspace --all-targets -- -D warnings

step "rustdoc of the framework crates (-D warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps -p vpp-rs -p vpp-node-macros -p vpp-api -p test-vpp

step "release build of the plugins"
cargo build --release --workspace

if [ -n "${VPP_SRC:-}" ]; then
    echo "ABI layout, extern and retval checks: against VPP headers in $VPP_SRC (build dir ${VPP_BUILD_DIR:-default})"
elif [ -f "${VPP_INCLUDE_DIR:-${VPP_PREFIX:-/nonexistent}/include}/vlib/vlib.h" ]; then
    echo "ABI layout, extern and retval checks: against VPP headers in ${VPP_INCLUDE_DIR:-$VPP_PREFIX/include}"
else
    echo "SKIPPED: ABI layout, extern and retval checks: no VPP headers (set VPP_INCLUDE_DIR or VPP_PREFIX, or VPP_SRC and VPP_BUILD_DIR)"
fi
if [ -n "${VPP_PREFIX:-}" ]; then
    echo "real-VPP tier: VPP_PREFIX=$VPP_PREFIX"
    if [ -z "${VPP_PAPI_PYTHON:-}" ] && [ ! -x target/papi-venv/bin/python3 ]; then
        step "vpp_papi (PyPI) for the API conformance test"
        python3 -m venv target/papi-venv
        target/papi-venv/bin/pip install -q vpp_papi
    fi
    # The build script prints what the checks compared (cargo::warning).
    cargo build -p vpp-rs --lib 2>&1 | grep -E 'VPP (ABI layout|extern|retval) check' || true
else
    echo "SKIPPED: real-VPP tier: no VPP found (set VPP_PREFIX to a VPP 26.06 install prefix)"
fi

step "cargo test (unit, UI, harness, real-VPP tiers)"
status=0
cargo test --workspace --no-fail-fast -- --nocapture > target/test-output.txt 2>&1 || status=$?
grep -E '^(test |SKIPPED|running|test result|failures|---- )|panicked' target/test-output.txt || true
if [ "$status" -ne 0 ]; then
    echo "cargo test failed (exit $status); last lines of target/test-output.txt:"
    tail -80 target/test-output.txt
    exit "$status"
fi
# The VM tier (README "Tests"): linux-cp pairs with real host interfaces
# need VPP taps, i.e. /dev/vhost-net. Without it here, when
# ../shared/vpp/vm-run is installed (../shared/vpp/setup --vm), the
# vm_lcp_host and vm_lcp_netlink tests (built here) and VPP's own linux-cp tests with their
# network-namespace classes run in one VM boot; their results join the
# summary (ci/vm-tier.sh).
step "VM tier: host interfaces (vm_lcp_host, vm_lcp_netlink, VPP's test_linux_cp.py with namespaces)"
summary_log=target/test-output.txt
vm_status=0
./ci/vm-tier.sh target/test-output.txt target/summary-input.txt || vm_status=$?
[ -f target/summary-input.txt ] && summary_log=target/summary-input.txt
# The summary (`N passed, M failed, K skipped`, the last line, parsed by
# the CI harness): see ci/summary.sh.
echo
./ci/summary.sh "$summary_log"
exit "$vm_status"
