#!/usr/bin/env bash
# Installs the C library of numconc under a prefix:
#   PREFIX/include/numconc.h, PREFIX/include/numconc_ffi.h (for PHP FFI)
#   PREFIX/lib/libnumconc.so.MAJOR.MINOR.PATCH (SONAME libnumconc.so.MAJOR),
#     with the links libnumconc.so.MAJOR and libnumconc.so (for -lnumconc)
#   PREFIX/lib/libnumconc.a
#   PREFIX/lib/pkgconfig/numconc.pc
#   PREFIX/share/numconc/ (the rules, the codes and the JSON Schemas: docs/)
#
# Usage: scripts/install-c.sh PREFIX
# Then:  PKG_CONFIG_PATH=PREFIX/lib/pkgconfig cc app.c $(pkg-config --cflags --libs numconc)
#
# Builds the release profile; NUMCONC_PROFILE=dev installs a debug build
# (what the tests use, to reuse their build).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: $0 PREFIX" >&2
  exit 2
fi
mkdir -p "$1"
prefix=$(cd "$1" && pwd)
profile=${NUMCONC_PROFILE:-release}
case "$profile" in
  dev|debug) profile=dev; dir=debug ;;
  *) dir=$profile ;;
esac

cargo build --quiet -p numconc-ffi --profile "$profile"
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(sed -n '/^\[workspace\.package\]/,/^\[/s/^version *= *"\(.*\)"/\1/p' Cargo.toml)

major=${version%%.*}

install -d "$prefix/include" "$prefix/lib/pkgconfig" "$prefix/share/numconc"
install -m 644 include/numconc.h "$prefix/include/numconc.h"
# The same interface as plain declarations, for FFIs without a
# preprocessor (PHP FFI::cdef / ffi.preload; bindings/php).
install -m 644 include/numconc_ffi.h "$prefix/include/numconc_ffi.h"
install -m 755 "$target/$dir/libnumconc.so" "$prefix/lib/libnumconc.so.$version"
ln -sfn "libnumconc.so.$version" "$prefix/lib/libnumconc.so.$major"
ln -sfn "libnumconc.so.$major" "$prefix/lib/libnumconc.so"
install -m 644 "$target/$dir/libnumconc.a" "$prefix/lib/libnumconc.a"
if [ -d docs ]; then
  cp -R docs/. "$prefix/share/numconc/"
fi
sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" ffi/numconc.pc.in \
  > "$prefix/lib/pkgconfig/numconc.pc"
echo "installed numconc $version ($profile) under $prefix"
