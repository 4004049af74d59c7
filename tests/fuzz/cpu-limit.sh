#!/bin/sh
# cpu-limit.sh SECONDS COMMAND... - runs a libFuzzer target until its process
# has used SECONDS of CPU (user + system), then interrupts it the way Ctrl-C
# does, so libFuzzer prints its final stats and exits 72 (taken here as 0).
# A CPU budget, not a wall-clock one: on shared cores `-max_total_time` gives a
# target less CPU than it says (issue 18 asks for an hour of CPU per target).
# Used by Makefile.fuzz when FUZZ_CPU_SECONDS is set.
limit=$1
shift
"$@" &
pid=$!
hz=$(getconf CLK_TCK)
trap 'kill -INT $pid 2>/dev/null' INT TERM
while kill -0 $pid 2>/dev/null; do
	# fields 14 and 15 of /proc/PID/stat: utime and stime in clock ticks
	# (the command name, field 2, is in parentheses and has no spaces here)
	ticks=$(awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null) || break
	[ -n "$ticks" ] && [ "$ticks" -ge $((limit * hz)) ] && { kill -INT $pid; break; }
	sleep 5
done
wait $pid
rc=$?
[ $rc -eq 72 ] && rc=0
exit $rc
