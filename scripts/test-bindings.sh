#!/usr/bin/env bash
# The PHP and Perl part of the test command: installs php-cli and
# libffi-platypus-perl when they are missing, builds libnumconc.so, then
#   - include/numconc_ffi.h is plain C (gcc -fsyntax-only -pedantic), PHP's
#     FFI::cdef reads it whole, and FFI::load reads it with FFI_SCOPE and
#     FFI_LIB (the file bindings/php/preload.php writes for ffi.preload);
#   - bindings/perl/lib/Numconc/FFI.pm is what gen-ffi.pl makes of the
#     header now, and its enum numbers, record sizes and offsets are those a C
#     compiler gives with include/numconc.h;
#   - bindings/php/example.php (through FFI::cdef, then through the
#     ffi.preload scope alone) and bindings/perl/example.pl print exactly
#     bindings/example.expected.
# The bindings find the library with NUMCONC_LIB, pointed here at the cargo
# build. Prints `N passed, M failed` and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

# check, need, install_package. PHP's FFI extension is in Debian's
# php8.x-common, which php-cli depends on.
. scripts/lib-checks.sh
need php php-cli
perl -MFFI::Platypus -e 1 >/dev/null 2>&1 || install_package libffi-platypus-perl
need cc gcc
# (Not `php -m | grep -q`: under pipefail, grep's early exit fails the pipe.)
if ! php -r 'exit(extension_loaded("FFI") ? 0 : 1);'; then
  echo "PHP has no FFI extension: install php-ffi (Debian: php8.x-common)" >&2
  exit 1
fi

echo "== cargo build -p numconc-ffi"
cargo build --quiet -p numconc-ffi
target=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
export NUMCONC_LIB="$target/debug/libnumconc.so"
work="$target/bindings-tests"
rm -rf "$work"
mkdir -p "$work"
expected=bindings/example.expected
php=(php -d ffi.enable=1)

echo "== include/numconc_ffi.h"
check "numconc_ffi.h is plain C11" cc -std=c11 -Wall -Wextra -Werror -pedantic -fsyntax-only \
  -include stdint.h -include stddef.h -include stdbool.h include/numconc_ffi.h
check "numconc_ffi.h has no preprocessor line" bash -c '! grep -q "^[[:space:]]*#" include/numconc_ffi.h'
check "PHP FFI::cdef reads numconc_ffi.h" "${php[@]}" -r '
  $f = FFI::cdef(file_get_contents("include/numconc_ffi.h"), getenv("NUMCONC_LIB"));
  $v = $f->NUMCONC_VERSION_MAJOR . "." . $f->NUMCONC_VERSION_MINOR . "." . $f->NUMCONC_VERSION_PATCH;
  exit($f->numconc_version() === $v && $f->NUMCONC_NOT_AT_PROVIDER === 211 ? 0 : 1);'
check "preload.php writes the ffi.preload header" \
  php bindings/php/preload.php "$work/numconc-preload.h" "$NUMCONC_LIB"
check "FFI::load with FFI_SCOPE and FFI_LIB" "${php[@]}" -r '
  $f = FFI::load($argv[1]);
  exit($f !== null && $f->numconc_status_code($f->NUMCONC_NOT_ELIGIBLE) === "NOT_ELIGIBLE" ? 0 : 1);' \
  "$work/numconc-preload.h"
check "ffi.preload declares the scope numconc" php -d ffi.enable=preload \
  -d ffi.preload="$work/numconc-preload.h" -r 'exit(FFI::scope("numconc")->numconc_version() !== "" ? 0 : 1);'

echo "== Perl: the generated module against the header and a C compiler"
check "bindings/perl/lib/Numconc/FFI.pm is up to date" perl bindings/perl/gen-ffi.pl --check
# Every enum number, record size and member offset of Numconc::FFI, then the same printed
# by a C program compiled with numconc.h: the two lists must be equal.
perl -Ibindings/perl/lib -MNumconc::FFI -e '
  for my $e (sort keys %Numconc::FFI::ENUM) {
    my $items = $Numconc::FFI::ENUM{$e};
    print "$_ $items->{$_}\n" for sort keys %$items;
  }
  for my $r (sort keys %Numconc::FFI::SIZEOF) {
    print "sizeof $r $Numconc::FFI::SIZEOF{$r}\n";
    my $offsets = $Numconc::FFI::OFFSETOF{$r};
    print "offsetof $r $_ $offsets->{$_}\n" for sort keys %$offsets;
  }' >"$work/perl-layout.txt"
{
  echo '#include <numconc.h>'
  echo '#include <stdio.h>'
  echo '#include <stddef.h>'
  echo 'int main(void) {'
  awk '$1 == "sizeof" { printf "    printf(\"sizeof %s %%zu\\n\", sizeof(struct %s));\n", $2, $2; next }
       $1 == "offsetof" { printf "    printf(\"offsetof %s %s %%zu\\n\", offsetof(struct %s, %s));\n", $2, $3, $2, $3; next }
       { printf "    printf(\"%s %%u\\n\", (unsigned)%s);\n", $1, $1 }' "$work/perl-layout.txt"
  echo '    return 0;'
  echo '}'
} >"$work/layout.c"
c_layout() {
  cc -std=c11 -Wall -Wextra -Werror -I"$root/include" "$work/layout.c" -o "$work/layout" &&
    "$work/layout" >"$work/c-layout.txt" &&
    diff -u "$work/c-layout.txt" "$work/perl-layout.txt"
}
check "Numconc::FFI enums, record sizes and offsets equal C's ($(wc -l <"$work/perl-layout.txt") values)" c_layout

echo "== the examples print bindings/example.expected"
same_output() { # same_output NAME COMMAND...: COMMAND's stdout is the expected output
  local name=$1
  shift
  "$@" >"$work/$name.out" || return 1
  diff -u "$expected" "$work/$name.out"
}
for f in bindings/php/*.php bindings/php/src/*.php; do
  php -l "$f" >/dev/null || check "php -l $f" false
done
check "PHP example (FFI::cdef)" same_output php "${php[@]}" bindings/php/example.php
# NUMCONC_HEADER points nowhere: only the preloaded scope can work.
check "PHP example (ffi.preload scope)" same_output php-preload env NUMCONC_HEADER=/nonexistent \
  php -d ffi.enable=preload -d ffi.preload="$work/numconc-preload.h" bindings/php/example.php
check "Perl example" same_output perl perl bindings/perl/example.pl

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
