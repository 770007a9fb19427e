/*
 * trends.c - terms over time: the period axis (with empty periods), the
 * per-period series of terms, and the trend figures of a term (halves,
 * relative change, bursts, movers) from the statistics of stats.c (least
 * squares with its t-test, Mann-Kendall, Benjamini-Hochberg).
 *
 * Invariants: periods are consecutive ordinals (year, year*4+quarter,
 * year*12+month) from the first to the last dated document; the key index
 * is a compressed table (per key, its (period, count, docs) entries in
 * period order), built in one pass over the tokens, so its size is the
 * number of distinct (key, period) pairs, never keys x periods.
 *
 * Floating point: the least-squares sums are written so that the slope
 * computed from the sparse index (sw_trends_movers) and from a dense
 * series (sw_trends_summarize) add the same non-zero terms in the same
 * order, and so agree bit for bit: ranking and printed summary never
 * disagree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/alloc.h"
#include "internal/errors.h"
#include "stichwort/stats.h"
#include "stichwort/trends.h"

/* ---- statistics: the names of trends.h, computed in stats.c ---- */

double sw_trends_betainc(double a, double b, double x) { return sw_stats_betainc(a, b, x); }

double sw_trends_t_p(double t, double df) { return sw_stats_t_p(t, df); }

double sw_trends_normal_p(double z) { return sw_stats_normal_p(z); }

void sw_trends_ols_fit(sw_trends_ols *out, const double *x, const double *y, size_t n)
{
	sw_stats_ols_fit(out, x, y, n);
}

void sw_trends_mk_test(sw_trends_mk *out, const double *y, size_t n) { sw_stats_mk_test(out, y, n); }

int sw_trends_bh(double *q, const double *p, size_t n, sw_error *err)
{
	return sw_stats_bh(q, p, n, err);
}

/* ---- the period axis ---- */

typedef struct key_entry {
	uint32_t period, count, docs;
} key_entry;

struct sw_trends {
	const sw_counts *c;
	int unit;               /* 1 year, 4 quarter, 12 month */
	long first;             /* ordinal of period 0 */
	size_t np;
	char (*label)[12];      /* per period */
	size_t *tokens, *ndocs; /* per period */
	size_t *doc_period;     /* per document */
	size_t undated, undated_tokens;
	size_t dated_tokens;
	unsigned char *complete; /* per period: 1 complete, 0 partial */
	int include_partial;    /* partial periods measured too */
	double max_q;           /* movers: BH-adjusted Mann-Kendall p at most this */
	size_t ncand;           /* the last movers call: candidates */
	double min_q;           /* and their smallest q */
	/* measured periods: x values, for the movers */
	size_t nmeasured;
	/* key index */
	int indexed;
	size_t nkeys;
	size_t *kstart;         /* nkeys + 1 */
	key_entry *entries;
	sw_trends_mover *movers;
};

/* The ordinal of a period label: year, year*4 + quarter - 1 or
 * year*12 + month - 1.  -1 if the label does not parse. */
static long label_ordinal(const char *s, int unit)
{
	long y;
	int i;

	for (i = 0; i < 4; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	y = (s[0] - '0') * 1000L + (s[1] - '0') * 100L + (s[2] - '0') * 10L + (s[3] - '0');
	if (unit == 1)
		return y;
	if (unit == 4)
		return s[5] == 'Q' && s[6] >= '1' && s[6] <= '4' ? y * 4 + (s[6] - '1') : -1;
	if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
		return -1;
	return y * 12 + ((s[5] - '0') * 10 + (s[6] - '0')) - 1;
}

/* The label of an ordinal, as sw_period_label() writes it.  Years have
 * four digits (label_ordinal() read them), so the label fits in 8 bytes. */
static void ordinal_label(char *out, long o, int unit)
{
	long y = o / unit, r = o % unit;

	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '\0';
	if (unit == 1)
		return;
	out[4] = '-';
	if (unit == 4) {
		out[5] = 'Q';
		out[6] = (char)('1' + r);
	} else {
		out[5] = (char)('0' + (r + 1) / 10);
		out[6] = (char)('0' + (r + 1) % 10);
	}
	out[7] = '\0';
}

/* ---- calendar: which periods the corpus covers only in part ---- */

/* Days since 1970-01-01 of a proleptic Gregorian date (m 1..12). */
static long civil_days(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The days a date covers: a day; a whole month for YYYY-MM, a whole
 * year for YYYY.  0 when it does not parse. */
static int date_span(const char *s, long *lo, long *hi)
{
	long y = 0, m, d;
	int i;

	if (!s)
		return 0;
	for (i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		y = y * 10 + (s[i] - '0');
	}
	if (s[4] != '-') {
		*lo = civil_days(y, 1, 1);
		*hi = civil_days(y + 1, 1, 1) - 1;
		return 1;
	}
	if (s[5] < '0' || s[5] > '9' || s[6] < '0' || s[6] > '9')
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12)
		return 0;
	if (s[7] != '-' || s[8] < '0' || s[8] > '9' || s[9] < '0' || s[9] > '9') {
		*lo = civil_days(y, m, 1);
		*hi = (m == 12 ? civil_days(y + 1, 1, 1) : civil_days(y, m + 1, 1)) - 1;
		return 1;
	}
	d = (s[8] - '0') * 10 + (s[9] - '0');
	*lo = *hi = civil_days(y, m, d);
	return 1;
}

/* First and last day of the period with ordinal o. */
static void period_days(long o, int unit, long *start, long *end)
{
	long y = o / unit, r = o % unit, months = 12 / unit, m = r * months + 1;

	*start = civil_days(y, m, 1);
	*end = (m + months > 12 ? civil_days(y + 1, 1, 1) : civil_days(y, m + months, 1)) - 1;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

/*
 * Whether the edge period e is covered only in part: `gap[e]` days of it
 * lie before the corpus's first date (first period) or after its last
 * date (last period).  Partial when that gap is more than a quarter of the
 * period's days and more than twice the median gap of the same side over
 * the other periods with documents (the corpus's own rhythm: speeches
 * stop a fortnight before the year ends, manifestos months before); with
 * no other period the first condition alone decides.
 */
static int edge_partial(const long *gap, const size_t *ndocs, size_t np, size_t e, long len,
			long *scratch)
{
	size_t p, n = 0;
	double med;

	if (gap[e] * 4 <= len)
		return 0;
	for (p = 0; p < np; p++)
		if (p != e && ndocs[p])
			scratch[n++] = gap[p];
	if (!n)
		return 1;
	qsort(scratch, n, sizeof *scratch, cmp_long);
	med = n % 2 ? (double)scratch[n / 2] : ((double)scratch[n / 2 - 1] + scratch[n / 2]) / 2.0;
	return (double)gap[e] > 2.0 * med;
}

/* Fill t->complete from the documents' dates (see trends.h). */
static int judge_periods(sw_trends *t)
{
	size_t nd = sw_counts_ndocs(t->c), d, p, np = t->np;
	long *lo = sw__calloc(np + 1, sizeof *lo), *hi = sw__calloc(np + 1, sizeof *hi);
	long *early = sw__calloc(np + 1, sizeof *early), *late = sw__calloc(np + 1, sizeof *late);
	long *scratch = sw__calloc(np + 1, sizeof *scratch), start, end;
	unsigned char *seen = sw__calloc(np + 1, 1);
	int rc = SW_ENOMEM;

	if (!lo || !hi || !early || !late || !scratch || !seen)
		goto done;
	for (p = 0; p < np; p++)
		t->complete[p] = 1;
	for (d = 0; d < nd; d++) {
		long a, b;
		p = t->doc_period[d];
		if (p == SW_TRENDS_NONE || !date_span(sw_counts_doc(t->c, d)->date, &a, &b))
			continue;
		if (!seen[p] || a < lo[p])
			lo[p] = a;
		if (!seen[p] || b > hi[p])
			hi[p] = b;
		seen[p] = 1;
	}
	for (p = 0; p < np; p++) {
		period_days(t->first + (long)p, t->unit, &start, &end);
		early[p] = seen[p] && lo[p] > start ? lo[p] - start : 0;
		late[p] = seen[p] && hi[p] < end ? end - hi[p] : 0;
	}
	if (np) {
		period_days(t->first, t->unit, &start, &end);
		if (edge_partial(early, t->ndocs, np, 0, end - start + 1, scratch))
			t->complete[0] = 0;
		period_days(t->first + (long)np - 1, t->unit, &start, &end);
		if (edge_partial(late, t->ndocs, np, np - 1, end - start + 1, scratch))
			t->complete[np - 1] = 0;
	}
	rc = SW_OK;
done:
	sw__free(lo);
	sw__free(hi);
	sw__free(early);
	sw__free(late);
	sw__free(scratch);
	sw__free(seen);
	return rc;
}

/* Whether period p takes part in the statistics: it has tokens, and it
 * is complete unless partial periods are included. */
static int measured(const sw_trends *t, size_t p)
{
	return t->tokens[p] && (t->complete[p] || t->include_partial);
}

/* Recount the measured periods after the rule changed. */
static void count_measured(sw_trends *t)
{
	size_t p;

	t->nmeasured = 0;
	for (p = 0; p < t->np; p++)
		t->nmeasured += measured(t, p);
}

void sw_trends_free(sw_trends *t)
{
	if (!t)
		return;
	sw__free(t->label);
	sw__free(t->tokens);
	sw__free(t->ndocs);
	sw__free(t->doc_period);
	sw__free(t->complete);
	sw__free(t->kstart);
	sw__free(t->entries);
	sw__free(t->movers);
	sw__free(t);
}

static int trends_new_impl(sw_trends **out, const sw_counts *c, const char *by, sw_error *err)
{
	sw_trends *t;
	size_t nd = sw_counts_ndocs(c), d, p;
	long lo = 0, hi = 0, *ord = NULL;
	int unit, any = 0;
	char buf[16];

	if (!by || !strcmp(by, "year"))
		unit = 1, by = "year";
	else if (!strcmp(by, "quarter"))
		unit = 4;
	else if (!strcmp(by, "month"))
		unit = 12;
	else
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "trends: periods are year, quarter or month, not '%s'", by);
	if (!sw_counts_key_count(c))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "trends: counts not finished");
	t = sw__calloc(1, sizeof *t);
	if (!t)
		return sw__error_oom(err);
	t->c = c;
	t->unit = unit;
	t->max_q = 1.0;
	t->doc_period = sw__calloc(nd + 1, sizeof *t->doc_period);
	ord = sw__calloc(nd + 1, sizeof *ord);
	if (!t->doc_period || !ord)
		goto oom;
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		ord[d] = sw_period_label(buf, doc->date, by) ? label_ordinal(buf, unit) : -1;
		if (ord[d] < 0) {
			t->undated++;
			t->undated_tokens += doc->counted;
			continue;
		}
		if (!any || ord[d] < lo)
			lo = ord[d];
		if (!any || ord[d] > hi)
			hi = ord[d];
		any = 1;
	}
	t->np = any ? (size_t)(hi - lo + 1) : 0;
	t->first = lo;
	t->label = sw__calloc(t->np + 1, sizeof *t->label);
	t->tokens = sw__calloc(t->np + 1, sizeof *t->tokens);
	t->ndocs = sw__calloc(t->np + 1, sizeof *t->ndocs);
	t->complete = sw__calloc(t->np + 1, 1);
	if (!t->label || !t->tokens || !t->ndocs || !t->complete)
		goto oom;
	for (p = 0; p < t->np; p++)
		ordinal_label(t->label[p], lo + (long)p, unit);
	for (d = 0; d < nd; d++) {
		if (ord[d] < 0) {
			t->doc_period[d] = SW_TRENDS_NONE;
			continue;
		}
		p = (size_t)(ord[d] - lo);
		t->doc_period[d] = p;
		t->ndocs[p]++;
		t->tokens[p] += sw_counts_doc(c, d)->counted;
		t->dated_tokens += sw_counts_doc(c, d)->counted;
	}
	if (judge_periods(t))
		goto oom;
	count_measured(t);
	sw__free(ord);
	*out = t;
	return SW_OK;
oom:
	sw__free(ord);
	sw_trends_free(t);
	return sw__error_oom(err);
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_trends_new(sw_trends **out, const sw_counts *c, const char *by, sw_error *err)
{
	SW__NEED(err, "sw_trends_new", out);
	SW__NEED(err, "sw_trends_new", c);
	return trends_new_impl(out, c, by, err);
}

const sw_counts *sw_trends_counts(const sw_trends *t) { return t->c; }
size_t sw_trends_nperiods(const sw_trends *t) { return t->np; }
const char *sw_trends_period(const sw_trends *t, size_t p) { return p < t->np ? t->label[p] : NULL; }
size_t sw_trends_period_tokens(const sw_trends *t, size_t p) { return p < t->np ? t->tokens[p] : 0; }
size_t sw_trends_period_docs(const sw_trends *t, size_t p) { return p < t->np ? t->ndocs[p] : 0; }
size_t sw_trends_undated_docs(const sw_trends *t) { return t->undated; }
int sw_trends_period_complete(const sw_trends *t, size_t p) { return p < t->np ? t->complete[p] : 1; }
int sw_trends_period_measured(const sw_trends *t, size_t p) { return p < t->np && measured(t, p); }

void sw_trends_include_partial(sw_trends *t, int on)
{
	t->include_partial = !!on;
	count_measured(t);
}

void sw_trends_set_max_q(sw_trends *t, double max_q)
{
	t->max_q = max_q;
}

size_t sw_trends_candidates(const sw_trends *t, double *min_q)
{
	if (min_q)
		*min_q = t->min_q;
	return t->ncand;
}

uint32_t sw_trends_default_min_count(const sw_trends *t)
{
	size_t p, dated = 0, m;

	for (p = 0; p < t->np; p++)
		dated += t->tokens[p];
	m = (dated + 99999) / 100000;
	return m > SW_TRENDS_MIN_COUNT ? (m > UINT32_MAX ? UINT32_MAX : (uint32_t)m)
				       : SW_TRENDS_MIN_COUNT;
}
size_t sw_trends_undated_tokens(const sw_trends *t) { return t->undated_tokens; }

size_t sw_trends_doc_period(const sw_trends *t, size_t d)
{
	return d < sw_counts_ndocs(t->c) ? t->doc_period[d] : SW_TRENDS_NONE;
}

void sw_trends_series_from_docs(const sw_trends *t, const uint32_t *doc_count, uint32_t *count,
				uint32_t *docs)
{
	size_t d, nd = sw_counts_ndocs(t->c);

	if (count)
		memset(count, 0, t->np * sizeof *count);
	if (docs)
		memset(docs, 0, t->np * sizeof *docs);
	for (d = 0; d < nd; d++) {
		size_t p = t->doc_period[d];
		if (p == SW_TRENDS_NONE || !doc_count[d])
			continue;
		if (count)
			count[p] += doc_count[d];
		if (docs)
			docs[p]++;
	}
}

/* ---- the key index ---- */

/* An entry before bucketing: it still carries its key. */
typedef struct tmp_entry {
	sw_term_id key;
	uint32_t period, count, docs;
} tmp_entry;

static const char *unit_name(int unit)
{
	return unit == 1 ? "year" : unit == 4 ? "quarter" : "month";
}

/* The entries of sw_trends_index_keys() from counts aggregated by the
 * period (sw_counts_aggregate()): period by period, in order, the
 * period's unit table; kstart[key + 1] counts each key's entries. */
static int index_units(sw_trends *t, int all, tmp_entry **tmp, size_t *ntmp, size_t *captmp,
		       size_t *kstart, sw_error *err)
{
	const char *by = unit_name(t->unit), *agg = sw_counts_aggregated_by(t->c);
	sw_units *u = NULL;
	size_t *unit_of = NULL, i, p, n;
	int rc;

	if (strcmp(agg, by) != 0)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "trends: counts aggregated by %s, not by %s", agg, by);
	if ((rc = sw_units_new(&u, t->c, by, err)))
		return rc;
	unit_of = sw__malloc((t->np + 1) * sizeof *unit_of);
	if (!unit_of) {
		sw_units_free(u);
		return sw__error_oom(err);
	}
	for (p = 0; p < t->np; p++)
		unit_of[p] = SIZE_MAX;
	for (i = 0; i < sw_units_count(u); i++) {
		const char *label = sw_units_label(u, i);
		long o = label ? label_ordinal(label, t->unit) : -1;
		if (o >= t->first && o < t->first + (long)t->np)
			unit_of[o - t->first] = i;
	}
	for (p = 0; p < t->np; p++) {
		const sw_unit_tf *tf;
		if (unit_of[p] == SIZE_MAX)
			continue;
		if ((rc = sw_units_tf(&tf, &n, u, unit_of[p], all, err)))
			goto done;
		if (sw__grow((void **)tmp, captmp, *ntmp + n + 1, sizeof **tmp)) {
			rc = sw__error_oom(err);
			goto done;
		}
		for (i = 0; i < n; i++) {
			(*tmp)[*ntmp] = (tmp_entry){ tf[i].key, (uint32_t)p, tf[i].count, tf[i].docs };
			(*ntmp)++;
			kstart[tf[i].key + 1]++;
		}
	}
	rc = SW_OK;
done:
	sw__free(unit_of);
	sw_units_free(u);
	return rc;
}

/* The entries of sw_trends_index_keys() from the token arrays: one pass,
 * period by period (documents grouped by a counting sort, document order
 * kept), per key its count and documents in the period (slast: the last
 * document that counted). */
static int index_tokens(sw_trends *t, int all, tmp_entry **tmp, size_t *ntmp, size_t *captmp,
			size_t *kstart, sw_error *err)
{
	const sw_counts *c = t->c;
	const sw_term_id *keys = sw_counts_keys(c);
	const uint8_t *types = sw_counts_types(c), *flags = sw_counts_flags(c);
	size_t nk = sw_counts_nkeys(c), nd = sw_counts_ndocs(c);
	size_t *start, *order, *fill, *slast, d, p, j, i;
	uint32_t *scount, *sdocs;
	sw_term_id *touched;
	int rc = SW_OK;

	start = sw__calloc(t->np + 2, sizeof *start);
	order = sw__calloc(nd + 1, sizeof *order);
	fill = sw__calloc(t->np + 1, sizeof *fill);
	scount = sw__calloc(nk + 1, sizeof *scount);
	sdocs = sw__calloc(nk + 1, sizeof *sdocs);
	slast = sw__calloc(nk + 1, sizeof *slast);
	touched = sw__calloc(nk + 1, sizeof *touched);
	if (!start || !order || !fill || !scount || !sdocs || !slast || !touched) {
		rc = sw__error_oom(err);
		goto done;
	}
	for (p = 0; p < t->np; p++)
		start[p + 1] = start[p] + t->ndocs[p];
	for (d = 0; d < nd; d++)
		if ((p = t->doc_period[d]) != SW_TRENDS_NONE)
			order[start[p] + fill[p]++] = d;
	for (p = 0; p < t->np; p++) {
		size_t ntouched = 0;
		for (j = start[p]; j < start[p + 1]; j++) {
			const sw_count_doc *doc = sw_counts_doc(c, order[j]);
			size_t tk;
			d = order[j];
			for (tk = doc->first; tk < doc->first + doc->ntokens; tk++) {
				sw_term_id k = keys[tk];
				if (k >= nk || types[tk] == SW_TOKEN_PUNCT)
					continue;
				if (!all && (types[tk] != SW_TOKEN_WORD || (flags[tk] & SW_CT_STOP)))
					continue;
				if (!scount[k])
					touched[ntouched++] = k;
				scount[k]++;
				if (slast[k] != d + 1) {
					slast[k] = d + 1;
					sdocs[k]++;
				}
			}
		}
		if (sw__grow((void **)tmp, captmp, *ntmp + ntouched + 1, sizeof **tmp)) {
			rc = sw__error_oom(err);
			goto done;
		}
		for (i = 0; i < ntouched; i++) {
			sw_term_id k = touched[i];
			(*tmp)[(*ntmp)++] = (tmp_entry){ k, (uint32_t)p, scount[k], sdocs[k] };
			kstart[k + 1]++;
			scount[k] = 0;
			sdocs[k] = 0;
		}
	}
done:
	sw__free(start);
	sw__free(order);
	sw__free(fill);
	sw__free(scount);
	sw__free(sdocs);
	sw__free(slast);
	sw__free(touched);
	return rc;
}

int sw_trends_index_keys(sw_trends *t, int all, sw_error *err)
{
	size_t nk = sw_counts_nkeys(t->c), ntmp = 0, captmp = 0, i;
	size_t *kstart = NULL, *cur = NULL;
	tmp_entry *tmp = NULL;
	key_entry *ent = NULL;
	int rc;

	if (t->indexed)
		return SW_OK;
	kstart = sw__calloc(nk + 2, sizeof *kstart);
	if (!kstart)
		return sw__error_oom(err);
	/* counts without token arrays are aggregated by this very period:
	 * each unit's table is the period's */
	rc = sw_counts_aggregated_by(t->c)
		     ? index_units(t, all, &tmp, &ntmp, &captmp, kstart, err)
		     : index_tokens(t, all, &tmp, &ntmp, &captmp, kstart, err);
	if (rc)
		goto fail;
	/* bucket by key; entries of a key stay in period order (stable) */
	ent = sw__calloc(ntmp + 1, sizeof *ent);
	cur = sw__malloc((nk + 1) * sizeof *cur);
	if (!ent || !cur) {
		rc = sw__error_oom(err);
		goto fail;
	}
	for (i = 0; i < nk; i++)
		kstart[i + 1] += kstart[i];
	memcpy(cur, kstart, (nk + 1) * sizeof *cur); /* fill cursor per key */
	for (i = 0; i < ntmp; i++)
		ent[cur[tmp[i].key]++] = (key_entry){ tmp[i].period, tmp[i].count, tmp[i].docs };
	t->kstart = kstart;
	t->entries = ent;
	t->nkeys = nk;
	t->indexed = 1;
	sw__free(cur);
	sw__free(tmp);
	return SW_OK;
fail:
	sw__free(cur);
	sw__free(tmp);
	sw__free(kstart);
	sw__free(ent);
	return rc;
}

int sw_trends_key_series(const sw_trends *t, sw_term_id key, uint32_t *count, uint32_t *docs,
			 sw_error *err)
{
	size_t i;

	if (!t->indexed)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "trends: keys not indexed");
	if (count)
		memset(count, 0, t->np * sizeof *count);
	if (docs)
		memset(docs, 0, t->np * sizeof *docs);
	if (key >= t->nkeys)
		return SW_OK;
	for (i = t->kstart[key]; i < t->kstart[key + 1]; i++) {
		if (count)
			count[t->entries[i].period] = t->entries[i].count;
		if (docs)
			docs[t->entries[i].period] = t->entries[i].docs;
	}
	return SW_OK;
}

/* ---- summaries ---- */

static double per_10k(double count, double tokens)
{
	return tokens > 0 ? count * 10000.0 / tokens : 0.0;
}

/* The x span of the measured periods: last x - first x. */
static double measured_span(const sw_trends *t)
{
	size_t p, lo = SW_TRENDS_NONE, hi = 0;

	for (p = 0; p < t->np; p++)
		if (measured(t, p)) {
			if (lo == SW_TRENDS_NONE)
				lo = p;
			hi = p;
		}
	return lo == SW_TRENDS_NONE ? 0.0 : (double)(hi - lo);
}

static double relative_change(double slope, double mean, double span)
{
	if (isnan(slope) || !(mean > 0))
		return NAN;
	return slope * span / mean;
}

/*
 * Whether a rise (change > 0) over the measured points x, y (m of them)
 * comes from one period: without the period of the largest y (the latest
 * of equal ones; *peak is its index in x), the change of the rest is
 * undefined or less than half of change.  xs, ys: scratch of m values.
 */
static int rise_is_burst(const double *x, const double *y, size_t m, double change, double *xs,
			 double *ys, size_t *peak)
{
	size_t i, k = 0, pk = 0;
	sw_stats_ols ols;
	double mean = 0, rest;

	*peak = SW_TRENDS_NONE;
	if (!(change > 0) || !m)
		return 0;
	for (i = 1; i < m; i++)
		if (y[i] >= y[pk])
			pk = i;
	*peak = pk;
	for (i = 0; i < m; i++)
		if (i != pk) {
			xs[k] = x[i];
			ys[k] = y[i];
			mean += y[i];
			k++;
		}
	if (k)
		mean /= (double)k;
	sw_stats_ols_fit(&ols, xs, ys, k);
	rest = relative_change(ols.slope, mean, k ? xs[k - 1] - xs[0] : 0.0);
	return !(rest >= change / 2.0);
}

int sw_trends_summarize(sw_trends_summary *out, const sw_trends *t, const uint32_t *count,
			sw_error *err)
{
	double *x, *y, *xs, *ys, cf = 0, tf = 0, cl = 0, tl = 0, mean = 0;
	size_t p, m = 0, h, i, pk;
	sw_trends_summary s;

	memset(&s, 0, sizeof s);
	x = sw__calloc(4 * (t->np + 1), sizeof *x);
	if (!x)
		return sw__error_oom(err);
	y = x + (t->np + 1);
	xs = y + (t->np + 1);
	ys = xs + (t->np + 1);
	s.first_seen = s.last_seen = s.peak = SW_TRENDS_NONE;
	for (p = 0; p < t->np; p++) {
		s.count += count[p];
		if (count[p]) {
			if (s.first_seen == SW_TRENDS_NONE)
				s.first_seen = p;
			s.last_seen = p;
		}
		if (!measured(t, p))
			continue;
		x[m] = (double)p;
		y[m] = per_10k(count[p], (double)t->tokens[p]);
		m++;
	}
	s.measured = m;
	s.per_10k = t->dated_tokens ? per_10k((double)s.count, (double)t->dated_tokens) : NAN;
	sw_stats_ols_fit(&s.ols, x, y, m);
	sw_stats_mk_test(&s.mk, y, m);
	/* halves over the measured periods */
	h = m / 2;
	for (p = 0, i = 0; p < t->np; p++) {
		if (!measured(t, p))
			continue;
		if (i < h) {
			cf += count[p];
			tf += (double)t->tokens[p];
		} else if (i >= m - h) {
			cl += count[p];
			tl += (double)t->tokens[p];
		}
		i++;
	}
	s.first_half_per_10k = h ? per_10k(cf, tf) : NAN;
	s.last_half_per_10k = h ? per_10k(cl, tl) : NAN;
	if (!h || (cf == 0 && cl == 0))
		s.half_ratio = NAN;
	else
		s.half_ratio = ((cl > 0 ? cl : 0.5) / tl) / ((cf > 0 ? cf : 0.5) / tf);
	for (i = 0; i < m; i++)
		mean += y[i];
	if (m)
		mean /= (double)m;
	s.change = relative_change(s.ols.slope, mean, measured_span(t));
	s.burst = rise_is_burst(x, y, m, s.change, xs, ys, &pk);
	if (pk != SW_TRENDS_NONE)
		s.peak = (size_t)x[pk];
	sw__free(x);
	*out = s;
	return SW_OK;
}

const char *sw_trends_direction_name(const sw_trends_summary *s)
{
	if (isnan(s->ols.slope))
		return NULL;
	if (s->burst)
		return "burst";
	return s->ols.slope > 0 ? "rising" : s->ols.slope < 0 ? "falling" : "flat";
}

/* ---- movers ---- */

/* A mover with what its order needs (qsort has no payload argument, and
 * the library keeps no global state). */
typedef struct ranked {
	sw_trends_mover m;
	double v;        /* the sort value: descending */
	const char *kb;  /* key bytes */
	size_t kl;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
	const ranked *x = a, *y = b;
	int c;

	if (x->v != y->v)
		return x->v > y->v ? -1 : 1;
	c = memcmp(x->kb, y->kb, x->kl < y->kl ? x->kl : y->kl);
	if (c)
		return c;
	if (x->kl != y->kl)
		return x->kl < y->kl ? -1 : 1;
	return (x->m.key > y->m.key) - (x->m.key < y->m.key);
}

int sw_trends_movers(const sw_trends_mover **out, size_t *n_out, sw_trends *t,
		     sw_trends_direction dir, uint32_t min_count, uint32_t min_docs,
		     sw_error *err)
{
	double mx = 0, sxx = 0, n = (double)t->nmeasured, span;
	double *xp = NULL, *x = NULL, *y, *xs, *ys, *pval = NULL, *qval = NULL;
	size_t *midx = NULL;
	ranked *r = NULL;
	size_t k, i, p, nm = 0, nc = 0, m = 0, pk;
	int rc;

	if (!t->indexed)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "trends: keys not indexed");
	sw__free(t->movers);
	t->movers = sw__calloc(t->nkeys + 1, sizeof *t->movers);
	xp = sw__calloc(t->np + 1, sizeof *xp);
	x = sw__calloc(4 * (t->np + 1), sizeof *x);
	midx = sw__calloc(t->np + 1, sizeof *midx);
	r = sw__calloc(t->nkeys + 1, sizeof *r);
	if (!t->movers || !xp || !x || !midx || !r) {
		rc = sw__error_oom(err);
		goto done;
	}
	y = x + (t->np + 1);
	xs = y + (t->np + 1);
	ys = xs + (t->np + 1);
	*out = t->movers;
	*n_out = 0;
	t->ncand = 0;
	t->min_q = NAN;
	rc = SW_OK;
	if (t->nmeasured < 2)
		goto done;
	/* the same sums as sw_stats_ols_fit() over the measured periods */
	for (p = 0; p < t->np; p++)
		if (measured(t, p))
			mx += (double)p;
	mx /= n;
	for (p = 0; p < t->np; p++) {
		midx[p] = SW_TRENDS_NONE;
		if (measured(t, p)) {
			xp[p] = (double)p - mx;
			sxx += xp[p] * xp[p];
			x[m] = (double)p;
			midx[p] = m++;
		}
	}
	span = measured_span(t);
	/* the candidates: frequent and dispersed enough, with a change */
	for (k = 0; k < t->nkeys; k++) {
		uint32_t cnt = 0, docs = 0;
		double sxy = 0, sy = 0, slope, change;
		sw_stats_mk mk;
		if (t->kstart[k] == t->kstart[k + 1])
			continue;
		for (i = t->kstart[k]; i < t->kstart[k + 1]; i++) {
			const key_entry *e = &t->entries[i];
			cnt += e->count;
			docs += e->docs;
		}
		if (cnt < min_count || docs < min_docs)
			continue;
		memset(y, 0, m * sizeof *y);
		for (i = t->kstart[k]; i < t->kstart[k + 1]; i++) {
			const key_entry *e = &t->entries[i];
			double v;
			if (midx[e->period] == SW_TRENDS_NONE)
				continue;
			v = per_10k(e->count, (double)t->tokens[e->period]);
			y[midx[e->period]] = v;
			sxy += xp[e->period] * v;
			sy += v;
		}
		slope = sxy / sxx;
		change = relative_change(slope, sy / n, span);
		if (isnan(change))
			continue;
		sw_stats_mk_test(&mk, y, m);
		r[nc].m.key = (sw_term_id)k;
		r[nc].m.count = cnt;
		r[nc].m.docs = docs;
		r[nc].m.slope = slope;
		r[nc].m.change = change;
		r[nc].m.mk_p = mk.p;
		r[nc].m.burst = rise_is_burst(x, y, m, change, xs, ys, &pk);
		nc++;
	}
	/* Benjamini-Hochberg over every candidate, then the direction */
	pval = sw__calloc(nc + 1, sizeof *pval);
	qval = sw__calloc(nc + 1, sizeof *qval);
	if (!pval || !qval) {
		rc = sw__error_oom(err);
		goto done;
	}
	for (i = 0; i < nc; i++)
		pval[i] = r[i].m.mk_p;
	if ((rc = sw_stats_bh(qval, pval, nc, err)))
		goto done;
	t->ncand = nc;
	for (i = 0; i < nc; i++) {
		double change = r[i].m.change;
		r[i].m.q = qval[i];
		if (!isnan(qval[i]) && (isnan(t->min_q) || qval[i] < t->min_q))
			t->min_q = qval[i];
		if (t->max_q < 1.0 && !(qval[i] <= t->max_q))
			continue;
		if ((dir == SW_TRENDS_RISING && (!(change > 0) || r[i].m.burst)) ||
		    (dir == SW_TRENDS_FALLING && !(change < 0)))
			continue;
		r[nm] = r[i];
		r[nm].v = dir == SW_TRENDS_BOTH ? fabs(change) : dir == SW_TRENDS_FALLING ? -change : change;
		r[nm].kb = sw_counts_key_bytes(t->c, r[nm].m.key, &r[nm].kl);
		nm++;
	}
	qsort(r, nm, sizeof *r, cmp_ranked);
	for (i = 0; i < nm; i++)
		t->movers[i] = r[i].m;
	*n_out = nm;
done:
	sw__free(xp);
	sw__free(x);
	sw__free(midx);
	sw__free(pval);
	sw__free(qval);
	sw__free(r);
	return rc;
}
