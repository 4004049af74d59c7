#!/bin/sh
# explore-time.sh - the explorer answers questions about time (issue 15):
# a range typed (o) or given (--range), filter chips (x, i) each removable
# (F), marks and their sum (v), undo (z), and the comparison screen (C),
# like for like on a month-to-date export. Every figure worked out by hand
# from the fixture (the same as tests/ranges.sh).
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

. "$(dirname "$0")/mtd-fixture.sh"
row() { screen | grep -- "$1" | head -1; }

# --- a range given on the command line, then typed
start 80 24 C -- -b ServiceName,ChargeCategory --range 2026-10 "$f"
expect_contains "--range 2026-10: the window and grain in the header" "month: 2026-10-01..2026-10-31" "$(line 3)"
expect_contains "--range 2026-10: the path's total" 'This path $131.00' "$(line 2)"
expect_contains "--range 2026-10: B" '$100.00' "$(row ' B ')"
expect_contains "--range 2026-10: A" '$31.00' "$(row ' A ')"
key o C-u
text "2026-09..2026-10"
key Enter
expect_contains "o 2026-09..2026-10: the header" "month: 2026-09-01..2026-10-31" "$(line 3)"
expect_contains "o 2026-09..2026-10: A" '$61.00' "$(row ' A ')"
expect_contains "o 2026-09..2026-10: B" '$110.00' "$(row ' B ')"
key o C-u
text "last1"
key Enter
expect_contains "o last1: November to date" "month: 2026-11-01..2026-11-30" "$(line 3)"
expect_contains "o last1: A with its tax" '$19.00' "$(row ' A ')"
key o C-u
text "fortnight"
key Enter
expect_contains "o with a bad range: said, nothing changed" "expected FROM..TO" "$(screen)"
expect_contains "o with a bad range: the range stays" "month: 2026-11-01..2026-11-30" "$(line 3)"
key o C-u
text "all"
key Enter
expect_contains "o all: every period" "month: all periods" "$(line 3)"
expect_contains "o all: the whole file" 'This path $220.00' "$(line 2)"

# --- the comparison: November to date against October 1-14, like for like
key C
expect_contains "C: the ranges" "EffectiveCost: 2026-11-01..2026-11-14 against 2026-10-01..2026-10-14" "$(line 1)"
expect_contains "C: like for like said" "like for like" "$(line 2)"
expect_contains "C: B first, the largest change" 'B' "$(line 5)"
expect_contains "C: B's figures" '$100.00   $30.00  -$70.00  -70.0%' "$(line 5)"
expect_contains "C: A's figures" '$14.00   $19.00   +$5.00  +35.7%' "$(line 6)"
expect_contains "C: the total" '$114.00   $49.00  -$65.00  -57.0%' "$(row Total)"
key s s
expect_contains "C, s s: by current value, B (30) first" 'B' "$(line 5)"
key s s
expect_contains "C, s s s s: by name, A first" 'A' "$(line 5)"
key r
expect_contains "C, r: reversed, B first" 'B' "$(line 5)"
key q
resize 60 20
key C
expect_contains "C at 60x20: the total still shows" '-$65.00' "$(row Total)"
key q
resize 80 24

# --- chips: x leaves a group out, i keeps only it, F removes any one
key x
expect_contains "x on B: a chip in the header" "All > -B" "$(line 3)"
expect_contains "x on B: the path without B" 'This path $80.00' "$(line 2)"
key F
expect_contains "F: the chip listed" "ServiceName != B  (chip)" "$(screen)"
key Enter q
expect_contains "F, Enter: the chip removed" 'This path $220.00' "$(line 2)"
key i
expect_contains "i on B: only B" 'This path $140.00' "$(line 2)"
expect_contains "i on B: a + chip" "All > +B" "$(line 3)"
key z
expect_contains "z: undone, every row again" 'This path $220.00' "$(line 2)"
expect_not_contains "z: no chip left" "+B" "$(line 3)"
# a drill step removed without backing up: the level stays
key Enter
expect_contains "Enter on B: drilled" "All > B" "$(line 3)"
expect_contains "Enter on B: B's categories" 'This path $140.00' "$(line 2)"
key F Enter q
expect_contains "F, Enter on the drill step: every service's categories" 'This path $220.00' "$(line 2)"
expect_contains "... Tax is there" '$5.00' "$(row Tax)"
key z z
expect_contains "z z: back at the top" "All " "$(line 3)"
expect_contains "z z: services again" '$140.00' "$(row ' B ')"

# --- marks: their sum and share under the list
key v v
expect_contains "v v: both marked, summed" '2 marked: $220.00, 100.0% of the view' "$(screen)"
expect_contains "v: a marked line is starred" '*A ' "$(row '\*A')"
key V
expect_not_contains "V: marks cleared" 'marked:' "$(screen)"
start 80 24 C -- -b ServiceName "$f"
key z
expect_contains "z with nothing to undo: said" "nothing to undo" "$(screen)"

# --- saved views: b saves the view (range, chips, dimension, mode), B
# recalls it on another start
start 80 24 C -- -b ServiceName,ChargeCategory "$f"
key o C-u
text "2026-11"
key Enter x
expect_contains "view: the path before saving (B left out of November)" 'This path $19.00' "$(line 2)"
key b
text "november without B"
key Enter
expect_contains "b: saved" "view 'november without B' saved" "$(screen)"
expect_contains "b: the views file in the settings folder" "chip = ServiceName != B" "$(cat "$XDG_CONFIG_HOME/focal/views")"
expect_contains "b: ... with its range" "range = 2026-11-01..2026-11-30" "$(cat "$XDG_CONFIG_HOME/focal/views")"
key C b
text "november compared"
key Enter q
start 80 24 C -- -b ServiceName,ChargeCategory "$f"
expect_contains "a new start: every row" 'This path $220.00' "$(line 2)"
key B
expect_contains "B: the saved views listed" "november without B" "$(screen)"
key Enter
expect_contains "B, Enter: the view's path again" 'This path $19.00' "$(line 2)"
expect_contains "B, Enter: its range" "month: 2026-11-01..2026-11-30" "$(line 3)"
expect_contains "B, Enter: its chip" "All > -B" "$(line 3)"
key B j Enter
expect_contains "B, the compared view: opens comparing" "against 2026-10-01..2026-10-14" "$(line 1)"
key q z z
expect_contains "z after opening views: back to where it was" 'This path $220.00' "$(line 2)"
printf '[broken]\nmetric = Nonsense\n' >>"$XDG_CONFIG_HOME/focal/views"
key B j j Enter
expect_contains "a broken saved view: said, nothing changed" "metric 'Nonsense': unknown" "$(screen)"

# --- UTF-8: the same header with its dot
start 100 30 C.UTF-8 -- -b ServiceName --range ytd "$f"
expect_contains "UTF-8: the range in the header" "month · 2026-01-01..2026-12-31" "$(line 3)"

done_testing
