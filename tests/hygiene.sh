#!/bin/sh
# Code hygiene (issue 5, promise 5), checked on every test run:
#  - no shell: no system(), popen(), exec*(), posix_spawn*() or "/bin/sh"
#    anywhere in src/;
#  - the store is the only code that speaks SQL: sqlite3 appears only in
#    src/store*.c;
#  - no SQL text built from data: no sqlite3_mprintf and friends in src/, no
#    asprintf in the store, no printf-family call in the store that formats
#    SQL;
#  - every SQL text handed to SQLite is a string literal: each argument that
#    reaches sqlite3_prepare*/sqlite3_exec is a literal, the name of a
#    parameter `sql` of a function whose every call passes a literal, or an
#    entry of a `static const` table.
#  - the layers (issue 10, HACKING.md): core <- store <- front <- the front
#    ends (tui: ui-*.c; cli: cmd-*.c and main.c; phone: web-*.c). A file
#    includes only headers of its own layer or one below (the commands that
#    start another front end, cmd-run.c and cmd-screen.c a screen, also
#    ui.h; cmd-serve.c the phone server, also web.h); ncurses only
#    in the tui, sqlite3.h only in the store; and each built archive leaves
#    undefined only symbols of the layers it may use (nm -u), so a forbidden
#    call is caught even when a declaration was copied in by hand.
# trusted_schema off and the defensive flag on are checked in C
# (tests/unit/test-store.c, settings_after_open).
#
# Usage: tests/hygiene.sh [SOURCE_ROOT [ARCHIVE_DIR]]; exit 1 with one line
# per finding. ARCHIVE_DIR holds the built libtapla-LAYER.a (build/src).
set -eu
root=${1:-$(dirname "$0")/..}
archives=${2:-}
cd "$root"
if [ -n "$archives" ] && ! command -v nm >/dev/null 2>&1; then
	echo "hygiene: nm is missing, the link check cannot run" >&2
	exit 77  # skipped
fi
export HYGIENE_ARCHIVES="$archives"
if ! command -v perl >/dev/null 2>&1; then
	echo "hygiene: perl is missing, the check cannot run" >&2
	exit 77  # skipped
fi

exec perl -e '
use strict;
use warnings;

my $bad = 0;
sub finding { print STDERR "hygiene: $_[0]\n"; $bad = 1; }

# The text of a C file without comments; with strings too if asked.
sub load {
	my ($path, $drop_strings) = @_;
	open(my $fh, "<", $path) or die "$path: $!";
	local $/;
	my $t = <$fh>;
	close $fh;
	# Comments go, strings stay intact (a "/*" inside one is rare but kept).
	$t =~ s{("(?:[^"\\\n]|\\.)*")|/\*.*?\*/|//[^\n]*}{defined $1 ? $1 : " "}gse;
	$t =~ s/"(?:[^"\\\n]|\\.)*"/""/g if $drop_strings;
	return $t;
}

# The top-level arguments of the call whose "(" is at pos in t.
sub call_args {
	my ($t, $pos) = @_;
	my ($depth, $cur, @args) = (0, "", ());
	for (my $i = $pos; $i < length $t; $i++) {
		my $c = substr($t, $i, 1);
		if ($c eq "\"") {
			substr($t, $i) =~ /^("(?:[^"\\\n]|\\.)*")/ or return ();
			$cur .= $1;
			$i += length($1) - 1;
			next;
		}
		if ($c eq "(") { $depth++; next if $depth == 1; }
		if ($c eq ")") { $depth--; if ($depth == 0) { push @args, $cur; return @args; } }
		if ($c eq "," && $depth == 1) { push @args, $cur; $cur = ""; next; }
		$cur .= $c;
	}
	return ();
}

# The name of the function whose body holds position pos.
sub enclosing {
	my ($t, $pos) = @_;
	my $name = "";
	while ($t =~ /\b(\w+)\s*\([^;{}()]*\)\s*\{/g) {
		last if $-[0] > $pos;
		$name = $1 unless $1 =~ /^(?:if|for|while|switch|return|sizeof)$/;
	}
	return $name;
}

# Is `name` a static const table whose entries hold only literals, numbers
# and upper-case constants (enum members), nothing filled at run time?
sub const_table {
	my ($t, $name) = @_;
	return 0 unless $t =~ /\bstatic\s+const\s+(?:struct\s+\w+|struct\s*\{[^{}]*\})\s*\b\Q$name\E\s*\[\s*\]\s*=\s*\{/g;
	my ($start, $depth) = (pos($t) - 1, 0);
	my $body = "";
	for (my $i = $start; $i < length $t; $i++) {
		my $c = substr($t, $i, 1);
		if ($c eq "\"") {
			substr($t, $i) =~ /^("(?:[^"\\\n]|\\.)*")/ or return 0;
			$i += length($1) - 1;
			next;
		}
		$depth++ if $c eq "{";
		$depth-- if $c eq "}";
		$body .= $c;
		last if $depth == 0;
	}
	return $body !~ /\b(?![A-Z_][A-Z0-9_]*\b)[A-Za-z_]\w*/;
}

sub line_of { my ($t, $pos) = @_; return 1 + (substr($t, 0, $pos) =~ tr/\n//); }

my @src = sort glob("src/*.c src/*.h include/tapla/*.h");
my @store = grep { m{^src/store[^/]*\.[ch]$} } @src;

# 1. No shell, no other program started.
for my $f (@src) {
	my $code = load($f, 1);
	while ($code =~ /\b(system|popen|execl|execlp|execle|execv|execvp|execvpe|execve|fexecve|posix_spawnp?)\s*\(/g) {
		finding("$f:" . line_of($code, $-[0]) . ": $1() starts another program");
	}
	my $raw = load($f, 0);
	finding("$f: names /bin/sh") if $raw =~ m{/bin/(?:ba|da)?sh\b};
}

# 2. SQL only in the store.
for my $f (grep { !m{^src/store} } @src) {
	my $code = load($f, 1);
	finding("$f:" . line_of($code, $-[0]) . ": SQLite outside the store")
		if $code =~ /\bsqlite3\w*/ || load($f, 0) =~ /#\s*include\s*<sqlite3\.h>/;
}

# 3. No SQL text built from data.
my $sqlkw = qr/\b(?:SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|ATTACH|BEGIN|COMMIT|WHERE|VALUES)\b/;
for my $f (@src) {
	my $code = load($f, 1);
	while ($code =~ /\b(sqlite3_v?mprintf|sqlite3_v?snprintf|sqlite3_str_\w+)\s*\(/g) {
		finding("$f:" . line_of($code, $-[0]) . ": $1() builds text for SQLite");
	}
}
for my $f (@store) {
	my $raw = load($f, 0);
	while ($raw =~ /\b(v?asprintf|v?s?n?printf|strcat|strcpy|memcpy)\s*\(/g) {
		my ($name, $at) = ($1, $-[0]);
		my @args = call_args($raw, $+[0] - 1);
		my $text = join(",", @args);
		finding("$f:" . line_of($raw, $at) . ": $name() in the store")
			if $name =~ /asprintf/;
		finding("$f:" . line_of($raw, $at) . ": $name() formats SQL")
			if $text =~ $sqlkw;
	}
}

# 4. Every SQL text is a literal. Functions with a parameter "sql" forward
#    it: their calls are checked like SQLite'"'"'s own.
my %sqlarg = (sqlite3_prepare => 1, sqlite3_prepare_v2 => 1,
	      sqlite3_prepare_v3 => 1, sqlite3_prepare16 => 1,
	      sqlite3_prepare16_v2 => 1, sqlite3_prepare16_v3 => 1,
	      sqlite3_exec => 1);
my %forwarder;
for my $f (@store) {
	my $code = load($f, 0);
	while ($code =~ /\b(\w+)\s*\(([^;{}()]*)\)\s*\{/g) {
		my ($name, $params) = ($1, $2);
		my @p = split /,/, $params;
		for my $i (0 .. $#p) {
			if ($p[$i] =~ /\bconst\s+char\s*\*\s*sql\s*$/) {
				$sqlarg{$name} = $i;
				$forwarder{$name} = 1;
			}
		}
	}
}
# Macros that stand for literals (#define NAME "..." "...") count as ones.
my %litmacro;
for my $f (@src) {
	my $code = load($f, 0);
	$code =~ s/\\\n/ /g;
	while ($code =~ /^\s*#\s*define\s+(\w+)\s+((?:"(?:[^"\\\n]|\\.)*"\s*)+)$/mg) {
		$litmacro{$1} = 1;
	}
}
my $strre = qr/"(?:[^"\\\n]|\\.)*"/;
my $piece = join("|", $strre, map { qr/\b\Q$_\E\b/ } sort keys %litmacro);
my $literal = qr/^\s*(?:(?:$piece)\s*)+$/;
my $calls = 0;
for my $f (@src) {
	my $code = load($f, 0);
	my $names = join("|", map { quotemeta } sort keys %sqlarg);
	while ($code =~ /\b($names)\s*\(/g) {
		my ($name, $at, $open) = ($1, $-[0], $+[0] - 1);
		my @args = call_args($code, $open);
		my $i = $sqlarg{$name};
		next if !@args || $i > $#args;
		my $a = $args[$i];
		next if $a =~ /\bconst\s+char\s*\*/;  # the definition itself
		$calls++;
		next if $a =~ $literal;
		next if $a =~ /^\s*sql\s*$/ && $forwarder{enclosing($code, $at)};
		next if $a =~ /^\s*(\w+)\s*\[\s*\w+\s*\]\s*\.\s*sql\s*$/ &&
			const_table($code, $1);
		$a =~ s/^\s+|\s+$//g;
		finding("$f:" . line_of($code, $at) . ": $name() gets SQL \"$a\", not a literal");
	}
}
finding("no SQL calls found: the check itself is broken") if $calls < 10;

# 5. The layers. A module'"'"'s layer by its file name (src/NAME.c or
#    include/tapla/NAME.h, NAME before any "-"), the same for the prefix of
#    a symbol (NAME_...).
my %core = map { $_ => 1 } qw(buf i18n text lineedit rules args tally
	template report compare source order csv demo groups rounds inbound
	voting chart);
my %layer_of = (%{{ map { $_ => "core" } keys %core }},
	store => "store", assets => "store", front => "front",
	outfile => "front", pin => "front", qr => "front", ui => "tui", cmd => "cli", main => "cli",
	web => "phone");
my %may_use = (
	core => [qw(core)],
	store => [qw(core store)],
	front => [qw(core store front)],
	tui => [qw(core store front tui)],
	cli => [qw(core store front cli)],
	phone => [qw(core store front phone)],
);
# The one edge between front ends: a command starts another front end
# (a screen, the phone server) through its entry points only.
# (cmd-run.c hands the console the phone server calls as ui_phone_ops.)
my %starts_front = ("src/cmd-run.c" => "tapla/ui.h tapla/web.h",
	"src/cmd-screen.c" => "tapla/ui.h", "src/cmd-serve.c" => "tapla/web.h");
my %front_entry = map { $_ => 1 } qw(ui_run ui_screen_run web_start
	web_stop web_join_url web_listen_valid);
sub layer_of_file {
	my ($f) = @_;
	my ($name) = $f =~ m{([a-z0-9]+)[^/]*\.[ch]$} or return undef;
	$name = "store" if $f =~ m{^src/store-int\.h$};
	return $layer_of{$name};
}
my $checked = 0;
for my $f (@src) {
	my $layer = layer_of_file($f);
	unless ($layer) {
		finding("$f: in no layer: name it for one (see HACKING.md)");
		next;
	}
	my %ok = map { $_ => 1 } @{$may_use{$layer}};
	my $code = load($f, 0);
	while ($code =~ /^\s*#\s*include\s*([<"])([^>"]+)[>"]/mg) {
		my ($kind, $h, $at) = ($1, $2, $-[0]);
		my $line = line_of($code, $at);
		if ($h =~ m{^(?:n?curses(?:w)?|ncursesw/\w+|term)\.h$} && $layer ne "tui") {
			finding("$f:$line: includes <$h>: only the screens (ui-*.c) speak ncurses");
		}
		if ($h eq "store-int.h" && $f !~ m{^src/store}) {
			finding("$f:$line: includes store-int.h: the store'"'"'s own header, for src/store*.c only");
			next;
		}
		next unless $h =~ m{^tapla/(\w+)\.h$} || $h eq "store-int.h";
		my $hl = $h eq "store-int.h" ? "store" : layer_of_file("include/$h");
		$checked++;
		next if $hl && $ok{$hl};
		next if grep { $_ eq $h } split / /, ($starts_front{$f} // "");
		finding("$f:$line: the $layer layer includes $h (" . ($hl // "no layer") .
			"): it may use only " . join(", ", @{$may_use{$layer}}));
	}
}
finding("no includes of tapla headers found: the layer check is broken") if $checked < 50;

# 6. The built archives: what each leaves undefined must come from a layer
#    it may use.
my $dir = $ENV{HYGIENE_ARCHIVES} // "";
if ($dir ne "") {
	my $seen = 0;
	for my $layer (sort keys %may_use) {
		my $a = "$dir/libtapla-$layer.a";
		next unless -e $a;
		$seen++;
		my %ok = map { $_ => 1 } @{$may_use{$layer}};
		my (%def, %undef);
		open(my $nm, "-|", "nm", $a) or die "nm: $!";
		while (<$nm>) {
			if (/^\s+U\s+(\S+)/) { $undef{$1} = 1; }
			elsif (/^[0-9a-f]+\s+[TDBRC]\s+(\S+)/) { $def{$1} = 1; }
		}
		close $nm;
		for my $sym (sort keys %undef) {
			next if $def{$sym};
			my ($prefix) = $sym =~ /^([a-z0-9]+)_/ or next;
			my $sl = $layer_of{$prefix} or next;
			next if $ok{$sl};
			next if $layer eq "cli" && $front_entry{$sym};
			finding("libtapla-$layer.a needs $sym from the $sl layer: it may use only " .
				join(", ", @{$may_use{$layer}}));
		}
	}
	finding("no libtapla-*.a in $dir: the link check is broken") if $seen < 6;
}
exit $bad;
'
