#!/usr/bin/env bash
# `make fuzz`: every fuzz target in fuzz/ for FUZZ_SECONDS seconds (default
# 60), seeded from the project's corpora, then a table of what each did.
# A crash leaves its input in fuzz/artifacts/<target>/; copy it to
# tests/fuzz-regressions/<target>/ once fixed, and `cargo test` replays it.
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-60}
targets=${FUZZ_TARGETS:-"yaml json_body regex vtl jsonpath openapi"}

if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz (once)"
  cargo install cargo-fuzz || exit 1
fi
# cargo-fuzz needs nightly flags (sanitizers); the stable toolchain accepts
# them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1

node scripts/fuzz-seeds.mjs || exit 1
cargo fuzz build || exit 1

report=fuzz/report.md
{
  echo "| target | seconds | executions | exec/s | corpus | crashes |"
  echo "|---|---:|---:|---:|---:|---:|"
} > "$report"
failed=0
for target in $targets; do
  mkdir -p "fuzz/corpus/$target" "fuzz/artifacts/$target"
  log="fuzz/artifacts/$target.log"
  max_len=16384
  [ "$target" = openapi ] && max_len=65536
  echo "fuzz: $target for ${seconds}s"
  cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="fuzz/artifacts/$target/" >"$log" 2>&1
  status=$?
  execs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log" | tail -1)
  rate=$(awk '/stat::average_exec_per_sec/ { print $2 }' "$log" | tail -1)
  corpus=$(find "fuzz/corpus/$target" -type f | wc -l)
  crashes=$(find "fuzz/artifacts/$target" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  echo "| $target | $seconds | ${execs:-?} | ${rate:-?} | $corpus | $crashes |" >> "$report"
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    echo "fuzz: $target found a problem; see $log and fuzz/artifacts/$target/" >&2
    grep -m1 -A12 -E "panicked|ERROR: libFuzzer|SUMMARY" "$log" >&2
  fi
done
cat "$report"
exit "$failed"
