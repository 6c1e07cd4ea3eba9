#!/usr/bin/env bash
# The one test command: formatting, lints, every Rust test, the conformance
# vectors through Rust, C and Python, the PHP and Perl bindings' examples,
# the fuzz targets over their committed corpora (fuzzing itself runs outside
# CI: scripts/fuzz.sh). Installs what it needs on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== cargo test"
cargo test --workspace --quiet
echo "== cargo doc (no warnings)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
echo "== cargo package -p numconc (the crate is publishable)"
cargo package -p numconc --allow-dirty --quiet
echo "== conformance vectors (Rust)"
cargo run --quiet -p numconc-vectors --bin numconc-vectors -- check tests/vectors/*.json
for part in scripts/test-fuzz.sh scripts/test-c.sh scripts/test-bindings.sh scripts/test-python.sh; do
  if [ -f "$part" ]; then
    echo "== $part"
    bash "$part"
  fi
done
echo "== all tests passed"
