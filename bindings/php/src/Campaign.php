<?php
declare(strict_types=1);

namespace Numconc;

/**
 * A yearly campaign: its programme, data, the state of every document and
 * the event log. Every command either succeeds (and joins the log) or
 * throws a Numconc\Error and changes nothing. Days are "YYYY-MM-DD"
 * strings or DateTimeInterface values; texts are UTF-8.
 */
final class Campaign
{
    private function __construct(private readonly \FFI\CData $handle)
    {
    }

    /** A campaign of $programme from a v1 Campaign JSON object (the programme is copied). */
    public static function fromJson(Programme $programme, string $json): self
    {
        $f = Library::ffi();
        $out = $f->new('numconc_campaign *');
        Library::check($f->numconc_campaign_new($programme->handle, $json, strlen($json), \FFI::addr($out)));
        return new self($out);
    }

    /** A campaign saved by save(): its log is replayed. */
    public static function load(string $saved): self
    {
        $f = Library::ffi();
        $out = $f->new('numconc_campaign *');
        Library::check($f->numconc_campaign_load_json($saved, strlen($saved), \FFI::addr($out)));
        return new self($out);
    }

    /** The campaign as one JSON document (programme, data, event log). */
    public function save(): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_campaign_save_json($this->handle, $out, $len));
    }

    /** Runs a command given as a JSON object {"type": …, "date": …, …}. */
    public function executeJson(string $command): void
    {
        Library::check(Library::ffi()->numconc_campaign_execute_json($this->handle, $command, strlen($command)));
    }

    public function select(string|\DateTimeInterface $date, string $doc): void
    {
        Library::check(Library::ffi()->numconc_campaign_select($this->handle, Library::date($date), $doc, strlen($doc)));
    }

    public function reject(string|\DateTimeInterface $date, string $doc, string $reason): void
    {
        Library::check(Library::ffi()->numconc_campaign_reject(
            $this->handle, Library::date($date), $doc, strlen($doc), $reason, strlen($reason)));
    }

    public function withdraw(string|\DateTimeInterface $date, string $doc, string $reason): void
    {
        Library::check(Library::ffi()->numconc_campaign_withdraw(
            $this->handle, Library::date($date), $doc, strlen($doc), $reason, strlen($reason)));
    }

    /** The condition report before departure: "good", "fair", "poor" or "unfit". */
    public function recordCondition(string|\DateTimeInterface $date, string $doc, string $grade): void
    {
        Library::check(Library::ffi()->numconc_campaign_record_condition(
            $this->handle, Library::date($date), $doc, strlen($doc), $grade, strlen($grade)));
    }

    /** The preparation; for serials, the number of issues collated. */
    public function prepare(string|\DateTimeInterface $date, string $doc, ?int $issues = null): void
    {
        Library::check(Library::ffi()->numconc_campaign_prepare(
            $this->handle, Library::date($date), $doc, strlen($doc), $issues !== null, $issues ?? 0));
    }

    /** @param list<string> $docs */
    public function ship(string|\DateTimeInterface $date, string $shipment, string $provider, array $docs): void
    {
        [$ptrs, $lens, $keep] = Library::strings($docs);
        Library::check(Library::ffi()->numconc_campaign_ship(
            $this->handle, Library::date($date), $shipment, strlen($shipment), $provider, strlen($provider),
            $ptrs, $lens, count($docs)));
        unset($keep);
    }

    public function deliver(string|\DateTimeInterface $date, string $doc, int $views): void
    {
        Library::check(Library::ffi()->numconc_campaign_deliver($this->handle, Library::date($date), $doc, strlen($doc), $views));
    }

    public function qc(string|\DateTimeInterface $date, string $doc, int $sample, int $major, int $minor): void
    {
        Library::check(Library::ffi()->numconc_campaign_qc(
            $this->handle, Library::date($date), $doc, strlen($doc), $sample, $major, $minor));
    }

    /**
     * `return`: brings documents home, each with its grade on return.
     *
     * @param array<string, string> $grades document id => grade
     */
    public function returnDocuments(string|\DateTimeInterface $date, array $grades, bool $early = false): void
    {
        $docs = array_map('strval', array_keys($grades));
        [$dp, $dl, $keepDocs] = Library::strings($docs);
        [$gp, $gl, $keepGrades] = Library::strings(array_values($grades));
        Library::check(Library::ffi()->numconc_campaign_return(
            $this->handle, Library::date($date), $dp, $dl, $gp, $gl, count($docs), $early));
        unset($keepDocs, $keepGrades);
    }

    public function publish(string|\DateTimeInterface $date, string $doc, string $target, string $identifier): void
    {
        Library::check(Library::ffi()->numconc_campaign_publish(
            $this->handle, Library::date($date), $doc, strlen($doc), $target, strlen($target),
            $identifier, strlen($identifier)));
    }

    public function preserve(string|\DateTimeInterface $date, string $doc): void
    {
        Library::check(Library::ffi()->numconc_campaign_preserve($this->handle, Library::date($date), $doc, strlen($doc)));
    }

    public function close(string|\DateTimeInterface $date): void
    {
        Library::check(Library::ffi()->numconc_campaign_close($this->handle, Library::date($date)));
    }

    public function isClosed(): bool
    {
        $out = Library::ffi()->new('bool');
        Library::check(Library::ffi()->numconc_campaign_is_closed($this->handle, \FFI::addr($out)));
        return $out->cdata;
    }

    /** The number of accepted commands. */
    public function eventCount(): int
    {
        $out = Library::ffi()->new('size_t');
        Library::check(Library::ffi()->numconc_campaign_event_count($this->handle, \FFI::addr($out)));
        return $out->cdata;
    }

    /** The event log, a JSON array of command objects. */
    public function eventsJson(): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_campaign_events_json($this->handle, $out, $len));
    }

    /** The state of a document as JSON (admin, preparation, custody, digital, …). */
    public function documentStateJson(string $doc): string
    {
        return Library::ownedString(fn ($out, $len) => Library::ffi()->numconc_campaign_document_state_json(
            $this->handle, $doc, strlen($doc), $out, $len));
    }

    /** The state of a document, decoded from documentStateJson(). */
    public function documentState(string $doc): array
    {
        return json_decode($this->documentStateJson($doc), true, 512, JSON_THROW_ON_ERROR);
    }

    /** The estimate: documents eligible on $asOf with their proposed views. */
    public function estimate(string|\DateTimeInterface $asOf): Budget
    {
        $f = Library::ffi();
        $out = $f->new('numconc_budget *');
        Library::check($f->numconc_campaign_estimate_budget($this->handle, Library::date($asOf), \FFI::addr($out)));
        return new Budget($out);
    }

    /** The actual budget: documents delivered, with their delivered views. */
    public function actual(): Budget
    {
        $f = Library::ffi();
        $out = $f->new('numconc_budget *');
        Library::check($f->numconc_campaign_actual_budget($this->handle, \FFI::addr($out)));
        return new Budget($out);
    }

    /**
     * Eligibility on $asOf of one document, or of all by id.
     *
     * @return array<string, array{eligible: bool, reasons: list<array>, warnings: list<array>}>
     */
    public function eligibility(string|\DateTimeInterface $asOf, ?string $doc = null): array
    {
        $f = Library::ffi();
        $out = $f->new('numconc_eligibility *');
        Library::check($doc === null
            ? $f->numconc_campaign_eligibility_all($this->handle, Library::date($asOf), \FFI::addr($out))
            : $f->numconc_campaign_eligibility($this->handle, Library::date($asOf), $doc, strlen($doc), \FFI::addr($out)));
        try {
            $n = $f->new('size_t');
            Library::check($f->numconc_eligibility_count($out, \FFI::addr($n)));
            $entry = $f->new('numconc_eligibility_entry');
            $reason = $f->new('numconc_reason');
            $result = [];
            for ($i = 0; $i < $n->cdata; $i++) {
                Library::check($f->numconc_eligibility_get_entry($out, $i, \FFI::addr($entry)));
                $read = function (string $get, int $count) use ($f, $out, $i, $reason): array {
                    $list = [];
                    for ($r = 0; $r < $count; $r++) {
                        $item = [];
                        foreach (['en' => Library::LANG_EN, 'fr' => Library::LANG_FR] as $name => $lang) {
                            Library::check($f->$get($out, $i, $r, $lang, \FFI::addr($reason)));
                            $item['code'] = (string) $reason->code;
                            $item["message_$name"] = (string) $reason->message;
                        }
                        $list[] = $item;
                    }
                    return $list;
                };
                $result[Library::text($entry->doc, $entry->doc_len)] = [
                    'eligible' => $entry->eligible,
                    'reasons' => $read('numconc_eligibility_get_reason', $entry->reason_count),
                    'warnings' => $read('numconc_eligibility_get_warning', $entry->warning_count),
                ];
            }
            return $result;
        } finally {
            $f->numconc_eligibility_free($out);
        }
    }

    /**
     * The documents at a provider on $asOf.
     *
     * @return list<array{doc: string, shipment: string, provider: string, since: string, days_out: int, overdue: bool}>
     */
    public function custodyReport(string|\DateTimeInterface $asOf): array
    {
        $f = Library::ffi();
        $out = $f->new('numconc_custody_report *');
        Library::check($f->numconc_campaign_custody_report($this->handle, Library::date($asOf), \FFI::addr($out)));
        try {
            $n = $f->new('size_t');
            Library::check($f->numconc_custody_report_count($out, \FFI::addr($n)));
            $e = $f->new('numconc_custody_entry');
            $report = [];
            for ($i = 0; $i < $n->cdata; $i++) {
                Library::check($f->numconc_custody_report_get_entry($out, $i, \FFI::addr($e)));
                $report[] = [
                    'doc' => Library::text($e->doc, $e->doc_len),
                    'shipment' => Library::text($e->shipment, $e->shipment_len),
                    'provider' => Library::text($e->provider, $e->provider_len),
                    'since' => sprintf('%04d-%02d-%02d', $e->since->year, $e->since->month, $e->since->day),
                    'days_out' => $e->days_out,
                    'overdue' => $e->overdue,
                ];
            }
            return $report;
        } finally {
            $f->numconc_custody_report_free($out);
        }
    }

    public function __destruct()
    {
        Library::ffi()->numconc_campaign_free($this->handle);
    }
}
