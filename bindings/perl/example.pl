#!/usr/bin/env perl
# A campaign through the Perl binding, the same steps and the same output
# as bindings/php/example.php (the tests compare both with
# ../example.expected).
#
#   NUMCONC_LIB=target/debug/libnumconc.so perl -Ibindings/perl/lib bindings/perl/example.pl
use strict;
use warnings;
use utf8;
use FindBin;
use lib "$FindBin::Bin/lib";
use JSON::PP ();
use Numconc;

binmode STDOUT, ':encoding(UTF-8)';
*euros = \&Numconc::euros;

sub print_error {
    my ($what, $e) = @_;
    die $e unless ref $e && $e->isa('Numconc::Error');
    printf "%s refused: %s (status %d)\n", $what, $e->code, $e->status;
    printf "  en: %s\n  fr: %s\n", $e->message_en, $e->message_fr;
    printf "  reason %s: %s\n", $_->{code}, $_->{message_fr} for $e->reasons;
}

sub print_line {
    my ($budget, $index) = @_;
    my $l = $budget->line($index);
    printf "  line %d: %s %s%s: cost %s, institution %s, %s\n", $index, $l->{institution},
        $l->{document} // $l->{label}, defined $l->{views} ? ", $l->{views} views" : '',
        euros($l->{cost_cents}), euros($l->{partner_cents}),
        join(', ', map { "$_->[0] " . euros($_->[1]) } @{ $l->{shares} });
}

printf "numconc %s (header %s)\n", Numconc::version(), Numconc::header_version();
my $campaign = do {
    my $programme = Numconc::Programme->preset('hauts-de-france'); # freed at the end of this block:
    open my $in, '<:encoding(UTF-8)', "$FindBin::Bin/../campaign.json" or die "campaign.json: $!\n";
    my $data = do { local $/; <$in> };
    my $meta = JSON::PP->new->decode($data);
    printf "campaign %s of %s: %d documents\n", $meta->{id}, $meta->{programme}, scalar @{ $meta->{documents} };
    Numconc::Campaign->new($programme, $data); # the campaign has its own copy
};

print "eligibility on 2026-04-01:\n";
for my $e ($campaign->eligibility('2026-04-01')) {
    print $e->{eligible}
        ? "  $e->{doc} eligible\n"
        : "  $e->{doc} not eligible: " . join(', ', map { $_->{code} } @{ $e->{reasons} }) . "\n";
}

my $estimate = $campaign->estimate('2026-04-01');
my $t = $estimate->totals;
printf "estimate on 2026-04-01: total %s, funders %s, institutions %s (%d lines)\n",
    euros($t->{total_cents}), euros($t->{funded_cents}), euros($t->{partner_cents}), $t->{line_count};
print_line($estimate, 2);
printf "  funder %s (%s): %s\n", $_->{id}, $_->{name}, euros($_->{total_cents}) for $estimate->funders;

eval { $campaign->select('2026-04-10', 'D3'); 1 } or print_error('select D3', $@);

$campaign->select('2026-04-10', 'D1');
$campaign->select('2026-04-10', 'D2');
$campaign->record_condition('2026-04-12', 'D1', 'good');
$campaign->record_condition('2026-04-12', 'D2', 'fair');
$campaign->prepare('2026-04-13', 'D1', 52); # a serial: 52 issues collated
$campaign->prepare('2026-04-13', 'D2');
$campaign->ship('2026-05-04', 'S1', 'SIM', 'D1', 'D2');
for my $c ($campaign->custody_report('2026-06-01')) {
    printf "custody on 2026-06-01: %s in %s at %s since %s, %d days%s\n", $c->{doc}, $c->{shipment},
        $c->{provider}, $c->{since}, $c->{days_out}, $c->{overdue} ? ', overdue' : '';
}
$campaign->deliver('2026-06-01', 'D1', 1180);
$campaign->qc('2026-06-02', 'D1', 59, 0, 0);
$campaign->deliver('2026-06-12', 'D2', 200);
$campaign->execute_json('{"type": "qc", "date": "2026-06-13", "doc": "D2", "sample": 20, "major": 0, "minor": 0}');
$campaign->return_documents('2026-07-01', [D1 => 'good', D2 => 'poor']);
my $state = JSON::PP->new->decode($campaign->document_state_json('D1'));
printf "D1: %s, %s, custody %s, returned %s, round %d, %d views\n", $state->{admin},
    $state->{digital}, $state->{custody}, $state->{return_grade}, $state->{round}, $state->{views};

my $actual = $campaign->actual;
$t = $actual->totals;
printf "actual: total %s, funders %s, institutions %s (%d lines)\n",
    euros($t->{total_cents}), euros($t->{funded_cents}), euros($t->{partner_cents}), $t->{line_count};
print_line($actual, 2);

eval { $campaign->deliver('2026-07-02', 'D1', 1180); 1 } or print_error('deliver D1', $@);

my $saved = $campaign->save;
my $again = Numconc::Campaign->load($saved)->save;
printf "saved %d events, loaded again: %s\n", $campaign->event_count, $again eq $saved ? 'same bytes' : 'DIFFERENT';
