/*
 * tests/fuzz/fuzz_normalize.c - sw_normalize() on arbitrary bytes.
 *
 * The first byte picks the options (bit 0: keep_hyphenation, bit 1:
 * no_compat); the rest is the text.  Invariants (normalize.h):
 *   - the output is valid UTF-8 and NUL-terminated;
 *   - orig_start is within [0, input length], non-decreasing over the
 *     output positions, and orig_start(output length) == input length;
 *   - orig_end(end) >= orig_start(end - 1) and <= input length;
 *   - sw_normalizer_surface() of the whole output and of each character
 *     succeeds and stays within the input's size;
 *   - normalizing the output again gives the same bytes (idempotent).
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/normalize.h"
#include "fuzz_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sw_normalize_options o = SW_NORMALIZE_OPTIONS_INIT;
	sw_normalizer *nz = NULL, *nz2 = NULL;
	sw_buf scratch = SW_BUF_INIT;
	const char *in, *out, *again, *surf;
	char *copy;
	size_t inlen, outlen, againlen, surflen, i, prev;

	if (size < 1)
		return 0;
	o.keep_hyphenation = data[0] & 1;
	o.no_compat = (data[0] >> 1) & 1;
	in = (const char *)data + 1;
	inlen = size - 1;

	if (sw_normalizer_new(&nz, &o, NULL) != SW_OK)
		return 0;
	if (sw_normalize(&out, &outlen, nz, in, inlen, NULL) != SW_OK) {
		sw_normalizer_free(nz);
		return 0;
	}
	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(out[outlen] == '\0');
	FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)out, outlen));

	/* The offset map. */
	prev = 0;
	for (i = 0; i <= outlen; i++) {
		size_t s = sw_normalizer_orig_start(nz, i);
		FUZZ_CHECK(s <= inlen);
		FUZZ_CHECK(s >= prev);
		prev = s;
	}
	FUZZ_CHECK(sw_normalizer_orig_start(nz, outlen) == inlen);
	for (i = 1; i <= outlen; i++) {
		size_t e = sw_normalizer_orig_end(nz, i);
		FUZZ_CHECK(e <= inlen);
		FUZZ_CHECK(e >= sw_normalizer_orig_start(nz, i - 1));
	}

	/* Surfaces: the whole text, and every character. */
	if (outlen) {
		FUZZ_CHECK(sw_normalizer_surface(&surf, &surflen, &scratch, nz, 0, outlen) == SW_OK);
		FUZZ_CHECK(surflen <= inlen);
		for (i = 0; i < outlen;) {
			size_t j = i + 1;
			while (j < outlen && ((unsigned char)out[j] & 0xC0) == 0x80)
				j++;
			FUZZ_CHECK(sw_normalizer_surface(&surf, &surflen, &scratch, nz, i, j) == SW_OK);
			FUZZ_CHECK(surflen <= inlen);
			i = j;
		}
	}

	/* Idempotence: copy the output first (it belongs to nz). */
	copy = malloc(outlen ? outlen : 1);
	if (copy) {
		memcpy(copy, out, outlen);
		if (sw_normalizer_new(&nz2, &o, NULL) == SW_OK &&
		    sw_normalize(&again, &againlen, nz2, copy, outlen, NULL) == SW_OK) {
			if (againlen != outlen || memcmp(again, copy, outlen) != 0) {
				fprintf(stderr, "not idempotent:\n once:  %.*s\n twice: %.*s\n",
					(int)outlen, copy, (int)againlen, again);
				FUZZ_CHECK(!"normalize is idempotent");
			}
		}
		sw_normalizer_free(nz2);
		free(copy);
	}

	sw_buf_free(&scratch);
	sw_normalizer_free(nz);
	return 0;
}
