/*
 * tests/fuzz/fuzz_themes.c - the theme dictionary parser
 * (sw_themes_parse()) on arbitrary bytes, and the matcher built from
 * whatever parses.
 *
 * Invariants (themes.h):
 *   - parsing never crashes; it returns SW_OK or SW_EFORMAT (SW_ENOMEM
 *     only under memory pressure);
 *   - an error has a message, the path given, a line >= 1 and a byte
 *     offset within the input; the out-parameter stays NULL;
 *   - a dictionary that parses has at least one theme, every theme a
 *     non-empty name and at least one pattern, every pattern non-empty
 *     valid UTF-8 with a letter or digit;
 *   - its matcher compiles (or reports SW_EFORMAT with a message) and,
 *     run on a fixed German text, gives matches in order (first token,
 *     then theme) that lie inside the text, with no two matches of one
 *     theme overlapping.
 */
#include <stdlib.h>
#include <string.h>

#include "stichwort/analyze.h"
#include "stichwort/themes.h"
#include "fuzz_check.h"

static const char text[] =
	"Die digitale Souver\xC3\xA4nit\xC3\xA4t der Verwaltung braucht Open-Source-Software, "
	"Open Source und offene Standards. Cloud- und Datendienste, B\xC3\xBCrger*innen, "
	"z. B. 87 % der Kommunen; Souver\xC3\xA4-\nnit\xC3\xA4t und Digital-Souver\xC3\xA4nit\xC3\xA4t.\n\n"
	"Abh\xC3\xA4ngigkeit von Hyperscalern";

static int has_alnum_ascii_or_multibyte(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static sw_lexicon *lx;
	static sw_analyzer *an;
	static const sw_atoken *tk;
	static size_t ntk;
	static sw_term_id forms[256];
	static uint8_t types[256], flags[256];
	sw_themes *t = (sw_themes *)&t; /* must be set to NULL on failure */
	sw_matcher *m = NULL;
	sw_error err;
	size_t i, th;
	int rc;

	if (!lx) {
		if (sw_lexicon_new(&lx, NULL, NULL) || sw_analyzer_new(&an, lx, NULL, NULL) ||
		    sw_analyze(&tk, &ntk, an, text, sizeof text - 1, NULL) || ntk > 256)
			abort();
		for (i = 0; i < ntk; i++) {
			forms[i] = tk[i].term.form;
			types[i] = (uint8_t)tk[i].tok.type;
			flags[i] = (i == 0 || tk[i].tok.sentence != tk[i - 1].tok.sentence) ? SW_CT_SENT : 0;
		}
	}
	memset(&err, 0, sizeof err);
	rc = sw_themes_parse(&t, (const char *)data, size, "fuzz.json", &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EFORMAT || rc == SW_ENOMEM);
		FUZZ_CHECK(t == NULL);
		FUZZ_CHECK(err.code == rc);
		FUZZ_CHECK(err.message[0] != '\0');
		if (rc == SW_EFORMAT) {
			FUZZ_CHECK(strcmp(err.path, "fuzz.json") == 0);
			FUZZ_CHECK(err.line >= 1);
			FUZZ_CHECK(err.offset >= 0 && (size_t)err.offset <= size);
		}
		return 0;
	}
	FUZZ_CHECK(t != NULL);
	FUZZ_CHECK(sw_themes_count(t) >= 1);
	for (th = 0; th < sw_themes_count(t); th++) {
		const char *name = sw_themes_name(t, th);
		size_t p;
		FUZZ_CHECK(name && name[0]);
		FUZZ_CHECK(sw_themes_npatterns(t, th) >= 1);
		for (p = 0; p < sw_themes_npatterns(t, th); p++) {
			const char *pat = sw_themes_pattern(t, th, p);
			FUZZ_CHECK(pat && pat[0]);
			FUZZ_CHECK(fuzz_valid_utf8((const unsigned char *)pat, strlen(pat)));
			FUZZ_CHECK(has_alnum_ascii_or_multibyte(pat));
		}
		FUZZ_CHECK(sw_themes_pattern(t, th, sw_themes_npatterns(t, th)) == NULL);
	}
	FUZZ_CHECK(sw_themes_name(t, sw_themes_count(t)) == NULL);

	memset(&err, 0, sizeof err);
	rc = sw_matcher_new(&m, t, lx, &err);
	if (rc != SW_OK) {
		FUZZ_CHECK(rc == SW_EFORMAT || rc == SW_ENOMEM);
		FUZZ_CHECK(m == NULL);
		FUZZ_CHECK(err.message[0] != '\0');
	} else {
		const sw_match *ms;
		size_t n, *busy = calloc(sw_themes_count(t), sizeof *busy);
		FUZZ_CHECK(busy != NULL);
		FUZZ_CHECK(sw_matcher_run_flags(&ms, &n, m, forms, types, flags, ntk, NULL) == SW_OK);
		for (i = 0; i < n; i++) {
			FUZZ_CHECK(ms[i].theme < sw_themes_count(t));
			FUZZ_CHECK(ms[i].pattern < sw_themes_npatterns(t, ms[i].theme));
			FUZZ_CHECK(ms[i].ntok >= 1 && ms[i].first + ms[i].ntok <= ntk);
			FUZZ_CHECK(types[ms[i].first] != SW_TOKEN_PUNCT);
			FUZZ_CHECK(i == 0 || ms[i].first > ms[i - 1].first ||
				   (ms[i].first == ms[i - 1].first && ms[i].theme > ms[i - 1].theme));
			FUZZ_CHECK(ms[i].first >= busy[ms[i].theme]);
			busy[ms[i].theme] = ms[i].first + ms[i].ntok;
		}
		free(busy);
		sw_matcher_free(m);
	}
	sw_themes_free(t);
	return 0;
}
