/*
 * reflist.c - reference lists for keyness (sw_reflist, declared in
 * stichwort/keyness.h): lines "term<TAB>count" or "term,count", "#total",
 * "#absent", "#key lemma" and its keyed lines, the list built in
 * (sw_reflist_builtin) and the lookup of a key.  Each term is keyed like
 * the corpus, through the analyzer; keyness.c compares the target with
 * the counts found here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keyness_int.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/lexicon.h"
#include "internal/utf8.h"

#define RL_SEED 0x6b65796e657373ULL /* "keyness" */

void sw_reflist_free(sw_reflist *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		sw__free(r->e[i].key);
		sw__free(r->e[i].display);
	}
	sw__free(r->e);
	sw__free(r->slot);
	sw__free(r);
}

size_t sw_reflist_count(const sw_reflist *r) { return r->n; }
uint64_t sw_reflist_total(const sw_reflist *r) { return r->total; }

size_t sw__reflist_lookup(const sw_reflist *r, const char *key, size_t len)
{
	size_t h;

	if (!r->nslot)
		return SIZE_MAX;
	h = (size_t)sw__hash(key, len, RL_SEED) & (r->nslot - 1);
	while (r->slot[h]) {
		const rl_entry *e = &r->e[r->slot[h] - 1];
		if (e->key_len == len && memcmp(e->key, key, len) == 0)
			return r->slot[h] - 1;
		h = (h + 1) & (r->nslot - 1);
	}
	return SIZE_MAX;
}

uint64_t sw_reflist_find(const sw_reflist *r, const char *key, size_t len)
{
	size_t i = sw__reflist_lookup(r, key, len);
	return i == SIZE_MAX ? 0 : r->e[i].count;
}

static int rl_rehash(sw_reflist *r, size_t nslot)
{
	uint32_t *s = sw__calloc_written(nslot, sizeof *s);
	size_t i;

	if (!s)
		return -1;
	for (i = 0; i < r->n; i++) {
		size_t h = (size_t)sw__hash(r->e[i].key, r->e[i].key_len, RL_SEED) & (nslot - 1);
		while (s[h])
			h = (h + 1) & (nslot - 1);
		s[h] = (uint32_t)(i + 1);
	}
	sw__free(r->slot);
	r->slot = s;
	r->nslot = nslot;
	return 0;
}

/* Add count to key, creating the entry with its display form. */
static int rl_add(sw_reflist *r, const char *key, size_t klen, const char *disp, size_t dlen,
		  uint32_t n, uint64_t count)
{
	size_t i = sw__reflist_lookup(r, key, klen);
	rl_entry *e;

	if (i != SIZE_MAX) {
		r->e[i].count = r->e[i].count + count < r->e[i].count ? UINT64_MAX
								     : r->e[i].count + count;
		return 0;
	}
	if (r->n >= UINT32_MAX - 1)
		return -1;
	if ((r->n + 1) * 2 > r->nslot && rl_rehash(r, r->nslot ? r->nslot * 2 : 64))
		return -1;
	if (sw__grow((void **)&r->e, &r->cap, r->n + 1, sizeof *r->e))
		return -1;
	e = &r->e[r->n];
	memset(e, 0, sizeof *e);
	e->key = sw__strndup(key, klen);
	e->display = sw__strndup(disp, dlen);
	if (!e->key || !e->display) {
		sw__free(e->key);
		sw__free(e->display);
		return -1;
	}
	e->key_len = klen;
	e->display_len = dlen;
	e->count = count;
	e->n = n;
	{
		size_t h = (size_t)sw__hash(key, klen, RL_SEED) & (r->nslot - 1);
		while (r->slot[h])
			h = (h + 1) & (r->nslot - 1);
		r->slot[h] = (uint32_t)(r->n + 1);
	}
	r->n++;
	return 0;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\f' || ch == '\v';
}

static void trim(const char **s, size_t *len)
{
	while (*len && is_space(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len && is_space((*s)[*len - 1]))
		(*len)--;
}

/* The largest count a list may hold: counts are written as signed 64-bit
 * numbers (JSON, CSV), so a larger one would print negative. */
#define RL_COUNT_MAX ((uint64_t)INT64_MAX)

/* A whole number >= 0 in s[0..len); 0 on success, -1 when it is no whole
 * number, -2 when it is larger than RL_COUNT_MAX. */
static int parse_count(uint64_t *out, const char *s, size_t len)
{
	uint64_t x = 0;
	size_t i;

	trim(&s, &len);
	if (!len)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned dg;
		if (s[i] < '0' || s[i] > '9')
			return -1;
		dg = (unsigned)(s[i] - '0');
		if (x > (RL_COUNT_MAX - dg) / 10) {
			for (; i < len; i++) /* too large, if it is a number at all */
				if (s[i] < '0' || s[i] > '9')
					return -1;
			return -2;
		}
		x = x * 10 + dg;
	}
	*out = x;
	return 0;
}

static int valid_utf8(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;

	while (i < len) {
		int n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n <= 0)
			return 0;
		i += (size_t)n;
	}
	return 1;
}

typedef struct rl_parse {
	const char *path;
	const sw_reflist_options *o;
	sw_error *err;
	sw_buf key;
	int keyed; /* after "#key lemma": terms are lemma keys */
} rl_parse;

/* A problem on line `line`: a warning and go on (0), or the fatal error
 * when strict (SW_EFORMAT). */
static int rl_problem(rl_parse *p, long line, const char *msg)
{
	if (p->o->strict)
		return sw__error_set(p->err, SW_EFORMAT, p->path, line, -1, "%s", msg);
	if (p->o->warn) {
		sw_warning w;
		memset(&w, 0, sizeof w);
		w.level = SW_WARN_PROBLEM;
		w.code = SW_EFORMAT;
		w.path = p->path;
		w.line = line;
		w.offset = -1;
		w.message = msg;
		p->o->warn(&w, p->o->warn_payload);
	}
	return SW_OK;
}

/* "#NAME N", "# NAME: N", "#NAME=N" (name "total", "absent", ...): 1 and
 * *out set, 0 when the comment is something else, -1 when NAME has no
 * number, -2 when it is too large. */
static int count_line(uint64_t *out, const char *s, size_t len, const char *name)
{
	size_t i = 1, nl = strlen(name);
	int k;

	while (i < len && is_space(s[i]))
		i++;
	if (len - i < nl || strncasecmp(s + i, name, nl) != 0)
		return 0;
	i += nl;
	if (i < len && !is_space(s[i]) && s[i] != ':' && s[i] != '=')
		return 0; /* "#totals of ..." is a comment */
	while (i < len && (is_space(s[i]) || s[i] == ':' || s[i] == '='))
		i++;
	k = parse_count(out, s + i, len - i);
	return k ? k : 1;
}

/* The key of a term: its tokens through the analyzer.  Returns 1 with the
 * key in p->key and *n_out words; 0 when the term is no content term (a
 * stopword, a non-word token: skipped quietly); -1 when it has no token;
 * -2 on failure, with the sw_status in *rc_out. */
static int term_key(rl_parse *p, sw_analyzer *an, const char *t, size_t tlen, uint32_t *n_out,
		    int *rc_out)
{
	const sw_vocab *stems = sw_lexicon_stems(sw_analyzer_lexicon(an));
	const sw_atoken *tok;
	size_t n, i, parts = 0;
	int rc;

	*rc_out = SW_OK;
	if ((rc = sw_analyze(&tok, &n, an, t, tlen, p->err))) {
		*rc_out = rc;
		return -2;
	}
	if (n == 0)
		return -1;
	for (i = 0; i < n; i++)
		if (tok[i].tok.type != SW_TOKEN_WORD)
			return 0;
	if (tok[0].term.stop || tok[n - 1].term.stop)
		return 0;
	sw_buf_clear(&p->key);
	for (i = 0; i < n; i++) {
		size_t kl, j = 0;
		const char *k = sw_vocab_bytes(stems, tok[i].term.stem, &kl);
		if (!k)
			return 0;
		if (n == 1) {
			if (sw_buf_put(&p->key, k, kl))
				goto oom;
			*n_out = 1;
			return 1;
		}
		/* a phrase: parts split at hyphens, joined by single spaces */
		while (j < kl) {
			size_t e = j;
			while (e < kl && k[e] != '-')
				e++;
			if (e > j) {
				if ((parts && sw_buf_putc(&p->key, ' ')) || sw_buf_put(&p->key, k + j, e - j))
					goto oom;
				parts++;
			}
			j = e + 1;
		}
	}
	*n_out = (uint32_t)parts;
	return parts ? 1 : 0;
oom:
	*rc_out = sw__error_oom(p->err);
	return -2;
}

/* "#key lemma": 1 (the lines that follow are keyed), else 0. */
static int key_line(const char *s, size_t len)
{
	size_t i = 1;

	while (i < len && is_space(s[i]))
		i++;
	if (len - i < 3 || strncasecmp(s + i, "key", 3) != 0)
		return 0;
	i += 3;
	if (i >= len || !is_space(s[i]))
		return 0;
	while (i < len && is_space(s[i]))
		i++;
	return len - i == 5 && strncasecmp(s + i, "lemma", 5) == 0;
}

/* The key of a keyed line's term: lemma keys separated by spaces, each
 * through the lexicon's key of a lemma (as is with SW_KEY_LEMMA, its stem
 * with SW_KEY_STEM).  Returns 1 with the key in p->key and *n_out words,
 * -1 when there is no word, -2 on failure (*rc_out). */
static int keyed_key(rl_parse *p, sw_lexicon *lx, const char *t, size_t tlen, uint32_t *n_out,
		     int *rc_out)
{
	size_t i = 0, parts = 0;

	*rc_out = SW_OK;
	sw_buf_clear(&p->key);
	while (i < tlen) {
		size_t e = i, kl;
		const char *k;
		while (e < tlen && t[e] != ' ')
			e++;
		if (e > i) {
			if ((*rc_out = sw__lexicon_lemma_key(&k, &kl, lx, t + i, e - i, p->err)))
				return -2;
			if ((parts && sw_buf_putc(&p->key, ' ')) || sw_buf_put(&p->key, k, kl)) {
				*rc_out = sw__error_oom(p->err);
				return -2;
			}
			parts++;
		}
		i = e + 1;
	}
	*n_out = (uint32_t)parts;
	return parts ? 1 : -1;
}

static int reflist_parse_impl(sw_reflist **out, const char *data, size_t len, const char *path,
			      sw_lexicon *lx, const sw_reflist_options *opts, sw_error *err)
{
	static const sw_reflist_options defaults = SW_REFLIST_OPTIONS_INIT;
	sw_reflist *r = sw__calloc(1, sizeof *r);
	sw_analyzer *an = NULL;
	rl_parse p;
	size_t pos = 0;
	long line = 0, total_line_no = 0, absent_line[2] = { 0, 0 };
	uint64_t sum = 0, total = 0;
	int have_total = 0, seen_data = 0, rc = SW_OK, which;
	char msg[160];

	memset(&p, 0, sizeof p);
	p.path = path ? path : "reference list";
	p.o = opts ? opts : &defaults;
	p.err = err;
	if (!r)
		return sw__error_oom(err);
	if ((rc = sw_analyzer_new(&an, lx, NULL, err)))
		goto done;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *s = data + pos, *nl = memchr(s, '\n', len - pos), *sep = NULL;
		size_t ll = nl ? (size_t)(nl - s) : len - pos, i, tl, cl;
		const char *t, *cs;
		uint64_t count;
		uint32_t nw = 0;
		int k;

		pos += ll + (nl ? 1 : 0);
		line++;
		trim(&s, &ll);
		if (!ll)
			continue;
		if (s[0] == '#') {
			if (key_line(s, ll)) {
				p.keyed = 1;
				continue;
			}
			/* "#absent N", "#absent-phrases N": the count of a word,
			 * a phrase, that the list lacks (one seen fewer times
			 * than the list's cut-off: at most N) */
			for (which = 0; which < 2; which++)
				if ((k = count_line(&count, s, ll, which ? "absent-phrases" : "absent")))
					break;
			if (k == 1) {
				r->absent[which] = count;
				absent_line[which] = line;
				continue;
			}
			if (k == -1 && (rc = rl_problem(&p, line, "#absent needs a whole number")))
				goto done;
			if (k == -2 && (rc = rl_problem(&p, line, "#absent is larger than 9223372036854775807 "
								  "(2^63 - 1); ignored")))
				goto done;
			if (k)
				continue;
			k = count_line(&count, s, ll, "total");
			if (k == 1) {
				total = count;
				have_total = 1;
				total_line_no = line;
			} else if (k == -2 &&
				   (rc = rl_problem(&p, line, "#total is larger than 9223372036854775807 "
							      "(2^63 - 1); ignored")))
				goto done;
			else if (k == -1 && (rc = rl_problem(&p, line, "#total needs a whole number")))
				goto done;
			continue;
		}
		for (i = ll; i-- > 0;)
			if (s[i] == '\t') {
				sep = s + i;
				break;
			}
		if (!sep)
			for (i = ll; i-- > 0;)
				if (s[i] == ',') {
					sep = s + i;
					break;
				}
		if (!sep) {
			if ((rc = rl_problem(&p, line, "no separator: expected term<TAB>count or term,count")))
				goto done;
			continue;
		}
		t = s;
		tl = (size_t)(sep - s);
		cs = sep + 1;
		cl = ll - tl - 1;
		trim(&t, &tl);
		if (tl >= 2 && t[0] == '"' && t[tl - 1] == '"') {
			t++;
			tl -= 2;
		}
		if ((k = parse_count(&count, cs, cl)) == -2 ||
		    (k == 0 && count > RL_COUNT_MAX - sum)) {
			seen_data = 1;
			snprintf(msg, sizeof msg, k ? "count '%.*s' is larger than 9223372036854775807 "
						      "(2^63 - 1); line skipped"
						    : "count '%.*s' takes the sum of the counts beyond "
						      "9223372036854775807 (2^63 - 1); line skipped",
				 (int)(cl > 40 ? 40 : cl), cs);
			if ((rc = rl_problem(&p, line, msg)))
				goto done;
			continue;
		}
		if (k) {
			if (!seen_data) { /* a header line: "term,count" */
				seen_data = 1;
				continue;
			}
			snprintf(msg, sizeof msg, "count '%.*s' is not a whole number",
				 (int)(cl > 40 ? 40 : cl), cs);
			if ((rc = rl_problem(&p, line, msg)))
				goto done;
			continue;
		}
		seen_data = 1;
		if (!valid_utf8(t, tl)) {
			if ((rc = rl_problem(&p, line, "term is not valid UTF-8")))
				goto done;
			continue;
		}
		if (p.keyed) { /* "key<TAB>display<TAB>count" or "key<TAB>count" */
			const char *tab = memchr(t, '\t', tl);
			size_t kl = tab ? (size_t)(tab - t) : tl;
			const char *d = tab ? tab + 1 : t + tl;
			size_t dl = (size_t)(t + tl - d);
			k = keyed_key(&p, lx, t, kl, &nw, &rc);
			trim(&d, &dl);
			if (dl) { /* the display form, else the key */
				t = d;
				tl = dl;
			} else {
				tl = kl;
			}
		} else {
			k = term_key(&p, an, t, tl, &nw, &rc);
		}
		if (k == -2)
			goto done;
		if (k == -1) {
			if ((rc = rl_problem(&p, line, "term has no word")))
				goto done;
			continue;
		}
		sum += count; /* at most RL_COUNT_MAX: checked above */
		if (k == 0)
			continue;
		if (rl_add(r, p.key.ptr, p.key.len, t, tl, nw, count)) {
			rc = sw__error_oom(err);
			goto done;
		}
	}
	if (have_total && total < sum) {
		snprintf(msg, sizeof msg, "#total %llu is smaller than the sum of the counts (%llu); using the sum",
			 (unsigned long long)total, (unsigned long long)sum);
		if ((rc = rl_problem(&p, total_line_no, msg)))
			goto done;
		have_total = 0;
	}
	r->total = have_total ? total : sum;
	for (which = 0; which < 2; which++) /* at most the whole reference */
		if (r->absent[which] > r->total) {
			snprintf(msg, sizeof msg, "#absent%s %llu is larger than the list's total (%llu); "
				 "using the total", which ? "-phrases" : "",
				 (unsigned long long)r->absent[which], (unsigned long long)r->total);
			r->absent[which] = r->total;
			if ((rc = rl_problem(&p, absent_line[which], msg)))
				goto done;
		}
done:
	sw_buf_free(&p.key);
	sw_analyzer_free(an);
	if (rc) {
		sw_reflist_free(r);
		return rc;
	}
	*out = r;
	return SW_OK;
}

extern const unsigned char sw__refdata[];
extern const size_t sw__refdata_len;

int sw_reflist_builtin(sw_reflist **out, sw_lexicon *lx, const sw_reflist_options *opts,
		       sw_error *err)
{
	SW__NEED(err, "sw_reflist_builtin", out);
	SW__NEED(err, "sw_reflist_builtin", lx);
	return reflist_parse_impl(out, (const char *)sw__refdata, sw__refdata_len,
				  SW_REFLIST_BUILTIN_NAME, lx, opts, err);
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_reflist_parse(sw_reflist **out, const char *data, size_t len, const char *path,
		     sw_lexicon *lx, const sw_reflist_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_reflist_parse", out);
	SW__NEED(err, "sw_reflist_parse", lx);
	if (len && !data)
		return sw__error_null(err, "sw_reflist_parse", "data");
	return reflist_parse_impl(out, data, len, path, lx, opts, err);
}

static int reflist_load_impl(sw_reflist **out, const char *path, sw_lexicon *lx,
			     const sw_reflist_options *opts, sw_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	if (!f)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read the reference list: %s",
				     strerror(errno));
	for (;;) {
		if (cap - len < 65536 &&
		    sw__grow((void **)&buf, &cap, len + 65536 + 1, 1)) {
			if (!is_stdin)
				fclose(f);
			sw__free(buf);
			return sw__error_oom(err);
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		if (!is_stdin)
			fclose(f);
		sw__free(buf);
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot read the reference list");
	}
	if (!is_stdin)
		fclose(f);
	rc = sw_reflist_parse(out, buf, len, path, lx, opts, err);
	sw__free(buf);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_reflist_load(sw_reflist **out, const char *path, sw_lexicon *lx,
		    const sw_reflist_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_reflist_load", out);
	SW__NEED(err, "sw_reflist_load", path);
	SW__NEED(err, "sw_reflist_load", lx);
	return reflist_load_impl(out, path, lx, opts, err);
}
