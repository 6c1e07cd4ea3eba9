<?php
declare(strict_types=1);

namespace Numconc;

/**
 * The loaded C library and the few conversions every class needs.
 *
 * The library is found, in order:
 * - the FFI scope "numconc" when preload.php ran (ffi.preload under a web
 *   server: ffi.enable=preload, opcache.preload=…/preload.php);
 * - else FFI::cdef of numconc_ffi.h (env NUMCONC_HEADER, default the
 *   repository's include/numconc_ffi.h) over the library at env NUMCONC_LIB
 *   (a path or a name for dlopen; default "libnumconc.so.0"): needs
 *   ffi.enable=1 (php -d ffi.enable=1).
 *
 * Strings go to C as pointer + length (PHP strings are bytes: pass UTF-8);
 * strings the library returns are copied into PHP and freed at once with
 * numconc_string_free.
 */
final class Library
{
    public const SCOPE = 'numconc';
    public const DEFAULT_LIB = 'libnumconc.so.0';

    /** numconc_lang values. */
    public const LANG_EN = 0;
    public const LANG_FR = 1;

    private static ?\FFI $ffi = null;

    /** The FFI object over libnumconc (loaded once). */
    public static function ffi(): \FFI
    {
        if (self::$ffi === null) {
            try {
                self::$ffi = \FFI::scope(self::SCOPE);
            } catch (\FFI\Exception) {
                self::$ffi = \FFI::cdef((string) file_get_contents(self::headerPath()), self::libPath());
            }
        }
        return self::$ffi;
    }

    /** The library to load: env NUMCONC_LIB, else "libnumconc.so.0". */
    public static function libPath(): string
    {
        $lib = getenv('NUMCONC_LIB');
        return $lib === false || $lib === '' ? self::DEFAULT_LIB : $lib;
    }

    /** numconc_ffi.h: env NUMCONC_HEADER, else the repository's include/. */
    public static function headerPath(): string
    {
        $header = getenv('NUMCONC_HEADER');
        if ($header !== false && $header !== '') {
            return $header;
        }
        return dirname(__DIR__, 3) . '/include/numconc_ffi.h';
    }

    /** The version of the loaded library ("0.1.0"). */
    public static function version(): string
    {
        return (string) self::ffi()->numconc_version();
    }

    /** The version of the header the binding was loaded with. */
    public static function headerVersion(): string
    {
        $f = self::ffi();
        return $f->NUMCONC_VERSION_MAJOR . '.' . $f->NUMCONC_VERSION_MINOR . '.' . $f->NUMCONC_VERSION_PATCH;
    }

    /** Throws the thread's last error unless $status is NUMCONC_OK. */
    public static function check(int $status): void
    {
        if ($status !== 0) {
            throw Error::last($status);
        }
    }

    /**
     * Calls $call with a `char **out, size_t *out_len` pair appended, and
     * returns the string it wrote (freed with numconc_string_free).
     */
    public static function ownedString(callable $call): string
    {
        $f = self::ffi();
        $out = $f->new('char *');
        $len = $f->new('size_t');
        self::check($call(\FFI::addr($out), \FFI::addr($len)));
        try {
            return \FFI::string($out, $len->cdata);
        } finally {
            $f->numconc_string_free($out);
        }
    }

    /**
     * A borrowed `const char *` + length of a result struct ('' for NULL).
     * PHP's FFI already reads a `const char *` field as a PHP string (up to
     * its NUL, which the library writes at `_len`; texts hold no NUL).
     */
    public static function text(string|\FFI\CData|null $p, int $len): string
    {
        if ($p === null || is_string($p)) {
            return (string) $p;
        }
        return \FFI::isNull($p) ? '' : \FFI::string($p, $len);
    }

    /** A numconc_date from "YYYY-MM-DD" or a DateTimeInterface. */
    public static function date(string|\DateTimeInterface $day): \FFI\CData
    {
        if ($day instanceof \DateTimeInterface) {
            $day = $day->format('Y-m-d');
        }
        if (preg_match('/^(-?\d{1,6})-(\d{2})-(\d{2})$/', $day, $m) !== 1) {
            throw new \InvalidArgumentException("not a YYYY-MM-DD day: $day");
        }
        $d = self::ffi()->new('numconc_date');
        $d->year = (int) $m[1];
        $d->month = (int) $m[2];
        $d->day = (int) $m[3];
        return $d;
    }

    /**
     * A list of strings as the C arrays `const char *const *` and
     * `const size_t *`; the third element keeps the bytes alive: hold the
     * whole result until the call returns.
     *
     * @param list<string> $strings
     * @return array{\FFI\CData, \FFI\CData, list<\FFI\CData>}
     */
    public static function strings(array $strings): array
    {
        $f = self::ffi();
        $n = max(1, count($strings));
        $ptrs = $f->new("const char *[$n]");
        $lens = $f->new("size_t[$n]");
        $keep = [];
        foreach (array_values($strings) as $i => $s) {
            $len = strlen($s);
            $buf = $f->new('char[' . max(1, $len) . ']');
            \FFI::memcpy($buf, $s, $len);
            $ptrs[$i] = \FFI::cast('const char *', \FFI::addr($buf));
            $lens[$i] = $len;
            $keep[] = $buf;
        }
        return [$ptrs, $lens, $keep];
    }
}
