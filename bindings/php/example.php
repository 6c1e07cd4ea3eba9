<?php
// A campaign through the PHP binding: a programme preset, a campaign JSON
// (../campaign.json), eligibility, the estimate, a refused selection, the
// lifecycle (select, record_condition, prepare, ship, deliver, qc, return),
// the custody report, the actual budget, an error's code and messages, save
// and load. bindings/perl/example.pl prints the same lines; the tests
// compare both with ../example.expected.
//
//   NUMCONC_LIB=target/debug/libnumconc.so php -d ffi.enable=1 bindings/php/example.php
declare(strict_types=1);

require __DIR__ . '/autoload.php';

use Numconc\Budget;
use Numconc\Campaign;
use Numconc\Error;
use Numconc\Library;
use Numconc\Programme;

function euros(int $cents): string
{
    return Budget::euros($cents);
}

function print_error(string $what, Error $e): void
{
    printf("%s refused: %s (status %d)\n", $what, $e->errorCode, $e->getCode());
    printf("  en: %s\n  fr: %s\n", $e->messageEn, $e->messageFr);
    foreach ($e->reasons as $r) {
        printf("  reason %s: %s\n", $r['code'], $r['message_fr']);
    }
}

function print_line(Budget $budget, int $index): void
{
    $l = $budget->line($index);
    $shares = [];
    foreach ($l['shares'] as $funder => $cents) {
        $shares[] = "$funder " . euros($cents);
    }
    printf("  line %d: %s %s%s: cost %s, institution %s, %s\n", $index, $l['institution'],
        $l['document'] ?? $l['label'], $l['views'] === null ? '' : ", {$l['views']} views",
        euros($l['cost_cents']), euros($l['partner_cents']), implode(', ', $shares));
}

printf("numconc %s (header %s)\n", Library::version(), Library::headerVersion());
$programme = Programme::preset('hauts-de-france');
$data = (string) file_get_contents(__DIR__ . '/../campaign.json');
$campaign = Campaign::fromJson($programme, $data);
unset($programme); // the campaign has its own copy
$meta = json_decode($data, true, 512, JSON_THROW_ON_ERROR);
printf("campaign %s of %s: %d documents\n", $meta['id'], $meta['programme'], count($meta['documents']));

echo "eligibility on 2026-04-01:\n";
foreach ($campaign->eligibility('2026-04-01') as $doc => $e) {
    $codes = array_map(fn ($r) => $r['code'], $e['reasons']);
    echo $e['eligible'] ? "  $doc eligible\n" : "  $doc not eligible: " . implode(', ', $codes) . "\n";
}

$estimate = $campaign->estimate('2026-04-01');
$t = $estimate->totals();
printf("estimate on 2026-04-01: total %s, funders %s, institutions %s (%d lines)\n",
    euros($t['total_cents']), euros($t['funded_cents']), euros($t['partner_cents']), $t['line_count']);
print_line($estimate, 2);
foreach ($estimate->funders() as $funder) {
    printf("  funder %s (%s): %s\n", $funder['id'], $funder['name'], euros($funder['total_cents']));
}

try {
    $campaign->select('2026-04-10', 'D3');
} catch (Error $e) {
    print_error('select D3', $e);
}

$campaign->select('2026-04-10', 'D1');
$campaign->select('2026-04-10', 'D2');
$campaign->recordCondition('2026-04-12', 'D1', 'good');
$campaign->recordCondition('2026-04-12', 'D2', 'fair');
$campaign->prepare('2026-04-13', 'D1', 52); // a serial: 52 issues collated
$campaign->prepare('2026-04-13', 'D2');
$campaign->ship('2026-05-04', 'S1', 'SIM', ['D1', 'D2']);
foreach ($campaign->custodyReport('2026-06-01') as $c) {
    printf("custody on 2026-06-01: %s in %s at %s since %s, %d days%s\n", $c['doc'], $c['shipment'],
        $c['provider'], $c['since'], $c['days_out'], $c['overdue'] ? ', overdue' : '');
}
$campaign->deliver('2026-06-01', 'D1', 1180);
$campaign->qc('2026-06-02', 'D1', 59, 0, 0);
$campaign->deliver('2026-06-12', 'D2', 200);
$campaign->executeJson('{"type": "qc", "date": "2026-06-13", "doc": "D2", "sample": 20, "major": 0, "minor": 0}');
$campaign->returnDocuments('2026-07-01', ['D1' => 'good', 'D2' => 'poor']);
$state = $campaign->documentState('D1');
printf("D1: %s, %s, custody %s, returned %s, round %d, %d views\n", $state['admin'],
    $state['digital'], $state['custody'], $state['return_grade'], $state['round'], $state['views']);

$actual = $campaign->actual();
$t = $actual->totals();
printf("actual: total %s, funders %s, institutions %s (%d lines)\n",
    euros($t['total_cents']), euros($t['funded_cents']), euros($t['partner_cents']), $t['line_count']);
print_line($actual, 2);

try {
    $campaign->deliver('2026-07-02', 'D1', 1180);
} catch (Error $e) {
    print_error('deliver D1', $e);
}

$saved = $campaign->save();
$again = Campaign::load($saved)->save();
printf("saved %d events, loaded again: %s\n", $campaign->eventCount(),
    $again === $saved ? 'same bytes' : 'DIFFERENT');
