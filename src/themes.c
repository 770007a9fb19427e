/*
 * themes.c - theme dictionaries: read from JSON or made from a list of
 * terms, their patterns checked, and their accessors (see
 * stichwort/themes.h for the rules; docs/themes.md for examples).  The
 * matcher is in matcher.c, the counts per document in theme_counts.c.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "stichwort/themes.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/file.h"
#include "internal/json.h"
#include "internal/utf8.h"
#include "themedict.h"

void sw_themes_free(sw_themes *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		sw__free(t->names[i]);
	for (i = 0; i < t->npats; i++)
		sw__free(t->pats[i]);
	sw__free(t->names);
	sw__free(t->pfirst);
	sw__free(t->pats);
	sw__free(t);
}

size_t sw_themes_count(const sw_themes *t)
{
	return t ? t->n : 0;
}

const char *sw_themes_name(const sw_themes *t, size_t theme)
{
	return t && theme < t->n ? t->names[theme] : NULL;
}

size_t sw_themes_npatterns(const sw_themes *t, size_t theme)
{
	return t && theme < t->n ? t->pfirst[theme + 1] - t->pfirst[theme] : 0;
}

const char *sw_themes_pattern(const sw_themes *t, size_t theme, size_t pattern)
{
	if (!t || theme >= t->n || pattern >= t->pfirst[theme + 1] - t->pfirst[theme])
		return NULL;
	return t->pats[t->pfirst[theme] + pattern];
}

size_t sw_themes_total_patterns(const sw_themes *t)
{
	return t ? t->npats : 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Whether s[0..len) holds a letter or a digit. */
int sw__themes_has_alnum(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		int32_t cp;
		int k = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k < 0)
			return 0;
		{
			char g = sw__category_group(cp);
			if (g == 'L' || g == 'N')
				return 1;
		}
		i += (size_t)k;
	}
	return 0;
}

/* The next space-separated word of s[0..len) at or after *i: 1 with the
 * word in [*w0, *i), or 0 when only spaces are left. */
int sw__themes_next_word(const char *s, size_t len, size_t *i, size_t *w0)
{
	while (*i < len && is_space(s[*i]))
		(*i)++;
	if (*i == len)
		return 0;
	*w0 = *i;
	while (*i < len && !is_space(s[*i]))
		(*i)++;
	return 1;
}

/* Check one pattern's syntax (rules in themes.h).  0, or -1 with a
 * message in msg. */
static int check_pattern(const char *s, size_t len, char *msg, size_t cap)
{
	size_t i = 0, nwords = 0;

	if (sw__utf8_invalid_at(s, len) != len) {
		snprintf(msg, cap, "pattern is not valid UTF-8");
		return -1;
	}
	if (memchr(s, '\0', len)) {
		snprintf(msg, cap, "pattern contains a NUL byte");
		return -1;
	}
	for (;;) {
		size_t w0;
		const char *w;
		size_t wl;

		if (!sw__themes_next_word(s, len, &i, &w0))
			break;
		w = s + w0;
		wl = i - w0;
		if (++nwords > MAX_WORDS) {
			snprintf(msg, cap, "pattern has more than %d words", MAX_WORDS);
			return -1;
		}
		if (w[0] == '=') {
			if (wl == 1 || !sw__themes_has_alnum(w + 1, wl - 1)) {
				snprintf(msg, cap, "'=' must be followed by a word: \"%.*s\"", (int)wl, w);
				return -1;
			}
		} else if (wl >= 5 && memcmp(w, "stem:", 5) == 0) {
			if (wl == 5 || !sw__themes_has_alnum(w + 5, wl - 5)) {
				snprintf(msg, cap, "'stem:' must be followed by a stem key: \"%.*s\"", (int)wl,
					 w);
				return -1;
			}
		} else if (memchr(w, '*', wl)) {
			/* a glob: every hyphen-separated part with a star needs
			 * something besides stars */
			size_t p = 0;
			while (p < wl) {
				size_t q = p;
				while (q < wl && w[q] != '-')
					q++;
				if (q > p && memchr(w + p, '*', q - p) && !sw__themes_has_alnum(w + p, q - p)) {
					snprintf(msg, cap,
						 "bad glob \"%.*s\": '*' needs letters or digits beside it",
						 (int)wl, w);
					return -1;
				}
				p = q + 1;
			}
			if (!sw__themes_has_alnum(w, wl)) {
				snprintf(msg, cap, "bad glob \"%.*s\"", (int)wl, w);
				return -1;
			}
		}
	}
	if (!nwords) {
		snprintf(msg, cap, "empty pattern");
		return -1;
	}
	/* plain words may be signs ("87 %"), but not all of them */
	if (!sw__themes_has_alnum(s, len)) {
		snprintf(msg, cap, "\"%.*s\" has no letter or digit", (int)(len > 60 ? 60 : len), s);
		return -1;
	}
	return 0;
}

static int themes_add_theme(sw_themes *t, const char *name, size_t len)
{
	char *copy;

	if (t->n + 1 >= t->capthemes) {
		size_t cap = t->capthemes;
		void *p = t->names;
		if (sw__grow(&p, &cap, t->n + 2, sizeof *t->names))
			return SW_ENOMEM;
		t->names = p;
		cap = t->capthemes;
		p = t->pfirst;
		if (sw__grow(&p, &cap, t->n + 2, sizeof *t->pfirst))
			return SW_ENOMEM;
		t->pfirst = p;
		t->capthemes = cap;
	}
	if (!(copy = sw__strndup(name, len)))
		return SW_ENOMEM;
	t->names[t->n] = copy;
	t->pfirst[t->n] = t->npats;
	t->n++;
	t->pfirst[t->n] = t->npats;
	return SW_OK;
}

static int themes_add_pattern(sw_themes *t, const char *s, size_t len)
{
	char *copy;

	if (sw__grow((void **)&t->pats, &t->cappats, t->npats + 1, sizeof *t->pats))
		return SW_ENOMEM;
	if (!(copy = sw__strndup(s, len)))
		return SW_ENOMEM;
	t->pats[t->npats++] = copy;
	t->pfirst[t->n] = t->npats;
	return SW_OK;
}

static sw_themes *themes_new(void)
{
	return sw__calloc(1, sizeof(sw_themes));
}

/* ---- where things are in the JSON text (for error positions) ----
 * jansson reports positions of syntax errors only; for a bad pattern the
 * raw text (already validated by jansson) is walked again to the value. */

/* The walks of internal/json.h, ending at n where the text ends. */
static size_t js_string(const char *s, size_t n, size_t i)
{
	size_t e = sw__json_skip_string(s, n, i);

	return e == SW_JSON_END ? n : e;
}

static size_t js_value(const char *s, size_t n, size_t i)
{
	size_t e = sw__json_skip_value(s, n, i);

	return e == SW_JSON_END ? n : e;
}

/* Offset of member number k's value in the object at s[i] ('{'); if key
 * is given, of the member with that (unescaped) key instead.  n if not
 * found. */
static size_t js_member(const char *s, size_t n, size_t i, size_t k, const char *key)
{
	size_t m = 0;

	if (i >= n || s[i] != '{')
		return n;
	i = sw__json_skip_ws(s, n, i + 1);
	while (i < n && s[i] == '"') {
		size_t k0 = i + 1, k1 = js_string(s, n, i) - 1, v;
		i = sw__json_skip_ws(s, n, k1 + 1);
		if (i < n && s[i] == ':')
			i = sw__json_skip_ws(s, n, i + 1);
		v = i;
		if (key ? (k1 - k0 == strlen(key) && memcmp(s + k0, key, k1 - k0) == 0) : m == k)
			return v;
		m++;
		i = sw__json_skip_ws(s, n, js_value(s, n, i));
		if (i < n && s[i] == ',')
			i = sw__json_skip_ws(s, n, i + 1);
	}
	return n;
}

/* Offset of element k of the array at s[i] ('['), n if not found. */
static size_t js_element(const char *s, size_t n, size_t i, size_t k)
{
	size_t m = 0;

	if (i >= n || s[i] != '[')
		return n;
	i = sw__json_skip_ws(s, n, i + 1);
	while (i < n && s[i] != ']') {
		if (m++ == k)
			return i;
		i = sw__json_skip_ws(s, n, js_value(s, n, i));
		if (i < n && s[i] == ',')
			i = sw__json_skip_ws(s, n, i + 1);
	}
	return n;
}

/* The offset of theme ti's value (elem == SIZE_MAX) or of its element
 * elem; 0 when it cannot be found. */
static size_t js_locate(const char *s, size_t n, int wrapped, size_t ti, size_t elem)
{
	size_t i = sw__json_skip_ws(s, n, 0);

	if (wrapped)
		i = js_member(s, n, i, 0, "themes");
	i = js_member(s, n, i, ti, NULL);
	if (elem != SIZE_MAX)
		i = js_element(s, n, i, elem);
	return i < n ? i : 0;
}

static long line_of(const char *s, size_t off)
{
	long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (s[i] == '\n')
			line++;
	return line;
}

static int parse_fail(sw_error *err, const char *json, size_t len, const char *path, size_t off,
		      const char *msg)
{
	(void)len;
	return sw__error_set(err, SW_EFORMAT, path, line_of(json, off), (long long)off, "%s", msg);
}

static int themes_parse_impl(sw_themes **out, const char *json, size_t len, const char *path,
			     sw_error *err)
{
	json_error_t je;
	json_t *root, *obj, *val, *th;
	const char *key;
	sw_themes *t = NULL;
	size_t ti = 0;
	int wrapped = 0, rc = SW_OK;
	char msg[256];

	*out = NULL;
	if (!json && len)
		return sw__error_set(err, SW_EINVAL, path, 0, -1, "no dictionary text");
	root = json_loadb(json ? json : "", len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		/* jansson's position is the byte where it stopped */
		size_t off = je.position > 0 ? (size_t)je.position : 0;
		if (off > len)
			off = len;
		return sw__error_set(err, SW_EFORMAT, path, je.line > 0 ? je.line : line_of(json, off),
				     (long long)off, "JSON syntax error: %s", je.text);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return parse_fail(err, json, len, path, sw__json_skip_ws(json, len, 0),
				  "a dictionary is a JSON object: {\"themes\": {\"NAME\": [\"pattern\", ...]}}");
	}
	obj = root;
	th = json_object_get(root, "themes");
	if (th && json_is_object(th)) {
		obj = th;
		wrapped = 1;
	}
	if (json_object_size(obj) == 0) {
		json_decref(root);
		return parse_fail(err, json, len, path, sw__json_skip_ws(json, len, 0),
				  "the dictionary has no themes");
	}
	if (!(t = themes_new())) {
		json_decref(root);
		return sw__error_oom(err);
	}
	json_object_foreach(obj, key, val)
	{
		size_t j, klen = strlen(key);

		if (klen == 0 || !sw__themes_has_alnum(key, klen)) {
			rc = parse_fail(err, json, len, path, js_locate(json, len, wrapped, ti, SIZE_MAX),
					"a theme needs a name with a letter or digit");
			goto fail;
		}
		if (!json_is_array(val)) {
			snprintf(msg, sizeof msg, "theme \"%.100s\" is not an array of strings", key);
			rc = parse_fail(err, json, len, path, js_locate(json, len, wrapped, ti, SIZE_MAX),
					msg);
			goto fail;
		}
		if (json_array_size(val) == 0) {
			snprintf(msg, sizeof msg, "theme \"%.100s\" has no patterns", key);
			rc = parse_fail(err, json, len, path, js_locate(json, len, wrapped, ti, SIZE_MAX),
					msg);
			goto fail;
		}
		if (themes_add_theme(t, key, klen)) {
			rc = sw__error_oom(err);
			goto fail;
		}
		for (j = 0; j < json_array_size(val); j++) {
			json_t *p = json_array_get(val, j);
			char pm[200];
			if (!json_is_string(p)) {
				snprintf(msg, sizeof msg,
					 "theme \"%.100s\": pattern %zu is not a string (a theme is an array of strings)",
					 key, j + 1);
				rc = parse_fail(err, json, len, path, js_locate(json, len, wrapped, ti, j),
						msg);
				goto fail;
			}
			if (check_pattern(json_string_value(p), json_string_length(p), pm, sizeof pm)) {
				snprintf(msg, sizeof msg, "theme \"%.40s\", pattern %zu: %.160s", key, j + 1, pm);
				rc = parse_fail(err, json, len, path, js_locate(json, len, wrapped, ti, j),
						msg);
				goto fail;
			}
			if (themes_add_pattern(t, json_string_value(p), json_string_length(p))) {
				rc = sw__error_oom(err);
				goto fail;
			}
		}
		ti++;
	}
	json_decref(root);
	*out = t;
	return SW_OK;
fail:
	json_decref(root);
	sw_themes_free(t);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h).  A
 * UTF-8 byte order mark (Notepad writes one) is stripped as from every
 * other input.  It stands as three spaces, so that lines and byte
 * offsets in messages stay those of the file. */
int sw_themes_parse(sw_themes **out, const char *json, size_t len, const char *path,
		    sw_error *err)
{
	char *bomless;
	int rc;

	SW__NEED(err, "sw_themes_parse", out);
	if (len && !json)
		return sw__error_null(err, "sw_themes_parse", "json");
	if (!json || len < 3 || memcmp(json, "\xEF\xBB\xBF", 3))
		return themes_parse_impl(out, json, len, path, err);
	*out = NULL;
	if (!(bomless = sw__malloc(len + 1)))
		return sw__error_oom(err);
	memcpy(bomless, "   ", 3);
	memcpy(bomless + 3, json + 3, len - 3);
	bomless[len] = '\0';
	rc = themes_parse_impl(out, bomless, len, path, err);
	sw__free(bomless);
	return rc;
}

static int themes_load_impl(sw_themes **out, const char *path, sw_error *err)
{
	char *buf;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = sw__read_file(&buf, &len, path, NULL, 0, err)))
		return rc;
	rc = sw_themes_parse(out, buf, len, path, err);
	sw__free(buf);
	return rc;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_themes_load(sw_themes **out, const char *path, sw_error *err)
{
	SW__NEED(err, "sw_themes_load", out);
	SW__NEED(err, "sw_themes_load", path);
	return themes_load_impl(out, path, err);
}

static int themes_from_terms_impl(sw_themes **out, const char *const *terms, size_t n,
				  sw_error *err)
{
	sw_themes *t;
	size_t i;
	char pm[200];

	*out = NULL;
	if (n == 0)
		return sw__error_set(err, SW_EFORMAT, NULL, 0, -1, "no terms given");
	if (!(t = themes_new()))
		return sw__error_oom(err);
	for (i = 0; i < n; i++) {
		const char *s = terms[i] ? terms[i] : "";
		size_t len = strlen(s), a = 0, b = len;
		if (check_pattern(s, len, pm, sizeof pm)) {
			sw_themes_free(t);
			return sw__error_set(err, SW_EFORMAT, NULL, 0, -1, "term \"%.60s\": %s", s, pm);
		}
		/* the name is the term without surrounding white space */
		while (a < b && is_space(s[a]))
			a++;
		while (b > a && is_space(s[b - 1]))
			b--;
		if (themes_add_theme(t, s + a, b - a) || themes_add_pattern(t, s + a, b - a)) {
			sw_themes_free(t);
			return sw__error_oom(err);
		}
	}
	*out = t;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_themes_from_terms(sw_themes **out, const char *const *terms, size_t n, sw_error *err)
{
	SW__NEED(err, "sw_themes_from_terms", out);
	if (n && !terms)
		return sw__error_null(err, "sw_themes_from_terms", "terms");
	return themes_from_terms_impl(out, terms, n, err);
}
