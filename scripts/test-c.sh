#!/usr/bin/env bash
# The C part of the test command: builds libnumconc, then
#   - compiles the C tests of tests/c/ with -std=c11 -Wall -Wextra -Werror -pedantic
#     and runs them, then runs them under valgrind (0 errors, 0 leaks),
#   - builds them again with -fsanitize=address,undefined against the static
#     library and runs them,
#   - runs every conformance vector through the C ABI (ctypes driver),
#   - installs into a temporary prefix and builds the README's example with
#     pkg-config, exactly as the README says, and runs it.
# Prints `N passed, M failed` (one per check below) and exits non-zero on
# any failure. NUMCONC_PROFILE=release tests a release build (default: dev).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# A panic caught at the boundary prints nothing (test_errors checks it);
# should one print anyway, a backtrace would only add noise (and megabytes
# of symbol tables under valgrind).
export RUST_BACKTRACE=0

# check, need (scripts/lib-checks.sh).
. scripts/lib-checks.sh
need valgrind valgrind
need pkg-config pkg-config
need cc gcc
need readelf binutils

profile=${NUMCONC_PROFILE:-dev}
case "$profile" in
  dev|debug) profile=dev; dir=debug ;;
  *) dir=$profile ;;
esac
echo "== cargo build -p numconc-ffi ($profile, with the test hooks)"
cargo build --quiet -p numconc-ffi --profile "$profile" --features test-hooks
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
libdir="$target/$dir"
# The workspace version (Cargo.toml) and its major, the SONAME's number.
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)
major=${version%%.*}
# Programs linked with -lnumconc need the library by its SONAME.
ln -sfn libnumconc.so "$libdir/libnumconc.so.$major"
work="$target/c-tests"
rm -rf "$work"
mkdir -p "$work"

cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -g -I"$root/include" -I"$root/tests/c")
static_libs=(-lgcc_s -lutil -lrt -lpthread -lm -ldl)
tests=(test_campaign test_errors test_threads test_oai test_import test_store readme_example guide_example)
# The note informative as .xlsx, .ods and Windows-1252 CSV, for test_import.
python3 tests/data/make_sheets.py "$work/sheets" >/dev/null
export NUMCONC_TEST_SHEETS="$work/sheets"

echo "== C tests against libnumconc.so"
for t in "${tests[@]}"; do
  check "compile $t" cc "${cflags[@]}" -pthread "tests/c/$t.c" -o "$work/$t" \
    -L"$libdir" -Wl,-rpath,"$libdir" -lnumconc
  check "run $t" "$work/$t"
done

echo "== C tests under valgrind"
for t in "${tests[@]}"; do
  check "valgrind $t" valgrind --quiet --error-exitcode=1 --leak-check=full \
    --suppressions=tests/c/valgrind.supp \
    --errors-for-leak-kinds=definite,indirect,possible --log-file="$work/$t.valgrind" \
    "$work/$t"
  # Show the summary only when something went wrong.
  if [ -s "$work/$t.valgrind" ]; then cat "$work/$t.valgrind"; fi
done

echo "== C tests with -fsanitize=address,undefined (static library)"
# LeakSanitizer needs ptrace, which some containers forbid: probe it first.
echo 'int main(void){return 0;}' > "$work/probe.c"
asan_options="detect_leaks=1:abort_on_error=0"
if cc -fsanitize=address "$work/probe.c" -o "$work/probe" 2>/dev/null &&
  ! ASAN_OPTIONS=detect_leaks=1 "$work/probe" >/dev/null 2>&1; then
  echo "(LeakSanitizer does not work here: running ASan without leak detection)"
  asan_options="detect_leaks=0"
fi
for t in "${tests[@]}"; do
  check "compile $t (asan+ubsan)" cc "${cflags[@]}" -pthread -fsanitize=address,undefined \
    -fno-sanitize-recover=undefined -fno-omit-frame-pointer "tests/c/$t.c" -o "$work/$t.asan" \
    "$libdir/libnumconc.a" "${static_libs[@]}"
  check "run $t (asan+ubsan)" env ASAN_OPTIONS="$asan_options" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$work/$t.asan"
done

echo "== conformance vectors through the C ABI (ctypes)"
for v in tests/vectors/*.json; do
  check "vector $(basename "$v") through C" \
    python3 tests/c/run_vectors.py --lib "$libdir/libnumconc.so" "$v"
done

echo "== const handles reach every query and no command (cc -Werror)"
check "const-correctness of include/numconc.h" \
  python3 tests/c/const_correctness.py "$root/include" "$work/const"

echo "== install into a prefix, README example with pkg-config"
prefix="$work/prefix"
check "install-c.sh" env NUMCONC_PROFILE="$profile" bash scripts/install-c.sh "$prefix"
readme_example() {
  local out
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  [ "$(pkg-config --modversion numconc)" = "$version" ] || return 1
  mkdir -p "$work/readme"
  cp tests/c/readme_example.c "$work/readme/example.c"
  # The README's command, as written.
  (cd "$work/readme" && cc example.c $(pkg-config --cflags --libs numconc)) || return 1
  out=$(cd "$work/readme" && ./a.out) || return 1
  echo "$out"
  [ "$out" = "numconc $version: estimate 605.00 EUR, institution pays 393.25 EUR" ]
}
check "README example via pkg-config" readme_example
installed_library() { # the SONAME, the links, no test hook
  local lib="$prefix/lib"
  readelf -d "$lib/libnumconc.so.$version" | grep -q "Library soname: \[libnumconc.so.$major\]" || return 1
  [ "$(readlink "$lib/libnumconc.so.$major")" = "libnumconc.so.$version" ] || return 1
  [ "$(readlink "$lib/libnumconc.so")" = "libnumconc.so.$major" ] || return 1
  # A program linked with -lnumconc records the SONAME, not the link name.
  readelf -d "$work/readme/a.out" | grep -q "Shared library: \[libnumconc.so.$major\]" || return 1
  ! nm -D --defined-only "$lib/libnumconc.so.$version" | grep -q numconc_test_panic || return 1
  ! grep -q numconc_test_panic "$prefix/include/numconc.h" || return 1
  [ -f "$prefix/share/numconc/codes.md" ] || return 1
  # The rules, the guides and the JSON Schemas (docs/) come with the library.
  for f in spec/domain.md spec/import.md spec/vectors.md guide-c.md \
    schemas/programme.schema.json schemas/campaign.schema.json \
    schemas/command.schema.json schemas/saved.schema.json; do
    cmp -s "docs/$f" "$prefix/share/numconc/$f" || return 1
  done
}
check "installed library: SONAME, links, no test hook, share/numconc" installed_library
static_example() { # pkg-config --static with -static: no libnumconc at run time
  (cd "$work/readme" &&
    cc example.c -o static.out -static $(pkg-config --static --cflags --libs numconc) 2>/dev/null) || return 1
  readelf -d "$work/readme/static.out" 2>/dev/null | grep -q "libnumconc" && return 1
  [ "$("$work/readme/static.out")" = "$(cd "$work/readme" && ./a.out)" ]
}
check "README example linked statically (pkg-config --static)" static_example
# The README shows that very file: its C block must not drift from it.
readme_block_matches() { # readme_block_matches FILE: the ```c block after the marker
  python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r"<!-- tests/c/readme_example.c -->\s*```c\n(.*?)```", text, re.S)
sys.exit(0 if m and m.group(1) == open("tests/c/readme_example.c", encoding="utf-8").read() else 1)
PY
}
check "ffi/README.md shows tests/c/readme_example.c" readme_block_matches ffi/README.md
if grep -q "<!-- tests/c/readme_example.c -->" README.md 2>/dev/null; then
  check "README.md shows tests/c/readme_example.c" readme_block_matches README.md
fi

# The C guide shows tests/c/guide_example.c and what it prints.
guide_matches() {
  "$work/guide_example" > "$work/guide_example.out" || return 1
  python3 - "$work/guide_example.out" <<'PY'
import re, sys
text = open("docs/guide-c.md", encoding="utf-8").read()
code = re.search(r"<!-- tests/c/guide_example.c -->\s*```c\n(.*?)```", text, re.S)
out = re.search(r"It prints:\s*```text\n(.*?)```", text, re.S)
ok = (code and code.group(1) == open("tests/c/guide_example.c", encoding="utf-8").read()
      and out and out.group(1) == open(sys.argv[1], encoding="utf-8").read())
sys.exit(0 if ok else 1)
PY
}
check "docs/guide-c.md shows tests/c/guide_example.c and its output" guide_matches
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
