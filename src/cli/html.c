/*
 * cli/html.c - escaping, German numbers and German collation for the
 * human views of the report (report.html and report.md).
 *
 * German notation (DIN 5008, Duden): decimal comma; thousands grouped by
 * a narrow no-break space from five digits on, so "2654" stays whole and
 * "17 125" is grouped; a real minus sign.  The machine views (JSON, CSV)
 * keep the C locale's notation.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ucol.h>

#include "html.h"

void html_esc(FILE *f, const char *s, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		const char *rep = NULL;
		switch (ch) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			/* control characters are not allowed in HTML text */
			if ((ch < 0x20 && ch != '\t' && ch != '\n') || ch == 0x7f)
				rep = "";
		}
		if (rep) {
			fwrite(s + run, 1, i - run, f);
			fputs(rep, f);
			run = i + 1;
		}
	}
	fwrite(s + run, 1, len - run, f);
}

void html_escs(FILE *f, const char *s)
{
	if (s)
		html_esc(f, s, strlen(s));
}

/* Digits of an integer part with narrow no-break spaces (U+202F) between
 * groups of three when there are five digits or more. */
static char *group_digits(char *out, const char *digits)
{
	size_t n = strlen(digits), i;
	char *o = out;

	for (i = 0; i < n; i++) {
		if (n >= 5 && i > 0 && (n - i) % 3 == 0) {
			memcpy(o, "\xe2\x80\xaf", 3);
			o += 3;
		}
		*o++ = digits[i];
	}
	*o = '\0';
	return o;
}

char *html_num(char *out, double v, int decimals)
{
	char tmp[64], *dot, *o = out;

	if (isnan(v)) {
		strcpy(out, "\xe2\x80\x93"); /* en dash: no value */
		return out;
	}
	if (isinf(v)) {
		strcpy(out, v > 0 ? "\xe2\x88\x9e" : "\xe2\x88\x92\xe2\x88\x9e");
		return out;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	snprintf(tmp, sizeof tmp, "%.*f", decimals, fabs(v));
	/* a value that rounds to zero is shown without a sign */
	if (v < 0 && strspn(tmp, "0.") != strlen(tmp)) {
		memcpy(o, "\xe2\x88\x92", 3); /* U+2212 minus */
		o += 3;
	}
	dot = strchr(tmp, '.');
	if (dot)
		*dot = '\0';
	if (strlen(tmp) > 20) { /* huge: no grouping */
		snprintf(o, 48 - (size_t)(o - out), "%.3g", fabs(v));
		return out;
	}
	o = group_digits(o, tmp);
	if (dot) {
		*o++ = ',';
		strcpy(o, dot + 1);
	}
	return out;
}

char *html_int(char *out, long long v)
{
	return html_num(out, (double)v, 0);
}

/* ---- collation ---- */

static UCollator *coll;
static int coll_tried;

int html_collate(const char *a, const char *b)
{
	UErrorCode st = U_ZERO_ERROR;
	UCollationResult r;

	if (!a || !b)
		return (a == NULL) - (b == NULL);
	if (!coll_tried) {
		coll_tried = 1;
		coll = ucol_open("de", &st);
		if (U_FAILURE(st))
			coll = NULL;
		st = U_ZERO_ERROR;
	}
	if (coll) {
		r = ucol_strcollUTF8(coll, a, -1, b, -1, &st);
		if (U_SUCCESS(st) && r != UCOL_EQUAL)
			return r == UCOL_LESS ? -1 : 1;
	}
	/* equal in collation (or no ICU): byte order keeps it deterministic */
	return strcmp(a, b);
}

void html_collate_done(void)
{
	if (coll)
		ucol_close(coll);
	coll = NULL;
	coll_tried = 0;
}

/* ---- an index of strings ---- */

static size_t str_hash(const char *s)
{
	size_t h = 14695981039346656037ULL & (size_t)-1; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

int html_strtab_init(html_strtab *t, size_t max)
{
	size_t cap = 16;

	memset(t, 0, sizeof *t);
	t->null_index = (size_t)-1;
	while (cap < 2 * max + 2)
		cap *= 2;
	t->slot = calloc(cap, sizeof *t->slot);
	t->index = malloc(cap * sizeof *t->index);
	t->s = malloc((max + 2) * sizeof *t->s);
	if (!t->slot || !t->index || !t->s) {
		html_strtab_free(t);
		return -1;
	}
	t->mask = cap - 1;
	return 0;
}

/* The slot of s: where it is, or the empty slot where it belongs. */
static size_t strtab_slot(const html_strtab *t, const char *s)
{
	size_t i = str_hash(s) & t->mask;

	while (t->slot[i] && strcmp(t->slot[i], s) != 0)
		i = (i + 1) & t->mask;
	return i;
}

size_t html_strtab_add(html_strtab *t, const char *s)
{
	size_t i;

	if (!s) {
		if (t->null_index == (size_t)-1) {
			t->null_index = t->n;
			t->s[t->n++] = NULL;
		}
		return t->null_index;
	}
	i = strtab_slot(t, s);
	if (!t->slot[i]) {
		t->slot[i] = s;
		t->index[i] = t->n;
		t->s[t->n++] = s;
	}
	return t->index[i];
}

size_t html_strtab_find(const html_strtab *t, const char *s)
{
	size_t i;

	if (!s)
		return t->null_index;
	i = strtab_slot(t, s);
	return t->slot[i] ? t->index[i] : (size_t)-1;
}

void html_strtab_free(html_strtab *t)
{
	free(t->slot);
	free(t->index);
	free(t->s);
	memset(t, 0, sizeof *t);
}
