#!/usr/bin/env bash
# seminar-drive.sh — run a whole Finnish seminar of 25 through tapla, as a
# facilitator would, in tmux: the console at 80×24, the projector view
# (`tapla screen 1`) in a second window at 100×30; capture every distinct
# screen into $OUT/$PFX-NN-name.txt and check the tally against hand sums.
#
# Usage: tests/manual/seminar-drive.sh   (after ninja -C build; TREE= another tree)
# Needs: a built tree ($TREE/build/src/tapla), tmux, python3.
# Waits poll capture-pane with a deadline; no blind long sleeps.
set -euo pipefail

TREE=${TREE:-$(cd "$(dirname "$0")/../.." && pwd)}
TAPLA=$TREE/build/src/tapla
OUT=${OUT:-$TREE/build/seminar-captures}
PFX=${PFX:-seminar}
WORK=${WORK:-$HOME/tapla-seminar-run}      # not /tmp: tapla refuses it
DB=$WORK/seminaari.db
SOCK=${SOCK:-tapla-seminar-drive}
TITLE="Rinnakkaisseminaari 5 – PED-verkosto 2016"
export LANG=fi_FI.UTF-8 LC_ALL=C.UTF-8
unset LANGUAGE NO_COLOR TAPLA_DB || true

[ -x "$TAPLA" ] || { echo "no $TAPLA: build first" >&2; exit 1; }
tm() { tmux -L "$SOCK" "$@"; }
tm kill-server 2>/dev/null || true
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT"
rm -f "$OUT/$PFX"-[0-9][0-9]-*.txt "$OUT/$PFX"-FAILED-*.txt
N=0

# ---- tmux helpers --------------------------------------------------------
screen_of() { tm capture-pane -p -t "sem:$1"; }
now_ms() { date +%s%3N; }

# wait_for WIN REGEX [SECONDS]: until the window shows REGEX (grep -E).
wait_for() {
	local win=$1 re=$2 limit=${3:-10} end
	end=$(( $(now_ms) + limit * 1000 ))
	while ! screen_of "$win" | grep -qE -- "$re"; do
		if [ "$(now_ms)" -gt "$end" ]; then
			screen_of "$win" > "$OUT/$PFX-FAILED-$win.txt"
			echo "TIMEOUT ($limit s) waiting in $win for: $re" >&2
			cat "$OUT/$PFX-FAILED-$win.txt" >&2
			exit 1
		fi
		sleep 0.1
	done
}

# wait_gone WIN REGEX [SECONDS]: until REGEX is no longer shown.
wait_gone() {
	local win=$1 re=$2 limit=${3:-10} end
	end=$(( $(now_ms) + limit * 1000 ))
	while screen_of "$win" | grep -qE -- "$re"; do
		if [ "$(now_ms)" -gt "$end" ]; then
			screen_of "$win" > "$OUT/$PFX-FAILED-$win.txt"
			echo "TIMEOUT ($limit s) waiting in $win for the end of: $re" >&2
			exit 1
		fi
		sleep 0.1
	done
}

# settle WIN: until two captures 0.25 s apart are equal (at most 3 s; a
# running countdown never settles, and that is fine).
settle() {
	local win=$1 a b end
	end=$(( $(now_ms) + 3000 ))
	a=$(screen_of "$win")
	while [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.25
		b=$(screen_of "$win")
		[ "$a" = "$b" ] && return 0
		a=$b
	done
}

# key WIN KEYS...: send keys and wait until the screen changes, then settle.
key() {
	local win=$1 before end
	shift
	before=$(screen_of "$win")
	tm send-keys -t "sem:$win" "$@"
	end=$(( $(now_ms) + 5000 ))
	while [ "$(screen_of "$win")" = "$before" ] && [ "$(now_ms)" -lt "$end" ]; do
		sleep 0.05
	done
	settle "$win"
}

# typ WIN TEXT: literal text.
typ() { key "$1" -l "$2"; }

# snap WIN NAME: save the settled screen as the next numbered capture.
snap() {
	settle "$1"
	N=$((N + 1))
	local f
	f=$(printf '%s/%s-%02d-%s.txt' "$OUT" "$PFX" "$N" "$2")
	screen_of "$1" > "$f"
	echo "captured $(basename "$f")"
}

# cli NAME CMD...: run a command line, its output (and errors) as a capture.
cli() {
	local name=$1
	shift
	N=$((N + 1))
	local f
	f=$(printf '%s/%s-%02d-%s.txt' "$OUT" "$PFX" "$N" "$name")
	{ echo "\$ $*"; "$@" 2>&1 || echo "(exit $?)"; } > "$f"
	echo "captured $(basename "$f")"
}
tapla() { "$TAPLA" --db "$DB" "$@"; }

# ---- the ballots (sheet:column=dots, columns 1 ++ … 5 −−, 6 ?) ------------
# Every ballot that stands at the end, for the hand sums. The screen turns
# type exactly these; the replaced first ballot of Liisa is not here.
declare -a FINAL=()
record() { FINAL+=("$*"); }

# The grid cursor of the current turn (sheet row, column), from 1,1.
ROW=1 COL=1
# move_to SHEET COLUMN: arrows from the current cell.
move_to() {
	local s=$1 c=$2
	while [ "$ROW" -lt "$s" ]; do key console Down; ROW=$((ROW + 1)); done
	while [ "$ROW" -gt "$s" ]; do key console Up; ROW=$((ROW - 1)); done
	while [ "$COL" -lt "$c" ]; do key console Right; COL=$((COL + 1)); done
	while [ "$COL" -gt "$c" ]; do key console Left; COL=$((COL - 1)); done
}
# cells S:C=D...: type each cell; two digits go in one send (one number).
cells() {
	local cell s c d
	for cell in "$@"; do
		s=${cell%%:*}; c=${cell#*:}; c=${c%%=*}; d=${cell#*=}
		move_to "$s" "$c"
		key console -l "$d"
		sleep 1.1   # a digit typed later is a new number, not a second digit
	done
}
# sign NAME: at the name screen, type the name and Enter; the grid opens.
sign() {
	wait_for console 'Nimi:'
	typ console "$1"
	key console Enter
	ROW=1 COL=1
}
# notes TEXT...: Tab opens the current sheet's SWOT boxes in the order the
# screen shows (S, O, W, T); an empty TEXT skips a box; Enter keeps them.
notes() {
	key console Tab
	local t first=1
	for t in "$@"; do
		[ $first = 1 ] || key console Tab
		first=0
		[ -z "$t" ] || typ console "$t"
	done
}

# ---- 0. the refusal of /tmp, in Finnish ----------------------------------
cli tmp-refused "$TAPLA" --db /tmp/tapla-seminar-refused.db list

# ---- 1. a new session, the projector beside it ---------------------------
tm new-session -d -s sem -x 80 -y 24 -n console -c "$WORK" \
	"env LANG=$LANG LC_ALL=$LC_ALL $TAPLA --db $DB; echo '[tapla ended]'; sleep 100000"
tm set -t sem window-size manual
tm set -t sem remain-on-exit on
wait_for console 'networks'
snap console start-form
typ console "$TITLE"
key console C-s
wait_for console '1/4'
snap console console-locked
key console Enter
snap console enter-not-started

tm new-window -d -t sem -n proj -c "$WORK" \
	"env LANG=$LANG LC_ALL=$LC_ALL $TAPLA --db $DB screen 1; echo '[screen ended]'; sleep 100000"
tm resize-window -t sem:proj -x 100 -y 30
tm resize-window -t sem:console -x 80 -y 24
wait_for proj '1/4'
snap proj projector-start

key console '?'
snap console help-room
key console Escape
wait_for console '1/4'
key console f
snap console facilitator
key console '?'
snap console help-facilitator
key console Escape
wait_for console '1/4'

# the timer: start, pause
key console Space
sleep 1.2
snap console timer-running
key console Space
snap console timer-paused

# ---- 2. the phases; voting opens in phase 3 ------------------------------
key console n
wait_for console '2/4'
snap console phase2
key console n
wait_for console '3/4'
snap console voting-open
snap proj projector-voting-open
key console l
snap console locked-voting

# ---- 3. turns on the screen ----------------------------------------------
# Osallistuja A, the seed's ballot: 5 ++ / 2 + / 2 0 / 1 −−.
key console Enter
snap console turn-name
sign "Osallistuja A"
snap console turn-grid
key console '?'
snap console help-turn
key console Escape
cells 1:1=5 2:2=2 3:3=2 4:5=1
snap console turn-filled
key console Enter
snap console review
key console Enter
snap console saved
record "Osallistuja A|1:1=5 2:2=2 3:3=2 4:5=1"

# Aino Virtanen, SWOT notes on sheet 3 (a long review line on sheet 1).
key console Enter
sign "Aino Virtanen"
cells 1:1=3 1:2=2 2:2=4 3:2=1
notes "Vahva yhteinen ääni kuntakentällä" "Valtakunnallinen vaikuttaminen" "Aikaa on vähän"
snap console notes-typed
key console Enter
key console Enter
snap console review-notes
key console Enter
record "Aino Virtanen|1:1=3 1:2=2 2:2=4 3:2=1"

# A repeat name, typed otherwise: refused.
key console Enter
wait_for console 'Nimi:'
typ console "osallistuja  a"
key console Enter
snap console repeat-refused
key console Escape
wait_gone console 'Nimi:'
snap console after-refused

# Mikko Korhonen starts, then cancels his turn.
key console Enter
sign "Mikko Korhonen"
cells 1:1=5
key console Escape
snap console cancel-ask
key console k
snap console cancelled

# Liisa Mäkinen (to be replaced by the facilitator later).
key console Enter
sign "Liisa Mäkinen"
cells 1:1=2 2:1=2 3:1=3 4:1=3
key console Enter
key console Enter

# Juha Nieminen: "10" typed as one number; a note on sheet 1.
key console Enter
sign "Juha Nieminen"
cells 1:1=10
snap console ten-as-one
notes "Hyvät käytännöt jakoon"
key console Enter
key console Enter
key console Enter
record "Juha Nieminen|1:1=10"

# Mikko comes back; the review first says his unused dots.
key console Enter
sign "Mikko Korhonen"
cells 2:2=6
key console Enter
snap console review-unused
key console Escape
cells 4:1=4
key console Enter
key console Enter
record "Mikko Korhonen|2:2=6 4:1=4"

# Sari Laine: notes on sheet 4 (W and T).
key console Enter
sign "Sari Laine"
cells 1:2=3 3:3=5 4:6=2
notes "" "" "Epäselvä omistajuus" "Resurssit eivät riitä kaikkeen"
key console Enter
key console Enter
key console Enter
record "Sari Laine|1:2=3 3:3=5 4:6=2"

# Pekka Heikkinen.
key console Enter
sign "Pekka Heikkinen"
cells 1:1=2 4:4=3 4:5=5
key console Enter
key console Enter
record "Pekka Heikkinen|1:1=2 4:4=3 4:5=5"

# Hanna Koskinen; then the console again (Esc at the name).
key console Enter
sign "Hanna Koskinen"
cells 2:1=3 2:2=3 3:4=2 4:6=2
key console Enter
key console Enter
record "Hanna Koskinen|2:1=3 2:2=3 3:4=2 4:6=2"
snap console handover
key console Enter
wait_for console 'Nimi:'
key console Escape
wait_gone console 'Nimi:'
snap proj projector-counting

# ---- 4. the facilitator replaces Liisa's ballot with `e` -----------------
key console f
key console e
sign "Liisa Mäkinen"
snap console replace-ask
key console k
ROW=1 COL=1
cells 1:1=1 2:1=1 3:1=4 4:1=4
key console Enter
snap console replace-review
key console Enter
record "Liisa Mäkinen|1:1=1 2:1=1 3:1=4 4:1=4"
snap console after-replace
if ! screen_of console | grep -q '3/4'; then key console f; fi
wait_for console '3/4'

# ---- 5. a paper sheet transcribed on the screen (`t`) --------------------
key console t
snap console paper-lines
line() {  # line NAME COLUMN DOTS
	typ console "$1"; key console Tab
	key console "$2"; key console Tab
	typ console "$3"; key console Enter
}
line "Matti Järvinen" 2 3
snap console paper-line-added
key console PageDown
line "Matti Järvinen" 1 4
key console PageDown
line "Matti Järvinen" 3 1
key console PageDown
line "Matti Järvinen" 4 1
line "Matti Järvinen" 5 1
snap console paper-sheet4
key console C-t
snap console paper-totals
key console C-t
key console C-s
snap console paper-saved
key console Escape
wait_for console '3/4'
record "Matti Järvinen|1:2=3 2:1=4 3:3=1 4:4=1 4:5=1"

# ---- 6. the rest vote on the command line --------------------------------
LV=(x agree partly-agree neutral partly-disagree disagree unsure)
cli_vote() {  # cli_vote NAME CELLS [--note ...]
	local name=$1 cells=$2 args=() cell
	shift 2
	for cell in $cells; do
		args+=("${cell%%:*}:${LV[$(echo "$cell" | sed 's/.*:\([0-9]\)=.*/\1/')]}=${cell#*=}")
	done
	tapla vote 1 --name "$name" "${args[@]}" "$@" >> "$WORK/cli-votes.txt" 2>&1
	record "$name|$cells"
}
cli_vote "Antti Mäkelä"       "1:1=4 2:2=3 3:3=3"
cli_vote "Eeva Hämäläinen"    "1:1=6 4:5=4"
cli_vote "Jari Salminen"      "2:2=5 3:3=5"
cli_vote "Kaisa Lehtonen"     "1:1=3 2:2=3 3:3=2 4:4=2" --note "2:T:Resurssit eivät riitä kaikkeen"
cli_vote "Timo Rantanen"      "1:1=5 4:1=5"
cli_vote "Minna Karjalainen"  "2:2=4 3:6=3 4:3=3"
cli_vote "Heikki Jokinen"     "1:1=2 1:2=2 2:2=2 3:3=2 4:5=2"
cli_vote "Päivi Lehtinen"     "3:3=10"
cli_vote "Ville Heinonen"     "1:1=7 2:3=3"
cli_vote "Tiina Saarinen"     "2:2=5 4:2=5" --note "4:O:Uusia kumppaneita yli rajojen"
cli_vote "Markku Turunen"     "1:1=4 3:3=4 4:6=2"
cli_vote "Satu Laitinen"      "1:2=3 2:2=3 3:3=2 4:4=2"
cli_vote "Jussi Tuominen"     "1:1=10"
cli_vote "Outi Salonen"       "2:1=2 2:2=4 3:3=4"
cli_vote "Riikka Kinnunen"    "1:1=5 4:5=3 4:6=2"
cli_vote "Petri Ahonen"       "1:2=2 2:2=2 3:3=3 4:4=3"
N=$((N + 1))
cp "$WORK/cli-votes.txt" "$(printf '%s/%s-%02d-%s.txt' "$OUT" "$PFX" "$N" cli-votes)"
wait_for console 'äänestäneitä 25|25 ' 10
snap console console-25
wait_for proj '25' 10
snap proj projector-25

# ---- 7. close, reveal, results -------------------------------------------
key console c
snap console closed
snap proj projector-closed
key console v
snap console revealed
sleep 1.5   # the projector polls the database
settle proj
snap proj projector-revealed
key proj t
snap proj projector-table
key proj Tab
snap proj projector-notes
key proj Tab
key proj t

key console r
snap console results-chart
key console t
snap console results-table
key console Tab
snap console results-notes
key console Down Down Down Down Down Down
snap console results-notes-end
key console Tab
key console e
snap console export-ask
key console Enter
snap console exported
ls "$WORK"/*.html > /dev/null
# the exported report's text, to be read like a screen
N=$((N + 1))
python3 - "$WORK"/tapla-1-*.html > "$(printf '%s/%s-%02d-%s.txt' "$OUT" "$PFX" "$N" export-html-text)" <<'PY'
import html, re, sys
s = open(sys.argv[1]).read()
s = re.sub(r'(?s)<(style|svg)\b.*?</\1>', lambda m: '[' + m.group(1) + ']', s)
s = re.sub(r'<br\s*/?>|</(p|h\d|tr|li|div|caption|table|title)>', '\n', s)
s = re.sub(r'</t[dh]>', ' | ', s)
s = html.unescape(re.sub(r'<[^>]+>', '', s))
print(re.sub(r'\n\s*\n+', '\n', s).strip())
PY
echo "captured export-html-text"
key console Escape
wait_for console '3/4'

# ---- 8. the command line: tally, list, export -----------------------------
cli tally tapla tally 1
cli list tapla list
tapla export 1 --format json -o "$WORK/tulokset.json" > /dev/null 2>&1

# ---- 9. hand sums against the stored tally --------------------------------
N=$((N + 1))
HAND=$(printf '%s/%s-%02d-%s.txt' "$OUT" "$PFX" "$N" hand-sums)
printf '%s\n' "${FINAL[@]}" | python3 -c '
import json, sys
cols = ["agree", "partly-agree", "neutral", "partly-disagree", "disagree", "unsure"]
dots = [[0] * 6 for _ in range(4)]
people = [[0] * 6 for _ in range(4)]
sheet_people = [0] * 4
ballots = 0
for line in sys.stdin:
    name, cells = line.rstrip("\n").split("|")
    ballots += 1
    on = set()
    seen = set()
    spent = 0
    for cell in cells.split():
        s, rest = cell.split(":")
        c, d = rest.split("=")
        s, c, d = int(s) - 1, int(c) - 1, int(d)
        dots[s][c] += d
        spent += d
        if (s, c) not in seen:
            people[s][c] += 1
            seen.add((s, c))
        on.add(s)
    assert spent == 10, (name, spent)
    for s in on:
        sheet_people[s] += 1
stored = json.load(open(sys.argv[1]))
print("Hand sums of the %d ballots typed (each 10 dots)" % ballots)
ok = stored["participants"] == ballots and stored["total_dots"] == 10 * ballots
print("participants %d, dots %d; stored: %d, %d" % (ballots, 10 * ballots,
      stored["participants"], stored["total_dots"]))
for i, sh in enumerate(stored["sheets"]):
    got = [sh["dots"][c] for c in cols]
    gotp = [sh["people"][c] for c in cols]
    same = got == dots[i] and gotp == people[i] and \
        sh["total_dots"] == sum(dots[i]) and sh["total_people"] == sheet_people[i]
    ok = ok and same
    print("sheet %d  hand dots %s = %d, people %s, %d signed" % (i + 1,
          dots[i], sum(dots[i]), people[i], sheet_people[i]))
    print("         stored    %s = %d, people %s, %d signed  %s" % (got,
          sh["total_dots"], gotp, sh["total_people"], "same" if same else "DIFFERENT"))
print("ALL MATCH" if ok else "MISMATCH")
' "$WORK/tulokset.json" > "$HAND"
echo "captured $(basename "$HAND")"; cat "$HAND"

# ---- 10. the next round with `u` (asks first, once room3 is in) ----------
key console u
if ! screen_of console | grep -q '1/4'; then
	snap console next-round-ask
	key console k
fi
wait_for console '1/4'
snap console next-round
snap proj projector-after-round
tm send-keys -t sem:console q
wait_for console 'tapla ended|kyllä'
if ! screen_of console | grep -q 'tapla ended'; then
	snap console quit-ask
	tm send-keys -t sem:console k
fi
wait_for console 'tapla ended'

# ---- 11. tapla again: the session picker ----------------------------------
tm respawn-pane -k -t sem:console -c "$WORK" \
	"env LANG=$LANG LC_ALL=$LC_ALL $TAPLA --db $DB; echo '[tapla ended]'; sleep 100000"
wait_for console '#2'
snap console picker
key console q
tm kill-server
echo "done: $N captures in $OUT/$PFX-*.txt"
