/*
 * stopwords.c - stopword lists (see stichwort/stopwords.h).
 *
 * Stage: terms.  A stoplist is an open-addressing hash set (linear
 * probing) of case-folded, NFC words.  The words' bytes live one after
 * another in a single pool and slots refer to them by offset, so growing
 * the pool never invalidates the table.
 *
 * Invariants:
 *   - cap is 0 or a power of two, and n * 2 <= cap (probes stay short and
 *     every probe sequence reaches an empty slot);
 *   - a slot with len == 0 is empty (lists never contain the empty word);
 *   - after any failure the set is still valid and holds every word added
 *     before it (words are inserted one at a time, each step complete).
 *
 * Lookups do not fold: sw_stoplist_contains() takes the already folded
 * token, because the terms stage folds every token once anyway.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stichwort/stopwords.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

/* The German list, stopwords/de.txt, turned into a string literal by
 * tools/embed.sh.  It is longer than the 4095 bytes ISO C promises for a
 * literal; gcc and clang take it, so only silence -Woverlength-strings. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
static const char de_list[] =
#include "stopwords_de.inc"
	;
static const char de_speech_list[] =
#include "stopwords_de_speech.inc"
	;
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* Fixed, so that the table layout (and any iteration over it) is the same
 * from run to run. */
#define SEED 0x5357u

typedef struct slot {
	uint64_t hash; /* sw__hash of the word */
	size_t off;    /* start of the word in pool */
	size_t len;    /* bytes; 0 marks an empty slot */
} slot;

struct sw_stoplist {
	slot *slots;   /* cap entries */
	size_t cap;    /* 0 or a power of two */
	size_t n;      /* words in the set */
	sw_buf pool;   /* the words' bytes, back to back */
};

static int stoplist_new_impl(sw_stoplist **out, sw_error *err)
{
	sw_stoplist *sl;

	if (!out)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "stoplist: out is NULL");
	sl = sw__calloc(1, sizeof *sl);
	if (!sl)
		return sw__error_oom(err);
	*out = sl;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_stoplist_new(sw_stoplist **out, sw_error *err)
{
	SW__NEED(err, "sw_stoplist_new", out);
	return stoplist_new_impl(out, err);
}

void sw_stoplist_free(sw_stoplist *sl)
{
	if (!sl)
		return;
	sw__free(sl->slots);
	sw_buf_free(&sl->pool);
	sw__free(sl);
}

/* Index of the slot holding (s, len), or of the empty slot where it would
 * go.  Requires cap > 0. */
static size_t find_slot(const sw_stoplist *sl, const char *s, size_t len, uint64_t h)
{
	size_t mask = sl->cap - 1;
	size_t i = (size_t)h & mask;

	for (;;) {
		const slot *e = &sl->slots[i];
		if (e->len == 0)
			return i;
		if (e->hash == h && e->len == len && memcmp(sl->pool.ptr + e->off, s, len) == 0)
			return i;
		i = (i + 1) & mask;
	}
}

/* Make room for one more word: double the table when it would pass half
 * full.  The new table is built aside and swapped in, so OOM leaves the
 * old one intact. */
static int reserve_one(sw_stoplist *sl)
{
	slot *ns;
	size_t ncap, i, j, mask;

	if ((sl->n + 1) * 2 <= sl->cap)
		return SW_OK;
	ncap = sl->cap ? sl->cap * 2 : 256;
	if (ncap < sl->cap || ncap > ((size_t)-1) / sizeof *ns)
		return SW_ENOMEM;
	ns = sw__calloc_written(ncap, sizeof *ns);
	if (!ns)
		return SW_ENOMEM;
	mask = ncap - 1;
	for (i = 0; i < sl->cap; i++) {
		if (sl->slots[i].len == 0)
			continue;
		j = (size_t)sl->slots[i].hash & mask;
		while (ns[j].len != 0)
			j = (j + 1) & mask;
		ns[j] = sl->slots[i];
	}
	sw__free(sl->slots);
	sl->slots = ns;
	sl->cap = ncap;
	return SW_OK;
}

/* Add one folded word (len > 0).  Duplicates are ignored. */
static int insert_folded(sw_stoplist *sl, const char *s, size_t len)
{
	uint64_t h = sw__hash(s, len, SEED);
	size_t i, off;

	if (sl->cap && sl->slots[find_slot(sl, s, len, h)].len != 0)
		return SW_OK;
	if (reserve_one(sl) != SW_OK)
		return SW_ENOMEM;
	off = sl->pool.len;
	if (sw_buf_put(&sl->pool, s, len) != SW_OK)
		return SW_ENOMEM;
	i = find_slot(sl, s, len, h);
	sl->slots[i].hash = h;
	sl->slots[i].off = off;
	sl->slots[i].len = len;
	sl->n++;
	return SW_OK;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

int sw_stoplist_add_text(sw_stoplist *sl, const char *text, size_t len,
			 const char *origin, sw_error *err)
{
	sw_buf fold = SW_BUF_INIT;
	size_t pos = 0, bad;
	long lineno = 0;
	int rc = SW_OK;

	if (!sl || (!text && len))
		return sw__error_set(err, SW_EINVAL, origin, 0, -1, "stoplist: NULL argument");
	/* A UTF-8 byte order mark, as some Windows editors write one. */
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t llen = nl ? (size_t)(nl - line) : len - pos;
		size_t a = 0, b;
		const char *hash;

		lineno++;
		/* The whole line must be UTF-8, comment included: a list saved
		 * in Latin-1 would otherwise lose its umlaut words silently. */
		bad = sw__utf8_invalid_at(line, llen);
		if (bad < llen) {
			rc = sw__error_set(err, SW_EFORMAT, origin, lineno,
					   (long long)(pos + bad),
					   "invalid UTF-8 in stopword list (line %ld)", lineno);
			goto done;
		}
		hash = memchr(line, '#', llen);
		b = hash ? (size_t)(hash - line) : llen;
		while (a < b && is_space(line[a]))
			a++;
		while (b > a && is_space(line[b - 1]))
			b--;
		pos += llen + (nl ? 1 : 0);
		if (a == b)
			continue;
		/* A line is one entry; inner spaces are kept (such an entry
		 * never matches a single token, which is harmless). */
		sw_buf_clear(&fold);
		if (sw__casefold(&fold, line + a, b - a) != SW_OK ||
		    insert_folded(sl, fold.ptr, fold.len) != SW_OK) {
			rc = sw__error_oom(err);
			goto done;
		}
	}
done:
	sw_buf_free(&fold);
	return rc;
}

int sw_stoplist_add_builtin(sw_stoplist *sl, const char *name, sw_error *err)
{
	if (!sl || !name)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "stoplist: NULL argument");
	if (strcmp(name, "de") == 0)
		return sw_stoplist_add_text(sl, de_list, sizeof de_list - 1, "builtin:de", err);
	if (strcmp(name, "de-speech") == 0)
		return sw_stoplist_add_text(sl, de_speech_list, sizeof de_speech_list - 1,
					    "builtin:de-speech", err);
	return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "unknown built-in stopword list '%s'",
			     name);
}

int sw_stoplist_load(sw_stoplist *sl, const char *path, sw_error *err)
{
	sw_buf data = SW_BUF_INIT;
	FILE *f;
	size_t n;
	int rc;

	if (!sl || !path)
		return sw__error_set(err, SW_EINVAL, path, 0, -1, "stoplist: NULL argument");
	f = fopen(path, "rb");
	if (!f)
		return sw__error_set(err, SW_EIO, path, 0, -1, "cannot open stopword list: %s",
				     strerror(errno));
	for (;;) {
		if (sw_buf_reserve(&data, 16384) != SW_OK) {
			rc = sw__error_oom(err);
			goto done;
		}
		n = fread(data.ptr + data.len, 1, data.cap - data.len - 1, f);
		data.len += n;
		data.ptr[data.len] = '\0';
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		rc = sw__error_set(err, SW_EIO, path, 0, -1, "cannot read stopword list: %s",
				   strerror(errno));
		goto done;
	}
	rc = sw_stoplist_add_text(sl, data.ptr, data.len, path, err);
done:
	fclose(f);
	sw_buf_free(&data);
	return rc;
}

int sw_stoplist_contains(const sw_stoplist *sl, const char *word, size_t len)
{
	if (!sl || !word || len == 0 || sl->n == 0)
		return 0;
	return sl->slots[find_slot(sl, word, len, sw__hash(word, len, SEED))].len != 0;
}

size_t sw_stoplist_size(const sw_stoplist *sl)
{
	return sl ? sl->n : 0;
}
