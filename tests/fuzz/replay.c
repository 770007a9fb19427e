/*
 * tests/fuzz/replay.c - run saved inputs through a fuzz target without
 * libFuzzer (utf8proc fuzz_main.c / zstd regression_driver.c idea), so
 * that `make fuzz-replay` checks the seed corpus and past crashers with
 * any compiler.
 *
 *   build/fuzz/fuzz_normalize tests/fuzz/corpus/normalize [FILE|DIR...]
 *
 * Directories are read recursively (entries in byte order, hidden ones
 * skipped).  Each input is copied into a buffer of exactly its size, so
 * that ASan sees reads past the end.  A violated invariant aborts inside
 * the target; otherwise this prints "fuzz-replay <target>: N inputs ok".
 *
 * Built with libFuzzer (-fsanitize=fuzzer), define SW_LIBFUZZER to leave
 * this main() out.
 */
#ifndef SW_LIBFUZZER

#include <dirent.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long ninputs;
static const char *current; /* the input being run, for the crash note */

/* A violated invariant traps (SIGILL) or aborts: name the input first. */
static void on_crash(int sig)
{
	static const char msg[] = "fuzz-replay: crashed on input ";

	if (current) {
		(void)!write(2, msg, sizeof msg - 1);
		(void)!write(2, current, strlen(current));
		(void)!write(2, "\n", 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *exact;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	for (;;) {
		if (cap - len < 4096) {
			uint8_t *p = realloc(buf, cap + 65536);
			if (!p) {
				fclose(f);
				free(buf);
				fprintf(stderr, "%s: out of memory\n", path);
				return -1;
			}
			buf = p;
			cap += 65536;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		perror(path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* Exactly len bytes (at least one for malloc), like libFuzzer. */
	exact = malloc(len ? len : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	if (len)
		memcpy(exact, buf, len);
	free(buf);
	current = path;
	LLVMFuzzerTestOneInput(exact, len);
	current = NULL;
	free(exact);
	ninputs++;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int run_path(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l;
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **p = realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *names);
			if (!p) {
				rc = -1;
				break;
			}
			names = p;
		}
		l = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(l);
		if (!names[n]) {
			rc = -1;
			break;
		}
		snprintf(names[n], l, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof *names, cmp_names);
	for (i = 0; i < n; i++) {
		if (rc == 0 && run_path(names[i]) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	const char *target = strrchr(argv[0], '/');
	int i, rc = 0;

	target = target ? target + 1 : argv[0];
	signal(SIGILL, on_crash);
	signal(SIGABRT, on_crash);
	signal(SIGSEGV, on_crash);
	signal(SIGTRAP, on_crash);
	if (!strncmp(target, "fuzz_", 5))
		target += 5;
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++)
		if (run_path(argv[i]) != 0)
			rc = 1;
	if (rc) {
		fprintf(stderr, "fuzz-replay %s: could not read every input\n", target);
		return 1;
	}
	printf("fuzz-replay %s: %ld inputs ok\n", target, ninputs);
	return 0;
}

#endif /* SW_LIBFUZZER */
