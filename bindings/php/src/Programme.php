<?php
declare(strict_types=1);

namespace Numconc;

/** A programme (the rulebook): a shipped preset or a v1 Programme JSON. */
final class Programme
{
    private function __construct(public readonly \FFI\CData $handle)
    {
    }

    /** A shipped programme: "hauts-de-france", "collex-persee", "pole-associe". */
    public static function preset(string $id): self
    {
        $f = Library::ffi();
        $out = $f->new('numconc_programme *');
        Library::check($f->numconc_programme_preset($id, strlen($id), \FFI::addr($out)));
        return new self($out);
    }

    /** A programme from a v1 Programme JSON object. */
    public static function fromJson(string $json): self
    {
        $f = Library::ffi();
        $out = $f->new('numconc_programme *');
        Library::check($f->numconc_programme_from_json($json, strlen($json), \FFI::addr($out)));
        return new self($out);
    }

    /** The programme as a v1 JSON object. */
    public function toJson(): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_programme_to_json($this->handle, $out, $len));
    }

    public function __destruct()
    {
        Library::ffi()->numconc_programme_free($this->handle);
    }
}
