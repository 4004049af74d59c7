#!/bin/sh
# The layout of src/ (issue 11), checked:
#  (a) no call cycle between source files: from `nm` on the objects, file A
#      calls file B when A uses a symbol B defines; a cycle is reported with
#      its files (tsort finds them);
#  (b) no file in src/ over 900 lines;
#  (c) no function over 100 lines. The house style puts a function's name
#      at the start of its line ("name(" in column 0, the type on the line
#      above) and its closing brace alone in column 0, so awk counts from the
#      name line to that brace;
#  (d) only ui.c and ui_* files include curses;
#  (e) the core (no prefix) does not include config.h: the libFuzzer build
#      compiles it without configure's header.
. "$(dirname "$0")/lib.sh"
OBJ=$(dirname "$FOCAL")	# the build's src/ (objects), SRCDIR/src the sources
command -v nm >/dev/null 2>&1 || skip "nm is not installed"
ls "$OBJ"/*.o >/dev/null 2>&1 || skip "no objects in $OBJ"

# (a) file graph: "A B" for each symbol A uses that B defines
for o in "$OBJ"/*.o; do
	# focal-ui.o (a program's object) is ui
	f=$(basename "$o" .o)
	f=${f#focal-}
	nm "$o" 2>/dev/null | awk -v f="$f" '$1 == "U" { print "U", f, $2 } NF == 3 && $2 ~ /^[TDBRC]$/ { print "D", f, $3 }'
done | awk '
	$1 == "D" { def[$3] = $2; next }
	{ use[NR] = $2 " " $3 }
	END {
		for (i in use) {
			split(use[i], u, " ")
			if ((u[2] in def) && def[u[2]] != u[1])
				print u[1], def[u[2]]
		}
	}' | sort -u >"$T/edges"
tsort "$T/edges" >/dev/null 2>"$T/cycles"
# tsort names each loop's files, one a line, after "input contains a loop:"
cycles=$(sed -n 's/^tsort: //p' "$T/cycles" | grep -v 'input contains a loop' | sort -u | tr '\n' ' ')
expect_eq "no call cycle between source files" "" "$cycles"
if [ -n "$cycles" ]; then
	echo "  files calling each other (edges between them):"
	for f in $cycles; do
		grep "^$f " "$T/edges" | while read -r a b; do
			case " $cycles " in *" $b "*) echo "    $a -> $b" ;; esac
		done
	done
fi

# (b) file length
long=$(wc -l "$SRCDIR"/src/*.c "$SRCDIR"/src/*.h | awk '$2 != "total" && $1 > 900 { sub(".*/", "", $2); printf "%s (%d) ", $2, $1 }')
expect_eq "no src/ file over 900 lines" "" "$long"

# (c) function length
longfn=$(awk '
	FNR == 1 { name = "" }
	/^[A-Za-z_][A-Za-z0-9_]*\(/ && name == "" { name = $0; sub(/\(.*/, "", name); start = FNR; next }
	/^}/ && name != "" {
		if (FNR - start + 1 > 100) { f = FILENAME; sub(".*/", "", f); printf "%s:%s (%d) ", f, name, FNR - start + 1 }
		name = ""
	}' "$SRCDIR"/src/*.c)
expect_eq "no function over 100 lines" "" "$longfn"

# (d) curses only in ui_*
curses=$(grep -l '^#include <n*cursesw*\.h>\|^#include <ncursesw/\|^#include <term\.h>' "$SRCDIR"/src/*.c "$SRCDIR"/src/*.h |
	sed 's|.*/||' | grep -v '^ui[_.]' | tr '\n' ' ')
expect_eq "only ui.c and ui_* files include curses" "" "$curses"

# (e) the core builds without config.h
cfg=$(grep -l '^#include "config.h"' "$SRCDIR"/src/*.c | sed 's|.*/||' | grep -v '^\(ui\|cmd_\|cli\|main\)' | tr '\n' ' ')
expect_eq "the core does not include config.h" "" "$cfg"

done_testing
