/*
 * tokenize.c - stage 3 of the data flow: normalized text -> tokens and
 * sentences (rules in stichwort/tokenize.h, examples in
 * tests/spec/tokenize.txt).
 *
 * A single left-to-right scan.  ASCII bytes are classified with a table;
 * other characters by their Unicode category through utf8proc.  Every
 * decision looks at most a bounded distance ahead (an abbreviation has at
 * most MAX_ABBREV_PARTS parts, a gender suffix a few letters), so the scan
 * is linear in the text.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "stichwort/tokenize.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

#define MAX_ABBREV_PARTS 5
#define MAX_ABBREV_PART_LEN 12
#define MAX_ABBREV_KEY 96

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
static const char abbrev_list[] =
#include "abbrev_de.inc"
	;
#pragma GCC diagnostic pop

typedef struct abbrev_entry {
	char *key;    /* dotted form without spaces: "z.B." */
	size_t len;
	int final;    /* may end a sentence before a capitalised word */
} abbrev_entry;

struct sw_tokenizer {
	sw_tokenizer_options opts;
	sw_token *toks;
	size_t ntoks, cap;
	abbrev_entry *abbr; /* open addressing on sw__hash(key) */
	size_t abbr_cap;    /* power of two */
	/* a bit per (byte length, last byte) of the entries' first parts:
	 * most words before a full stop end no first part, and are told so
	 * without building keys */
	uint8_t first_part[MAX_ABBREV_PART_LEN + 1][32];
};

/* ---- character classes --------------------------------------------- */

enum { K_OTHER = 0, K_SPACE, K_NL, K_UPPER, K_LOWER, K_DIGIT, K_PUNCT, K_SYMBOL, K_HIGH };

static const unsigned char ascii_class[128] = {
	/* 0x00 */ K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE,
	/* 0x08 */ K_SPACE, K_SPACE, K_NL, K_NL, K_NL, K_SPACE, K_SPACE, K_SPACE,
	/* 0x10 */ K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE,
	/* 0x18 */ K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE, K_SPACE,
	/*  !"# */ K_SPACE, K_PUNCT, K_PUNCT, K_PUNCT,
	/* $%&' */ K_SYMBOL, K_PUNCT, K_PUNCT, K_PUNCT,
	/* ()*+ */ K_PUNCT, K_PUNCT, K_PUNCT, K_SYMBOL,
	/* ,-./ */ K_PUNCT, K_PUNCT, K_PUNCT, K_PUNCT,
	/* 0-7 */ K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT, K_DIGIT,
	/* 89:; */ K_DIGIT, K_DIGIT, K_PUNCT, K_PUNCT,
	/* <=>? */ K_SYMBOL, K_SYMBOL, K_SYMBOL, K_PUNCT,
	/* @ */ K_PUNCT,
	/* A-O */ K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER,
	K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER,
	/* P-Z */ K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER, K_UPPER,
	K_UPPER, K_UPPER, K_UPPER,
	/* [\]^_ */ K_PUNCT, K_PUNCT, K_PUNCT, K_SYMBOL, K_PUNCT,
	/* ` */ K_SYMBOL,
	/* a-o */ K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER,
	K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER,
	/* p-z */ K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER, K_LOWER,
	K_LOWER, K_LOWER, K_LOWER,
	/* {|}~ DEL */ K_PUNCT, K_SYMBOL, K_PUNCT, K_SYMBOL, K_SPACE
};

/* Class of a non-ASCII code point. */
static int class_of(int32_t cp)
{
	if (cp == 0x00A7) /* § is Po in Unicode; we treat it as a symbol */
		return K_SYMBOL;
	switch (sw__category_group(cp)) {
	case 'L':
		return sw__is_upper(cp) ? K_UPPER : K_LOWER;
	case 'M':
		return K_LOWER; /* marks continue words */
	case 'N':
		return K_DIGIT;
	case 'P':
		return K_PUNCT;
	case 'S':
		return K_SYMBOL;
	case 'Z':
		return cp == 0x2028 || cp == 0x2029 ? K_NL : K_SPACE;
	default:
		return K_SPACE; /* controls and format characters separate */
	}
}

static int is_word_class(int k)
{
	return k == K_UPPER || k == K_LOWER || k == K_DIGIT;
}

static int is_letter_class(int k)
{
	return k == K_UPPER || k == K_LOWER;
}

/* The classes of U+0080..U+07FF (two-byte sequences: the umlauts, ß, the
 * Latin, Greek and Cyrillic letters), filled once by class_of(). */
static unsigned char class2[0x800 - 0x80];
static pthread_once_t class2_once = PTHREAD_ONCE_INIT;

/* Bytes that matter right after a word, filled with class2. */
enum {
	B_WORD_STOP = 1, /* ASCII that ends a word for good: no '-', no joiner, no gender mark */
	B_EMAIL_MARK = 2 /* may continue an e-mail address's local part or start its domain */
};
static unsigned char after_word[256];

static void class2_init(void)
{
	int32_t cp;
	int c;

	for (cp = 0x80; cp < 0x800; cp++)
		class2[cp - 0x80] = (unsigned char)class_of(cp);
	for (c = 0; c < 0x80; c++) {
		if (!is_word_class(ascii_class[c]) && !strchr("-'&*:_/", c))
			after_word[c] |= B_WORD_STOP;
		if (c && strchr("@._+-%", c))
			after_word[c] |= B_EMAIL_MARK;
	}
}

/* Class of the character at t[i]; *cp and *n get the code point and its
 * byte length (invalid bytes count as one U+FFFD). */
static inline int class_at(const char *t, size_t len, size_t i, int32_t *cp, int *n)
{
	unsigned char c = (unsigned char)t[i];

	if (c < 0x80) {
		*cp = c;
		*n = 1;
		return ascii_class[c];
	}
	if (c >= 0xC2 && c <= 0xDF && i + 1 < len && ((unsigned char)t[i + 1] & 0xC0) == 0x80) {
		*cp = (int32_t)(c & 0x1F) << 6 | ((unsigned char)t[i + 1] & 0x3F);
		*n = 2;
		return class2[*cp - 0x80];
	}
	*n = sw__utf8_decode((const unsigned char *)t + i, len - i, cp);
	if (*n < 0) {
		*cp = 0xFFFD;
		*n = 1;
		return K_SYMBOL;
	}
	return class_of(*cp);
}

/* Class at i, or K_SPACE past the end. */
static int peek(const char *t, size_t len, size_t i)
{
	int32_t cp;
	int n;

	return i < len ? class_at(t, len, i, &cp, &n) : K_SPACE;
}

/* ---- the abbreviation table ----------------------------------------- */

static abbrev_entry *abbrev_find(const sw_tokenizer *tk, const char *key, size_t len)
{
	size_t mask = tk->abbr_cap - 1, i;

	if (!tk->abbr_cap)
		return NULL;
	i = (size_t)sw__hash(key, len, 0) & mask;
	while (tk->abbr[i].key) {
		if (tk->abbr[i].len == len && memcmp(tk->abbr[i].key, key, len) == 0)
			return &tk->abbr[i];
		i = (i + 1) & mask;
	}
	return NULL;
}

/* Mark the first part of key (up to its first '.') in tk->first_part.
 * A one-byte part may be looked up with its letter lowered, so every
 * last byte counts for that length. */
static void note_first_part(sw_tokenizer *tk, const char *key, size_t len)
{
	const char *dot = memchr(key, '.', len);
	size_t n = dot ? (size_t)(dot - key) : len;
	unsigned char last;

	if (n == 0 || n > MAX_ABBREV_PART_LEN)
		return;
	if (n == 1) {
		memset(tk->first_part[1], 0xFF, sizeof tk->first_part[1]);
		return;
	}
	last = (unsigned char)key[n - 1];
	tk->first_part[n][last >> 3] |= (uint8_t)(1u << (last & 7));
}

/* Whether the letters [i, e) may be the first part of an entry. */
static int may_start_abbrev(const sw_tokenizer *tk, const char *t, size_t i, size_t e)
{
	unsigned char last;

	if (e - i > MAX_ABBREV_PART_LEN)
		return 0;
	last = (unsigned char)t[e - 1];
	return (tk->first_part[e - i][last >> 3] >> (last & 7)) & 1;
}

/* Parse the built-in list: "entry[<TAB>final]" lines, "#" comments. */
static int abbrev_load(sw_tokenizer *tk)
{
	const char *p = abbrev_list, *end = abbrev_list + sizeof abbrev_list - 1;
	size_t n = 0, i;

	for (i = 0; abbrev_list[i]; i++)
		n += abbrev_list[i] == '\n';
	tk->abbr_cap = 16;
	while (tk->abbr_cap < n * 2 + 2)
		tk->abbr_cap *= 2;
	tk->abbr = sw__calloc(tk->abbr_cap, sizeof *tk->abbr);
	if (!tk->abbr)
		return SW_ENOMEM;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *tab, *hash;
		char key[MAX_ABBREV_KEY];
		size_t k = 0, h;
		const char *q;

		hash = memchr(p, '#', (size_t)(e - p));
		if (hash)
			e = hash;
		tab = memchr(p, '\t', (size_t)(e - p));
		for (q = p; q < (tab ? tab : e) && k < sizeof key; q++)
			if (*q != ' ' && *q != '\r')
				key[k++] = *q;
		if (k > 0 && k < sizeof key && !abbrev_find(tk, key, k)) {
			h = (size_t)sw__hash(key, k, 0) & (tk->abbr_cap - 1);
			while (tk->abbr[h].key)
				h = (h + 1) & (tk->abbr_cap - 1);
			tk->abbr[h].key = sw__strndup(key, k);
			if (!tk->abbr[h].key)
				return SW_ENOMEM;
			tk->abbr[h].len = k;
			tk->abbr[h].final = tab && strncmp(tab + 1, "final", 5) == 0;
			note_first_part(tk, key, k);
		}
		p = nl ? nl + 1 : end;
	}
	return SW_OK;
}

/* Look a key up as written, then with a capital first letter lowered
 * (a sentence-initial "Vgl." or "Z. B."). */
static const abbrev_entry *abbrev_lookup(const sw_tokenizer *tk, char *key, size_t len)
{
	const abbrev_entry *e = abbrev_find(tk, key, len);
	char c = key[0];

	/* only upper -> lower: "Mbit/s." must not match "S." */
	if (e || !(c >= 'A' && c <= 'Z'))
		return e;
	key[0] = (char)(c + 32);
	e = abbrev_find(tk, key, len);
	key[0] = c;
	return e;
}

/*
 * Match the longest abbreviation starting at i: letter runs each followed
 * by '.', separated by at most one space.  Returns the end offset, or 0.
 */
static size_t match_abbrev(const sw_tokenizer *tk, const char *t, size_t len, size_t i,
			   const abbrev_entry **entry)
{
	char key[MAX_ABBREV_KEY];
	size_t keylen[MAX_ABBREV_PARTS], ends[MAX_ABBREV_PARTS];
	size_t k = 0, p = i;
	int parts = 0;

	while (parts < MAX_ABBREV_PARTS) {
		size_t q = p;
		int32_t cp;
		int n;
		while (q < len && q - p <= MAX_ABBREV_PART_LEN &&
		       is_letter_class(class_at(t, len, q, &cp, &n)))
			q += (size_t)n;
		if (q == p || q - p > MAX_ABBREV_PART_LEN || q >= len || t[q] != '.' ||
		    k + (q - p) + 1 > sizeof key)
			break;
		memcpy(key + k, t + p, q - p);
		k += q - p;
		key[k++] = '.';
		keylen[parts] = k;
		ends[parts] = q + 1;
		parts++;
		p = q + 1;
		if (p < len && t[p] == ' ')
			p++;
		if (p >= len || !is_letter_class(peek(t, len, p)))
			break;
	}
	while (parts-- > 0) {
		const abbrev_entry *e = abbrev_lookup(tk, key, keylen[parts]);
		if (e) {
			*entry = e;
			return ends[parts];
		}
	}
	return 0;
}

/* ---- lifecycle ------------------------------------------------------ */

static int tokenizer_new_impl(sw_tokenizer **out, const sw_tokenizer_options *opts, sw_error *err)
{
	sw_tokenizer *tk = sw__calloc(1, sizeof *tk);

	if (!tk)
		return sw__error_oom(err);
	if (pthread_once(&class2_once, class2_init)) {
		sw__free(tk);
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1, "pthread_once failed");
	}
	if (opts)
		tk->opts = *opts;
	if (abbrev_load(tk) != SW_OK) {
		sw_tokenizer_free(tk);
		return sw__error_oom(err);
	}
	*out = tk;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_tokenizer_new(sw_tokenizer **out, const sw_tokenizer_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_tokenizer_new", out);
	return tokenizer_new_impl(out, opts, err);
}

void sw_tokenizer_free(sw_tokenizer *tk)
{
	size_t i;

	if (!tk)
		return;
	for (i = 0; tk->abbr && i < tk->abbr_cap; i++)
		sw__free(tk->abbr[i].key);
	sw__free(tk->abbr);
	sw__free(tk->toks);
	sw__free(tk);
}

const char *sw_token_type_name(sw_token_type type)
{
	static const char *const names[] = { "word", "number", "date", "url",
					     "email", "abbrev", "punct", "symbol" };
	return (unsigned)type < SW_TOKEN_NTYPES ? names[type] : "unknown";
}

int sw_tokenizer_is_abbrev(const sw_tokenizer *tk, const char *s, size_t len)
{
	const abbrev_entry *e;

	return len > 0 && match_abbrev(tk, s, len, 0, &e) == len;
}

/* ---- scanners --------------------------------------------------------- */

static int ascii_ieq(const char *a, size_t alen, const char *b)
{
	size_t i;

	if (alen != strlen(b))
		return 0;
	for (i = 0; i < alen; i++)
		if ((char)(a[i] >= 'A' && a[i] <= 'Z' ? a[i] + 32 : a[i]) != b[i])
			return 0;
	return 1;
}

static int in_list(const char *s, size_t len, const char *const *list)
{
	for (; *list; list++)
		if (ascii_ieq(s, len, *list))
			return 1;
	return 0;
}

static int starts_with_ci(const char *t, size_t len, size_t i, const char *lit)
{
	size_t l = strlen(lit), k;

	if (len - i < l)
		return 0;
	for (k = 0; k < l; k++) {
		char c = t[i + k];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != lit[k])
			return 0;
	}
	return 1;
}

/* URL: scheme or "www." up to white space, minus trailing punctuation
 * (a closing parenthesis stays when the URL opened one). */
static size_t scan_url(const char *t, size_t len, size_t i)
{
	size_t j = i;
	int open = 0;

	/* the second letter tells most words from "http", "ftp" and "www" */
	if (i + 1 >= len || !(t[i + 1] == 't' || t[i + 1] == 'T' || t[i + 1] == 'w' ||
			      t[i + 1] == 'W'))
		return 0;
	if (!(starts_with_ci(t, len, i, "https://") || starts_with_ci(t, len, i, "http://") ||
	      starts_with_ci(t, len, i, "ftp://") || starts_with_ci(t, len, i, "www.")))
		return 0;
	while (j < len) {
		unsigned char c = (unsigned char)t[j];
		if (c <= ' ' || c == '"' || c == '<' || c == '>')
			break;
		if (c == '(')
			open++;
		else if (c == ')')
			open--;
		j++;
	}
	while (j > i) {
		char c = t[j - 1];
		if (c == ')' && open < 0) {
			open++;
			j--;
		} else if (strchr(".,;:!?'\"]", c)) {
			j--;
		} else {
			break;
		}
	}
	return j - i > 7 ? j : 0;
}

static int email_local(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* E-mail address starting at i (ASCII local part and domain), or 0.
 * *scanned gets the end of the local-part run: no address can start
 * inside it when this one failed, which keeps "a.a.a.a..." linear. */
static size_t scan_email(const char *t, size_t len, size_t i, size_t *scanned)
{
	size_t j = i, d, k, last_dot = 0;

	while (j < len && email_local((unsigned char)t[j]))
		j++;
	*scanned = j;
	if (j == i || j >= len || t[j] != '@' || t[j - 1] == '.')
		return 0;
	d = ++j;
	while (j < len && (email_local((unsigned char)t[j]) && t[j] != '_' && t[j] != '%' &&
			   t[j] != '+'))
		j++;
	while (j > d && (t[j - 1] == '.' || t[j - 1] == '-'))
		j--;
	for (k = d; k < j; k++)
		if (t[k] == '.')
			last_dot = k;
	if (last_dot <= d || last_dot + 2 > j)
		return 0;
	return j;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t digits(const char *t, size_t len, size_t i)
{
	while (i < len && is_digit(t[i]))
		i++;
	return i;
}

/* Date at i: D.M.YY(YY) or YYYY-MM-DD (checked as numbers), or 0. */
static size_t scan_date(const char *t, size_t len, size_t i)
{
	size_t a = digits(t, len, i), b, c;
	int d, m;

	if (a - i >= 1 && a - i <= 2 && a < len && t[a] == '.') {
		b = digits(t, len, a + 1);
		if (b - a - 1 >= 1 && b - a - 1 <= 2 && b < len && t[b] == '.') {
			c = digits(t, len, b + 1);
			if ((c - b - 1 == 4 || c - b - 1 == 2) &&
			    !(c < len && (is_digit(t[c]) || is_letter_class(peek(t, len, c))))) {
				d = atoi(t + i);
				m = atoi(t + a + 1);
				if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
					return c;
			}
		}
	}
	if (a - i == 4 && a < len && t[a] == '-') {
		b = digits(t, len, a + 1);
		if (b - a - 1 == 2 && b < len && t[b] == '-') {
			c = digits(t, len, b + 1);
			if (c - b - 1 == 2 && !(c < len && is_word_class(peek(t, len, c)))) {
				m = atoi(t + a + 1);
				d = atoi(t + b + 1);
				if (d >= 1 && d <= 31 && m >= 1 && m <= 12)
					return c;
			}
		}
	}
	return 0;
}

/* Number at i: digits with '.' or ',' groups and ':' for times; an
 * optional percent or per-mille sign.  Returns the end. */
static size_t scan_number(const char *t, size_t len, size_t i)
{
	size_t j = digits(t, len, i);

	while (j + 1 < len && (t[j] == '.' || t[j] == ',' || t[j] == ':') && is_digit(t[j + 1]))
		j = digits(t, len, j + 1);
	if (j < len && t[j] == '%')
		j++;
	else if (j + 1 < len && t[j] == ' ' && t[j + 1] == '%')
		j += 2;
	else if (j + 2 < len && t[j] == ' ' && (unsigned char)t[j + 1] == 0xE2 &&
		 (unsigned char)t[j + 2] == 0x80 && j + 3 < len && (unsigned char)t[j + 3] == 0xB0)
		j += 4; /* per mille */
	return j;
}

static const char *const ordinal_before[] = {
	"am", "im", "vom", "zum", "zur", "beim", "der", "die", "das", "den", "dem", "des",
	"dieser", "diesem", "dieses", "jeder", "jedem", "ihr", "ihrem", "ihrer", "sein",
	"seinem", "seiner", "unser", "unserem", "ein", "eine", "einem", "einer", "einen", NULL
};

static const char *const ordinal_nouns[] = {
	"januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
	"oktober", "november", "dezember", "jan.", "feb.", "febr.", "aug.", "sept.", "okt.",
	"nov.", "dez.", "jahrhundert", "jahrhunderts", "quartal", "quartals", "halbjahr",
	"lesung", "wahlperiode", "legislaturperiode", "sitzung", "mal", "kapitel", "abschnitt",
	"teil", "platz", "stelle", "klasse", "stufe", "änderung", "änderungsgesetz", "buch",
	"bundestag", "deutschen", "deutsche", "deutscher", "hälfte", "tag", "woche", "jahr",
	"welle", "runde", NULL
};

/* Whether i is at the start of a line (only spaces before it on the line). */
static int at_line_start(const char *t, size_t i)
{
	while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\t'))
		i--;
	return i == 0 || t[i - 1] == '\n';
}

/* Next visible character after i, skipping white space and opening
 * quotes/brackets; its class, or K_SPACE at the end. */
static int next_visible(const char *t, size_t len, size_t i, size_t *at)
{
	while (i < len) {
		int32_t cp;
		int n, k = class_at(t, len, i, &cp, &n);
		if (k != K_SPACE && k != K_NL && !(k == K_PUNCT && strchr("\"'([", (int)cp) && cp < 0x80)) {
			*at = i;
			return k;
		}
		i += (size_t)n;
	}
	*at = len;
	return K_SPACE;
}

/* The word starting at at (letters only), for the ordinal noun check. */
static size_t word_end(const char *t, size_t len, size_t at)
{
	int32_t cp;
	int n;

	while (at < len && is_letter_class(class_at(t, len, at, &cp, &n)))
		at += (size_t)n;
	if (at < len && t[at] == '.')
		at++;
	return at;
}

/* Whether a sentence end mark before position i really ends the
 * sentence: not when the next word starts lower case or a comma-like
 * mark follows. */
static int ends_sentence(const char *t, size_t len, size_t i)
{
	size_t at;
	int k = next_visible(t, len, i, &at);

	if (k == K_LOWER)
		return 0;
	if (at < len && (t[at] == ',' || t[at] == ';' || t[at] == ':'))
		return 0;
	return 1;
}

/* Gender suffix at i (just after a word): "*innen", ":in", "_innen",
 * "/-innen", "/innen", "·innen", "*r", "_e"... Returns its end or 0. */
static size_t scan_gender(const char *t, size_t len, size_t i)
{
	size_t j = i, s;
	char mark = t[i];

	if (mark == '*' || mark == ':' || mark == '_') {
		j = i + 1;
	} else if (mark == '/') {
		j = i + 1;
		if (j < len && t[j] == '-')
			j++;
	} else if ((unsigned char)mark == 0xC2 && i + 1 < len && (unsigned char)t[i + 1] == 0xB7) {
		j = i + 2;
	} else {
		return 0;
	}
	s = j;
	if (j + 1 < len && t[j] == 'i' && t[j + 1] == 'n') {
		j += 2;
		if (j + 2 < len && t[j] == 'n' && t[j + 1] == 'e' && t[j + 2] == 'n')
			j += 3;
	} else if (mark == '*' || mark == '_') {
		/* "jede*r", "ein_e", "Kolleg*en", and whole forms of up to four
		 * letters after the mark: "Rom*nja", "Sinti*zze" */
		while (j < len && j - s < 4 && t[j] >= 'a' && t[j] <= 'z')
			j++;
		if (j == s)
			return 0;
	} else {
		return 0;
	}
	if (j < len && is_word_class(peek(t, len, j)))
		return 0;
	return j;
}

/* Binnen-I: the word [s, e) ends in lower-case letter + "In"/"Innen". */
static inline int binnen_i(const char *t, size_t s, size_t e)
{
	size_t l = e - s;

	if (l < 5 || t[e - 1] != 'n')
		return 0;
	if (l >= 7 && memcmp(t + e - 5, "Innen", 5) == 0)
		return t[e - 6] >= 'a' && t[e - 6] <= 'z';
	if (l >= 5 && memcmp(t + e - 2, "In", 2) == 0)
		return t[e - 3] >= 'a' && t[e - 3] <= 'z';
	return 0;
}

/* Suspended hyphen: "Cloud-" followed by (space) und/oder/bzw./sowie or
 * a comma. */
static int suspended_after(const char *t, size_t len, size_t j)
{
	static const char *const words[] = { "und", "oder", "bzw.", "sowie", NULL };
	size_t k;

	if (j < len && t[j] == ',')
		return 1;
	if (j >= len || (t[j] != ' ' && t[j] != '\n'))
		return 0;
	while (j < len && (t[j] == ' ' || t[j] == '\n'))
		j++;
	for (k = 0; words[k]; k++) {
		size_t l = strlen(words[k]);
		if (len - j >= l && memcmp(t + j, words[k], l) == 0 &&
		    (j + l == len || !is_word_class(peek(t, len, j + l))))
			return 1;
	}
	return 0;
}

/* The end of the run of ASCII letters and digits at j: sixteen bytes at
 * a time with SSE2 (every x86-64 has it) while sixteen are left, then
 * eight at a time: per byte, the high bit of ge_a & ~gt_z marks a letter
 * (of the byte with bit 5 set, so upper case too), ge_0 & ~gt_9 a digit;
 * the additions carry into no neighbour, as every byte is below 0x80
 * when masked.  The first byte that is neither ends the run.  This
 * replaces a branch per byte, mispredicted at the word's end, by one per
 * word. */
static inline size_t ascii_word_run(const char *t, size_t len, size_t j)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

#ifdef __SSE2__
	/* Sixteen bytes at a time first, which takes nearly every word in
	 * one step: a byte is a letter when (b | 0x20) + 0x1F, as a signed
	 * byte, is below -102 ('a' to 'z' give -128 to -103), a digit when
	 * b + 0x50 is below -118 ('0' to '9' give -128 to -119); no other
	 * byte, ASCII or not, lands there. */
	while (j + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + j));
		__m128i letter = _mm_cmplt_epi8(
			_mm_add_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x1F)),
			_mm_set1_epi8(-102));
		__m128i digit = _mm_cmplt_epi8(_mm_add_epi8(x, _mm_set1_epi8(0x50)),
					       _mm_set1_epi8(-118));
		unsigned other = (unsigned)_mm_movemask_epi8(_mm_or_si128(letter, digit)) ^ 0xFFFFu;
		if (other)
			return j + (size_t)__builtin_ctz(other);
		j += 16;
	}
#endif
	while (j + 8 <= len) {
		uint64_t x, a, y, ge_a, gt_z, ge_0, gt_9, word;
		memcpy(&x, t + j, 8);
		a = x & ~high; /* x's high bits mark the non-ASCII bytes */
		y = a | ones * 0x20;
		ge_a = y + ones * (0x80 - 'a');
		gt_z = y + ones * (0x80 - 'z' - 1);
		ge_0 = a + ones * (0x80 - '0');
		gt_9 = a + ones * (0x80 - '9' - 1);
		word = ((ge_a & ~gt_z) | (ge_0 & ~gt_9)) & ~x & high;
		if (word != high)
			return j + (size_t)(__builtin_ctzll(~word & high) >> 3);
		j += 8;
	}
	while (j < len && (unsigned char)t[j] < 0x80 && is_word_class(ascii_class[(unsigned char)t[j]]))
		j++;
	return j;
}

/* A word at i: letters/digits joined by inner hyphens, apostrophes,
 * ampersands and gender marks.  Returns the end; sets *flags. */
static size_t scan_word(const char *t, size_t len, size_t i, unsigned *flags)
{
	size_t j = i, g;
	int32_t cp;
	int n, k;

	*flags = 0;
	for (;;) {
		for (;;) {
			unsigned char c;
			j = ascii_word_run(t, len, j);
			if (j >= len)
				break;
			c = (unsigned char)t[j];
			if (c < 0x80) {
				if (!is_word_class(ascii_class[c]))
					break;
				j++;
			} else if (is_word_class(class_at(t, len, j, &cp, &n))) {
				j += (size_t)n;
			} else {
				break;
			}
		}
		if (j >= len)
			break;
		if (t[j] == '-') {
			k = peek(t, len, j + 1);
			if (is_word_class(k)) {
				*flags |= SW_TOKEN_F_HYPHENATED;
				j++;
				continue;
			}
			if (suspended_after(t, len, j + 1)) {
				*flags |= SW_TOKEN_F_SUSPENDED;
				j++;
			}
			break;
		}
		if ((t[j] == '\'' || t[j] == '&') && is_letter_class(peek(t, len, j + 1)) &&
		    is_letter_class(peek(t, len, j - 1))) {
			j++;
			continue;
		}
		g = scan_gender(t, len, j);
		if (g) {
			*flags |= SW_TOKEN_F_GENDERED;
			j = g;
			/* "Bürger*innen-Beteiligung" */
			if (j + 1 < len && t[j] == '-' && is_word_class(peek(t, len, j + 1))) {
				*flags |= SW_TOKEN_F_HYPHENATED;
				j++;
				continue;
			}
		}
		break;
	}
	if (!(*flags & SW_TOKEN_F_GENDERED) && binnen_i(t, i, j))
		*flags |= SW_TOKEN_F_GENDERED;
	return j;
}

/* Ordinal test for the number [i, e) followed by '.': "3. Oktober",
 * "im 21. Jahrhundert", "1. Einleitung" at a line start. */
static int is_ordinal(const char *t, size_t len, size_t i, size_t e, size_t prev_word_s,
		      size_t prev_word_e)
{
	size_t at;
	int nk;

	if (e >= len || t[e] != '.' || e - i > 3 || digits(t, len, i) != e)
		return 0;
	if (e + 1 < len && t[e + 1] != ' ' && t[e + 1] != '\n')
		return 0;
	nk = next_visible(t, len, e + 1, &at);
	if (nk == K_LOWER || at_line_start(t, i))
		return 1;
	if (nk != K_UPPER)
		return 0;
	if (in_list(t + at, word_end(t, len, at) - at, ordinal_nouns))
		return 1;
	/* "der 20. Deutsche Bundestag": a determiner or preposition just before */
	return prev_word_e > prev_word_s && prev_word_e < i && i - prev_word_e <= 2 &&
	       in_list(t + prev_word_s, prev_word_e - prev_word_s, ordinal_before);
}

/* A token that starts with a letter or digit: URL, date, number, word or
 * abbreviation.  Returns its end and sets its type and flags. */
static size_t scan_wordlike(const sw_tokenizer *tk, const char *t, size_t len, size_t i,
			    int k, sw_token_type *type, unsigned *flags, int *end_mark,
			    size_t prev_word_s, size_t prev_word_e)
{
	const abbrev_entry *ab = NULL;
	size_t e;

	*type = SW_TOKEN_WORD;
	if (((t[i] | 0x20) == 'h' || (t[i] | 0x20) == 'w' || (t[i] | 0x20) == 'f') &&
	    (e = scan_url(t, len, i))) {
		*type = SW_TOKEN_URL;
		return e;
	}
	if (k == K_DIGIT && is_digit(t[i])) {
		if ((e = scan_date(t, len, i))) {
			*type = SW_TOKEN_DATE;
			return e;
		}
		e = scan_number(t, len, i);
		if (e < len && is_letter_class(peek(t, len, e)) && t[e - 1] != '%')
			return scan_word(t, len, i, flags); /* "5G", "1990er" */
		*type = SW_TOKEN_NUMBER;
		if (is_ordinal(t, len, i, e, prev_word_s, prev_word_e)) {
			*flags |= SW_TOKEN_F_ORDINAL;
			e++;
		}
		return e;
	}
	/* most words: ASCII letters up to a space or a punctuation mark */
	e = ascii_word_run(t, len, i);
	if (e > i && (e == len || (after_word[(unsigned char)t[e]] & B_WORD_STOP)))
		*flags = binnen_i(t, i, e) ? SW_TOKEN_F_GENDERED : 0;
	else
		e = scan_word(t, len, i, flags);
	/* an abbreviation's first part is a letter run followed by '.', where
	 * the word scan stops too: only then is the list consulted */
	if (e < len && t[e] == '.' && is_letter_class(k) && may_start_abbrev(tk, t, i, e)) {
		size_t ae = match_abbrev(tk, t, len, i, &ab);
		if (ae) {
			size_t at;
			*type = SW_TOKEN_ABBREV;
			*flags = 0;
			if (ab->final && ends_sentence(t, len, ae) &&
			    next_visible(t, len, ae, &at) == K_UPPER)
				*end_mark = 1;
			return ae;
		}
	}
	return e;
}

/* ---- the driver ------------------------------------------------------- */

static int grow_tokens(sw_tokenizer *tk)
{
	return sw__grow((void **)&tk->toks, &tk->cap, tk->ntoks + 1, sizeof *tk->toks);
}

/* Append a token: inline at both call sites, the growing out of line. */
static inline int push(sw_tokenizer *tk, size_t start, size_t end, sw_token_type type,
		       uint32_t sentence, unsigned flags)
{
	if (tk->ntoks == tk->cap && grow_tokens(tk))
		return SW_ENOMEM;
	tk->toks[tk->ntoks++] = (sw_token){ start, end - start, type, sentence, flags };
	return SW_OK;
}

int sw_tokenize(const sw_token **tokens_out, size_t *n_out, sw_tokenizer *tk,
		const char *t, size_t len, sw_error *err)
{
	size_t i = 0;
	uint32_t sentence = 0;
	int pending = 0;      /* a sentence ended; the next token (unless a closer) starts one */
	int in_sentence = 0;  /* the current sentence has tokens */
	size_t prev_end = 0;
	size_t prev_word_s = 0, prev_word_e = 0; /* last word token, for ordinals */
	size_t email_fail = 0; /* no e-mail address starts before this offset */

	tk->ntoks = 0;
	while (i < len) {
		int32_t cp;
		int n, k;

		if (t[i] == ' ') { /* the space between words: no class needed */
			i++;
			continue;
		}
		/* Most tokens: ASCII letters ended by a space or a mark that
		 * starts no e-mail address, abbreviation or URL (not '.',
		 * '@', '+', '%'; and not ':', which is no B_WORD_STOP: every
		 * URL scan_url() takes has "http:", "https:", "ftp:" or
		 * "www." at its start).  This is what the general path below
		 * makes of them, without its checks. */
		if ((unsigned)(((unsigned char)t[i] | 0x20) - 'a') < 26u) {
			size_t e = ascii_word_run(t, len, i);
			unsigned char stop = e < len ? after_word[(unsigned char)t[e]] : B_WORD_STOP;
			if ((stop & (B_WORD_STOP | B_EMAIL_MARK)) == B_WORD_STOP) {
				if (pending) {
					sentence++;
					pending = 0;
				}
				prev_word_s = i;
				prev_word_e = e;
				if (push(tk, i, e, SW_TOKEN_WORD, sentence,
					 binnen_i(t, i, e) ? SW_TOKEN_F_GENDERED : 0))
					return sw__error_oom(err);
				in_sentence = 1;
				prev_end = e;
				i = e;
				continue;
			}
		}
		k = class_at(t, len, i, &cp, &n);
		size_t e = 0;
		sw_token_type type = SW_TOKEN_WORD;
		unsigned flags = 0;
		int closer = 0, end_mark = 0;

		if (k == K_SPACE || k == K_NL) {
			int nl = 0;
			while (i < len) {
				unsigned char c = (unsigned char)t[i];
				if (c == ' ') {
					i++;
					continue;
				}
				k = class_at(t, len, i, &cp, &n);
				if (k == K_NL)
					nl++;
				else if (k != K_SPACE)
					break;
				i += (size_t)n;
			}
			if (nl >= 2 && in_sentence)
				pending = 1; /* blank line: paragraph */
			continue;
		}
		if (is_letter_class(k) || k == K_DIGIT) {
			e = scan_wordlike(tk, t, len, i, k, &type, &flags, &end_mark,
					  prev_word_s, prev_word_e);
			if (e < len && (after_word[(unsigned char)t[e]] & B_EMAIL_MARK) &&
			    (unsigned char)t[i] < 0x80 && i >= email_fail &&
			    (t[e] == '@' || (e + 1 < len && (t[e + 1] == '@' ||
							     email_local((unsigned char)t[e + 1]))))) {
				size_t scanned, m = scan_email(t, len, i, &scanned);
				if (m) {
					e = m;
					type = SW_TOKEN_EMAIL;
					flags = 0;
					end_mark = 0;
				} else {
					email_fail = scanned;
				}
			}
		} else if (cp == 0x00A7) {
			/* "§ 5", "§§ 5": the sign with its number */
			size_t j = i + (size_t)n;
			if (j + 1 < len && (unsigned char)t[j] == 0xC2 && (unsigned char)t[j + 1] == 0xA7)
				j += 2;
			if (j < len && t[j] == ' ')
				j++;
			if (j < len && is_digit(t[j])) {
				e = digits(t, len, j);
				while (e < len && t[e] >= 'a' && t[e] <= 'z' && e - j < 6 &&
				       !is_letter_class(peek(t, len, e + 1)))
					e++; /* "§ 5a" */
			} else {
				e = i + (size_t)n;
			}
			type = SW_TOKEN_SYMBOL;
		} else if (k == K_SYMBOL) {
			e = i + (size_t)n;
			type = SW_TOKEN_SYMBOL;
		} else {
			/* punctuation; "..." is one token */
			type = SW_TOKEN_PUNCT;
			e = i + (size_t)n;
			if (cp == '.') {
				while (e < len && t[e] == '.')
					e++;
			}
			if ((cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) &&
			    ends_sentence(t, len, e))
				end_mark = 1;
			if ((cp == '"' || cp == '\'' || cp == ')' || cp == ']' || cp == '}') &&
			    pending && prev_end == i)
				closer = 1;
		}
		if (pending && !closer) {
			sentence++;
			pending = 0;
			in_sentence = 0;
		}
		if (end_mark)
			flags |= SW_TOKEN_F_SENT_END;
		if (type == SW_TOKEN_WORD) {
			prev_word_s = i;
			prev_word_e = e;
		} else if (type != SW_TOKEN_PUNCT) {
			prev_word_s = prev_word_e = 0;
		}
		if (!(tk->opts.drop_punct && type == SW_TOKEN_PUNCT) &&
		    push(tk, i, e, type, sentence, flags))
			return sw__error_oom(err);
		in_sentence = 1;
		if (end_mark)
			pending = 1;
		prev_end = e;
		i = e;
	}
	*tokens_out = tk->toks;
	*n_out = tk->ntoks;
	return SW_OK;
}
