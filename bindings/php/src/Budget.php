<?php
declare(strict_types=1);

namespace Numconc;

/**
 * A computed budget (a copy: it outlives the campaign). Amounts are integer
 * cents; format them with Budget::euros().
 */
final class Budget
{
    /** @internal made by Campaign::estimate() and Campaign::actual() */
    public function __construct(private readonly \FFI\CData $handle)
    {
    }

    /** 60500 as "605.00". */
    public static function euros(int $cents): string
    {
        $sign = $cents < 0 ? '-' : '';
        $cents = abs($cents);
        return sprintf('%s%d.%02d', $sign, intdiv($cents, 100), $cents % 100);
    }

    /**
     * @return array{total_cents: int, funded_cents: int, partner_cents: int, funder_count: int,
     *               line_count: int, institution_count: int, warning_count: int}
     */
    public function totals(): array
    {
        $f = Library::ffi();
        $t = $f->new('numconc_budget_totals');
        Library::check($f->numconc_budget_get_totals($this->handle, \FFI::addr($t)));
        return [
            'total_cents' => $t->total_cents,
            'funded_cents' => $t->funded_cents,
            'partner_cents' => $t->partner_cents,
            'funder_count' => $t->funder_count,
            'line_count' => $t->line_count,
            'institution_count' => $t->institution_count,
            'warning_count' => $t->warning_count,
        ];
    }

    /** @return list<array{id: string, name: string, total_cents: int}> */
    public function funders(): array
    {
        $f = Library::ffi();
        $x = $f->new('numconc_budget_funder');
        $funders = [];
        for ($i = 0, $n = $this->totals()['funder_count']; $i < $n; $i++) {
            Library::check($f->numconc_budget_get_funder($this->handle, $i, \FFI::addr($x)));
            $funders[] = [
                'id' => Library::text($x->id, $x->id_len),
                'name' => Library::text($x->name, $x->name_len),
                'total_cents' => $x->total_cents,
            ];
        }
        return $funders;
    }

    /**
     * Line $index, with the share of every funder (by funder id).
     *
     * @return array{institution: string, kind: string, document: ?string, label: ?string,
     *               views: ?int, cost_cents: int, partner_cents: int, shares: array<string, int>}
     */
    public function line(int $index): array
    {
        $f = Library::ffi();
        $l = $f->new('numconc_budget_line');
        Library::check($f->numconc_budget_get_line($this->handle, $index, \FFI::addr($l)));
        $shares = [];
        $cents = $f->new('int64_t');
        foreach ($this->funders() as $k => $funder) {
            Library::check($f->numconc_budget_get_share($this->handle, $index, $k, \FFI::addr($cents)));
            $shares[$funder['id']] = $cents->cdata;
        }
        $document = $l->kind === $f->NUMCONC_LINE_DOCUMENT;
        return [
            'institution' => Library::text($l->institution, $l->institution_len),
            'kind' => $document ? 'document' : 'shared',
            'document' => $document ? Library::text($l->document, $l->document_len) : null,
            'label' => $document ? null : Library::text($l->label, $l->label_len),
            'views' => $l->has_views ? $l->views : null,
            'cost_cents' => $l->cost_cents,
            'partner_cents' => $l->partner_cents,
            'shares' => $shares,
        ];
    }

    /** The budget as the conformance vectors' JSON. */
    public function toJson(): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_budget_to_json($this->handle, $out, $len));
    }

    /** The budget as CSV for a French finance office (; separated, UTF-8 BOM). */
    public function toCsv(): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_budget_to_csv($this->handle, $out, $len));
    }

    public function __destruct()
    {
        Library::ffi()->numconc_budget_free($this->handle);
    }
}
