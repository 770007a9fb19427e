/*
 * internal/utf8.c - UTF-8 decoding, case folding and character classes.
 *
 * Character properties come from utf8proc; ASCII never reaches it.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"
#include "stichwort/error.h"

int sw__utf8_decode(const unsigned char *s, size_t len, int32_t *cp)
{
	unsigned c = s[0];
	int32_t v;

	if (c < 0x80) {
		*cp = (int32_t)c;
		return 1;
	}
	if (c < 0xC2)
		return -1;
	if (c < 0xE0) {
		if (len < 2 || (s[1] & 0xC0) != 0x80)
			return -1;
		*cp = (int32_t)(((c & 0x1F) << 6) | (s[1] & 0x3F));
		return 2;
	}
	if (c < 0xF0) {
		if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return -1;
		v = (int32_t)(((c & 0x0F) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu));
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return -1;
		*cp = v;
		return 3;
	}
	if (c < 0xF5) {
		if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return -1;
		v = (int32_t)(((c & 0x07) << 18) | ((s[1] & 0x3Fu) << 12) |
			      ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu));
		if (v < 0x10000 || v > 0x10FFFF)
			return -1;
		*cp = v;
		return 4;
	}
	return -1;
}

int sw__utf8_encode(int32_t cp, char out[4])
{
	uint32_t c = (uint32_t)cp;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

size_t sw__utf8_invalid_at(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	int32_t cp;
	int n;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = sw__utf8_decode(u + i, len - i, &cp);
		if (n < 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

/* Append n (at most 4) bytes: sw_buf_put() without its call where the
 * buffer has room, as it mostly has. */
static inline int put_short(sw_buf *out, const char *p, size_t n)
{
	size_t k;

	if (out->cap - out->len < n + 1 && sw_buf_reserve(out, n))
		return SW_ENOMEM;
	for (k = 0; k < n; k++)
		out->ptr[out->len + k] = p[k];
	out->len += n;
	out->ptr[out->len] = '\0';
	return SW_OK;
}

int sw__casefold(sw_buf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, start = out->len;
	int ascii = 1;
	utf8proc_int32_t tmp[8];
	int32_t cp;
	int n, k;
	utf8proc_ssize_t m;
	int needs_compose = 0;
	char enc[4];

	for (i = 0; i < len; i++)
		if (u[i] >= 0x80) {
			ascii = 0;
			break;
		}
	if (sw_buf_reserve(out, len) != SW_OK)
		return SW_ENOMEM;
	if (ascii) {
		for (i = 0; i < len; i++) {
			unsigned char c = u[i];
			out->ptr[out->len + i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		}
		out->len += len;
		out->ptr[out->len] = '\0';
		return SW_OK;
	}
	for (i = 0; i < len;) {
		n = sw__utf8_decode(u + i, len - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		i += (size_t)n;
		if (cp < 0x80) {
			enc[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
			if (put_short(out, enc, 1))
				return SW_ENOMEM;
			continue;
		}
		if (cp >= 0xC0 && cp <= 0xFF) {
			/* Latin-1 letters, as CaseFolding.txt has them: upper
			 * case (not U+00D7) folds to cp + 0x20, "ß" to "ss" */
			if (cp == 0xDF) {
				if (put_short(out, "ss", 2))
					return SW_ENOMEM;
				continue;
			}
			if (cp <= 0xDE && cp != 0xD7)
				cp += 0x20;
			if (put_short(out, enc, (size_t)sw__utf8_encode(cp, enc)))
				return SW_ENOMEM;
			continue;
		}
		/* Full case folding, decomposed; re-composed below when a
		 * fold produced combining marks (e.g. U+0130). */
		m = utf8proc_decompose_char(cp, tmp, 8, UTF8PROC_CASEFOLD, NULL);
		if (m < 0 || m > 8) {
			tmp[0] = cp;
			m = 1;
		}
		for (k = 0; k < m; k++) {
			if (utf8proc_get_property(tmp[k])->combining_class)
				needs_compose = 1;
			if (sw_buf_put(out, enc, (size_t)sw__utf8_encode(tmp[k], enc)))
				return SW_ENOMEM;
		}
	}
	if (needs_compose) {
		utf8proc_uint8_t *nfc = NULL;
		m = utf8proc_map((const utf8proc_uint8_t *)out->ptr + start,
				 (utf8proc_ssize_t)(out->len - start), &nfc,
				 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (m < 0)
			return m == UTF8PROC_ERROR_NOMEM ? SW_ENOMEM : SW_OK;
		out->len = start;
		k = sw_buf_put(out, (const char *)nfc, (size_t)m);
		free(nfc);
		if (k)
			return SW_ENOMEM;
	}
	return SW_OK;
}

int sw__is_letter(int32_t cp)
{
	if (cp < 0x80)
		return (cp | 32) >= 'a' && (cp | 32) <= 'z';
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return 1;
	default:
		return 0;
	}
}

int sw__is_mark(int32_t cp)
{
	utf8proc_category_t c;

	if (cp < 0x300)
		return 0;
	c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC ||
	       c == UTF8PROC_CATEGORY_ME;
}

int sw__is_upper(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'A' && cp <= 'Z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LU ||
	       utf8proc_category(cp) == UTF8PROC_CATEGORY_LT;
}

int sw__is_lower(int32_t cp)
{
	if (cp < 0x80)
		return cp >= 'a' && cp <= 'z';
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

char sw__category_group(int32_t cp)
{
	static const char groups[] = "CLLLLLMMMNNNPPPPPPPSSSSZZZCCCCC";
	utf8proc_category_t c = utf8proc_category(cp);

	if ((size_t)c >= sizeof groups - 1)
		return 'C';
	return groups[c];
}
