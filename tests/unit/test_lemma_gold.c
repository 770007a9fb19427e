/*
 * tests/unit/test_lemma_gold.c - the lemmatizer (lemma.h) against the gold
 * standards in ../shared/gold (each folder has a NOTE.md saying where the
 * data comes from and how it is measured).
 *
 *   ud        UD German-GSD dev, content words (NOUN PROPN VERB ADJ ADV):
 *             lemma accuracy per token, and the pairwise conflation F over
 *             the distinct forms (gold lemma vs predicted lemma); the F of
 *             the Snowball and CISTEM stems of the forms is printed beside
 *             it for orientation.
 *   compounds GECOdb two-part compounds (dev_1000, train_10000): is the
 *             head right, is the whole split right.
 *   cistem    the CISTEM authors' gold standards, keyed by the CISTEM stem
 *             of the lemma instead of the stem of the form.
 *
 * Every figure is printed on a line of its own ("lemma-gold: ...") so that
 * a developer sees where the lemmatizer stands, and each asserted one is
 * checked against a floor below after all figures of a test are printed.
 *
 * Pairwise F is the measure of test_stem_gold.c (Weißweiler & Fraser
 * 2017): TP = pairs of forms in the same gold class AND with the same key,
 * P = TP / pairs with the same key, R = TP / pairs in the same class.
 * Pairs are counted per group (n forms hold n(n-1)/2 pairs), never
 * enumerated.  A form is counted once, with its first occurrence.  The
 * code is not shared with test_stem_gold.c through helpers.c: that file
 * keeps its own form records, and a helper used by one test is no gain.
 *
 * With SW_GOLD_ERRORS=DIR the errors go to two files for tuning the
 * rules, each with a header line naming its columns:
 *
 *   ud-errors.tsv        one line per wrong token: form, gold lemma, gold
 *                        UPOS, our lemma, our pos, flags (the result's
 *                        SW_LEMMA_F_* names, and SENT_START when the word
 *                        was passed as a sentence start)
 *   compound-errors.tsv  one line per compound whose split is wrong:
 *                        word (as passed), gold parts, our parts ("-"
 *                        when not split), flags, which measure failed
 *                        ("head", or "split" when only a modifier is
 *                        wrong), and the file (dev or train)
 *
 * A fresh clone has no ../shared: every test then prints why and calls
 * skip(), so it is reported as skipped, never as passed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "stichwort/lemma.h"
#include "stichwort/stem.h"

/* Floors: the targets of the lemmatizer issue, not figures measured here.
 * For orientation, a naive lexicon reader (../shared/lexicon/README.md)
 * reaches accuracy 0.931 and F 0.870 on the UD dev set, and CISTEM alone
 * 0.282 / 0.842 on the CISTEM gold standards (bench figures in
 * test_stem_gold.c); the issue asks for clearly more. */
#define UD_ACCURACY_FLOOR    0.95
#define UD_F_FLOOR           0.92
#define COMPOUND_HEAD_FLOOR  0.95 /* strict: an unsplit known word is wrong;
				     a plural head counts as its lemma */
/* The train set (the rules were tuned on dev, then on train's errors:
 * deverbal heads, the linking s, particles) is held to the issue's
 * floor too: 0.953 measured. */
#define COMPOUND_HEAD_FLOOR_TRAIN COMPOUND_HEAD_FLOOR
#define COMPOUND_SPLIT_FLOOR 0.90 /* strict, as for the head */
#define CISTEM_GOLD1_FLOOR   0.30 /* CISTEM of the lemma; CISTEM alone 0.282 */
#define CISTEM_GOLD2_FLOOR   0.87 /* CISTEM of the lemma; CISTEM alone 0.842 */

/* ------------------------------------------------------------ strings */

/*
 * Fold for comparing lemmas: lower case, and ß (also capital ẞ) as "ss",
 * because the UD gold keeps the old spelling in places ("Schluß", "naß")
 * and the lexicon the new one.  Latin-1 capitals (U+00C0..U+00DE but ×)
 * are two bytes C3 80..9E and their small letters C3 A0..BE, so adding
 * 0x20 to the second byte lowers them; that covers ÄÖÜ and the accented
 * letters of names in this data.  out needs len + 1 bytes (the fold never
 * grows: ß and ẞ are 2 and 3 bytes, "ss" 2).  Returns the length.
 */
static size_t fold(char *out, const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 'A' && c <= 'Z') {
			out[n++] = (char)(c + 32);
			i++;
		} else if (c == 0xC3 && i + 1 < len) {
			unsigned char d = (unsigned char)s[i + 1];

			if (d == 0x9F) {
				out[n++] = 's';
				out[n++] = 's';
			} else {
				out[n++] = (char)c;
				out[n++] = (char)(d >= 0x80 && d <= 0x9E && d != 0x97 ? d + 0x20 : d);
			}
			i += 2;
		} else if (c == 0xE1 && i + 2 < len && (unsigned char)s[i + 1] == 0xBA &&
			   (unsigned char)s[i + 2] == 0x9E) {
			out[n++] = 's';
			out[n++] = 's';
			i += 3;
		} else {
			out[n++] = (char)c;
			i++;
		}
	}
	out[n] = '\0';
	return n;
}

/* Whether a and b are equal once folded. */
static int fold_equal(const char *a, size_t alen, const char *b, size_t blen)
{
	char fa[512], fb[512];

	if (alen >= sizeof fa || blen >= sizeof fb)
		return alen == blen && memcmp(a, b, alen) == 0;
	alen = fold(fa, a, alen);
	blen = fold(fb, b, blen);
	return alen == blen && memcmp(fa, fb, alen) == 0;
}

/*
 * An interning table: each distinct string gets a dense id 0, 1, ...,
 * which the pairwise measure uses as class or key.  Strings live back to
 * back in one pool and are found through offsets, so the pool may move.
 */
typedef struct strtab {
	char *pool;        /* the strings, each followed by a NUL */
	size_t pool_len;   /* bytes in use */
	size_t pool_cap;   /* bytes allocated */
	size_t *off;       /* per id: offset of its string in pool */
	uint32_t *len;     /* per id: its length */
	uint32_t n;        /* ids given */
	uint32_t cap;      /* room in off and len */
	uint32_t *slot;    /* open addressing: id + 1, or 0 for empty */
	uint32_t nslot;    /* a power of two, kept above twice n */
} strtab;

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

static void strtab_grow_slots(strtab *t)
{
	uint32_t nslot = t->nslot ? t->nslot * 2 : 1024, i;
	uint32_t *slot = calloc(nslot, sizeof *slot);

	assert_non_null(slot);
	for (i = 0; i < t->n; i++) {
		uint64_t h = hash_bytes(t->pool + t->off[i], t->len[i]);
		uint32_t k = (uint32_t)h & (nslot - 1);

		while (slot[k])
			k = (k + 1) & (nslot - 1);
		slot[k] = i + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = nslot;
}

/* The id of s[0..len), adding it when new (*added then 1). */
static uint32_t strtab_id(strtab *t, const char *s, size_t len, int *added)
{
	uint32_t k, id;

	if (t->nslot == 0 || (uint64_t)t->n * 2 >= t->nslot)
		strtab_grow_slots(t);
	k = (uint32_t)hash_bytes(s, len) & (t->nslot - 1);
	while (t->slot[k]) {
		id = t->slot[k] - 1;
		if (t->len[id] == len && memcmp(t->pool + t->off[id], s, len) == 0) {
			if (added)
				*added = 0;
			return id;
		}
		k = (k + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 4096;
		t->off = realloc(t->off, t->cap * sizeof *t->off);
		t->len = realloc(t->len, t->cap * sizeof *t->len);
		assert_non_null(t->off);
		assert_non_null(t->len);
	}
	while (t->pool_cap - t->pool_len < len + 1) {
		t->pool_cap = t->pool_cap ? t->pool_cap * 2 : 65536;
		t->pool = realloc(t->pool, t->pool_cap);
		assert_non_null(t->pool);
	}
	memcpy(t->pool + t->pool_len, s, len);
	t->pool[t->pool_len + len] = '\0';
	id = t->n++;
	t->off[id] = t->pool_len;
	t->len[id] = (uint32_t)len;
	t->pool_len += len + 1;
	t->slot[k] = id + 1;
	if (added)
		*added = 1;
	return id;
}

/* The id of s folded. */
static uint32_t strtab_folded_id(strtab *t, const char *s, size_t len)
{
	char buf[512];

	if (len >= sizeof buf)
		return strtab_id(t, s, len, NULL);
	len = fold(buf, s, len);
	return strtab_id(t, buf, len, NULL);
}

static void strtab_free(strtab *t)
{
	free(t->pool);
	free(t->off);
	free(t->len);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* ------------------------------------------------------ pairwise F */

/* One distinct form: its gold class and the key a method gave it. */
typedef struct labelled {
	uint32_t gold;
	uint32_t key;
} labelled;

typedef struct prf {
	double p, r, f;
} prf;

static int cmp_key_gold(const void *a, const void *b)
{
	const labelled *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->gold < y->gold ? -1 : x->gold > y->gold;
}

static double pairs(uint64_t n)
{
	return (double)n * (double)(n - 1) / 2.0;
}

/* Pairwise P, R and F of n labelled forms (sorted in place); gold ids are
 * below ngold. */
static prf pair_f(labelled *l, size_t n, uint32_t ngold)
{
	uint64_t *per_class = calloc((size_t)ngold + 1, sizeof *per_class);
	double tp = 0, same_key = 0, same_class = 0;
	size_t i, j;
	prf m;

	assert_non_null(per_class);
	for (i = 0; i < n; i++)
		per_class[l[i].gold]++;
	for (i = 0; i < ngold; i++)
		same_class += pairs(per_class[i]);
	free(per_class);

	/* Sorted by (key, gold): a run of equal keys holds runs of equal
	 * classes, the cells whose pairs are true positives. */
	qsort(l, n, sizeof *l, cmp_key_gold);
	for (i = 0; i < n; i = j) {
		size_t c = i;

		for (j = i; j < n && l[j].key == l[i].key; j++) {
			if (l[j].gold != l[c].gold) {
				tp += pairs(j - c);
				c = j;
			}
		}
		tp += pairs(j - c);
		same_key += pairs(j - i);
	}
	m.p = same_key > 0 ? tp / same_key : 0;
	m.r = same_class > 0 ? tp / same_class : 0;
	m.f = m.p + m.r > 0 ? 2 * m.p * m.r / (m.p + m.r) : 0;
	return m;
}

/* ------------------------------------------------------ fixtures */

typedef struct fixture {
	sw_lemmatizer *lm;
	sw_stemmer *snowball;
	sw_stemmer *cistem;
	sw_lemma res;
	sw_lemma head;    /* the gold head analysed alone (compounds) */
	char gold[4096];  /* ../shared/gold */
} fixture;

static int setup(void **state)
{
	fixture *fx = calloc(1, sizeof *fx);
	sw_error err;

	assert_non_null(fx);
	memset(&err, 0, sizeof err);
	if (sw_lemmatizer_new(&fx->lm, NULL, &err) != SW_OK)
		fail_msg("sw_lemmatizer_new(built-in): %s", err.message);
	assert_int_equal(sw_stemmer_new(&fx->snowball, SW_STEMMER_SNOWBALL, NULL), SW_OK);
	assert_int_equal(sw_stemmer_new(&fx->cistem, SW_STEMMER_CISTEM, NULL), SW_OK);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;

	sw_lemma_free(&fx->res);
	sw_lemma_free(&fx->head);
	sw_stemmer_free(fx->cistem);
	sw_stemmer_free(fx->snowball);
	sw_lemmatizer_free(fx->lm);
	free(fx);
	return 0;
}

/* Set fx->gold, or say why not and skip the test (a fresh clone has no
 * ../shared; the test must show as skipped, not as passed). */
static void need_gold(fixture *fx)
{
	const char *shared = sw_test_shared_dir();
	struct stat st;

	if (shared) {
		snprintf(fx->gold, sizeof fx->gold, "%s/gold", shared);
		if (stat(fx->gold, &st) == 0 && S_ISDIR(st.st_mode))
			return;
	}
	printf("test_lemma_gold: ../shared/gold not found, skipped\n");
	fflush(stdout);
	skip();
}

/* Read ../shared/gold/<rel>; a missing file with the folder present is a
 * failure, not a skip: the gold set is incomplete. */
static char *read_gold(const fixture *fx, const char *rel, size_t *len_out)
{
	char path[8192];
	char *text;

	snprintf(path, sizeof path, "%s/%s", fx->gold, rel);
	text = sw_test_read_file(path, len_out);
	if (!text)
		fail_msg("cannot read %s", path);
	return text;
}

/* The errors file DIR/name when SW_GOLD_ERRORS=DIR, else NULL. */
static FILE *errors_open(const char *name, const char *header)
{
	const char *dir = getenv("SW_GOLD_ERRORS");
	char path[4096];
	FILE *f;

	if (!dir || !*dir)
		return NULL;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		fail_msg("SW_GOLD_ERRORS: cannot write %s: %s", path, strerror(errno));
	fprintf(f, "%s\n", header);
	return f;
}

static void lemmatize(fixture *fx, const char *w, size_t len, unsigned flags)
{
	sw_error err;

	memset(&err, 0, sizeof err);
	if (sw_lemmatize(&fx->res, fx->lm, w, len, flags, &err) != SW_OK)
		fail_msg("sw_lemmatize(\"%.*s\"): %s", (int)len, w, err.message);
}

/* The result flags (and the SENT_START context flag) as "KNOWN|COMPOUND",
 * or "-". */
static const char *flag_names(unsigned res_flags, unsigned in_flags)
{
	static char buf[64];

	buf[0] = '\0';
	if (res_flags & SW_LEMMA_F_KNOWN)
		strcat(buf, "|KNOWN");
	if (res_flags & SW_LEMMA_F_COMPOUND)
		strcat(buf, "|COMPOUND");
	if (res_flags & SW_LEMMA_F_GUESSED)
		strcat(buf, "|GUESSED");
	if (in_flags & SW_LEMMA_SENT_START)
		strcat(buf, "|SENT_START");
	return buf[0] ? buf + 1 : "-";
}

/* The next line of [*p, end) without its newline; NULL at the end. */
static const char *next_line(const char **p, const char *end, size_t *len_out)
{
	const char *s = *p, *nl;

	if (s >= end)
		return NULL;
	nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*len_out = (size_t)(nl - s);
	if (*len_out > 0 && s[*len_out - 1] == '\r')
		(*len_out)--;
	*p = nl < end ? nl + 1 : end;
	return s;
}

/* Split a line at tabs into at most max fields; returns the count. */
static size_t split_tabs(const char *s, size_t len, const char **f, size_t *flen, size_t max)
{
	size_t n = 0;
	const char *end = s + len;

	while (n < max) {
		const char *t = memchr(s, '\t', (size_t)(end - s));

		f[n] = s;
		flen[n] = (size_t)((t ? t : end) - s);
		n++;
		if (!t)
			break;
		s = t + 1;
	}
	return n;
}

/* ------------------------------------------------------ UD German-GSD */

static const char *const ud_upos[] = { "NOUN", "PROPN", "VERB", "ADJ", "ADV" };
#define UD_NUPOS (sizeof ud_upos / sizeof ud_upos[0])

static int upos_index(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < UD_NUPOS; i++)
		if (strlen(ud_upos[i]) == len && memcmp(ud_upos[i], s, len) == 0)
			return (int)i;
	return -1;
}

/* The stem of w by st, interned folded (as the gold lemmas are, so that
 * Snowball's "muß" and "muss" do not count against it). */
static uint32_t stem_key(sw_stemmer *st, strtab *t, const char *w, size_t len)
{
	const char *s;
	size_t slen;

	assert_int_equal(sw_stem(&s, &slen, st, w, len, NULL), SW_OK);
	return strtab_folded_id(t, s, slen);
}

static void test_lemma_gold_ud(void **state)
{
	fixture *fx = *state;
	size_t len, llen, ntok = 0, nright = 0, nright_nc = 0, nform = 0, cap = 0, i;
	size_t per_upos[UD_NUPOS] = { 0 }, right_upos[UD_NUPOS] = { 0 };
	char *text;
	const char *p, *end, *line;
	strtab forms = { 0 }, gold = { 0 }, lem = { 0 }, sb = { 0 }, cs = { 0 };
	labelled *by_lemma = NULL, *by_snowball = NULL, *by_cistem = NULL;
	prf mf, ms, mc;
	double acc;
	FILE *errs;

	need_gold(fx);
	text = read_gold(fx, "ud-german-gsd/de_gsd-ud-dev.conllu", &len);
	errs = errors_open("ud-errors.tsv",
			   "form\tgold_lemma\tgold_upos\tlemma\tpos\tflags");
	for (p = text, end = text + len; (line = next_line(&p, end, &llen));) {
		const char *f[10];
		size_t fl[10];
		unsigned flags;
		int u, added, right;
		uint32_t fid;

		if (llen == 0 || line[0] == '#')
			continue;
		if (split_tabs(line, llen, f, fl, 10) < 4)
			fail_msg("ud: malformed line \"%.*s\"", (int)llen, line);
		/* "3-4" is a multiword token (its words follow as 3 and 4), and
		 * "3.1" an empty node: neither is a word of the text. */
		if (memchr(f[0], '-', fl[0]) || memchr(f[0], '.', fl[0]))
			continue;
		u = upos_index(f[3], fl[3]);
		if (u < 0)
			continue;
		/* without context first, as the counting cache lemmatizes
		 * (one analysis per form), then with the sentence position */
		lemmatize(fx, f[1], fl[1], 0);
		nright_nc += (size_t)fold_equal(fx->res.lemma.ptr, fx->res.lemma.len, f[2], fl[2]);
		flags = fl[0] == 1 && f[0][0] == '1' ? SW_LEMMA_SENT_START : SW_LEMMA_INSIDE;
		lemmatize(fx, f[1], fl[1], flags);
		right = fold_equal(fx->res.lemma.ptr, fx->res.lemma.len, f[2], fl[2]);
		ntok++;
		per_upos[u]++;
		if (right) {
			nright++;
			right_upos[u]++;
		} else if (errs) {
			fprintf(errs, "%.*s\t%.*s\t%.*s\t%.*s\t%s\t%s\n", (int)fl[1], f[1],
				(int)fl[2], f[2], (int)fl[3], f[3], (int)fx->res.lemma.len,
				fx->res.lemma.ptr ? fx->res.lemma.ptr : "",
				sw_pos_name(fx->res.pos), flag_names(fx->res.flags, flags));
		}

		/* A form is one item of the pairwise measure, with its first
		 * occurrence's gold lemma and analysis. */
		fid = strtab_id(&forms, f[1], fl[1], &added);
		if (!added)
			continue;
		assert_int_equal(fid, nform);
		if (nform == cap) {
			cap = cap ? cap * 2 : 4096;
			by_lemma = realloc(by_lemma, cap * sizeof *by_lemma);
			by_snowball = realloc(by_snowball, cap * sizeof *by_snowball);
			by_cistem = realloc(by_cistem, cap * sizeof *by_cistem);
			assert_non_null(by_lemma);
			assert_non_null(by_snowball);
			assert_non_null(by_cistem);
		}
		by_lemma[nform].gold = strtab_folded_id(&gold, f[2], fl[2]);
		by_lemma[nform].key = strtab_folded_id(&lem, fx->res.lemma.ptr, fx->res.lemma.len);
		by_snowball[nform].gold = by_lemma[nform].gold;
		by_snowball[nform].key = stem_key(fx->snowball, &sb, f[1], fl[1]);
		by_cistem[nform].gold = by_lemma[nform].gold;
		by_cistem[nform].key = stem_key(fx->cistem, &cs, f[1], fl[1]);
		nform++;
	}
	if (errs)
		fclose(errs);
	assert_true(ntok > 5000);

	acc = (double)nright / (double)ntok;
	mf = pair_f(by_lemma, nform, gold.n);
	ms = pair_f(by_snowball, nform, gold.n);
	mc = pair_f(by_cistem, nform, gold.n);
	printf("lemma-gold: ud accuracy=%.3f (%zu of %zu content-word tokens)\n", acc, nright,
	       ntok);
	printf("lemma-gold: ud accuracy without context=%.3f (%zu; as counting lemmatizes, one "
	       "analysis per form)\n", (double)nright_nc / (double)ntok, nright_nc);
	for (i = 0; i < UD_NUPOS; i++)
		printf("lemma-gold: ud accuracy %-5s=%.3f (%zu of %zu)\n", ud_upos[i],
		       per_upos[i] ? (double)right_upos[i] / (double)per_upos[i] : 0.0,
		       right_upos[i], per_upos[i]);
	printf("lemma-gold: ud lemma   P=%.3f R=%.3f F=%.3f (%zu forms)\n", mf.p, mf.r, mf.f,
	       nform);
	/* NOTE.md quotes 0.603 and 0.681 for these two, measured by a script
	 * not kept; the definition here (distinct forms as written, first
	 * occurrence, keys and gold lemmas folded) gives 0.625 and 0.676 for
	 * the stemmers of this tree.  They are for orientation only. */
	printf("lemma-gold: ud snowball P=%.3f R=%.3f F=%.3f (orientation)\n", ms.p, ms.r, ms.f);
	printf("lemma-gold: ud cistem  P=%.3f R=%.3f F=%.3f (orientation)\n", mc.p, mc.r, mc.f);
	fflush(stdout);

	free(by_lemma);
	free(by_snowball);
	free(by_cistem);
	strtab_free(&forms);
	strtab_free(&gold);
	strtab_free(&lem);
	strtab_free(&sb);
	strtab_free(&cs);
	free(text);
	if (acc < UD_ACCURACY_FLOOR || mf.f < UD_F_FLOOR)
		fail_msg("ud: accuracy %.3f (floor %.2f), F %.3f (floor %.2f)", acc,
			 UD_ACCURACY_FLOOR, mf.f, UD_F_FLOOR);
}

/* ------------------------------------------------------ compounds */

/* Copy s to out (len + 1 bytes) with its first letter capitalised: the
 * gold is lower case, but its compounds are nouns, and the lexicon and
 * the splitter look nouns up capitalised.  Small Latin-1 letters are
 * C3 A0..BE (but ÷ C3 B7, and ß C3 9F is not among them), their capitals
 * 0x20 lower. */
static void capitalise(char *out, const char *s, size_t len)
{
	memcpy(out, s, len);
	out[len] = '\0';
	if (len >= 1 && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 32);
	else if (len >= 2 && (unsigned char)out[0] == 0xC3 && (unsigned char)out[1] >= 0xA0 &&
		 (unsigned char)out[1] <= 0xBE && (unsigned char)out[1] != 0xB7)
		out[1] = (char)((unsigned char)out[1] - 0x20);
}

typedef struct compound_counts {
	size_t n;            /* gold compounds */
	size_t head;         /* head right (strict) */
	size_t split;        /* whole split right (strict) */
	size_t known;        /* known as a whole and not split */
	size_t unsplit;      /* not split, known or not */
	size_t head_unknown;  /* head right, among the words not known */
	size_t split_unknown; /* split right, among the words not known */
	size_t head_lemma;    /* heads right only as the gold head's lemma */
} compound_counts;

/*
 * Score the compounds of one gold file.
 *
 * What counts as right, decided on the data:
 *
 * - The gold head is always the compound's own tail as written, and
 *   ours is the head's lemma.  Most gold compounds are singular, but a
 *   few are plurals ("konzentrationsmaxima" -> konzentration + maxima,
 *   "gerüstmaterialien", "fraktionierungsschemata"), where our "Maximum"
 *   is the right lemma and the gold's "maxima" only the surface.  So a
 *   head also counts as right when it equals the lemma the lemmatizer
 *   gives the gold head on its own ("Maxima" -> "Maximum"): the split is
 *   then right and the head analysed as that word always is.  It does
 *   not excuse a wrong boundary ("Golfregularien" -> "Golfregul" +
 *   "Arie": "Regularien" alone gives "Regularie").  How many heads pass
 *   only this way is printed.
 * - The gold modifiers are base forms without linking element
 *   ("kind_+er_arzt" -> kind + arzt, "schule_-e_buch" -> schule + buch);
 *   lemma.h promises the same ("Schulbuch" -> "Schule" + "Buch"), so
 *   they are compared as they are, folded.
 * - A word the lexicon knows as a whole is not split (lemma.h, step 3):
 *   its split is then not produced and its head not named, so the strict
 *   figures count it wrong.  The "unknown-only" figures leave such words
 *   out, to show how good the splitter is where it runs.
 */
/* Whether our head (h, hl) is the gold head (g, gl): 1 when equal
 * folded, 2 when equal to the lemma of the gold head analysed alone
 * (see above), else 0.  Uses fx->head, so fx->res stays intact. */
static int head_matches(fixture *fx, const char *h, size_t hl, const char *g, size_t gl)
{
	char word[512];
	sw_error err;

	if (fold_equal(h, hl, g, gl))
		return 1;
	if (gl >= sizeof word)
		return 0;
	capitalise(word, g, gl);
	memset(&err, 0, sizeof err);
	if (sw_lemmatize(&fx->head, fx->lm, word, gl, 0, &err) != SW_OK)
		fail_msg("sw_lemmatize(\"%s\"): %s", word, err.message);
	return fold_equal(h, hl, fx->head.lemma.ptr, fx->head.lemma.len) ? 2 : 0;
}

static void score_compounds(fixture *fx, const char *rel, const char *set, FILE *errs,
			    compound_counts *c)
{
	size_t len, llen;
	char *text = read_gold(fx, rel, &len);
	const char *p, *end, *line;

	memset(c, 0, sizeof *c);
	for (p = text, end = text + len; (line = next_line(&p, end, &llen));) {
		const char *f[5], *gp[8], *pp[8];
		size_t fl[5], gl[8], pl[8], ng = 0, np, i;
		char word[512];
		const char *s, *e;
		int head_ok, split_ok;

		if (llen == 0)
			continue;
		if (split_tabs(line, llen, f, fl, 5) < 2 || fl[0] >= sizeof word)
			fail_msg("%s: malformed line \"%.*s\"", rel, (int)llen, line);
		for (s = f[1], e = f[1] + fl[1]; ng < 8;) {
			const char *plus = memchr(s, '+', (size_t)(e - s));

			gp[ng] = s;
			gl[ng] = (size_t)((plus ? plus : e) - s);
			ng++;
			if (!plus)
				break;
			s = plus + 1;
		}

		capitalise(word, f[0], fl[0]);
		lemmatize(fx, word, fl[0], 0);
		/* Parts beyond 8 cannot match a two-part gold; only the
		 * last one (the head) is kept in their place. */
		np = fx->res.nparts;
		for (i = 0, s = fx->res.parts.ptr; i < np; i++) {
			size_t k = i < 8 ? i : 7;

			pp[k] = s;
			pl[k] = strlen(s);
			s += pl[k] + 1;
		}
		if (np > 8)
			np = 8;

		c->n++;
		head_ok = 0;
		if (np > 0)
			head_ok = head_matches(fx, pp[np - 1], pl[np - 1], gp[ng - 1], gl[ng - 1]);
		if (head_ok == 2)
			c->head_lemma++;
		if (np == 0) {
			c->unsplit++;
			if (fx->res.flags & SW_LEMMA_F_KNOWN)
				c->known++;
			head_ok = ng == 1;
			split_ok = ng == 1;
		} else {
			split_ok = head_ok && np == ng && fx->res.nparts == np;
			for (i = 0; split_ok && i + 1 < np; i++)
				split_ok = fold_equal(pp[i], pl[i], gp[i], gl[i]);
			head_ok = head_ok != 0;
		}
		c->head += (size_t)head_ok;
		c->split += (size_t)split_ok;
		if (np > 0 || !(fx->res.flags & SW_LEMMA_F_KNOWN)) {
			c->head_unknown += (size_t)head_ok;
			c->split_unknown += (size_t)split_ok;
		}
		if (errs && !split_ok) {
			fprintf(errs, "%s\t%.*s\t", word, (int)fl[1], f[1]);
			if (np == 0)
				fputc('-', errs);
			for (i = 0; i < np; i++)
				fprintf(errs, "%s%s", i ? "+" : "", pp[i]);
			fprintf(errs, "\t%s\t%s\t%s\n", flag_names(fx->res.flags, 0),
				head_ok ? "split" : "head", set);
		}
	}
	free(text);
	assert_true(c->n > 500);
}

static double share(size_t k, size_t n)
{
	return n ? (double)k / (double)n : 0.0;
}

static void test_lemma_gold_compounds(void **state)
{
	static const struct {
		const char *set, *rel;
	} files[] = {
		{ "dev", "gecodb-compounds/dev_1000.splits.tsv" },
		{ "train", "gecodb-compounds/train_10000.splits.tsv" },
	};
	fixture *fx = *state;
	char why[512] = "";
	size_t i, w = 0;
	FILE *errs;

	need_gold(fx);
	errs = errors_open("compound-errors.tsv",
			   "word\tgold_parts\tparts\tflags\terror\tset");
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		compound_counts c;
		double head, split, hfloor;

		score_compounds(fx, files[i].rel, files[i].set, errs, &c);
		head = share(c.head, c.n);
		split = share(c.split, c.n);
		printf("lemma-gold: compounds %-5s head=%.3f split=%.3f (%zu words; strict: "
		       "unsplit counts wrong)\n", files[i].set, head, split, c.n);
		printf("lemma-gold: compounds %-5s %zu known to the lexicon as a whole and not "
		       "split, %zu not split in all\n", files[i].set, c.known, c.unsplit);
		printf("lemma-gold: compounds %-5s unknown-only head=%.3f split=%.3f (%zu words)\n",
		       files[i].set, share(c.head_unknown, c.n - c.known),
		       share(c.split_unknown, c.n - c.known), c.n - c.known);
		printf("lemma-gold: compounds %-5s %zu heads right only as the lemma of the gold "
		       "head (plural compounds)\n", files[i].set, c.head_lemma);
		hfloor = strcmp(files[i].set, "train") == 0 ? COMPOUND_HEAD_FLOOR_TRAIN
							    : COMPOUND_HEAD_FLOOR;
		if (head < hfloor || split < COMPOUND_SPLIT_FLOOR)
			w += (size_t)snprintf(why + w, sizeof why - w,
					      "%s%s: head %.3f (floor %.3f), split %.3f (floor "
					      "%.2f)", w ? "; " : "", files[i].set, head,
					      hfloor, split, COMPOUND_SPLIT_FLOOR);
	}
	fflush(stdout);
	if (errs)
		fclose(errs);
	if (w)
		fail_msg("compounds: %s", why);
}

/* ------------------------------------------------------ CISTEM gold */

/*
 * Each gold line is a cluster of forms that should share a key; the key
 * here is the CISTEM stem of the form's lemma.  Forms are taken as
 * written (nouns capitalised), each distinct form once, in the first
 * cluster that lists it (as test_stem_gold.c does).  The F of the lemma
 * itself and of CISTEM alone are printed for orientation.
 */
static void run_cistem_gold(fixture *fx, const char *name, double floor)
{
	char rel[256];
	size_t len, llen, nform = 0, cap = 0;
	char *text;
	const char *p, *end, *line;
	uint32_t cluster = 0;
	strtab forms = { 0 }, stems = { 0 }, lemmas = { 0 }, raw = { 0 };
	labelled *by_stem = NULL, *by_lemma = NULL, *by_cistem = NULL;
	prf m, ml, mc;

	need_gold(fx);
	snprintf(rel, sizeof rel, "cistem/%s.txt", name);
	text = read_gold(fx, rel, &len);
	for (p = text, end = text + len; (line = next_line(&p, end, &llen)); cluster++) {
		const char *s = line, *e = line + llen;

		while (s < e) {
			const char *w, *st;
			size_t wl, stl;
			int added;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			if (s == e)
				break;
			for (w = s; s < e && *s != ' ' && *s != '\t'; s++)
				;
			wl = (size_t)(s - w);
			strtab_id(&forms, w, wl, &added);
			if (!added)
				continue;
			if (nform == cap) {
				cap = cap ? cap * 2 : 65536;
				by_stem = realloc(by_stem, cap * sizeof *by_stem);
				by_lemma = realloc(by_lemma, cap * sizeof *by_lemma);
				by_cistem = realloc(by_cistem, cap * sizeof *by_cistem);
				assert_non_null(by_stem);
				assert_non_null(by_lemma);
				assert_non_null(by_cistem);
			}
			lemmatize(fx, w, wl, 0);
			assert_int_equal(sw_stem(&st, &stl, fx->cistem, fx->res.lemma.ptr,
						 fx->res.lemma.len, NULL), SW_OK);
			by_stem[nform].gold = cluster;
			by_stem[nform].key = strtab_id(&stems, st, stl, NULL);
			by_lemma[nform].gold = cluster;
			by_lemma[nform].key = strtab_folded_id(&lemmas, fx->res.lemma.ptr,
							       fx->res.lemma.len);
			assert_int_equal(sw_stem(&st, &stl, fx->cistem, w, wl, NULL), SW_OK);
			by_cistem[nform].gold = cluster;
			by_cistem[nform].key = strtab_id(&raw, st, stl, NULL);
			nform++;
		}
	}
	assert_true(nform > 1000);
	m = pair_f(by_stem, nform, cluster);
	ml = pair_f(by_lemma, nform, cluster);
	mc = pair_f(by_cistem, nform, cluster);
	printf("lemma-gold: %s cistem(lemma) P=%.3f R=%.3f F=%.3f (%zu forms)\n", name, m.p,
	       m.r, m.f, nform);
	printf("lemma-gold: %s lemma         P=%.3f R=%.3f F=%.3f (orientation)\n", name,
	       ml.p, ml.r, ml.f);
	printf("lemma-gold: %s cistem(form)  P=%.3f R=%.3f F=%.3f (orientation)\n", name,
	       mc.p, mc.r, mc.f);
	fflush(stdout);
	free(by_stem);
	free(by_lemma);
	free(by_cistem);
	strtab_free(&forms);
	strtab_free(&stems);
	strtab_free(&lemmas);
	strtab_free(&raw);
	free(text);
	if (m.f < floor)
		fail_msg("%s: F of CISTEM(lemma) %.3f below %.2f", name, m.f, floor);
}

static void test_lemma_gold_cistem1(void **state)
{
	run_cistem_gold(*state, "goldstandard1", CISTEM_GOLD1_FLOOR);
}

static void test_lemma_gold_cistem2(void **state)
{
	run_cistem_gold(*state, "goldstandard2", CISTEM_GOLD2_FLOOR);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_lemma_gold_ud, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lemma_gold_compounds, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lemma_gold_cistem1, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lemma_gold_cistem2, setup, teardown),
};

SW_TEST_MAIN(tests)
