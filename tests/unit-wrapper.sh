#!/bin/sh
# Runs a unit-test binary, under valgrind when FOCAL_VALGRIND=1.
if [ "${FOCAL_VALGRIND:-0}" = 1 ]; then
	exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "$@"
fi
exec "$@"
