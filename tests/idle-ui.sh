#!/bin/sh
# idle-ui.sh - a key pressed in the middle of the explorer's deferred work.
# After its first frame the explorer builds a level's trend, the what-if
# model, the anomaly scan, the prepaid runway and the renewal calendar a
# step at a time while no key waits (ui_idle), and a key that needs one of
# them finishes it at once. For every point of that work (FOCAL_BENCH_IDLE=N:
# the first key after N steps), each key's screen, once the rest of the work
# is done, is the screen it gives after all of it, and the explorer exits 0
# (under valgrind: no error, nothing leaked, quitting half way included).
. "$(dirname "$0")/lib.sh"

f=$SRCDIR/data/autodesk-sample.csv
# bench mode: the keys replayed without a terminal, the screen dumped
run_keys() {	# KEYS N DUMP
	(
		unset NO_COLOR
		TERM=xterm-256color LANG=C.UTF-8 FOCAL_BENCH_KEYS=$1 FOCAL_BENCH_IDLE=$2 FOCAL_UI_DUMP=$3
		export TERM LANG FOCAL_BENCH_KEYS FOCAL_BENCH_IDLE FOCAL_UI_DUMP
		focal "$f" </dev/null >/dev/null 2>"$T/err"
	)
}

steps=$(env TERM=xterm-256color FOCAL_BENCH_VERBOSE=1 FOCAL_BENCH_KEYS=q "$FOCAL" "$f" </dev/null 2>&1 >/dev/null |
	grep -c 'deferred step')
expect_eq "the sample's deferred work is many steps (the runway and the anomaly scan a step each at least)" \
	yes "$([ "$steps" -ge 10 ] && echo yes || echo "no: $steps")"

every=1
[ "${FOCAL_VALGRIND:-0}" = 1 ] && every=5	# a run under valgrind takes a second
# A the anomalies, w the what-if panel, c the renewal calendar, t the runway,
# Enter a drill (its trend), q quit
for keys in A w c t '<Enter>' q; do
	run_keys "$keys" -1 "$T/ref"
	rc=$?
	if [ "$rc" != 0 ]; then
		fail "$keys after all of the deferred work: exit $rc"
		sed 's/^/  /' "$T/err" | head -5
		continue
	fi
	bad= n=0
	while [ "$n" -le "$steps" ]; do
		rm -f "$T/dump"
		run_keys "$keys" "$n" "$T/dump" || bad="$bad $n:exit-$?"
		cmp -s "$T/ref" "$T/dump" || bad="$bad $n:screen"
		n=$((n + every))
	done
	expect_eq "$keys after 0..$steps deferred steps: exit 0 and the screen it gives after all of them" "" "$bad"
done

# A and t at once: the screen opens before the scan or the runway is done
# and says so; the work goes on between keys (FOCAL_BENCH_IDLE_AFTER=0: the
# next key comes first), and a key on the screen meanwhile does no harm
at_once() {	# KEYS STATE LINE: the dump after KEYS typed before any step
	(
		export FOCAL_BENCH_IDLE_AFTER=0
		run_keys "$1" 0 "$T/now"
	)
	expect_eq "$1 typed at once: exit 0, the $2 screen, busy" "focal-ui-dump keys=${#1} busy=1 state=$2" \
		"$(head -1 "$T/now" | cut -d' ' -f1-4)"
	expect_eq "... which says the work goes on" "$3" "$(sed -n 2p "$T/now")"
}
at_once A anomaly " Anomalies: scanning the data..."
at_once 'Aj' anomaly " Anomalies: scanning the data..."
at_once t runway " Runway: reading the data..."
at_once 't+' runway " Runway: reading the data..."
expect_contains "... + there: the runway is still being read" "still being read" "$(tail -1 "$T/now")"
run_keys A 0 "$T/done"
expect_contains "A typed at once, the scan done between keys: the anomalies" "Anomalies in 2026-10: 6 of 54 groups" \
	"$(sed -n 2p "$T/done")"
done_testing
