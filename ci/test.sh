#!/usr/bin/env bash
# The project's one test command (README "Test"): formatting, lints, the
# release build of the plugins, and every test tier. Tiers that need VPP run
# when VPP is found (VPP_PREFIX for an install, VPP_SRC + VPP_BUILD_DIR for
# the ABI layout check) and print a `SKIPPED: <reason>` line otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# A VPP left at the conventional local prefix is used when nothing is set
# (VPP_AUTODETECT=0 turns that off, e.g. to check the no-VPP path).
if [ "${VPP_AUTODETECT:-1}" != 0 ]; then
    if [ -z "${VPP_PREFIX:-}" ] && [ -x /opt/vpp/install/bin/vpp ]; then
        export VPP_PREFIX=/opt/vpp/install
    fi
    if [ -z "${VPP_SRC:-}" ] && [ -f /opt/vpp/src/src/vlib/vlib.h ] && [ -f /opt/vpp/build/CMakeFiles/vlib/config.h ]; then
        export VPP_SRC=/opt/vpp/src VPP_BUILD_DIR=/opt/vpp/build
    fi
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
    echo "ABI layout check: against VPP headers in $VPP_SRC (build dir ${VPP_BUILD_DIR:-default})"
else
    echo "SKIPPED: ABI layout check against real VPP headers: set VPP_SRC and VPP_BUILD_DIR (or VPP_INCLUDE_DIR)"
fi
if [ -n "${VPP_PREFIX:-}" ]; then
    echo "real-VPP tier: VPP_PREFIX=$VPP_PREFIX"
    if [ -z "${VPP_PAPI_PYTHON:-}" ] && [ ! -x target/papi-venv/bin/python3 ]; then
        step "vpp_papi (PyPI) for the API conformance test"
        python3 -m venv target/papi-venv
        target/papi-venv/bin/pip install -q vpp_papi
    fi
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
passed=$(grep -E '^test result:' target/test-output.txt | awk '{p+=$4; f+=$6} END {print p+0}')
failed=$(grep -E '^test result:' target/test-output.txt | awk '{f+=$6} END {print f+0}')
echo
echo "tests: ${passed} passed, ${failed} failed"
