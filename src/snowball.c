/*
 * snowball.c - the Snowball German stemmer on code points (see
 * internal/snowball.h).
 *
 * The algorithm, in the words of its description:
 *   prelude    "ß" becomes "ss"; "u" and "y" between vowels become "U"
 *              and "Y" (consonants from then on);
 *   regions    R1 starts after the first non-vowel that follows a vowel,
 *              but no earlier than after three letters; R2 is the same
 *              rule applied once more from where R1's rule stopped;
 *   step 1     the longest of "em" "ern" "er" / "e" "en" "es" / "s" (after
 *              a valid s-ending), deleted when it starts in R1; after
 *              "e" "en" "es", a remaining "niss" loses its last "s";
 *   step 2     the longest of "en" "er" "est" / "st" (after a valid
 *              st-ending that has at least three letters before it),
 *              deleted when it starts in R1;
 *   step 3     the longest of the derivational suffixes, when it starts
 *              in R2: "end" "ung" (then "ig" not after "e", in R2),
 *              "ig" "ik" "isch" (not after "e"), "lich" "heit" (then
 *              "er" or "en" in R1), "keit" (then "lich" or "ig" in R2);
 *   postlude   "U" "Y" back to lower case; "ä" "ö" "ü" lose the umlaut.
 * "The longest" is decided first and the condition after: when the
 * longest ending fails its condition, no shorter one is tried.
 */
#include <string.h>

#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/snowball.h"
#include "internal/utf8.h"

void sw__snowball_init(sw__snowball *s)
{
	s->cp = NULL;
	s->cap = 0;
}

void sw__snowball_release(sw__snowball *s)
{
	if (!s)
		return;
	sw__free(s->cp);
	sw__snowball_init(s);
}

/* The letters below U+0100 that the rules test: the vowels ("aeiouy"
 * and "äöü"), the letters that may stand before a deleted "s"
 * ("bdfghklmnrt") or "st" (those but "r"), and the last letters of all
 * suffixes ("mnrestgkhd"). */
enum { L_VOWEL = 1, L_S_ENDING = 2, L_ST_ENDING = 4, L_SUFFIX_END = 8 };

static const unsigned char letters[256] = {
	['a'] = L_VOWEL,
	['b'] = L_S_ENDING | L_ST_ENDING,
	['d'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['e'] = L_VOWEL | L_SUFFIX_END,
	['f'] = L_S_ENDING | L_ST_ENDING,
	['g'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['h'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['i'] = L_VOWEL,
	['k'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['l'] = L_S_ENDING | L_ST_ENDING,
	['m'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['n'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['o'] = L_VOWEL,
	['r'] = L_S_ENDING | L_SUFFIX_END,
	['s'] = L_SUFFIX_END,
	['t'] = L_S_ENDING | L_ST_ENDING | L_SUFFIX_END,
	['u'] = L_VOWEL,
	['y'] = L_VOWEL,
	[0xE4] = L_VOWEL,
	[0xF6] = L_VOWEL,
	[0xFC] = L_VOWEL,
};

static int has(uint32_t c, unsigned char k)
{
	return c < 0x100 && (letters[c] & k);
}

static int is_vowel(uint32_t c)
{
	return has(c, L_VOWEL);
}

typedef struct suffix {
	const char *s;
	size_t len;
} suffix;

#define SUFFIX(x) { x, sizeof x - 1 }

/* Whether w[0..n) ends in the ASCII suffix suf[0..k). */
static int ends(const uint32_t *w, size_t n, const char *suf, size_t k)
{
	size_t i;

	if (k > n)
		return 0;
	for (i = 0; i < k; i++)
		if (w[n - k + i] != (unsigned char)suf[i])
			return 0;
	return 1;
}

/* The longest of the nsufs suffixes (listed longest first) that w[0..n)
 * ends in, when it starts at or after region: its index, with *start
 * where it starts.  -1 when none is, or the longest starts before
 * region. */
static int ending_in(const uint32_t *w, size_t n, const suffix *sufs, int nsufs,
		     size_t region, size_t *start)
{
	int i;

	/* all suffixes end in one of these letters: most words end in none */
	if (!n || !has(w[n - 1], L_SUFFIX_END))
		return -1;
	for (i = 0; i < nsufs; i++)
		if (ends(w, n, sufs[i].s, sufs[i].len)) {
			*start = n - sufs[i].len;
			return *start >= region ? i : -1;
		}
	return -1;
}

/* Just past the first non-vowel that follows a vowel, from i on; n if
 * there is none. */
static size_t region_from(const uint32_t *w, size_t n, size_t i)
{
	while (i < n && !is_vowel(w[i]))
		i++;
	while (i < n && is_vowel(w[i]))
		i++;
	return i < n ? i + 1 : n;
}

/* Where the regions start: *p1 and *p2 (n when a region is empty).  R2's
 * rule starts where R1's stopped, before R1 is moved to three letters. */
static void mark_regions(const uint32_t *w, size_t n, size_t *p1, size_t *p2)
{
	size_t r;

	*p1 = *p2 = n;
	if (n < 3)
		return;
	r = region_from(w, n, 0);
	*p1 = r < 3 ? 3 : r;
	*p2 = region_from(w, n, r);
}

static size_t step1(const uint32_t *w, size_t n, size_t p1)
{
	enum { ERN, EM, ER, EN, ES, E, S };
	static const suffix sufs[] = { SUFFIX("ern"), SUFFIX("em"), SUFFIX("er"), SUFFIX("en"),
				       SUFFIX("es"), SUFFIX("e"), SUFFIX("s") };
	size_t start;
	int s = ending_in(w, n, sufs, (int)(sizeof sufs / sizeof *sufs), p1, &start);

	if (s < 0)
		return n;
	if (s == S) {
		if (start == 0 || !has(w[start - 1], L_S_ENDING))
			return n;
		return start;
	}
	if (s == E || s == EN || s == ES) {
		/* "Ergebnisse" -> "ergebnis" */
		if (start >= 4 && w[start - 1] == 's' && ends(w, start - 1, "nis", 3))
			return start - 1;
	}
	return start;
}

static size_t step2(const uint32_t *w, size_t n, size_t p1)
{
	enum { EST, EN, ER, ST };
	static const suffix sufs[] = { SUFFIX("est"), SUFFIX("en"), SUFFIX("er"), SUFFIX("st") };
	size_t start;
	int s = ending_in(w, n, sufs, (int)(sizeof sufs / sizeof *sufs), p1, &start);

	if (s < 0)
		return n;
	if (s == ST && (start < 4 || !has(w[start - 1], L_ST_ENDING)))
		return n;
	return start;
}

static size_t step3(const uint32_t *w, size_t n, size_t p1, size_t p2)
{
	enum { ISCH, LICH, HEIT, KEIT, END, UNG, IG, IK };
	static const suffix sufs[] = { SUFFIX("isch"), SUFFIX("lich"), SUFFIX("heit"),
				       SUFFIX("keit"), SUFFIX("end"),  SUFFIX("ung"),
				       SUFFIX("ig"),   SUFFIX("ik") };
	size_t start;
	int s = ending_in(w, n, sufs, (int)(sizeof sufs / sizeof *sufs), p2, &start);

	if (s < 0)
		return n;
	if (s == END || s == UNG) {
		if (ends(w, start, "ig", 2) && !(start >= 3 && w[start - 3] == 'e') &&
		    start - 2 >= p2)
			return start - 2;
		return start;
	}
	if (s == IG || s == IK || s == ISCH)
		return start >= 1 && w[start - 1] == 'e' ? n : start;
	if (s == LICH || s == HEIT) {
		if ((ends(w, start, "er", 2) || ends(w, start, "en", 2)) && start - 2 >= p1)
			return start - 2;
		return start;
	}
	/* "keit" */
	if (ends(w, start, "lich", 4) && start - 4 >= p2)
		return start - 4;
	if (ends(w, start, "ig", 2) && start - 2 >= p2)
		return start - 2;
	return start;
}

int sw__snowball_stem(sw_buf *out, sw__snowball *s, const char *word, size_t len)
{
	const unsigned char *u = (const unsigned char *)word;
	uint32_t *w;
	size_t n = 0, i, p1, p2;

	/* at most one code point per byte, plus one for each "ß" -> "ss" */
	if (sw__grow((void **)&s->cp, &s->cap, len + len / 2 + 1, sizeof *s->cp))
		return SW_ENOMEM;
	w = s->cp;
	for (i = 0; i < len;) {
		int32_t c;
		int k;
		if (u[i] < 0x80) {
			w[n++] = u[i++];
			continue;
		}
		k = sw__utf8_decode(u + i, len - i, &c);
		if (k < 0) {
			c = 0xFFFD;
			k = 1;
		}
		i += (size_t)k;
		if (c == 0xDF) {
			w[n++] = 's';
			w[n++] = 's';
		} else {
			w[n++] = (uint32_t)c;
		}
	}
	for (i = 0; i + 2 < n; i++)
		if (is_vowel(w[i]) && (w[i + 1] == 'u' || w[i + 1] == 'y') && is_vowel(w[i + 2]))
			w[i + 1] = w[i + 1] == 'u' ? 'U' : 'Y';
	mark_regions(w, n, &p1, &p2);
	n = step1(w, n, p1);
	n = step2(w, n, p1);
	n = step3(w, n, p1, p2);
	if (sw_buf_reserve(out, n * 4)) /* and the NUL */
		return SW_ENOMEM;
	for (i = 0; i < n; i++) {
		uint32_t c = w[i];
		switch (c) {
		case 'U': c = 'u'; break;
		case 'Y': c = 'y'; break;
		case 0xE4: c = 'a'; break;
		case 0xF6: c = 'o'; break;
		case 0xFC: c = 'u'; break;
		default: break;
		}
		if (c < 0x80)
			out->ptr[out->len++] = (char)c;
		else
			out->len += (size_t)sw__utf8_encode((int32_t)c, out->ptr + out->len);
	}
	out->ptr[out->len] = '\0';
	return SW_OK;
}
