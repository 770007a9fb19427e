/*
 * stem.c - German stemmers behind one handle (include/stichwort/stem.h).
 *
 * Stage: after tokenisation, one word at a time.  Invariants:
 *   - the input is validated as UTF-8 before any back end sees it, so
 *     libstemmer and CISTEM only ever get well-formed text;
 *   - the result lives in the handle (st->out, or libstemmer's own buffer
 *     for Snowball) and is replaced by the next call, libstemmer's rule;
 *   - all our memory comes from sw__malloc & co.  libstemmer allocates
 *     through its own malloc; we cannot redirect that, but we do turn its
 *     NULL returns into SW_ENOMEM.
 */
#include <limits.h>
#include <string.h>

#include <libstemmer.h>

#include "internal/alloc.h"
#include "internal/cistem.h"
#include "internal/errors.h"
#include "internal/utf8.h"
#include "stichwort/buf.h"
#include "stichwort/stem.h"

struct sw_stemmer {
	sw_stemmer_kind kind;
	struct sb_stemmer *sb; /* Snowball German; NULL for the other kinds */
	sw_buf fold;           /* case-folded input (Snowball) */
	sw_buf out;            /* the last result (CISTEM, NONE) */
	sw__cistem cistem;     /* CISTEM scratch */
};

static const char *const kind_names[] = { "snowball", "cistem", "none" };

int sw_stemmer_kind_parse(sw_stemmer_kind *out, const char *name)
{
	size_t i;

	if (!out || !name)
		return SW_EINVAL;
	for (i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++) {
		if (strcmp(name, kind_names[i]) == 0) {
			*out = (sw_stemmer_kind)i;
			return SW_OK;
		}
	}
	return SW_EINVAL;
}

const char *sw_stemmer_kind_name(sw_stemmer_kind kind)
{
	/* Compare as unsigned so that out-of-range negative values from a
	 * cast are caught as well. */
	if ((unsigned)kind < sizeof kind_names / sizeof kind_names[0])
		return kind_names[kind];
	return "unknown";
}

/* sb_stemmer_new() returns NULL both when the algorithm is missing and
 * when malloc fails; the list of built-in algorithms tells them apart. */
static int snowball_has_german(void)
{
	const char **list = sb_stemmer_list();

	for (; list && *list; list++)
		if (strcmp(*list, "german") == 0)
			return 1;
	return 0;
}

int sw_stemmer_new(sw_stemmer **out, sw_stemmer_kind kind, sw_error *err)
{
	sw_stemmer *st;
	sw_buf empty = SW_BUF_INIT;

	if (!out)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "stemmer: no output pointer");
	if (kind != SW_STEMMER_SNOWBALL && kind != SW_STEMMER_CISTEM &&
	    kind != SW_STEMMER_NONE)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "unknown stemmer kind %d",
				     (int)kind);
	st = sw__malloc(sizeof *st);
	if (!st)
		return sw__error_oom(err);
	st->kind = kind;
	st->sb = NULL;
	st->fold = empty;
	st->out = empty;
	sw__cistem_init(&st->cistem);
	if (kind == SW_STEMMER_SNOWBALL) {
		st->sb = sb_stemmer_new("german", "UTF_8");
		if (!st->sb) {
			sw__free(st);
			if (!snowball_has_german())
				return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1,
						     "libstemmer has no German UTF-8 stemmer");
			return sw__error_oom(err);
		}
	}
	*out = st;
	return SW_OK;
}

void sw_stemmer_free(sw_stemmer *st)
{
	if (!st)
		return;
	if (st->sb)
		sb_stemmer_delete(st->sb);
	sw_buf_free(&st->fold);
	sw_buf_free(&st->out);
	sw__cistem_release(&st->cistem);
	sw__free(st);
}

sw_stemmer_kind sw_stemmer_get_kind(const sw_stemmer *st)
{
	return st->kind;
}

int sw_stem(const char **stem_out, size_t *len_out, sw_stemmer *st,
	    const char *word, size_t len, sw_error *err)
{
	const sb_symbol *sb_res;
	size_t bad;

	if (!stem_out || !len_out || !st || (!word && len > 0))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "stem: NULL argument");
	bad = sw__utf8_invalid_at(word, len);
	if (bad < len)
		return sw__error_set(err, SW_EINVAL, NULL, 0, (long long)bad,
				     "stem: invalid UTF-8 at byte %zu of the word", bad);
	/* The empty word has the empty stem in every algorithm; answering
	 * here also spares the back ends a NULL word. */
	if (len == 0) {
		*stem_out = "";
		*len_out = 0;
		return SW_OK;
	}

	switch (st->kind) {
	case SW_STEMMER_SNOWBALL:
		/* Snowball's rules are written for lower case (to them an
		 * upper-case vowel is no vowel), so fold first; full
		 * folding also makes "STRASSE" and "Straße" meet. */
		sw_buf_clear(&st->fold);
		if (sw__casefold(&st->fold, word, len) != SW_OK)
			return sw__error_oom(err);
		if (st->fold.len > INT_MAX)
			return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
					     "stem: word of %zu bytes is too long", len);
		sb_res = sb_stemmer_stem(st->sb, (const sb_symbol *)st->fold.ptr,
					 (int)st->fold.len);
		if (!sb_res)
			return sw__error_oom(err);
		*stem_out = (const char *)sb_res;
		*len_out = (size_t)sb_stemmer_length(st->sb);
		return SW_OK;
	case SW_STEMMER_CISTEM:
		sw_buf_clear(&st->out);
		if (sw__cistem_stem(&st->out, &st->cistem, word, len) != SW_OK)
			return sw__error_oom(err);
		break;
	case SW_STEMMER_NONE:
		sw_buf_clear(&st->out);
		if (sw__casefold(&st->out, word, len) != SW_OK)
			return sw__error_oom(err);
		break;
	}
	/* A stem can be empty only if the word was; still never hand out
	 * NULL. */
	*stem_out = st->out.ptr ? st->out.ptr : "";
	*len_out = st->out.len;
	return SW_OK;
}
