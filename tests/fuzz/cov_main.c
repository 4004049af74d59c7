/* cov_main.c - a fuzz target without libFuzzer, for coverage.sh: runs each
 * input once (files given, and the files of directories given, in name
 * order), after LLVMFuzzerInitialize when the target has one. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;
	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	/* libFuzzer hands over an exact-size copy: so do we */
	buf = malloc(n ? (size_t)n : 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
}

int
main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		struct stat sb;
		struct dirent **ents;
		int n;
		if (stat(argv[i], &sb) != 0)
			continue;
		if (!S_ISDIR(sb.st_mode)) {
			run_file(argv[i]);
			continue;
		}
		if ((n = scandir(argv[i], &ents, NULL, alphasort)) < 0)
			continue;
		for (int k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", argv[i], ents[k]->d_name);
			if (ents[k]->d_name[0] != '.' && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
				run_file(path);
			free(ents[k]);
		}
		free(ents);
	}
	return 0;
}
