#!/bin/sh
# sql-ui.sh - SQL in the explorer (issue 13): the `:` prompt and its
# history, the result screen (scroll, sort by any column, export), errors,
# Ctrl-C on a slow query, the use-case list and running one, and the SQL of
# the view on screen.
. "$(dirname "$0")/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"
S=$SRCDIR/data/autodesk-sample.csv
[ -r "$S" ] || skip "no sample data"
. "$(dirname "$0")/tmux.sh"
trap 'tm kill-server 2>/dev/null; sleep 0.3; rm -rf "$T" "$XDG_CONFIG_HOME"' EXIT

Q='SELECT ServiceName, count(*) AS n, sum(EffectiveCost) AS cost FROM focus GROUP BY 1'
start 100 30 C.UTF-8 -- "$S"
key :
text "$Q"
key Enter
expect_contains "prompt: the result screen is up" "sql" "$(head -1 "$T/dump")"
expect_contains "result: its columns" "ServiceName" "$(line 4)"
expect_contains "result: the count of rows" "10 rows" "$(line 3)"
expect_contains "result: the exact sum, as focal sql prints it" \
	"$(focal sql --format csv "SELECT sum(EffectiveCost) FROM focus WHERE ServiceName = 'Revit'" "$S" | tail -1)" \
	"$(screen | grep ' Revit ')"
# sort by the third column: ascending, then descending
key '>' '>' s
expect_contains "sort: by cost, smallest first" "Autodesk Docs" "$(line 5)"
key s
expect_contains "sort: again, largest first" "Architecture Engineering" "$(line 5)"
expect_contains "sort: the column says so" "cost ▼" "$(line 4)"
key Down Down
expect_contains "scroll: the cursor moves" ">" "$(line 7 | cut -c1)"
# export
key e C-u
text "$T/sql.csv"
key Enter
expect_contains "export: said" "exported 10 rows" "$(screen)"
expect_eq "export: the file has the header and every row" 11 "$(wc -l <"$T/sql.csv" | tr -d ' ')"
expect_contains "export: in the sorted order" "Architecture Engineering" "$(sed -n 2p "$T/sql.csv")"
# an error is said on the status line, the screen stays
key :
key C-u
text "SELECT nosuch FROM focus"
key Enter
expect_contains "error: named" "no such column: nosuch" "$(screen)"
expect_contains "error: the result screen stays" "ServiceName" "$(line 4)"
# history: Up recalls the query before
key : Up Up
expect_contains "history: Up recalls the earlier query" "GROUP BY 1" "$(line 30)"
key Escape
expect_contains "history: kept in the settings folder" "$Q" "$(cat "$XDG_CONFIG_HOME/focal/sql_history")"
# the SQL is read-only
key :
key C-u
text "DELETE FROM focus"
key Enter
expect_contains "read-only: a write is refused" "may not be modified: the loaded data is read-only" "$(screen)"
# Ctrl-C stops a slow query, not the explorer
key :
key C-u
text "SELECT count(*) FROM focus a, focus b, focus c"
tm send-keys Enter
sleep 1
tm send-keys C-c
nkeys=$((nkeys + 1))
settle
expect_contains "Ctrl-C: the query stops" "query stopped (Ctrl-C)" "$(screen)"
expect_contains "Ctrl-C: the explorer stays" "ServiceName" "$(line 4)"
key q
expect_contains "close: back to the list" "list" "$(head -1 "$T/dump")"

# the use cases: a list, and Enter runs one
key u
expect_contains "use cases: listed" "FOCUS use cases" "$(line 3)"
expect_contains "use cases: which the files answer" "autodesk-cost-per-area" "$(screen)"
key Down
key Enter
expect_contains "use cases: Enter runs one" "use case autodesk-cost-per-area" "$(line 3)"
expect_contains "use cases: its answer" "BillingPeriod" "$(line 4)"
key q

# the SQL of the view on screen, and it computes what the list shows
key S
expect_contains "view SQL: shown" "The SQL of this view" "$(line 1)"
expect_contains "view SQL: a SELECT over focus" "FROM focus" "$(screen)"
body | sed -n '/^ SELECT/,/;$/p' | sed 's/^ //' >"$T/view.sql"
expect_contains "view SQL: focal sql runs it to the list's total" "Product Subscriptions,624157.89,557682.81" \
	"$(focal sql --format csv "$(cat "$T/view.sql")" "$S")"
finish q q
done_testing
