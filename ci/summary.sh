#!/usr/bin/env bash
# Summarise a `cargo test -- --nocapture` log as `N passed, M failed, K skipped`.
# libtest counts a test that returned early as passed; such tests print
# `SKIPPED: <test name>: <reason>` first, so each distinct such line counts
# as skipped instead of passed. (`SKIPPED PART: <test>: ...` marks a part of
# a test that otherwise ran, and does not count.) With --nocapture a test's
# line may follow libtest's `test x ... ` on the same line, hence grep -o.
# A line `tier result: NAME: N passed, M failed, K skipped` (a suite that is
# not libtest, e.g. VPP's own tests in the VM tier, ci/vm-tier.sh) adds its
# counts as they are.
# Usage: ci/summary.sh LOG
set -euo pipefail
log=$1
results=$(grep -aE '^test result:' "$log" || true)
passed=$(printf '%s\n' "$results" | awk '$3 == "ok." || $3 == "FAILED." {p += $4} END {print p + 0}')
failed=$(printf '%s\n' "$results" | awk '$3 == "ok." || $3 == "FAILED." {f += $6} END {print f + 0}')
skipped=$({ grep -aoE 'SKIPPED: [A-Za-z0-9_]+:' "$log" || true; } | sort -u | wc -l)
tiers=$(grep -aE '^tier result: [A-Za-z0-9_]+: [0-9]+ passed, [0-9]+ failed, [0-9]+ skipped' "$log" || true)
t_passed=$(printf '%s\n' "$tiers" | awk 'NF >= 9 {p += $4} END {print p + 0}')
t_failed=$(printf '%s\n' "$tiers" | awk 'NF >= 9 {f += $6} END {print f + 0}')
t_skipped=$(printf '%s\n' "$tiers" | awk 'NF >= 9 {s += $8} END {print s + 0}')
echo "$((passed - skipped + t_passed)) passed, $((failed + t_failed)) failed, $((skipped + t_skipped)) skipped"
