# tmux.sh - driving the explorer in a real terminal, for tests/ui.sh and
# tests/figures-ui.sh (sourced after lib.sh): a detached tmux session of a
# fixed size runs focal, send-keys types, and the screen is read back with
# capture-pane and with focal's own FOCAL_UI_DUMP (which says how many keys it
# has handled, so no test sleeps for a guessed time: every wait is a bounded
# poll).

# a private socket per session, in $T (a server being killed may still hold
# the last one; and nothing is left behind in /tmp/tmux-UID)
nsess=0
SOCK=$T/tmux.0
tm() { tmux -S "$SOCK" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT
# polls every 0.05 s, 10 s at most (60 s under valgrind)
if [ "${FOCAL_VALGRIND:-0}" = 1 ]; then
	TRIES=1200
	VG="valgrind -q --child-silent-after-fork=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
else
	TRIES=200
	VG=
fi
nkeys=0

# new_session W H COMMAND: a fresh tmux server and session (its own socket)
# running COMMAND, with no dump, exit status or stderr file left from before
new_session() {
	tm kill-server 2>/dev/null
	nsess=$((nsess + 1))
	SOCK=$T/tmux.$nsess
	rm -f "$T/dump" "$T/exit" "$T/stderr"
	nkeys=0
	tm new-session -d -x "$1" -y "$2" "$3"
}

# start W H LANG [VAR=VALUE]... -- FOCAL-ARGS...: focal in a fresh session,
# after its first frame (with the deferred trend) is drawn
start() {
	w=$1 h=$2 lang=$3
	shift 3
	envs=
	while [ "$1" != "--" ]; do
		envs="$envs $1"
		shift
	done
	shift
	new_session "$w" "$h" "env -u NO_COLOR -u FOCAL_BENCH_KEYS TERM=xterm-256color LANG=$lang \
		LC_ALL=$lang XDG_CONFIG_HOME='$XDG_CONFIG_HOME' FOCAL_DATADIR='$FOCAL_DATADIR' $envs \
		FOCAL_UI_DUMP='$T/dump' $VG '$FOCAL' $* 2>'$T/stderr'; echo \$? >'$T/exit'; sleep 60"
	settle || echo "  (focal did not draw its first frame: $(cat "$T/stderr" 2>/dev/null))"
}

# settle: waits until focal has handled $nkeys keys and drawn all it defers
settle() {
	i=0
	while [ $i -lt $TRIES ] && tm has-session 2>/dev/null; do
		if [ -f "$T/dump" ] && head -1 "$T/dump" | grep -q "keys=$nkeys busy=0 "; then
			# and until tmux shows the same (it parses focal's output)
			screen_matches && return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# the dump's screen text and tmux's agree (trailing blanks aside)
screen_matches() {
	tail -n +2 "$T/dump" >"$T/want.txt"
	tm capture-pane -p | sed 's/ *$//' >"$T/got.txt"
	cmp -s "$T/want.txt" "$T/got.txt"
}

# key K...: types keys (tmux key names) and waits until focal has drawn them
key() {
	for k in "$@"; do
		tm send-keys -- "$k"
		nkeys=$((nkeys + 1))
	done
	settle
}

# text S: types a literal string, one key per character
text() {
	tm send-keys -l -- "$1"
	nkeys=$((nkeys + ${#1}))
	settle
}

# resize W H: the window changes size; waits for focal to redraw at it
resize() {
	tm resize-window -x "$1" -y "$2"
	i=0
	while [ $i -lt $TRIES ]; do
		if [ -f "$T/dump" ] && head -1 "$T/dump" | grep -q "busy=0 .*cols=$1 lines=$2" && screen_matches; then
			nkeys=$(head -1 "$T/dump" | sed 's/.*keys=\([0-9]*\).*/\1/')
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

screen() { tm capture-pane -p; }
line() { screen | sed -n "$1p"; }
body() { tail -n +2 "$T/dump"; }

# finish K...: the last keys (focal quits: nothing more is drawn)
finish() {
	tm send-keys "$@"
	ended
}

# poll CMD...: runs CMD every 0.05 s until it succeeds ($TRIES times at most)
poll() {
	i=0
	until "$@" || [ $i -ge $TRIES ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
screen_has() { screen | grep -q -- "$1"; }
alt_screen_off() { [ "$(tm display -p '#{alternate_on}')" = 0 ]; }

# ended: waits until focal has exited
ended() {
	poll test -s "$T/exit"
	[ -s "$T/exit" ]
}
clean_terminal() {
	expect_eq "$1: exits with $2" "$2" "$(cat "$T/exit" 2>/dev/null)"
	expect_eq "$1: terminal restored (main screen, cursor shown, keypad off)" "alt=0 cur=1 kp=0" \
		"$(tm display -p 'alt=#{alternate_on} cur=#{cursor_flag} kp=#{keypad_cursor_flag}')"
	expect_not_contains "$1: no explorer left on the screen" "Total " "$(screen)"
}

