/*
 * tests/fuzz/fuzz_lemma.c - the lemmatizer (sw_lemmatize, lemma.h) on
 * arbitrary words, with the built-in lexicon (made once, kept for the
 * whole run: a lemmatizer is immutable).
 *
 * The first byte picks the flags: its bits 0..4 are passed as the token
 * flags (SW_TOKEN_F_HYPHENATED 0x01, _GENDERED 0x02, _SENT_END 0x04,
 * _ORDINAL 0x08, _SUSPENDED 0x10; the last three the lemmatizer ignores
 * or strips), bit 5 adds SW_LEMMA_SENT_START.  The rest is the word.
 *
 * Invariants (lemma.h):
 *   - the result is SW_OK, or SW_EINVAL exactly when the word is not
 *     valid UTF-8; then err says so and *out holds the word as written,
 *     pos X, no parts;
 *   - on SW_OK: the lemma is valid UTF-8, and not empty for a non-empty
 *     word; pos is a sw_pos and sw_pos_name() names it; only the
 *     SW_LEMMA_F_* bits are set, GUESSED never with KNOWN; nparts is 0 or
 *     at least 2 and the parts buffer holds exactly nparts NUL-terminated
 *     strings, each valid UTF-8 (nothing when nparts is 0);
 *   - the same word into a record that held the previous input gives the
 *     same result as into a fresh record (records are reused, lemma.h).
 *
 * A word holding a NUL byte (U+0000 is valid UTF-8) is checked with the
 * weaker form of the parts rule (at least nparts NULs, the last byte a
 * NUL): a part that holds the NUL cannot be delimited by NULs, and
 * src/lemma.c does not refuse or replace it ("Open\0x-Source-Strategien"
 * gives 3 parts and 4 NULs).  Make the check strict once that is decided.
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/lemma.h"
#include "stichwort/tokenize.h"
#include "fuzz_check.h"

static sw_lemmatizer *lm;
static sw_lemma reused; /* the previous input's record */

static void free_all(void)
{
	sw_lemma_free(&reused);
	sw_lemmatizer_free(lm);
}

static void check_result(const sw_lemma *l, const char *w, size_t len, int has_nul)
{
	size_t i, off = 0, nuls = 0;

	FUZZ_CHECK(l->lemma.len == 0 || l->lemma.ptr != NULL);
	FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)l->lemma.ptr, l->lemma.len));
	FUZZ_CHECK(len == 0 || l->lemma.len > 0);
	FUZZ_CHECK((unsigned)l->pos < SW_POS_N);
	FUZZ_CHECK(sw_pos_name(l->pos) != NULL && sw_pos_name(l->pos)[0] != '\0');
	FUZZ_CHECK((l->flags & ~(SW_LEMMA_F_KNOWN | SW_LEMMA_F_COMPOUND | SW_LEMMA_F_GUESSED)) == 0);
	FUZZ_CHECK(!((l->flags & SW_LEMMA_F_KNOWN) && (l->flags & SW_LEMMA_F_GUESSED)));
	FUZZ_CHECK(l->nparts == 0 || l->nparts >= 2);
	if (l->nparts == 0) {
		FUZZ_CHECK(l->parts.len == 0);
		return;
	}
	FUZZ_CHECK(l->parts.ptr != NULL && l->parts.len > 0);
	FUZZ_CHECK(l->parts.ptr[l->parts.len - 1] == '\0');
	FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)l->parts.ptr, l->parts.len));
	if (has_nul) {
		for (i = 0; i < l->parts.len; i++)
			nuls += l->parts.ptr[i] == '\0';
		FUZZ_CHECK(nuls >= l->nparts);
		return;
	}
	for (i = 0; i < l->nparts; i++) {
		const char *nul;
		FUZZ_CHECK(off < l->parts.len);
		nul = memchr(l->parts.ptr + off, '\0', l->parts.len - off);
		FUZZ_CHECK(nul != NULL);
		off = (size_t)(nul - l->parts.ptr) + 1;
	}
	FUZZ_CHECK(off == l->parts.len);
	(void)w;
}

static int same(const sw_lemma *a, const sw_lemma *b)
{
	return a->lemma.len == b->lemma.len &&
	       (a->lemma.len == 0 || memcmp(a->lemma.ptr, b->lemma.ptr, a->lemma.len) == 0) &&
	       a->parts.len == b->parts.len &&
	       (a->parts.len == 0 || memcmp(a->parts.ptr, b->parts.ptr, a->parts.len) == 0) &&
	       a->nparts == b->nparts && a->pos == b->pos && a->flags == b->flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_lemma l = { SW_BUF_INIT, SW_BUF_INIT, 0, SW_POS_X, 0 };
	sw_error err;
	const char *w;
	size_t len;
	unsigned flags;
	int rc, rc2, valid;

	if (size < 1)
		return 0;
	if (!lm) {
		FUZZ_CHECK(sw_lemmatizer_new(&lm, NULL, NULL) == SW_OK);
		atexit(free_all);
	}
	flags = (data[0] & 0x1Fu) | ((data[0] & 0x20u) ? SW_LEMMA_SENT_START : 0);
	w = (const char *)data + 1;
	len = size - 1;
	valid = fuzz_valid_utf8((const unsigned char *)w, len);

	memset(&err, 0, sizeof err);
	rc = sw_lemmatize(&l, lm, w, len, flags, &err);
	if (!valid) {
		FUZZ_CHECK(rc == SW_EINVAL);
		FUZZ_CHECK(err.code == SW_EINVAL && err.message[0] != '\0');
		FUZZ_CHECK(l.lemma.len == len && memcmp(l.lemma.ptr, w, len) == 0);
		FUZZ_CHECK(l.pos == SW_POS_X);
		FUZZ_CHECK(l.nparts == 0 && l.parts.len == 0);
	} else {
		FUZZ_CHECK(rc == SW_OK);
		check_result(&l, w, len, memchr(w, '\0', len) != NULL);
	}

	rc2 = sw_lemmatize(&reused, lm, w, len, flags, NULL);
	FUZZ_CHECK(rc2 == rc);
	FUZZ_CHECK(same(&l, &reused));
	sw_lemma_free(&l);
	return 0;
}
