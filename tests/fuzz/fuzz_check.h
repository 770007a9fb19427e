/*
 * tests/fuzz/fuzz_check.h - shared by the fuzz targets: a check that
 * stops the process (so libFuzzer and the replay driver both report it),
 * and a strict UTF-8 validator independent of the library's.
 */
#ifndef SW_FUZZ_CHECK_H
#define SW_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                          \
	do {                                                                      \
		if (!(cond)) {                                                    \
			fprintf(stderr, "%s:%d: invariant violated: %s\n", __FILE__, \
				__LINE__, #cond);                                 \
			fflush(stderr);                                           \
			__builtin_trap();                                         \
		}                                                                 \
	} while (0)

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF), else 0. */
static inline int fuzz_valid_utf8(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

#endif
