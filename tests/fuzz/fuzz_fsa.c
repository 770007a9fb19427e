/*
 * tests/fuzz/fuzz_fsa.c - the CFSA2 automaton reader (src/internal/fsa.h)
 * on arbitrary bytes: the input is the automaton file.
 *
 * Invariants:
 *   - sw__fsa_open() succeeds or gives SW_EFORMAT, with err naming the
 *     path and a byte offset inside the input;
 *   - on an opened automaton every call returns one of its documented
 *     values; sw__fsa_each() reports at most max sequences of 1..255
 *     bytes, strictly increasing in byte order;
 *   - what is listed is in the language: each listed sequence is
 *     accepted and walkable from the root, and the first one listed is
 *     also the first completion after each of its prefixes;
 *   - a few fixed strings (german.dict entries and prefixes) get
 *     consistent answers: accepts() is 1 only where walk() succeeds.
 * Bounds stay small (64 sequences per listing) so that an input runs in
 * well under a millisecond unless it is a cyclic automaton, which the
 * reader's own bound on arcs visited stops.
 */
#include <stdlib.h>
#include <string.h>

#include "internal/fsa.h"
#include "fuzz_check.h"

#define MAX_LIST 64

typedef struct seen {
	char seq[MAX_LIST][256];
	size_t len[MAX_LIST];
	size_t n;
} seen;

static int keep(void *ctx, const char *s, size_t len)
{
	seen *v = ctx;
	size_t m;

	FUZZ_CHECK(v->n < MAX_LIST);
	FUZZ_CHECK(len >= 1 && len <= 255);
	if (v->n) {
		/* Strictly after the previous one, as unsigned bytes. */
		const char *p = v->seq[v->n - 1];
		size_t plen = v->len[v->n - 1];
		int c;
		m = plen < len ? plen : len;
		c = memcmp(p, s, m);
		FUZZ_CHECK(c < 0 || (c == 0 && plen < len));
	}
	memcpy(v->seq[v->n], s, len);
	v->len[v->n] = len;
	v->n++;
	return 0;
}

static const char *const probe[] = {
	"St\303\244dte_Fadt_SUB:NOM:PLU:FEM", "St\303\244dte_", "ging_", "meine_",
	"Abh\xC3\xA4ngigkeiten_C_SUB:DAT:PLU:FEM", "ab", "a", "b", "^", "",
};

static void list_from(const sw_fsa *f, uint32_t node, seen *v)
{
	int rc;

	v->n = 0;
	rc = sw__fsa_each(f, node, MAX_LIST, keep, v);
	FUZZ_CHECK(rc == SW_OK || rc == SW_EFORMAT);
	FUZZ_CHECK(v->n <= MAX_LIST);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static seen all, below;
	sw_fsa *f = NULL;
	sw_error err;
	uint32_t root, node, other;
	size_t i, k;
	int rc, acc;

	memset(&err, 0, sizeof err);
	rc = sw__fsa_open(&f, data, size, "fuzz.dict", &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EFORMAT);
		FUZZ_CHECK(err.code == SW_EFORMAT);
		FUZZ_CHECK(!strcmp(err.path, "fuzz.dict"));
		FUZZ_CHECK(err.offset >= 0 && (unsigned long long)err.offset <= size);
		FUZZ_CHECK(err.message[0] != '\0');
		return 0;
	}
	root = sw__fsa_root(f);

	list_from(f, root, &all);
	for (i = 0; i < all.n; i++) {
		FUZZ_CHECK(sw__fsa_accepts(f, root, all.seq[i], all.len[i]) == 1);
		FUZZ_CHECK(sw__fsa_walk(f, root, all.seq[i], all.len[i], &node) == SW_OK);
	}
	if (all.n) {
		for (k = 1; k < all.len[0]; k++) {
			FUZZ_CHECK(sw__fsa_walk(f, root, all.seq[0], k, &node) == SW_OK);
			list_from(f, node, &below);
			FUZZ_CHECK(below.n >= 1);
			FUZZ_CHECK(below.len[0] == all.len[0] - k);
			FUZZ_CHECK(!memcmp(below.seq[0], all.seq[0] + k, below.len[0]));
		}
	}

	for (i = 0; i < sizeof probe / sizeof probe[0]; i++) {
		size_t n = strlen(probe[i]);
		int w;
		node = 0xDEADBEEF;
		w = sw__fsa_walk(f, root, probe[i], n, &node);
		FUZZ_CHECK(w == SW_OK || w == 1 || w == SW_EFORMAT);
		FUZZ_CHECK(w == SW_OK || node == 0xDEADBEEF);
		acc = sw__fsa_accepts(f, root, probe[i], n);
		FUZZ_CHECK(acc == 0 || acc == 1 || acc == SW_EFORMAT);
		FUZZ_CHECK(acc != 1 || w == SW_OK);
		if (w == SW_OK)
			list_from(f, node, &below);
	}
	/* Node numbers that are not nodes. */
	for (node = 1; node < 4; node++) {
		rc = sw__fsa_walk(f, node, "ab", 2, &other);
		FUZZ_CHECK(rc == SW_OK || rc == 1 || rc == SW_EFORMAT);
	}
	rc = sw__fsa_walk(f, (uint32_t)size, "a", 1, &node);
	FUZZ_CHECK(rc == 1 || rc == SW_EFORMAT);
	sw__fsa_free(f);
	return 0;
}
