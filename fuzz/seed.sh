#!/usr/bin/env bash
# Rewrites the seed corpora fuzz/corpus/<target>/ and the dictionaries
# fuzz/dict/*.dict from tests/vectors/*.json and tests/data/*.csv
# (see fuzz/examples/seed.rs). Stable toolchain; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --manifest-path fuzz/Cargo.toml --example seed
du -sh fuzz/corpus
