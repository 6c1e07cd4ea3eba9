#!/usr/bin/env bash
# Runs the fuzz bodies (fuzz/src/lib.rs) over the committed corpora
# fuzz/corpus/<target>/ as ordinary tests: stable toolchain, no libFuzzer,
# no nightly flags. A few seconds; this is what CI runs of the fuzzing.
# Fuzzing itself: scripts/fuzz.sh [SECONDS].
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --manifest-path fuzz/Cargo.toml --quiet
