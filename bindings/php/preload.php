<?php
// Writes the header that php.ini's ffi.preload loads, for a web server
// (php-fpm, mod_php) where FFI::cdef is off (ffi.enable = preload):
//
//   php bindings/php/preload.php /etc/php/numconc.h [LIB]
//
// The file is include/numconc_ffi.h (or env NUMCONC_HEADER) preceded by
//   #define FFI_SCOPE "numconc"
//   #define FFI_LIB "LIB"
// where LIB is the argument, else env NUMCONC_LIB, else "libnumconc.so.0"
// (a name the dynamic loader finds, or an absolute path). Then in php.ini:
//
//   ffi.enable = preload
//   ffi.preload = /etc/php/numconc.h
//
// and Numconc\Library::ffi() takes the scope with FFI::scope("numconc").
// The same file works with FFI::load() where FFI is enabled.
declare(strict_types=1);

require_once __DIR__ . '/src/Library.php';

if ($argc < 2 || $argc > 3) {
    fwrite(STDERR, "usage: php preload.php OUT.h [LIB]\n");
    exit(2);
}
$out = $argv[1];
$lib = $argv[2] ?? Numconc\Library::libPath();
if (preg_match('/["\\\\\n]/', $lib) === 1) {
    fwrite(STDERR, "preload.php: LIB must not contain quotes, backslashes or newlines\n");
    exit(2);
}
$header = file_get_contents(Numconc\Library::headerPath());
if ($header === false) {
    fwrite(STDERR, "preload.php: cannot read " . Numconc\Library::headerPath() . "\n");
    exit(1);
}
$text = sprintf("#define FFI_SCOPE \"%s\"\n#define FFI_LIB \"%s\"\n", Numconc\Library::SCOPE, $lib) . $header;
if (file_put_contents($out, $text) !== strlen($text)) {
    fwrite(STDERR, "preload.php: cannot write $out\n");
    exit(1);
}
printf("wrote %s; in php.ini:\n  ffi.enable = preload\n  ffi.preload = %s\n", $out, realpath($out));
