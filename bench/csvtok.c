/* csvtok - the floor for focal's loader: libcsv tokenising every field of a
 * file on one thread, storing nothing (bench/run.sh compares focal with it). */
#include <stdio.h>
#include <stdlib.h>

#include <csv.h>

static unsigned long long fields, records;

static void
on_field(void *s, size_t n, void *ctx)
{
	(void)s, (void)n, (void)ctx;
	fields++;
}

static void
on_record(int c, void *ctx)
{
	(void)c, (void)ctx;
	records++;
}

int
main(int argc, char **argv)
{
	static char buf[1 << 18];
	struct csv_parser p;
	FILE *f;
	size_t n;

	if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: csvtok FILE\n");
		return 64;
	}
	csv_init(&p, CSV_STRICT | CSV_EMPTY_IS_NULL);
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n) {
			fprintf(stderr, "csvtok: %s\n", csv_strerror(csv_error(&p)));
			return 1;
		}
	csv_fini(&p, on_field, on_record, NULL);
	csv_free(&p);
	fclose(f);
	printf("%llu records, %llu fields\n", records, fields);
	return 0;
}
