/*
 * stem.c - German stemmers behind one handle (include/stichwort/stem.h).
 *
 * Stage: after tokenisation, one word at a time.  Invariants:
 *   - the input is validated as UTF-8 before any back end sees it, so
 *     Snowball and CISTEM only ever get well-formed text;
 *   - the result lives in the handle (st->out) and is replaced by the
 *     next call;
 *   - all memory comes from sw__malloc & co.
 *
 * Snowball German is our implementation of the published algorithm
 * (src/snowball.c); libstemmer, whose generated code it replaced for
 * speed, remains the reference it is tested against word for word.
 */
#include <string.h>

#include "internal/alloc.h"
#include "internal/cistem.h"
#include "internal/snowball.h"
#include "internal/stem.h"
#include "internal/errors.h"
#include "internal/utf8.h"
#include "stichwort/buf.h"
#include "stichwort/stem.h"

struct sw_stemmer {
	sw_stemmer_kind kind;
	sw_buf fold;           /* case-folded input (Snowball) */
	sw_buf out;            /* the last result */
	sw__snowball snowball; /* Snowball scratch */
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

static int stemmer_new_impl(sw_stemmer **out, sw_stemmer_kind kind, sw_error *err)
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
	st->fold = empty;
	st->out = empty;
	sw__snowball_init(&st->snowball);
	sw__cistem_init(&st->cistem);
	*out = st;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_stemmer_new(sw_stemmer **out, sw_stemmer_kind kind, sw_error *err)
{
	SW__NEED(err, "sw_stemmer_new", out);
	return stemmer_new_impl(out, kind, err);
}

void sw_stemmer_free(sw_stemmer *st)
{
	if (!st)
		return;
	sw_buf_free(&st->fold);
	sw_buf_free(&st->out);
	sw__snowball_release(&st->snowball);
	sw__cistem_release(&st->cistem);
	sw__free(st);
}

sw_stemmer_kind sw_stemmer_get_kind(const sw_stemmer *st)
{
	return st->kind;
}

/* The stem of a valid, non-empty word whose case-folded form is folded
 * (NULL: fold it here). */
static int stem_valid(const char **stem_out, size_t *len_out, sw_stemmer *st,
		      const char *word, size_t len, const char *folded, size_t flen,
		      sw_error *err)
{
	sw_buf_clear(&st->out);
	switch (st->kind) {
	case SW_STEMMER_SNOWBALL:
		/* Snowball's rules are written for lower case (to them an
		 * upper-case vowel is no vowel), so fold first; full
		 * folding also makes "STRASSE" and "Straße" meet. */
		if (!folded) {
			sw_buf_clear(&st->fold);
			if (sw__casefold(&st->fold, word, len) != SW_OK)
				return sw__error_oom(err);
			folded = st->fold.ptr;
			flen = st->fold.len;
		}
		if (sw__snowball_stem(&st->out, &st->snowball, folded, flen) != SW_OK)
			return sw__error_oom(err);
		break;
	case SW_STEMMER_CISTEM:
		if (sw__cistem_stem(&st->out, &st->cistem, word, len) != SW_OK)
			return sw__error_oom(err);
		break;
	case SW_STEMMER_NONE:
		if (folded ? sw_buf_put(&st->out, folded, flen) != SW_OK
			   : sw__casefold(&st->out, word, len) != SW_OK)
			return sw__error_oom(err);
		break;
	}
	/* A stem can be empty only if the word was; still never hand out
	 * NULL. */
	*stem_out = st->out.ptr ? st->out.ptr : "";
	*len_out = st->out.len;
	return SW_OK;
}

int sw_stem(const char **stem_out, size_t *len_out, sw_stemmer *st,
	    const char *word, size_t len, sw_error *err)
{
	size_t bad;

	if (!stem_out || !len_out || !st || (!word && len > 0))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "stem: NULL argument");
	bad = sw__utf8_invalid_at(word, len);
	if (bad < len)
		return sw__error_set(err, SW_EINVAL, NULL, 0, (long long)bad,
				     "stem: invalid UTF-8 at byte %zu of the word", bad);
	return sw__stem_folded(stem_out, len_out, st, word, len, NULL, 0, err);
}

int sw__stem_folded(const char **stem_out, size_t *len_out, sw_stemmer *st,
		    const char *word, size_t len, const char *folded, size_t flen,
		    sw_error *err)
{
	/* The empty word has the empty stem in every algorithm; answering
	 * here also spares the back ends a NULL word. */
	if (len == 0) {
		*stem_out = "";
		*len_out = 0;
		return SW_OK;
	}
	return stem_valid(stem_out, len_out, st, word, len, folded, flen, err);
}
