/*
 * cli/progress.c - the progress line on stderr (see progress.h).
 *
 * The line is erased by overwriting it with blanks and a carriage return
 * rather than with "\033[K", so that it also works on terminals without
 * ANSI support; it is kept shorter than the terminal so that it never
 * wraps (a wrapped line could not be taken back with "\r").
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "progress.h"
#include "term.h"

#define DELAY 1.0     /* seconds before the first line */
#define INTERVAL 0.1  /* seconds between redraws */

static struct {
	const char *label;
	int want;       /* from cli_progress_setup() */
	int enabled;    /* drawing now: between start and end */
	unsigned long long total;
	double t0, last;
	size_t shown;   /* columns of the line on screen, 0: none */
	size_t docs, bytes;
	int comma;
} P;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t term_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

void cli_progress_setup(const char *label, int enabled, unsigned long long total_bytes)
{
	memset(&P, 0, sizeof P);
	P.label = label;
	P.want = enabled && isatty(STDERR_FILENO);
	P.total = total_bytes;
	P.comma = cli_german_numbers();
}

void cli_progress_start(void)
{
	P.enabled = P.want;
	P.t0 = now();
	P.last = 0;
	P.docs = P.bytes = 0;
}

/* x with one decimal, in the human views' convention. */
static void fmt1(char *out, size_t n, double x)
{
	char *p;

	snprintf(out, n, "%.1f", x);
	if (P.comma && (p = strchr(out, '.')) != NULL)
		*p = ',';
}

static void erase(void)
{
	size_t i;

	if (!P.shown)
		return;
	fputc('\r', stderr);
	for (i = 0; i < P.shown; i++)
		fputc(' ', stderr);
	fputc('\r', stderr);
	fflush(stderr);
	P.shown = 0;
}

/* "0:42", "12:05", "1:02:09" */
static void fmt_eta(char *out, size_t n, unsigned long long s)
{
	if (s >= 3600)
		snprintf(out, n, "%llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(out, n, "%llu:%02llu", s / 60, s % 60);
}

static void draw(double t)
{
	char line[256], done[32], total[32], rate[32], eta[32];
	double el = t - P.t0, mb = (double)P.bytes / 1e6;
	double bps = el > 0 ? (double)P.bytes / el : 0;
	size_t len, max = term_width();
	int n;

	fmt1(done, sizeof done, mb);
	fmt1(rate, sizeof rate, bps / 1e6);
	if (P.total && P.bytes < P.total && bps > 0) {
		double left = (double)(P.total - P.bytes) / bps;
		int pct = (int)(100.0 * (double)P.bytes / (double)P.total);
		fmt1(total, sizeof total, (double)P.total / 1e6);
		fmt_eta(eta, sizeof eta, (unsigned long long)(left + 0.5));
		n = snprintf(line, sizeof line,
			     "stichwort %s: %zu documents, %s of %s MB (%d%%), %s MB/s, ETA %s",
			     P.label, P.docs, done, total, pct, rate, eta);
	} else {
		n = snprintf(line, sizeof line, "stichwort %s: %zu documents, %s MB, %s MB/s",
			     P.label, P.docs, done, rate);
	}
	len = n < 0 ? 0 : (size_t)n >= sizeof line ? sizeof line - 1 : (size_t)n;
	if (max > 1 && len > max - 1) /* ASCII only: bytes are columns */
		len = max - 1;
	fputc('\r', stderr);
	fwrite(line, 1, len, stderr);
	/* blank out the rest of a longer previous line */
	for (; P.shown > len; P.shown--)
		fputc(' ', stderr);
	fputc('\r', stderr);
	fwrite(line, 1, len, stderr);
	fflush(stderr);
	P.shown = len;
}

void cli_progress_update(size_t docs, size_t bytes)
{
	double t;

	P.docs = docs;
	P.bytes = bytes;
	if (!P.enabled)
		return;
	t = now();
	if (t - P.t0 < DELAY || t - P.last < INTERVAL)
		return;
	P.last = t;
	draw(t);
}

void cli_progress_cb(size_t docs, size_t bytes, void *payload)
{
	(void)payload;
	cli_progress_update(docs, bytes);
}

void cli_progress_clear(void)
{
	erase();
	P.last = 0; /* redraw at the next update */
}

void cli_progress_end(void)
{
	erase();
	P.enabled = 0;
}

/* ---- input sizes ---- */

static unsigned long long walk_sum;

static int is_text(const char *path)
{
	size_t n = strlen(path);

	return (n > 4 && !strcmp(path + n - 4, ".txt")) || (n > 3 && !strcmp(path + n - 3, ".md"));
}

static int walk_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_F && S_ISREG(st->st_mode) && is_text(path))
		walk_sum += (unsigned long long)st->st_size;
	return 0;
}

static unsigned long long path_bytes(const char *path, int *unknown)
{
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0) {
		*unknown = 1;
		return 0;
	}
	if (S_ISREG(st.st_mode))
		return (unsigned long long)st.st_size;
	if (S_ISDIR(st.st_mode)) {
		walk_sum = 0;
		if (nftw(path, walk_one, 16, FTW_PHYS) != 0)
			*unknown = 1;
		return walk_sum;
	}
	*unknown = 1; /* a FIFO or device: size unknown */
	return 0;
}

unsigned long long cli_input_bytes(const char *const *paths, size_t npaths,
				   const char *const *jsonl, size_t njsonl)
{
	unsigned long long sum = 0;
	int unknown = 0;
	size_t i;

	for (i = 0; i < npaths && !unknown; i++)
		sum += path_bytes(paths[i], &unknown);
	for (i = 0; i < njsonl && !unknown; i++)
		sum += path_bytes(jsonl[i], &unknown);
	return unknown ? 0 : sum;
}
