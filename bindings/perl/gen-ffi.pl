#!/usr/bin/env perl
# Writes lib/Numconc/FFI.pm from include/numconc_ffi.h: the enum constants,
# the record layouts (FFI::Platypus::Record) of the header's structs and the
# FFI::Platypus signature of every function, so that nothing of the C
# interface is transcribed by hand.
#
#   perl bindings/perl/gen-ffi.pl            rewrite lib/Numconc/FFI.pm
#   perl bindings/perl/gen-ffi.pl --check    exit 1 if it differs from what
#                                            the header gives now (tests)
#
# The header is the plain C that cbindgen writes for FFIs (no preprocessor),
# so a few regular expressions read it; anything else in it is an error here,
# never a silent guess. Record sizes are computed with the C layout rules
# and written to %SIZEOF and %OFFSETOF; Numconc::FFI checks the sizes them against FFI::Platypus at
# load time, and scripts/test-bindings.sh against a C compiler.
use strict;
use warnings;
use FindBin;

my $check = @ARGV && $ARGV[0] eq '--check';
my $root = "$FindBin::Bin/../..";
my $header_path = "$root/include/numconc_ffi.h";
my $out_path = "$FindBin::Bin/lib/Numconc/FFI.pm";

open my $in, '<', $header_path or die "cannot read $header_path: $!\n";
my $text = do { local $/; <$in> };
close $in;
$text =~ s{/\*.*?\*/}{ }gs;
$text =~ s{//[^\n]*}{ }g;
$text =~ s/\s+/ /g;

# C scalar types: Platypus type and size (= alignment on the targets we run).
my %SCALAR = (
    int32_t => ['sint32', 4], uint32_t => ['uint32', 4],
    int64_t => ['sint64', 8], uint64_t => ['uint64', 8],
    size_t  => ['size_t', 8], bool => ['bool', 1],
);
my (@enums, @opaque, @records, @functions, %record);

sub canonical { # "const char *const *" -> "const char*const*"
    my ($t) = @_;
    $t =~ s/^\s+|\s+$//g;
    $t =~ s/\s*\*\s*/*/g;
    $t =~ s/\s+/ /g;
    return $t;
}

sub declaration { # "const char *doc" -> ["const char*", "doc"]
    my ($d) = @_;
    $d =~ /^(.*?)\b(\w+)\s*$/ or die "cannot read the declaration `$d`\n";
    return [canonical($1), $2];
}

while ($text =~ /\S/) {
    if ($text =~ s/^\s*enum\s*(\w*)\s*\{([^}]*)\}\s*;//) {
        my ($tag, $body) = ($1, $2);
        my @items;
        for my $item (grep {/\S/} split /,/, $body) {
            $item =~ /^\s*(\w+)\s*=\s*(\d+)\s*$/ or die "cannot read the enum item `$item`\n";
            push @items, [$1, $2];
        }
        push @enums, [$tag, \@items];
    } elsif ($text =~ s/^\s*typedef\s+uint32_t\s+(\w+)\s*;//) {
        $SCALAR{$1} = ['uint32', 4];
    } elsif ($text =~ s/^\s*typedef\s+struct\s+(\w+)\s+(\w+)\s*;//) {
        die "opaque struct $1 typedef'd as $2\n" unless $1 eq $2;
        push @opaque, $1;
    } elsif ($text =~ s/^\s*typedef\s+struct\s+(\w+)\s*\{([^}]*)\}\s*(\w+)\s*;//) {
        my ($name, $body) = ($1, $2);
        die "struct $name typedef'd as $3\n" unless $name eq $3;
        my @fields = map { declaration($_) } grep {/\S/} split /;/, $body;
        push @records, $name;
        $record{$name} = layout($name, \@fields);
    } elsif ($text =~ s/^\s*([\w\s\*]*?)\s*\b(numconc_\w+)\s*\(([^()]*)\)\s*;//) {
        my ($ret, $name, $params) = (canonical($1), $2, $3);
        my @args = $params =~ /^\s*void\s*$/ ? () : map { declaration($_) } split /,/, $params;
        push @functions, [$name, [map { arg_type($_->[0], $name) } @args], ret_type($ret, $name)];
    } else {
        die "cannot read the header at `" . substr($text, 0, 80) . "`\n";
    }
}

# The Platypus members of a struct, with C's offsets: a member of struct
# type is flattened (`since` -> since_year, since_month, since_day), which
# keeps C's layout only when all its members have one size: checked here.
sub layout {
    my ($name, $fields) = @_;
    my @members;
    my ($offset, $align) = (0, 1);
    my $add = sub {
        my ($type, $size, $member, $path) = @_;
        $offset++ while $offset % $size;
        push @members, [$type, $member, $offset, $size, $path // $member];
        $offset += $size;
        $align = $size if $size > $align;
    };
    for my $f (@$fields) {
        my ($ctype, $member) = @$f;
        if ($ctype =~ /^struct (\w+)$/) {
            my $inner = $record{$1} or die "$name.$member: struct $1 is not declared before\n";
            my %sizes = map { $_->[3] => 1 } @{ $inner->{members} };
            die "$name.$member: struct $1 has members of several sizes: cannot flatten\n"
                if keys %sizes != 1;
            $add->($_->[0], $_->[3], "${member}_$_->[1]", "$member.$_->[4]") for @{ $inner->{members} };
        } elsif ($ctype eq 'const char*') {
            $add->('opaque', 8, $member);
        } elsif (my $s = $SCALAR{$ctype}) {
            $add->($s->[0], $s->[1], $member);
        } else {
            die "$name.$member: no record type for `$ctype`\n";
        }
    }
    my $size = $offset;
    $size++ while $size % $align;
    return { members => \@members, size => $size, padding => $size - $offset };
}

sub base_type {
    my ($ctype, $where) = @_;
    return $SCALAR{$ctype}[0] if $SCALAR{$ctype};
    return "record(Numconc::FFI::$1)" if $ctype =~ /^struct (\w+)$/ && $record{$1};
    die "$where: no Platypus type for `$ctype`\n";
}

sub arg_type {
    my ($ctype, $where) = @_;
    my %fixed = (
        'const char*' => 'string',          # pointer + length: the bytes of a Perl scalar
        'char*' => 'opaque',                # a string of the library, to free
        'char**' => 'opaque*',              # a new string of the library
        'const char*const*' => 'string[]',  # an array ref of byte strings
        'const size_t*' => 'size_t[]',      # an array ref of lengths
        'const uint8_t*' => 'string',       # pointer + length: the bytes of a Perl scalar
        'uint8_t*' => 'opaque',             # a byte buffer of the library, to free
        'uint8_t**' => 'opaque*',           # a new byte buffer of the library
    );
    return $fixed{$ctype} if $fixed{$ctype};
    my $handle = join '|', @opaque;
    return 'opaque' if $ctype =~ /^(?:const )?struct (?:$handle)\*$/;
    return 'opaque*' if $ctype =~ /^struct (?:$handle)\*\*$/;
    return 'opaque[]' if $ctype =~ /^const struct (?:$handle)\*const\*$/; # an array ref of handles
    if ($ctype =~ /^(?:const )?(struct )?(\w+)\*$/) { # a scalar or a record the call writes
        return base_type(($1 // '') . $2, $where) . '*';
    }
    return base_type($ctype, $where);
}

sub ret_type {
    my ($ctype, $where) = @_;
    return 'void' if $ctype eq 'void';
    return 'string' if $ctype eq 'const char*';
    return base_type($ctype, $where);
}

# --- the module -------------------------------------------------------------

my $q = sub { my $s = shift; $s =~ s/'/\\'/g; "'$s'" };
my $pm = <<'HEAD';
# Generated by bindings/perl/gen-ffi.pl from include/numconc_ffi.h: do not
# edit by hand (perl bindings/perl/gen-ffi.pl rewrites it; the tests fail
# when it differs from what the header gives).
package Numconc::FFI;

use strict;
use warnings;
use FFI::Platypus 2.00;
use FFI::Platypus::Record ();

HEAD
$pm .= "# The enum constants of the header.\nuse constant {\n";
for my $e (@enums) {
    $pm .= sprintf "    %s => %s,\n", $_->[0], $_->[1] for @{ $e->[1] };
}
$pm .= "};\n\n# Each named enum: name => value.\nour %ENUM = (\n";
for my $e (grep { $_->[0] ne '' } @enums) {
    $pm .= "    $e->[0] => {\n";
    $pm .= sprintf "        %s => %s,\n", $_->[0], $_->[1] for @{ $e->[1] };
    $pm .= "    },\n";
}
$pm .= ");\n\n# The size of each struct as C lays it out.\nour %SIZEOF = (\n";
$pm .= "    $_ => $record{$_}{size},\n" for @records;
$pm .= ");\n\n# The offset of each member as C lays it out (C's member paths).\nour %OFFSETOF = (\n";
for my $name (@records) {
    $pm .= "    $name => {\n";
    $pm .= "        '$_->[4]' => $_->[2],\n" for @{ $record{$name}{members} };
    $pm .= "    },\n";
}
$pm .= ");\n\n# Every function: [name, [argument types], return type].\nour \@FUNCTIONS = (\n";
for my $f (@functions) {
    $pm .= sprintf "    [%s, [%s], %s],\n", $q->($f->[0]), join(', ', map { $q->($_) } @{ $f->[1] }), $q->($f->[2]);
}
$pm .= ");\n";
for my $name (@records) {
    my $r = $record{$name};
    $pm .= "\npackage Numconc::FFI::$name;\n\nFFI::Platypus::Record::record_layout_1(\n";
    $pm .= sprintf "    %s => %s,\n", $q->($_->[0]), $q->($_->[1]) for @{ $r->{members} };
    $pm .= sprintf "    %s => ':',\n", $q->("uint8[$r->{padding}]") if $r->{padding};
    $pm .= ");\n";
}
$pm .= <<'TAIL';

package Numconc::FFI;

for my $name (sort keys %SIZEOF) {
    my $size = "Numconc::FFI::$name"->_ffi_record_size;
    die "Numconc::FFI: $name is $size bytes in FFI::Platypus, $SIZEOF{$name} in C\n"
        if $size != $SIZEOF{$name};
}

# Attaches every function of the header to Numconc::FFI (Numconc::FFI::
# numconc_campaign_select…) through $ffi, a FFI::Platypus (api 2) over
# libnumconc.
sub attach {
    my ($ffi) = @_;
    $ffi->attach([$_->[0] => "Numconc::FFI::$_->[0]"], $_->[1], $_->[2]) for @FUNCTIONS;
    return $ffi;
}

1;
TAIL

if ($check) {
    open my $old, '<', $out_path or die "cannot read $out_path: $!\n";
    my $committed = do { local $/; <$old> };
    if ($committed ne $pm) {
        print STDERR "$out_path differs from what include/numconc_ffi.h gives: run perl bindings/perl/gen-ffi.pl\n";
        exit 1;
    }
    print "bindings/perl/lib/Numconc/FFI.pm is up to date\n";
} else {
    open my $out, '>', $out_path or die "cannot write $out_path: $!\n";
    print $out $pm;
    close $out or die "cannot write $out_path: $!\n";
}
