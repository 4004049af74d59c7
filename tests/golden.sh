#!/bin/sh
# Golden outputs of `focal report`: table, csv and json compared byte for
# byte with files made by the binary before the code was reorganised, so a
# change of layout cannot change a figure. Regenerate only on purpose
# (tests/golden/README).
. "$(dirname "$0")/lib.sh"
S=$SRCDIR/data/autodesk-sample.csv
G=$SRCDIR/tests/golden
LC_ALL=C.UTF-8
export LC_ALL

# golden NAME FILE ARGS...: focal report ARGS... must print exactly FILE
golden() {
	name=$1 file=$2
	shift 2
	focal report "$@" >"$T/got" 2>"$T/err"
	rc=$?
	expect_eq "$name exits 0" 0 "$rc"
	if cmp -s "$G/$file" "$T/got"; then pass "$name matches $file"; else
		fail "$name matches $file"
		diff "$G/$file" "$T/got" | head -20
	fi
}

golden "table" report.table --format table "$S"
golden "csv" report.csv --format csv "$S"
golden "json" report.json --format json "$S"
golden "table by two dims, top 5" report-by-top.table --format table --by ServiceSubcategory,meter --top 5 "$S"
golden "csv by tag, quantity" report-tag-quantity.csv --format csv --by tag:area --metric ConsumedQuantity "$S"

# a quantity whose total overflows: the groups print, the total says so
O=$G/overflow-input.csv
golden "overflow table" overflow.table --format table --metric ConsumedQuantity "$O"
golden "overflow csv" overflow.csv --format csv --metric ConsumedQuantity "$O"
golden "overflow json" overflow.json --format json --metric ConsumedQuantity "$O"

done_testing
