#!/usr/bin/env bash
# Summarise a `cargo test -- --nocapture` log as `N passed, M failed, K skipped`.
# libtest counts a test that returned early as passed; such tests print
# `SKIPPED: <test name>: <reason>` first, so each distinct such line counts
# as skipped instead of passed. (`SKIPPED PART: <test>: ...` marks a part of
# a test that otherwise ran, and does not count.) With --nocapture a test's
# line may follow libtest's `test x ... ` on the same line, hence grep -o.
# Usage: ci/summary.sh LOG
set -euo pipefail
log=$1
results=$(grep -E '^test result:' "$log" || true)
passed=$(printf '%s\n' "$results" | awk '$3 == "ok." || $3 == "FAILED." {p += $4} END {print p + 0}')
failed=$(printf '%s\n' "$results" | awk '$3 == "ok." || $3 == "FAILED." {f += $6} END {print f + 0}')
skipped=$({ grep -oE 'SKIPPED: [A-Za-z0-9_]+:' "$log" || true; } | sort -u | wc -l)
echo "$((passed - skipped)) passed, ${failed} failed, $((skipped)) skipped"
