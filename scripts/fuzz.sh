#!/usr/bin/env bash
# Fuzzes numconc: builds the targets of fuzz/ with cargo-fuzz and runs each
# for SECONDS (default 60) on one core, then prints per target the runs,
# runs/s, coverage and whether it found a crash.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Corpus: the committed seeds fuzz/corpus/<target>/ (read only) plus a
# working corpus fuzz/corpus-work/<target>/ (gitignored) where libFuzzer
# writes what it finds new. Crashes go to fuzz/artifacts/<target>/; the logs
# to fuzz/corpus-work/logs/<target>.log. Exits non-zero if any target
# crashed (or did not build).
#
# Environment: FUZZ_SANITIZER (default `none`: the core is safe Rust; set
# `address` for ASan), FUZZ_ARGS (more libFuzzer flags, e.g. `-max_len=65536`).
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); the nightly flags
# it uses are allowed on stable through RUSTC_BOOTSTRAP=1.
#
# To replay an input on stable, without libFuzzer:
#   cargo run --manifest-path fuzz/Cargo.toml --bin TARGET -- FILE...
# To keep what a run found as seeds: `cargo fuzz cmin` it into fuzz/corpus/.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
shift || true
case "$seconds" in
  '' | *[!0-9]*)
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
    ;;
esac

export RUSTC_BOOTSTRAP=1
# A panic is what libFuzzer reports; a backtrace makes it readable.
export RUST_BACKTRACE=${RUST_BACKTRACE:-1}
sanitizer=${FUZZ_SANITIZER:-none}
# Debug assertions: an arithmetic overflow is a finding too.
build_flags=(--sanitizer "$sanitizer" --debug-assertions)

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
  exit 2
fi

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list)
fi

echo "== cargo fuzz build (sanitizer $sanitizer, debug assertions)"
# Every target at once (one cargo run); a build failure stops the script.
cargo fuzz build "${build_flags[@]}"
triple=$(rustc -vV | sed -n 's/^host: //p')
bindir="fuzz/target/$triple/release"

mkdir -p fuzz/corpus-work/logs
summary=()
status=0
for t in "${targets[@]}"; do
  bin="$bindir/$t"
  if [ ! -x "$bin" ]; then
    summary+=("$(printf '%-20s %s' "$t" "NOT BUILT")")
    status=1
    continue
  fi
  work="fuzz/corpus-work/$t"
  artifacts="fuzz/artifacts/$t"
  log="fuzz/corpus-work/logs/$t.log"
  mkdir -p "$work" "$artifacts" "fuzz/corpus/$t"
  dict=fuzz/dict/json.dict
  [ "$t" = import ] && dict=fuzz/dict/csv.dict
  echo "== $t: ${seconds}s (log $log)"
  before=$(find "$artifacts" -type f | wc -l)
  set +e
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  "$bin" "$work" "fuzz/corpus/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="$dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
    ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  set -e
  after=$(find "$artifacts" -type f | wc -l)
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  # The last status line: `#N  DONE  cov: C ft: F corp: K/S ...`.
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ]; then
    result=ok
  else
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
    result="CRASH (exit $rc) ${artifact:-see $log}"
    status=1
    # The assertion that failed, for the summary.
    grep -m1 -A2 "panicked at" "$log" | sed 's/^/    /' || true
  fi
  summary+=("$(printf '%-20s runs %-10s %7s/s  cov %-5s ft %-6s corpus %-5s %s' \
    "$t" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result")")
done

echo "== summary (${seconds}s per target, one core)"
printf '%s\n' "${summary[@]}"
exit "$status"
