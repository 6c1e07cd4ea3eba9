package Numconc;

# numconc from Perl (FFI::Platypus, as in Koha): Numconc::Programme,
# Numconc::Campaign, Numconc::Budget, errors as Numconc::Error objects
# (die'd). The C signatures, records and enum numbers come from
# Numconc::FFI, generated from include/numconc_ffi.h by gen-ffi.pl.
#
# The library is env NUMCONC_LIB (a path, or a name for the dynamic loader),
# default "libnumconc.so.0"; it is loaded when this module is.
#
# Strings are Perl character strings: they go to C as UTF-8 bytes, pointer
# + length, and come back decoded. Days are "YYYY-MM-DD". Amounts are
# integer cents. Handles are freed when their object goes away; strings the
# library returns are copied and freed at once with numconc_string_free.

use strict;
use warnings;
use FFI::Platypus 2.00;
use FFI::Platypus::Buffer qw(buffer_to_scalar);
use Numconc::FFI;

our $VERSION = '0.1.0';

our $FFI = Numconc::FFI::attach(
    FFI::Platypus->new(api => 2, lib => [$ENV{NUMCONC_LIB} || 'libnumconc.so.0']));

# The version of the loaded library, and of the header this module was
# generated from.
sub version { return Numconc::FFI::numconc_version() }

sub header_version {
    return join '.', Numconc::FFI::NUMCONC_VERSION_MAJOR(), Numconc::FFI::NUMCONC_VERSION_MINOR(),
        Numconc::FFI::NUMCONC_VERSION_PATCH();
}

# 60500 as "605.00".
sub euros {
    my ($cents) = @_;
    my $sign = $cents < 0 ? '-' : '';
    $cents = abs $cents;
    return sprintf '%s%d.%02d', $sign, int($cents / 100), $cents % 100;
}

# --- helpers of the classes below ------------------------------------------

sub _bytes { my ($s) = @_; $s = "$s"; utf8::encode($s); return ($s, length $s) }

sub _decode { my ($s) = @_; return undef unless defined $s; utf8::decode($s); return $s }

# A borrowed pointer + length of a result record (undef for NULL).
sub _text {
    my ($p, $len) = @_;
    return undef unless $p;
    return _decode(buffer_to_scalar($p, $len));
}

# A borrowed NUL-terminated text of a record.
sub _cstring { my ($p) = @_; return $p ? _decode($FFI->cast('opaque' => 'string', $p)) : undef }

sub _check {
    my ($status) = @_;
    die Numconc::Error->_last($status) if $status != Numconc::FFI::NUMCONC_OK();
    return;
}

sub _date {
    my ($day) = @_;
    $day =~ /^(-?\d{1,6})-(\d{2})-(\d{2})$/ or die "not a YYYY-MM-DD day: $day\n";
    return Numconc::FFI::numconc_date->new(year => $1, month => $2 + 0, day => $3 + 0);
}

# Calls $call->(\$out, \$len) for a `char **out, size_t *out_len` pair and
# returns the string, decoded, after freeing it.
sub _owned_string {
    my ($call) = @_;
    my ($out, $len);
    _check($call->(\$out, \$len));
    my $s = buffer_to_scalar($out, $len);
    Numconc::FFI::numconc_string_free($out);
    return _decode($s);
}

# A list of texts as the arrays `const char *const *` and `const size_t *`.
sub _strings {
    my @bytes = map { (_bytes($_))[0] } @_;
    return (\@bytes, [map { length } @bytes]);
}

# A new handle from $call->(\$out).
sub _new_handle {
    my ($call) = @_;
    my $out;
    _check($call->(\$out));
    return $out;
}

package Numconc::Error;

# An error of libnumconc: status (number, stable), code ("NOT_AT_PROVIDER",
# stable), message_en, message_fr; reasons of a NOT_ELIGIBLE refusal and
# issues of INVALID_VALUE (array refs of hashes). Stringifies as
# "CODE: message_en".
use overload '""' => sub { "$_[0]{code}: $_[0]{message_en}" }, fallback => 1;

sub status     { $_[0]{status} }
sub code       { $_[0]{code} }
sub message_en { $_[0]{message_en} }
sub message_fr { $_[0]{message_fr} }
sub message    { $_[1] && $_[1] eq 'fr' ? $_[0]{message_fr} : $_[0]{message_en} }
sub reasons    { @{ $_[0]{reasons} } }
sub issues     { @{ $_[0]{issues} } }

sub _last {
    my ($class, $status) = @_;
    my ($en, $fr) = (Numconc::FFI::NUMCONC_LANG_EN(), Numconc::FFI::NUMCONC_LANG_FR());
    my @reasons = map {
        {   code       => Numconc::FFI::numconc_last_error_reason_code($_),
            message_en => Numconc::_decode(Numconc::FFI::numconc_last_error_reason_message($_, $en)),
            message_fr => Numconc::_decode(Numconc::FFI::numconc_last_error_reason_message($_, $fr)),
        }
    } 0 .. Numconc::FFI::numconc_last_error_reason_count() - 1;
    my @issues = map {
        {   code       => Numconc::FFI::numconc_last_error_issue_code($_),
            path       => Numconc::_decode(Numconc::FFI::numconc_last_error_issue_path($_)),
            message_en => Numconc::_decode(Numconc::FFI::numconc_last_error_issue_message($_, $en)),
            message_fr => Numconc::_decode(Numconc::FFI::numconc_last_error_issue_message($_, $fr)),
        }
    } 0 .. Numconc::FFI::numconc_last_error_issue_count() - 1;
    return bless {
        status     => $status,
        code       => Numconc::FFI::numconc_last_error_code() // Numconc::FFI::numconc_status_code($status),
        message_en => Numconc::_decode(Numconc::FFI::numconc_last_error_message($en)) // '',
        message_fr => Numconc::_decode(Numconc::FFI::numconc_last_error_message($fr)) // '',
        reasons    => \@reasons,
        issues     => \@issues,
    }, $class;
}

package Numconc::Programme;

# A shipped programme: "hauts-de-france", "collex-persee", "pole-associe".
sub preset {
    my ($class, $id) = @_;
    my @id = Numconc::_bytes($id);
    return bless { h => Numconc::_new_handle(sub { Numconc::FFI::numconc_programme_preset(@id, $_[0]) }) }, $class;
}

# A programme from a v1 Programme JSON object (a character string).
sub from_json {
    my ($class, $json) = @_;
    my @json = Numconc::_bytes($json);
    return bless { h => Numconc::_new_handle(sub { Numconc::FFI::numconc_programme_from_json(@json, $_[0]) }) },
        $class;
}

sub to_json {
    my ($self) = @_;
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_programme_to_json($self->{h}, @_) });
}

sub DESTROY { Numconc::FFI::numconc_programme_free($_[0]{h}) }

package Numconc::Campaign;

# A campaign of $programme from a v1 Campaign JSON object (the programme is
# copied). Every command either succeeds or dies with a Numconc::Error and
# changes nothing.
sub new {
    my ($class, $programme, $json) = @_;
    my @json = Numconc::_bytes($json);
    return bless {
        h => Numconc::_new_handle(sub { Numconc::FFI::numconc_campaign_new($programme->{h}, @json, $_[0]) })
    }, $class;
}

# A campaign saved by save (its log is replayed).
sub load {
    my ($class, $saved) = @_;
    my @saved = Numconc::_bytes($saved);
    return bless { h => Numconc::_new_handle(sub { Numconc::FFI::numconc_campaign_load_json(@saved, $_[0]) }) },
        $class;
}

sub save {
    my ($self) = @_;
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_campaign_save_json($self->{h}, @_) });
}

# A command as a JSON object {"type": …, "date": …, …}.
sub execute_json {
    my ($self, $command) = @_;
    Numconc::_check(Numconc::FFI::numconc_campaign_execute_json($self->{h}, Numconc::_bytes($command)));
}

# The typed commands: a day, then the arguments of the C call, each text
# given once (its length is added).
sub _command {
    my ($self, $name, $date, @args) = @_;
    my $call = Numconc::FFI->can("numconc_campaign_$name");
    Numconc::_check($call->($self->{h}, Numconc::_date($date), @args));
}

sub select   { my ($s, $d, $doc) = @_; $s->_command('select', $d, Numconc::_bytes($doc)) }
sub preserve { my ($s, $d, $doc) = @_; $s->_command('preserve', $d, Numconc::_bytes($doc)) }
sub close    { my ($s, $d) = @_; $s->_command('close', $d) }

sub reject {
    my ($s, $d, $doc, $reason) = @_;
    $s->_command('reject', $d, Numconc::_bytes($doc), Numconc::_bytes($reason));
}

sub withdraw {
    my ($s, $d, $doc, $reason) = @_;
    $s->_command('withdraw', $d, Numconc::_bytes($doc), Numconc::_bytes($reason));
}

# The condition report before departure: "good", "fair", "poor", "unfit".
sub record_condition {
    my ($s, $d, $doc, $grade) = @_;
    $s->_command('record_condition', $d, Numconc::_bytes($doc), Numconc::_bytes($grade));
}

# The preparation; for serials, the number of issues collated.
sub prepare {
    my ($s, $d, $doc, $issues) = @_;
    $s->_command('prepare', $d, Numconc::_bytes($doc), defined $issues ? 1 : 0, $issues // 0);
}

sub ship {
    my ($s, $d, $shipment, $provider, @docs) = @_;
    $s->_command('ship', $d, Numconc::_bytes($shipment), Numconc::_bytes($provider), Numconc::_strings(@docs),
        scalar @docs);
}

sub deliver { my ($s, $d, $doc, $views) = @_; $s->_command('deliver', $d, Numconc::_bytes($doc), $views) }

sub qc {
    my ($s, $d, $doc, $sample, $major, $minor) = @_;
    $s->_command('qc', $d, Numconc::_bytes($doc), $sample, $major, $minor);
}

# `return`: brings documents home, each with its grade: [doc => grade, …].
sub return_documents {
    my ($s, $d, $grades, $early) = @_;
    my @pairs = @$grades;
    my @docs = @pairs[grep { $_ % 2 == 0 } 0 .. $#pairs];
    my @grades = @pairs[grep { $_ % 2 == 1 } 0 .. $#pairs];
    $s->_command('return', $d, Numconc::_strings(@docs), Numconc::_strings(@grades), scalar @docs, $early ? 1 : 0);
}

sub publish {
    my ($s, $d, $doc, $target, $identifier) = @_;
    $s->_command('publish', $d, Numconc::_bytes($doc), Numconc::_bytes($target), Numconc::_bytes($identifier));
}

sub is_closed {
    my ($self) = @_;
    my $out;
    Numconc::_check(Numconc::FFI::numconc_campaign_is_closed($self->{h}, \$out));
    return $out ? 1 : 0;
}

sub event_count {
    my ($self) = @_;
    my $out;
    Numconc::_check(Numconc::FFI::numconc_campaign_event_count($self->{h}, \$out));
    return $out;
}

sub events_json {
    my ($self) = @_;
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_campaign_events_json($self->{h}, @_) });
}

# The state of a document as JSON (admin, preparation, custody, digital…).
sub document_state_json {
    my ($self, $doc) = @_;
    my @doc = Numconc::_bytes($doc);
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_campaign_document_state_json($self->{h}, @doc, @_) });
}

# The estimate on $as_of: documents eligible then, at their proposed views.
sub estimate {
    my ($self, $as_of) = @_;
    my $date = Numconc::_date($as_of);
    my $h = Numconc::_new_handle(sub { Numconc::FFI::numconc_campaign_estimate_budget($self->{h}, $date, $_[0]) });
    return bless { h => $h }, 'Numconc::Budget';
}

# The actual budget: documents delivered, at their delivered views.
sub actual {
    my ($self) = @_;
    my $h = Numconc::_new_handle(sub { Numconc::FFI::numconc_campaign_actual_budget($self->{h}, $_[0]) });
    return bless { h => $h }, 'Numconc::Budget';
}

# Eligibility on $as_of of one document, or of all: a list of hashes
# {doc, eligible, reasons => [{code, message_en, message_fr}], warnings}.
sub eligibility {
    my ($self, $as_of, $doc) = @_;
    my $date = Numconc::_date($as_of);
    my @doc = defined $doc ? Numconc::_bytes($doc) : ();
    my $h = Numconc::_new_handle(sub {
        @doc
            ? Numconc::FFI::numconc_campaign_eligibility($self->{h}, $date, @doc, $_[0])
            : Numconc::FFI::numconc_campaign_eligibility_all($self->{h}, $date, $_[0]);
    });
    my @result = eval { _entries($h) };
    my $error = $@;
    Numconc::FFI::numconc_eligibility_free($h);
    die $error if $error;
    return @result;
}

sub _entries {
    my ($h) = @_;
    my $n;
    Numconc::_check(Numconc::FFI::numconc_eligibility_count($h, \$n));
    my $entry = Numconc::FFI::numconc_eligibility_entry->new;
    my $reason = Numconc::FFI::numconc_reason->new;
    my $read = sub {
        my ($i, $get, $count) = @_;
        my $call = Numconc::FFI->can("numconc_eligibility_get_$get");
        return map {
            my %item;
            for my $lang ([en => Numconc::FFI::NUMCONC_LANG_EN()], [fr => Numconc::FFI::NUMCONC_LANG_FR()]) {
                Numconc::_check($call->($h, $i, $_, $lang->[1], $reason));
                $item{code} = Numconc::_cstring($reason->code);
                $item{"message_$lang->[0]"} = Numconc::_cstring($reason->message);
            }
            \%item;
        } 0 .. $count - 1;
    };
    return map {
        Numconc::_check(Numconc::FFI::numconc_eligibility_get_entry($h, $_, $entry));
        {   doc      => Numconc::_text($entry->doc, $entry->doc_len),
            eligible => $entry->eligible ? 1 : 0,
            reasons  => [$read->($_, 'reason', $entry->reason_count)],
            warnings => [$read->($_, 'warning', $entry->warning_count)],
        }
    } 0 .. $n - 1;
}

# The documents at a provider on $as_of: hashes {doc, shipment, provider,
# since, days_out, overdue}.
sub custody_report {
    my ($self, $as_of) = @_;
    my $date = Numconc::_date($as_of);
    my $h = Numconc::_new_handle(sub { Numconc::FFI::numconc_campaign_custody_report($self->{h}, $date, $_[0]) });
    my @report = eval {
        my $n;
        Numconc::_check(Numconc::FFI::numconc_custody_report_count($h, \$n));
        my $e = Numconc::FFI::numconc_custody_entry->new;
        map {
            Numconc::_check(Numconc::FFI::numconc_custody_report_get_entry($h, $_, $e));
            {   doc      => Numconc::_text($e->doc, $e->doc_len),
                shipment => Numconc::_text($e->shipment, $e->shipment_len),
                provider => Numconc::_text($e->provider, $e->provider_len),
                since    => sprintf('%04d-%02d-%02d', $e->since_year, $e->since_month, $e->since_day),
                days_out => $e->days_out,
                overdue  => $e->overdue ? 1 : 0,
            }
        } 0 .. $n - 1;
    };
    my $error = $@;
    Numconc::FFI::numconc_custody_report_free($h);
    die $error if $error;
    return @report;
}

sub DESTROY { Numconc::FFI::numconc_campaign_free($_[0]{h}) }

package Numconc::Budget;

# A computed budget (a copy: it outlives the campaign); amounts in cents.

sub totals {
    my ($self) = @_;
    my $t = Numconc::FFI::numconc_budget_totals->new;
    Numconc::_check(Numconc::FFI::numconc_budget_get_totals($self->{h}, $t));
    return { map { $_ => $t->$_ }
            qw(total_cents funded_cents partner_cents funder_count line_count institution_count warning_count) };
}

# The funders: hashes {id, name, total_cents}, programme order.
sub funders {
    my ($self) = @_;
    my $f = Numconc::FFI::numconc_budget_funder->new;
    return map {
        Numconc::_check(Numconc::FFI::numconc_budget_get_funder($self->{h}, $_, $f));
        {   id          => Numconc::_text($f->id, $f->id_len),
            name        => Numconc::_text($f->name, $f->name_len),
            total_cents => $f->total_cents,
        }
    } 0 .. $self->totals->{funder_count} - 1;
}

# Line $index: {institution, kind ("document" or "shared"), document, label,
# views, cost_cents, partner_cents, shares => [[funder id, cents], …]}.
sub line {
    my ($self, $index) = @_;
    my $l = Numconc::FFI::numconc_budget_line->new;
    Numconc::_check(Numconc::FFI::numconc_budget_get_line($self->{h}, $index, $l));
    my @funders = $self->funders;
    my @shares = map {
        my $cents;
        Numconc::_check(Numconc::FFI::numconc_budget_get_share($self->{h}, $index, $_, \$cents));
        [$funders[$_]{id}, $cents];
    } 0 .. $#funders;
    my $document = $l->kind == Numconc::FFI::NUMCONC_LINE_DOCUMENT();
    return {
        institution   => Numconc::_text($l->institution, $l->institution_len),
        kind          => $document ? 'document' : 'shared',
        document      => Numconc::_text($l->document, $l->document_len),
        label         => Numconc::_text($l->label, $l->label_len),
        views         => $l->has_views ? $l->views : undef,
        cost_cents    => $l->cost_cents,
        partner_cents => $l->partner_cents,
        shares        => \@shares,
    };
}

sub to_json {
    my ($self) = @_;
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_budget_to_json($self->{h}, @_) });
}

# CSV for a French finance office (; separated, UTF-8 BOM, decimal commas).
sub to_csv {
    my ($self) = @_;
    return Numconc::_owned_string(sub { Numconc::FFI::numconc_budget_to_csv($self->{h}, @_) });
}

sub DESTROY { Numconc::FFI::numconc_budget_free($_[0]{h}) }

1;
