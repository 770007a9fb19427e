/*
 * compound.c - closed compounds the lexicon lacks, split into a known
 * modifier and head (see stichwort/lemma.h for the rules,
 * docs/lemmas.md for why): split points, a modifier's base and its
 * linking element, particles, derivational endings, heads.
 */
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#include "stichwort/lemma.h"
#include "internal/errors.h"
#include "internal/fsa.h"
#include "lemma_int.h"

/* ---- compounds ---- */

/* A string literal with its length: the tables below are scanned at
 * every split point of every compound. */
typedef struct lit {
	const char *s;
	size_t n;
} lit;
#define LIT(x) { x, sizeof x - 1 }

/* The linking elements, tried in this order after the modifier as
 * written: a longer one before the shorter one it ends in ("Gottes":
 * Gott, not Gotte), "-n" before "-en" ("Spitzen": Spitze, not Spitz). */
static const lit links[] = { LIT("ens"), LIT("es"), LIT("s"), LIT("n"), LIT("en"), LIT("e"), LIT("er") };

static size_t utf8_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* The automaton's nodes after each prefix of a word, so that the many
 * lookups of a compound's modifiers (each prefix, with and without a
 * linking element) first ask in a step or two whether the form exists
 * at all: nodes[i] is the node after the word's first i bytes, or
 * NO_NODE when no entry starts so.  NULL nodes: no such knowledge. */

static void prefix_nodes(uint32_t *nodes, const sw_lemmatizer *lm, const char *w, size_t n)
{
	sw__fsa_path(lm->fsa, lm->root, w, n, nodes);
}

/* The node after the first i bytes of the word, then tail, then "_"
 * (for sw__lemma_lookup_at()): NO_NODE when that is no form, ASK_NODE when nodes
 * is NULL. */
static uint32_t form_at(const sw_lemmatizer *lm, const uint32_t *nodes, size_t i, const char *tail,
			size_t tl)
{
	uint32_t node;

	if (!nodes)
		return ASK_NODE;
	if (nodes[i] == NO_NODE)
		return NO_NODE;
	if (sw__fsa_walk(lm->fsa, nodes[i], tail, tl, &node) == SW_OK &&
	    sw__fsa_walk(lm->fsa, node, "_", 1, &node) == SW_OK)
		return node;
	return NO_NODE;
}

/* m[0..n) as a base form as written (unless skip_plain), then without
 * each linking element.  1, 0 or SW_EFORMAT. */
static int base_linked(best *b, const sw_lemmatizer *lm, const char *m, size_t n, int skip_plain,
		       const uint32_t *nodes)
{
	uint32_t nd;
	size_t i;
	int rc;

	if (!skip_plain && (nd = form_at(lm, nodes, n, "", 0)) != NO_NODE &&
	    (rc = sw__lemma_lookup_at(b, lm, m, n, WANT_BASE, nd)) != 0)
		return rc;
	for (i = 0; i < sizeof links / sizeof *links; i++) {
		size_t ll = links[i].n;
		if (n < ll + MIN_PART || memcmp(m + n - ll, links[i].s, ll) != 0)
			continue;
		/* "-n" follows an e ("Sonne-n"), "-en" and "-s" do not follow
		 * their own sound ("Maßn-ahme" is no Maß + n) */
		if (links[i].s[0] == 'n' && m[n - 2] != 'e')
			continue;
		if ((links[i].s[0] == 's' || links[i].s[0] == 'e') && strchr("sxz", m[n - ll - 1]))
			continue;
		if ((nd = form_at(lm, nodes, n - ll, "", 0)) != NO_NODE &&
		    (rc = sw__lemma_lookup_at(b, lm, m, n - ll, WANT_BASE, nd)) != 0)
			return rc;
	}
	return 0;
}

/* Whether m[0..n) is a known base form, with or without a linking
 * element, or with a dropped e; into base.  The modifier is tried as
 * written and with its first letter in lower case (an adjective or verb
 * stem at the start of a noun: "Digitalstrategie"), then with "en"
 * added (a verb stem: "Fahrrad" -> fahren).  1, 0, or SW_EFORMAT. */
static int modifier_base(char *base, size_t *blen, const sw_lemmatizer *lm, const char *m,
			 size_t n, int strict, const uint32_t *cap, const uint32_t *lown)
{
	char low[LOOK_MAX + 8], cand[LOOK_MAX + 16];
	size_t flen[2];
	uint32_t nd;
	best b;
	int rc;

	if (n < MIN_PART || n > LOOK_MAX || (strict && utf8_chars(m, n) < 4))
		return 0;
	flen[1] = sw__lemma_map_first(low, m, n, utf8proc_tolower);
	/* the order matters: a noun before an adjective or verb ("Sonnen" is
	 * Sonne + n, not the verb sonnen), an adjective as written before a
	 * noun with a dropped e ("Digital": digital, not das Digitale) */
	if (flen[1] != n)
		lown = NULL; /* the lower-case prefix is not as long */
	if ((rc = base_linked(&b, lm, m, n, 0, cap)) != 0)
		goto found;
	if (flen[1] && (flen[1] != n || memcmp(low, m, n) != 0)) {
		if ((nd = form_at(lm, lown, n, "", 0)) != NO_NODE &&
		    (rc = sw__lemma_lookup_at(&b, lm, low, flen[1], WANT_BASE, nd)) != 0)
			goto found;
	}
	if (strict)
		goto noun_form;
	if (n + 1 <= LOOK_MAX) { /* a dropped e: "Schul" -> "Schule" */
		memcpy(cand, m, n);
		cand[n] = 'e';
		if ((nd = form_at(lm, cap, n, "e", 1)) != NO_NODE &&
		    (rc = sw__lemma_lookup_at(&b, lm, cand, n + 1, WANT_BASE, nd)) != 0)
			goto found;
	}
	if (flen[1] && (flen[1] != n || memcmp(low, m, n) != 0)) {
		if ((rc = base_linked(&b, lm, low, flen[1], 1, lown)) != 0)
			goto found;
		if (flen[1] + 2 <= LOOK_MAX) { /* a verb stem: "Fahr" -> fahren */
			memcpy(cand, low, flen[1]);
			memcpy(cand + flen[1], "en", 2);
			if ((nd = form_at(lm, lown, n, "en", 2)) != NO_NODE &&
			    (rc = sw__lemma_lookup_at(&b, lm, cand, flen[1] + 2, WANT_BASE, nd)) !=
				    0)
				goto found;
		}
	}
noun_form:
	/* a noun's plural or genitive: "Länder" -> Land, "Städte" -> Stadt */
	if ((nd = form_at(lm, cap, n, "", 0)) != NO_NODE &&
	    (rc = sw__lemma_lookup_at(&b, lm, m, n, WANT_NOUN, nd)) != 0)
		goto found;
	return 0;
found:
	if (rc < 0)
		return rc;
	/* strict (a word the lexicon knows whole): only a noun or an
	 * adjective is taken for a modifier ("unter" + "Nehmen" is none) */
	if (strict && ((b.pos != SW_POS_NOUN && b.pos != SW_POS_ADJ) || utf8_chars(b.lemma, b.llen) < 4))
		return 0;
	memcpy(base, b.lemma, b.llen);
	*blen = b.llen;
	return 1;
}

/* The base of a modifier the lexicon does not know, by its linking
 * element: a final "s" after a consonant is one ("Wehrmachts",
 * "Verwaltungs"); "-en" after a suffix of persons and things that takes
 * it ("Koeffizienten", "Revisoren") and otherwise "-n" after "e"
 * ("Amplituden", "Karwochen").  Returns the base's length. */
static size_t guess_base(const char *m, size_t n)
{
	static const lit takes_en[] = { LIT("ist"), LIT("ant"), LIT("ent"), LIT("or"), LIT("at"), LIT("ot"), LIT("it") };
	size_t i;

	if (n < 5)
		return n;
	if (m[n - 1] == 's' && !strchr("aeiouyäöüsxz", m[n - 2]))
		return n - 1;
	if (m[n - 2] == 'e' && m[n - 1] == 'n') {
		for (i = 0; i < sizeof takes_en / sizeof *takes_en; i++) {
			size_t l = takes_en[i].n;
			if (n - 2 >= l && memcmp(m + n - 2 - l, takes_en[i].s, l) == 0)
				return n - 2;
		}
		return n - 1;
	}
	return n;
}

/* Endings that are no head of their own: a remainder of an unknown word
 * that is one of them is a derivation, not a compound ("Teil" + "chen"). */
static int is_suffix(const char *h, size_t n)
{
	static const lit suffixes[] = { LIT("chen"), LIT("lein"), LIT("ung"), LIT("ungen"), LIT("heit"), LIT("heiten"),
						LIT("keit"), LIT("keiten"), LIT("schaft"), LIT("schaften"), LIT("ion"),
						LIT("ionen"), LIT("ität"), LIT("itäten"), LIT("ismus"), LIT("isten"), LIT("ling"),
						LIT("linge"), LIT("nis"), LIT("nisse"), LIT("tum"), LIT("erei"), LIT("ierung"),
						LIT("ierungen"), LIT("ation"), LIT("ationen"), LIT("ler"), LIT("ner") };
	size_t i;

	for (i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
		if (suffixes[i].n == n && memcmp(h, suffixes[i].s, n) == 0)
			return 1;
	return 0;
}

/* Whether an unknown remainder starts like a derivational ending or an
 * inflection, not like a word: "Hinrichtungs|keller" is no
 * "hinrichten" + "Ungskeller", "Rasierer|kabel" no "rasieren" +
 * "Erkabel". */
static int starts_like_suffix(const char *h, size_t n)
{
	static const lit starts[] = { LIT("ung"), LIT("ier"), LIT("heit"), LIT("keit"), LIT("schaft"), LIT("chaft"), LIT("ion"),
					      LIT("ität"), LIT("tät"), LIT("isch"), LIT("lich"), LIT("nis"), LIT("tum"), LIT("ling"),
					      LIT("ismus"), LIT("ik"), LIT("chen"), LIT("er"), LIT("en"), LIT("tion"), LIT("bark"),
					      LIT("theit") };
	size_t i;

	for (i = 0; i < sizeof starts / sizeof *starts; i++) {
		size_t l = starts[i].n;
		if (n >= l && h[0] == starts[i].s[0] && memcmp(h, starts[i].s, l) == 0)
			return 1;
	}
	return 0;
}

/* Whether an unknown remainder can start a German word: a vowel, or a
 * consonant before a vowel, or one of the clusters that begin words
 * ("Str", "Pf", "Schw"); "Rstraße", "Nwarp" cannot. */
static int word_onset(const char *h, size_t n)
{
	static const lit clusters[] = { LIT("bl"), LIT("br"), LIT("ch"), LIT("dr"), LIT("fl"), LIT("fr"), LIT("gl"), LIT("gr"),
						LIT("kl"), LIT("kn"), LIT("kr"), LIT("pf"), LIT("ph"), LIT("pl"), LIT("pr"), LIT("qu"),
						LIT("sch"), LIT("sk"), LIT("sl"), LIT("sm"), LIT("sn"), LIT("sp"), LIT("st"), LIT("sw"),
						LIT("th"), LIT("tr"), LIT("wr"), LIT("zw"), LIT("gn"), LIT("ps"), LIT("sz") };
	size_t i;

	if (n < 2 || strchr("aeiouyäöü", h[0]) || (unsigned char)h[0] == 0xC3)
		return 1;
	if (strchr("aeiouyäöü", h[1]) || (unsigned char)h[1] == 0xC3)
		return 1;
	for (i = 0; i < sizeof clusters / sizeof *clusters; i++) {
		size_t l = clusters[i].n;
		if (n >= l && h[0] == clusters[i].s[0] && memcmp(h, clusters[i].s, l) == 0)
			return 1;
	}
	return 0;
}

/* Whether an unknown modifier ends in a verb prefix ("Achsver" +
 * "Biegung" is "Achs" + "Verbiegung"). */
static int ends_in_prefix(const char *m, size_t n)
{
	static const lit prefixes[] = { LIT("ver"), LIT("zer"), LIT("ent"), LIT("emp") };
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
		if (n >= 3 && memcmp(m + n - 3, prefixes[i].s, 3) == 0)
			return 1;
	return 0;
}

/* The length of a verb particle that ends m[0..n) ("ab", "zu", "auf",
 * "ver", "be"...), or 0: a modifier the lexicon does not know that ends
 * so is more likely a known modifier and a head that starts with it. */
static size_t particle_end(const char *m, size_t n)
{
	static const lit particles[] = { LIT("ab"), LIT("auf"), LIT("aus"), LIT("ein"),
					 LIT("nach"), LIT("vor"), LIT("zu"), LIT("um") };
	size_t i;

	for (i = 0; i < sizeof particles / sizeof *particles; i++) {
		size_t l = particles[i].n;
		if (n > l && memcmp(m + n - l, particles[i].s, l) == 0)
			return l;
	}
	return 0;
}

/* The head candidate w[i..n) for a word that is a noun (first letter
 * made upper case) or not (as written) into head; its length, 0 when it
 * does not fit. */
static size_t head_at(char *head, const char *w, size_t n, size_t i, int noun)
{
	if (noun)
		return sw__lemma_map_first(head, w + i, n - i, utf8proc_toupper);
	memcpy(head, w + i, n - i);
	return n - i;
}

/* Fill *sp with the split at i: modifier base[0..bn), head lemma in *h. */
static void set_split(split *sp, const char *base, size_t bn, const best *h, size_t i, int guessed)
{
	sp->n = 2;
	memcpy(sp->part[0], base, bn);
	sp->plen[0] = bn;
	memcpy(sp->part[1], h->lemma, h->llen);
	sp->plen[1] = h->llen;
	sp->head_pos = h->pos;
	sp->head_at = i;
	sp->guessed = guessed;
}

/* The node after h[0..n) and "_", its first letter made upper case
 * when noun is set (for sw__lemma_lookup_at()): NO_NODE when the automaton has no
 * such path (most of a word's tails), found with a walk and no copy;
 * ASK_NODE when only the lookup can tell (a first letter beyond ASCII,
 * damaged data). */
static uint32_t head_node(const sw_lemmatizer *lm, const char *h, size_t n, int noun)
{
	uint32_t node = lm->root;
	size_t k = 0;
	int rc;

	if (noun && n && (unsigned char)h[0] >= 0x80)
		return ASK_NODE;
	if (noun && n) {
		char up = (char)(h[0] >= 'a' && h[0] <= 'z' ? h[0] - 32 : h[0]);
		if ((rc = sw__fsa_walk(lm->fsa, node, &up, 1, &node)) != SW_OK)
			return rc == 1 ? NO_NODE : ASK_NODE;
		k = 1;
	}
	if ((rc = sw__fsa_walk(lm->fsa, node, h + k, n - k, &node)) == SW_OK)
		rc = sw__fsa_walk(lm->fsa, node, "_", 1, &node);
	return rc == SW_OK ? node : rc == 1 ? NO_NODE : ASK_NODE;
}

/* A noun in -ung the lexicon lacks whose verb it has ("Bescheinigung":
 * bescheinigen, "Versteuerung": versteuern, "Abfüllung": abfüllen), as
 * a compound's head h[0..hn): 1 with *b its reading (the noun in the
 * singular, a noun), 0 when it is none, or an error.  The head's first
 * letter is ASCII (the caller's cheap case). */
static int deverbal_head(best *b, const sw_lemmatizer *lm, const char *h, size_t hn)
{
	char verb[LOOK_MAX + 8];
	size_t sl, k;
	best vb;
	int rc;

	if (hn >= 8 && memcmp(h + hn - 5, "ungen", 5) == 0)
		sl = hn - 5;
	else if (hn >= 6 && memcmp(h + hn - 3, "ung", 3) == 0)
		sl = hn - 3;
	else
		return 0;
	if (sl < 3 || sl + 3 > LOOK_MAX || (unsigned char)h[0] >= 0x80)
		return 0;
	verb[0] = (char)(h[0] >= 'A' && h[0] <= 'Z' ? h[0] + 32 : h[0]);
	memcpy(verb + 1, h + 1, sl - 1);
	/* "bescheinig-en", else "versteuer-n", "verwechsel-n" */
	for (k = 0; k < 2; k++) {
		size_t vl = sl;
		if (k == 0) {
			verb[vl++] = 'e';
		} else if (!(sl >= 2 && h[sl - 1] == 'r' && h[sl - 2] == 'e') &&
			   !(sl >= 2 && h[sl - 1] == 'l' && h[sl - 2] == 'e')) {
			break;
		}
		verb[vl++] = 'n';
		if ((rc = sw__lemma_lookup(&vb, lm, verb, vl, WANT_INF)) != 0) {
			if (rc < 0)
				return rc;
			memset(b, 0, offsetof(best, lemma));
			b->form = h;
			b->flen = hn;
			b->want = WANT_NOUN;
			b->score = 60;
			b->pos = SW_POS_NOUN;
			b->noun = 1;
			b->lemma[0] = (char)(h[0] >= 'a' && h[0] <= 'z' ? h[0] - 32 : h[0]);
			memcpy(b->lemma + 1, h + 1, sl - 1);
			memcpy(b->lemma + sl, "ung", 3);
			b->llen = sl + 3;
			b->lcp = (int)sw__lemma_common_prefix(b->lemma, b->llen, h, hn);
			return 1;
		}
	}
	return 0;
}

/* The head w[i..n) when it is known: 1 with *b its best reading (a noun
 * when noun is set, else a content word), 0, or SW_EFORMAT. */
static int known_head(best *b, const sw_lemmatizer *lm, const char *w, size_t n, size_t i, int noun)
{
	char head[LOOK_MAX + 8];
	uint32_t node = head_node(lm, w + i, n - i, noun);
	size_t hn;
	int rc;

	if (node == NO_NODE) /* not in the lexicon; a noun of a verb in it? */
		return noun ? deverbal_head(b, lm, w + i, n - i) : 0;
	hn = head_at(head, w, n, i, noun);
	if (!hn)
		return 0;
	rc = sw__lemma_lookup_at(b, lm, head, hn, noun ? WANT_NOUN : WANT_ANY, node);
	if (rc == 1 && !noun && (b->pos == SW_POS_FUNC || b->pos == SW_POS_X))
		return 0;
	return rc;
}

/* How many bytes of h[0..n), its first letter made upper case when
 * noun is set, the automaton has a path for (counting the s itself:
 * "Stückchen" 5 against "Tückchen" 4). */
static size_t known_prefix(const sw_lemmatizer *lm, const char *h, size_t n, int noun)
{
	uint32_t nodes[SW_LEMMA_MAX_SPLIT + 2];
	char c;
	size_t k;

	if (!n || n > SW_LEMMA_MAX_SPLIT || (unsigned char)h[0] >= 0x80)
		return 0;
	c = (char)(noun && h[0] >= 'a' && h[0] <= 'z' ? h[0] - 32 : h[0]);
	if (sw__fsa_walk(lm->fsa, lm->root, &c, 1, &nodes[0]) != SW_OK)
		return 0;
	sw__fsa_path(lm->fsa, nodes[0], h + 1, n - 1, nodes + 1);
	for (k = 1; k < n && nodes[k] != NO_NODE; k++)
		;
	return nodes[k] == NO_NODE ? k : n;
}

/* Split w[0..n) into a modifier and a head:
 *   1. the longest known head (a noun when noun is set, else a content
 *      word) whose modifier is a known base form (modifier_base());
 *   2. else whichever of these has the longer known piece: the longest
 *      known head of four bytes or more with any modifier of three (as
 *      written, less a linking "s": "Sonder" + "Ausdruck"), or the
 *      longest known modifier base with an unknown head of five bytes or
 *      more that is no derivational ending ("Vorfeld" +
 *      "Kriminalisierung"); a tie goes to the known head.
 * The parts are the modifier's base and the head's lemma.  1 with *sp
 * filled, 0 when no split is found, or SW_EFORMAT. */
int sw__lemma_split_word(split *sp, const sw_lemmatizer *lm, const char *w, size_t n, int noun,
			 int known)
{
	char base[LOOK_MAX + 8], head[LOOK_MAX + 8], low[LOOK_MAX + 8];
	uint32_t cap[SW_LEMMA_MAX_SPLIT + 1], lown[SW_LEMMA_MAX_SPLIT + 1];
	size_t i, bn, i2 = 0, i3 = 0, bn3 = 0, ln;
	best b, b2;
	int rc;

	if (n > SW_LEMMA_MAX_SPLIT || n < 2 * MIN_PART)
		return 0;
	if (known && utf8_chars(w, n) < 10)
		return 0; /* a short known word: see below */
	prefix_nodes(cap, lm, w, n);
	ln = sw__lemma_map_first(low, w, n, utf8proc_tolower);
	if (ln == n)
		prefix_nodes(lown, lm, low, n);
	for (i = MIN_PART; i + MIN_PART <= n; i++) {
		if (((unsigned char)w[i] & 0xC0) == 0x80)
			continue; /* not a character boundary */
		/* once step 2's head is found (or for a known word, which has
		 * no step 2), a head matters only with a known modifier base,
		 * and none can be known when the automaton has no path for the
		 * first i - 3 bytes (a linking element is at most three), as
		 * written or in lower case */
		if ((known || i2) && ln == n && cap[i - 3] == NO_NODE && lown[i - 3] == NO_NODE)
			continue;
		if ((rc = known_head(&b, lm, w, n, i, noun)) <= 0) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (known && n - i < 4)
			break;
		if (!i2 && n - i >= 4 && !ends_in_prefix(w, i)) { /* the longest known head, for step 2 */
			i2 = i;
			b2 = b;
		}
		if ((rc = modifier_base(base, &bn, lm, w, i, known, cap, ln == n ? lown : NULL)) < 0)
			return rc;
		/* a word the lexicon knows whole is split after an adjective
		 * only before a head of five letters or more ("Digital|politik"),
		 * and only when it has ten letters or more (checked on entry):
		 * short known words are seldom compounds of what they look like
		 * ("Platt|form") */
		if (rc == 1 && known && !sw__lemma_starts_upper(base, bn) &&
		    utf8_chars(w + i, n - i) < 5)
			rc = 0;
		if (rc == 1) {
			/* "Spiel|erkennung" or "Spieler|kennung": a modifier
			 * that is a word form with the head's "er" wins
			 * ("Kinder|leben", "weiter|reichen"); not one that has
			 * the "er" only as a linking element, no form of its
			 * own ("Feind|erkennung", not "Feind-er-kennung") */
			best b3;
			char base3[LOOK_MAX + 8];
			size_t bl3 = 0;
			if (n - i > 2 + MIN_PART && w[i] == 'e' && w[i + 1] == 'r' &&
			    (form_at(lm, cap, i + 2, "", 0) != NO_NODE ||
			     (ln == n && form_at(lm, lown, i + 2, "", 0) != NO_NODE)) &&
			    (rc = known_head(&b3, lm, w, n, i + 2, noun)) == 1 &&
			    (rc = modifier_base(base3, &bl3, lm, w, i + 2, known, cap, ln == n ? lown : NULL)) == 1) {
				set_split(sp, base3, bl3, &b3, i + 2, 0);
				return 1;
			}
			if (rc < 0)
				return rc;
			set_split(sp, base, bn, &b, i, 0);
			return 1;
		}
	}
	if (known)
		return 0;
	for (i = n - 5; i >= MIN_PART && i < n; i--) {
		/* no known modifier base here (as above) */
		if (ln == n && cap[i - 3] == NO_NODE && lown[i - 3] == NO_NODE)
			continue;
		if (((unsigned char)w[i] & 0xC0) == 0x80 || is_suffix(w + i, n - i) ||
		    starts_like_suffix(w + i, n - i) || !word_onset(w + i, n - i))
			continue;
		if ((rc = modifier_base(base, &bn, lm, w, i, 0, cap, ln == n ? lown : NULL)) < 0)
			return rc;
		if (rc == 1) {
			i3 = i;
			bn3 = bn;
			break;
		}
	}
	if (i2 && (!i3 || n - i2 >= i3)) {
		/* an unknown modifier that ends in a verb particle whose rest
		 * is known: the particle begins the head ("Test|abfüllung",
		 * "Strom|zuleitung", not "Testab" + "Füllung") */
		size_t pl = particle_end(w, i2);
		if (pl && i2 - pl >= MIN_PART && b2.llen + pl <= LOOK_MAX) {
			if ((rc = modifier_base(base, &bn, lm, w, i2 - pl, 0, cap, ln == n ? lown : NULL)) < 0)
				return rc;
			if (rc == 1) {
				best bh = b2;
				size_t hl = sw__lemma_map_first(bh.lemma, w + i2 - pl, pl,
								noun ? utf8proc_toupper
								     : utf8proc_tolower);
				size_t tl = sw__lemma_map_first(head, b2.lemma, b2.llen,
								utf8proc_tolower);
				if (hl && tl && hl + tl <= LOOK_MAX) {
					memcpy(bh.lemma + hl, head, tl);
					bh.llen = hl + tl;
					set_split(sp, base, bn, &bh, i2 - pl, 0);
					return 1;
				}
			}
		}
		bn = guess_base(w, i2);
		memcpy(base, w, bn);
		set_split(sp, base, bn, &b2, i2, 0);
		return 1;
	}
	if (i3) { /* the head as written: the caller guesses its lemma */
		/* "Vanilles|tückchen" is "Vanille" + "Stückchen": an s that
		 * could be a link or the head's first letter goes to the head
		 * when the modifier is a base without it that ends in a vowel
		 * (which seldom takes a linking s: "Reise|sparte"), or when the
		 * lexicon knows more of the head with the s than without
		 * ("Stück-" against "Tück-"; but "Wettbewerbs|kontingent",
		 * "Präzisions|platine") */
		if (w[i3 - 1] == 's' && i3 - 1 >= MIN_PART && word_onset(w + i3 - 1, n - i3 + 1)) {
			if ((rc = modifier_base(base, &bn, lm, w, i3 - 1, 0, cap, ln == n ? lown : NULL)) < 0)
				return rc;
			if (rc == 1 && (strchr("aeiouy", base[bn - 1]) ||
					known_prefix(lm, w + i3 - 1, n - i3 + 1, noun) >
						known_prefix(lm, w + i3, n - i3, noun) + 1)) {
				i3--;
				bn3 = bn;
			}
		}
		if ((rc = modifier_base(base, &bn, lm, w, i3, 0, cap, ln == n ? lown : NULL)) < 0)
			return rc;
		b.llen = head_at(head, w, n, i3, noun);
		memcpy(b.lemma, head, b.llen);
		b.pos = noun ? SW_POS_NOUN : SW_POS_X;
		set_split(sp, base, bn3, &b, i3, 1);
		return 1;
	}
	return 0;
}
