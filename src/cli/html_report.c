/*
 * cli/html_report.c - report.html: one self-contained page (inline CSS,
 * inline SVG charts, a few lines of inline JavaScript; no network, no
 * fonts, nothing outside the file) built from the report's records.
 *
 * Each section pairs a chart with a table of the exact numbers and a note
 * on how they were computed.  Terms are links to their concordance lines
 * in the appendix (#kw-N); the script opens those lines in place beside
 * the table instead of jumping, and without the script the links still
 * work.  The script also marks the page when it ran without error
 * (data-js="ok" on <html>) and counts the drawn marks of each chart
 * (data-drawn), which the browser test reads back from the DOM.
 *
 * Human view: German number notation (html_num) and German sort order of
 * names (html_collate); rankings keep their rank order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "svg.h"

/* ---- picking records ---- */

/* Records of a section (and unit, when unit_match): pointers in order. */
static const report_row **pick(const report_data *d, const char *section, int unit_match,
			       const char *unit, size_t *n)
{
	const report_rows *rs = d->rows;
	const report_row **o = malloc((rs->n + 1) * sizeof *o);
	size_t i;

	*n = 0;
	if (!o)
		return NULL;
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		if (strcmp(r->section, section) != 0)
			continue;
		if (unit_match && !(unit ? r->unit && strcmp(r->unit, unit) == 0 : !r->unit))
			continue;
		o[(*n)++] = r;
	}
	return o;
}

/* The records of a section grouped by the units of units (nu, as
 * units_of() gives them): unit u's records are o[(*start)[u] ..
 * (*start)[u + 1]), in record order.  One pass with the units in a hash
 * table: a pick() per unit scans every record for each, which with
 * 16,000 groups took minutes.  NULL on OOM. */
static const report_row **pick_by_unit(const report_data *d, const char *section,
				       const char *const *units, size_t nu, size_t **start)
{
	const report_rows *rs = d->rows;
	const report_row **o = malloc((rs->n + 1) * sizeof *o);
	size_t *st = calloc(nu + 2, sizeof *st), *fill = malloc((nu + 1) * sizeof *fill);
	size_t *of = malloc((rs->n + 1) * sizeof *of), i, u;
	html_strtab t;

	*start = NULL;
	if (!o || !st || !fill || !of || html_strtab_init(&t, nu)) {
		free(o);
		free(st);
		free(fill);
		free(of);
		return NULL;
	}
	for (u = 0; u < nu; u++)
		html_strtab_add(&t, units[u]);
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		of[i] = strcmp(r->section, section) == 0 ? html_strtab_find(&t, r->unit) : (size_t)-1;
		if (of[i] < nu)
			st[of[i] + 1]++;
	}
	for (u = 0; u < nu; u++)
		st[u + 1] += st[u];
	memcpy(fill, st, nu * sizeof *fill);
	for (i = 0; i < rs->n; i++)
		if (of[i] < nu)
			o[fill[of[i]]++] = &rs->r[i];
	html_strtab_free(&t);
	free(fill);
	free(of);
	*start = st;
	return o;
}

static int has_section(const report_data *d, const char *section)
{
	size_t i;

	for (i = 0; i < d->rows->n; i++)
		if (strcmp(d->rows->r[i].section, section) == 0)
			return 1;
	return 0;
}

static int cmp_bytes(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Byte order with NULL ("no value") last. */
static int cmp_bytes_null_last(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	if (!x || !y)
		return (x == NULL) - (y == NULL);
	return strcmp(x, y);
}

static int cmp_coll(const void *a, const void *b)
{
	return html_collate(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct units of a section (borrowed strings; NULL for "no value"),
 * in German order when sorted, else in order of appearance. */
static const char **units_of(const report_data *d, const char *section, int sorted, size_t *n)
{
	const report_rows *rs = d->rows;
	const char **u = malloc((rs->n + 1) * sizeof *u);
	html_strtab seen;
	size_t i, nnull = 0;

	*n = 0;
	if (!u || html_strtab_init(&seen, rs->n)) {
		free(u);
		return NULL;
	}
	for (i = 0; i < rs->n; i++) {
		const report_row *r = &rs->r[i];
		if (strcmp(r->section, section) != 0)
			continue;
		if (!r->unit) {
			nnull = 1;
			continue;
		}
		if (html_strtab_add(&seen, r->unit) == *n)
			u[(*n)++] = r->unit;
	}
	html_strtab_free(&seen);
	if (sorted)
		qsort(u, *n, sizeof *u, cmp_coll);
	if (nnull)
		u[(*n)++] = NULL;
	return u;
}

/* Each record of r (nr) with a unit and key into v[key * np + period]:
 * keys[0..nk) and periods[0..np) indexed, so the cost is linear.  The
 * largest value into *max (when max is not NULL). */
static int fill_series(double *v, const report_row *const *r, size_t nr, const char *const *keys,
		       size_t nk, const char *const *periods, size_t np, double *max)
{
	html_strtab kt, pt;
	size_t *kpos = malloc((nk + 1) * sizeof *kpos), *ppos = malloc((np + 1) * sizeof *ppos);
	size_t i, k, p, n;
	int rc = -1;

	if (!kpos || !ppos || html_strtab_init(&kt, nk))
		goto nothing;
	if (html_strtab_init(&pt, np)) {
		html_strtab_free(&kt);
		goto nothing;
	}
	/* a string given twice keeps its first place, as a scan finds it */
	for (k = 0; k < nk; k++)
		if ((n = kt.n, html_strtab_add(&kt, keys[k])) == n)
			kpos[n] = k;
	for (p = 0; p < np; p++)
		if ((n = pt.n, html_strtab_add(&pt, periods[p])) == n)
			ppos[n] = p;
	for (i = 0; i < np * nk; i++)
		v[i] = NAN;
	for (i = 0; i < nr; i++) {
		if (!r[i]->unit || !r[i]->key)
			continue;
		k = html_strtab_find(&kt, r[i]->key);
		p = html_strtab_find(&pt, r[i]->unit);
		if (k == (size_t)-1 || p == (size_t)-1)
			continue;
		k = kpos[k];
		p = ppos[p];
		v[k * np + p] = r[i]->per_10k;
		if (max && r[i]->per_10k > *max)
			*max = r[i]->per_10k;
	}
	html_strtab_free(&kt);
	html_strtab_free(&pt);
	rc = 0;
nothing:
	free(kpos);
	free(ppos);
	return rc;
}

size_t report_kwic_find(const report_data *d, const char *key)
{
	size_t i;

	if (key && d->kwic_index) { /* the keys are distinct: number = index */
		i = html_strtab_find(d->kwic_index, key);
		return i < d->nkwic ? i : (size_t)-1;
	}
	for (i = 0; key && i < d->nkwic; i++)
		if (strcmp(d->kwic[i].key, key) == 0)
			return i;
	return (size_t)-1;
}

/* The concordance anchor of a row ("t:" + key for terms and phrases,
 * "th:" + name for themes) into buf; returns buf or NULL. */
static const char *kw_href(char *buf, size_t cap, const report_data *d, const char *prefix,
			   const char *key)
{
	char *k;
	size_t i;

	if (!key || !(k = malloc(strlen(prefix) + strlen(key) + 1)))
		return NULL;
	strcpy(k, prefix);
	strcat(k, key);
	i = report_kwic_find(d, k);
	free(k);
	if (i == (size_t)-1)
		return NULL;
	snprintf(buf, cap, "#kw-%zu", i);
	return buf;
}

/* ---- page parts ---- */

static const char *const css[] = {
	":root{--fg:#1d1d1f;--muted:#5f6368;--line:#dcdcdc;--accent:#005a8e;--soft:#f4f6f8}\n"
	"*{box-sizing:border-box}\n"
	"html{background:#eceeef}\n"
	"body{margin:0;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',"
	"'Liberation Sans',Arial,sans-serif;color:var(--fg)}\n"
	"main{max-width:1200px;margin:0 auto;padding:8px 32px 56px;background:#fff;"
	"min-height:100vh}\n"
	"header{padding:20px 0 8px;border-bottom:3px solid var(--accent)}\n"
	"h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:36px 0 6px;padding-top:8px}"
	"h3{font-size:15px;margin:14px 0 6px}\n"
	".sub{color:var(--muted);margin:0}\n"
	"nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:0;margin:12px 0 0;"
	"font-size:14px}\n"
	"nav a,a.t{color:var(--accent);text-decoration:none}nav a:hover,a.t:hover{text-decoration:underline}\n"
	"a.t{border-bottom:1px dotted var(--accent)}\n"
	".stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;"
	"margin:18px 0}\n"
	".stats div{background:var(--soft);border-radius:6px;padding:10px 14px}\n",
	".stats p{margin:0}.stats .k{font-size:12px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}\n"
	".stats .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}\n"
	".stats .v.dates{font-size:17px;padding-top:4px}\n"
	".lead{color:var(--muted);max-width:80ch;margin:0 0 8px}\n"
	".fig{display:grid;grid-template-columns:minmax(0,11fr) minmax(0,9fr);gap:28px;"
	"align-items:start;padding:14px 0 18px;border-top:1px solid var(--line)}\n"
	".fig.wide{grid-template-columns:minmax(0,1fr)}.fig.wide svg.chart{max-width:760px}\n"
	".fig.even{grid-template-columns:minmax(0,1fr) minmax(0,1fr)}\n"
	".pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:28px;"
	"border-top:1px solid var(--line);padding-top:14px}\n"
	".pair .fig{border-top:0;padding-top:0;grid-template-columns:1fr}\n"
	"td.w{overflow-wrap:anywhere;min-width:9em}\n"
	".multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:10px 22px}\n"
	".fig.wide .multiples svg.chart{max-width:none}\n"
	"@media (max-width:900px){.fig,.fig.even,.pair{grid-template-columns:1fr}}\n"
	"figure{margin:0}figcaption{color:var(--muted);font-size:13px;margin-top:6px}\n"
	"svg.chart{width:100%;height:auto;font-size:12px;overflow:visible}\n"
	"svg .ttl{font-weight:600;font-size:13.5px;fill:#1d1d1f}\n"
	"svg .grid{stroke:#e6e6e6;stroke-width:1}svg .grid.zero{stroke:#9a9a9a}\n"
	"svg .tick{fill:#5f6368;font-size:11px}svg .tickm{stroke:#9a9a9a}\n",
	"svg .axl{fill:#3c4043;font-size:11.5px;font-style:italic}\n"
	"svg .lbl{fill:#1d1d1f}svg a .lbl{fill:var(--accent)}svg a:hover .lbl{text-decoration:underline}\n"
	"svg .val{fill:#3c4043;font-size:11px}svg .line{stroke-width:2.2;stroke-linejoin:round}\n"
	"svg .cellv{font-size:11px;fill:#1d1d1f}svg .cellv.inv{fill:#fff}\n"
	"svg rect.mark:hover,svg circle.mark:hover{opacity:.75}\n"
	".tablewrap{max-height:620px;overflow:auto}\n"
	"table{border-collapse:collapse;font-size:13px;width:100%}\n"
	"caption{text-align:left;font-weight:600;padding:0 0 4px;font-size:13.5px}\n"
	"th,td{padding:3px 6px;border-bottom:1px solid #ececec;text-align:left;vertical-align:top}\n"
	"th{font-weight:600;border-bottom:1px solid #bbb;position:sticky;top:0;background:#fff}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:14px}\n"
	".cards>div{border:1px solid var(--line);border-radius:6px;padding:8px 12px}\n"
	".cards h3{margin:2px 0 6px}.cards ol{margin:0;padding-left:22px;font-size:13.5px}\n"
	".kwpanel{grid-column:1/-1;border:1px solid #c9d6e2;background:#f7fafc;border-radius:6px;"
	"padding:8px 40px 8px 12px;position:relative}\n"
	".kwpanel .close{position:absolute;right:8px;top:6px;border:0;background:none;"
	"font-size:20px;cursor:pointer;color:var(--muted)}\n",
	"table.kwic{table-layout:fixed}table.kwic td{border-bottom:1px solid #eef}\n"
	"table.kwic .src{width:17%;color:var(--muted);font-size:12px}\n"
	"table.kwic .l{width:38%;text-align:right}table.kwic .m{width:12%;text-align:center;"
	"font-weight:650;color:#8a3b00}\n"
	"table.kwic .r{width:33%}\n"
	".kw{margin:10px 0 18px;break-inside:avoid}.kw h3 small{color:var(--muted);font-weight:400}\n"
	".notes{color:var(--muted);font-size:13.5px}\n"
	"footer{margin-top:40px;color:var(--muted);font-size:12.5px;border-top:1px solid var(--line);"
	"padding-top:10px}\n"
	"@media print{html,body{background:#fff}body{font-size:10.5pt}main{max-width:none;padding:0}"
	"nav,.kwpanel,button{display:none}.fig{display:block;break-inside:avoid;page-break-inside:avoid}"
	".tablewrap{max-height:none;overflow:visible}th{position:static}a.t{color:inherit;border:0}"
	"h2{break-after:avoid;page-break-after:avoid}svg.chart{max-width:17cm}"
	".fig table{margin-top:8px}}\n",
};

/* The script: concordance panels and the render check.  ES5, no
 * dependencies. */
static const char js[] =
	"(function(){'use strict';\n"
	"var root=document.documentElement;\n"
	"window.addEventListener('error',function(){root.setAttribute('data-js-error','1');});\n"
	"function show(a){var h=a.getAttribute('href')||'';var src=document.getElementById(h.slice(1));\n"
	" if(!src)return false;var host=a.closest('.fig')||a.closest('section');if(!host)return false;\n"
	" var p=null,i;for(i=0;i<host.children.length;i++){if(host.children[i].className==='kwpanel')p=host.children[i];}\n"
	" if(p&&p.getAttribute('data-for')===h){host.removeChild(p);return true;}\n"
	" if(!p){p=document.createElement('div');p.className='kwpanel';host.appendChild(p);}\n"
	" p.setAttribute('data-for',h);p.innerHTML='';var c=src.cloneNode(true);c.removeAttribute('id');\n"
	" var b=document.createElement('button');b.type='button';b.className='close';b.textContent='\\u00d7';\n"
	" b.setAttribute('aria-label','close');b.addEventListener('click',function(){host.removeChild(p);});\n"
	" p.appendChild(b);p.appendChild(c);return true;}\n"
	"document.addEventListener('click',function(e){var a=e.target.closest?e.target.closest('a'):null;\n"
	" if(!a)return;var h=a.getAttribute('href')||'';if(h.indexOf('#kw-')!==0)return;\n"
	" if(a.closest('#concordance'))return;if(show(a))e.preventDefault();});\n"
	"var charts=document.querySelectorAll('svg.chart'),i,j;\n"
	"for(i=0;i<charts.length;i++){var m=charts[i].querySelectorAll('.mark'),n=0;\n"
	" for(j=0;j<m.length;j++){var bb=m[j].getBBox();if(bb.width>0&&bb.height>0)n++;}\n"
	" charts[i].setAttribute('data-drawn',String(n));}\n"
	"if(/[?&]selftest\\b/.test(location.search)){var t=document.querySelector('main a.t');\n"
	" if(t){t.click();var host=t.closest('.fig')||t.closest('section');var pn=host&&host.querySelector('.kwpanel');\n"
	"  root.setAttribute('data-selftest',pn&&pn.querySelector('table.kwic tr')?'ok':'fail');}\n"
	" else root.setAttribute('data-selftest','no-terms');}\n"
	"root.setAttribute('data-js','ok');\n"
	"})();\n";

static void term_cell(FILE *f, const report_data *d, const char *prefix, const report_row *r)
{
	char href[40];
	const char *h = kw_href(href, sizeof href, d, prefix, r->key);

	fputs("<td class=\"w\">", f);
	if (h)
		fprintf(f, "<a class=\"t\" href=\"%s\">", h);
	html_escs(f, r->term ? r->term : "(none)");
	if (h)
		fputs("</a>", f);
	fputs("</td>", f);
}

static void num_cell(FILE *f, double v, int decimals)
{
	char num[48];

	fprintf(f, "<td class=\"n\">%s</td>", html_num(num, v, decimals));
}

static void int_cell(FILE *f, long long v)
{
	char num[48];

	fprintf(f, "<td class=\"n\">%s</td>", html_int(num, v));
}

static void th(FILE *f, const char *const *cols, const int *numeric, size_t n)
{
	size_t i;

	fputs("<thead><tr>", f);
	for (i = 0; i < n; i++)
		fprintf(f, "<th%s scope=\"col\">%s</th>", numeric[i] ? " class=\"n\"" : "", cols[i]);
	fputs("</tr></thead>\n", f);
}

static void caption(FILE *f, const char *text)
{
	fputs("<figcaption>", f);
	fputs(text, f); /* static HTML */
	fputs("</figcaption>\n", f);
}

/* A date YYYY[-MM[-DD]] in German notation: 14.03.2019, 03/2019 -> 03.2019. */
static void de_date(FILE *f, const char *s)
{
	size_t n = strlen(s);

	if (n == 10 && s[4] == '-' && s[7] == '-')
		fprintf(f, "%.2s.%.2s.%.4s", s + 8, s + 5, s);
	else if (n == 7 && s[4] == '-')
		fprintf(f, "%.2s.%.4s", s + 5, s);
	else
		html_escs(f, s);
}

/* ---- sections ---- */

static void sec_overview(FILE *f, const report_data *d, int *chart)
{
	static const char *const cols[] = { "", "documents", "tokens" };
	static const int numc[] = { 0, 1, 1 };
	static const struct {
		const char *section, *what, *unitname;
	} parts[] = {
		{ "documents_year", "per year", "year" },
		{ "documents_group", "per group", "group" },
	};
	char num[48];
	size_t p;

	fputs("<section id=\"overview\"><h2>Corpus overview</h2>\n<div class=\"stats\">", f);
	fprintf(f, "<div><p class=\"k\">Documents</p><p class=\"v\">%s</p></div>",
		html_int(num, (long long)d->ndocs));
	fprintf(f, "<div><p class=\"k\">Tokens</p><p class=\"v\">%s</p></div>",
		html_int(num, (long long)d->tokens));
	fprintf(f, "<div><p class=\"k\">Distinct terms</p><p class=\"v\">%s</p></div>",
		html_int(num, (long long)d->types));
	fputs("<div><p class=\"k\">Dates</p><p class=\"v dates\">", f);
	if (d->date_from) {
		de_date(f, d->date_from);
		fputs(" \xe2\x80\x93 ", f);
		de_date(f, d->date_to);
	} else {
		fputs("none", f);
	}
	fputs("</p></div></div>\n<p class=\"lead\">Tokens are counted without punctuation; terms are "
	      "lemmas (dictionary forms: \xe2\x80\x9cStadt\xe2\x80\x9d counts St\xc3\xa4" "dte).</p>\n", f);
	for (p = 0; p < 2; p++) {
		size_t n, i, nu;
		const report_row **r = pick(d, parts[p].section, 0, NULL, &n);
		const char **u = units_of(d, parts[p].section, p == 1, &nu);
		svg_bar *b = malloc((n + 1) * sizeof *b);
		char (*notes)[48] = malloc((n + 1) * sizeof *notes);
		char id[32], title[80], desc[200];
		svg_chart c;
		size_t *start = NULL;
		const report_row **byu = NULL; /* the records by unit: each unit has one */
		if (!r || !u || !b || !notes || !n ||
		    !(byu = pick_by_unit(d, parts[p].section, u, nu, &start))) {
			free(r);
			free(u);
			free(b);
			free(notes);
			free(byu);
			free(start);
			continue;
		}
		/* bars in unit order (years chronological, groups in German order) */
		for (i = 0; i < nu; i++) {
			const report_row *rk = byu[start[i]]; /* the unit's first record */
			b[i].label = u[i] ? u[i] : (p == 0 ? "no date" : "no group");
			b[i].value = (double)rk->docs;
			b[i].href = NULL;
			{
				char t[48];
				snprintf(notes[i], sizeof notes[i], "%s tokens", html_int(t, rk->count));
				b[i].note = notes[i];
			}
		}
		snprintf(id, sizeof id, "c%d", ++*chart);
		snprintf(title, sizeof title, "Documents %s", parts[p].what);
		snprintf(desc, sizeof desc, "Horizontal bars: number of documents %s.", parts[p].what);
		c = (svg_chart){ id, title, desc, "documents", parts[p].unitname, 0, NULL };
		fputs("<div class=\"fig\"><figure>", f);
		svg_hbars(f, &c, b, nu);
		caption(f, p == 0 ? "Each document counts in the year of its date; documents without a "
				    "date are shown as \xe2\x80\x9cno date\xe2\x80\x9d."
				  : "Groups come from the metadata field <code>group</code>, in German "
				    "alphabetical order.");
		fputs("</figure>\n<div class=\"tablewrap\"><table>", f);
		fprintf(f, "<caption>%s</caption>", title);
		th(f, cols, numc, 3);
		fputs("<tbody>\n", f);
		for (i = 0; i < nu; i++) {
			const report_row *rk = byu[start[i]]; /* the unit's first record */
			fputs("<tr><td>", f);
			html_escs(f, b[i].label);
			fputs("</td>", f);
			int_cell(f, rk->docs);
			int_cell(f, rk->count);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table></div></div>\n", f);
		free(r);
		free(u);
		free(b);
		free(notes);
		free(byu);
		free(start);
	}
	fputs("</section>\n", f);
}

/* Top terms or phrases: bars of per_10k and a table. */
/* The compounds a top term heads, commonest first ("Datensouveränität
 * 16, Patientensouveränität 3"), from the rows of term_compounds. */
static void compounds_cell(FILE *f, const report_data *d, const char *term)
{
	size_t n, i;
	const report_row **c = pick(d, "term_compounds", 1, term, &n);
	char a[48];

	fputs("<td>", f);
	for (i = 0; c && i < n; i++) {
		if (i)
			fputs(", ", f);
		html_escs(f, c[i]->term);
		fprintf(f, " %s", html_int(a, c[i]->count));
	}
	fputs("</td>", f);
	free(c);
}

static void sec_top(FILE *f, const report_data *d, int *chart, const char *section,
		    const char *id, const char *title, const char *how)
{
	size_t n, i, nb;
	const report_row **r = pick(d, section, 0, NULL, &n);
	svg_bar *b;
	char href[64][40], cid[32], desc[200];
	svg_chart c;
	int phrases = strcmp(section, "phrases") == 0;

	if (!r || !n) {
		free(r);
		return;
	}
	nb = n < 25 ? n : 25;
	b = malloc(nb * sizeof *b);
	if (!b) {
		free(r);
		return;
	}
	for (i = 0; i < nb; i++) {
		b[i].label = r[i]->term;
		b[i].value = r[i]->per_10k;
		b[i].href = i < 64 ? kw_href(href[i], sizeof href[i], d, "t:", r[i]->key) : NULL;
		b[i].note = NULL;
	}
	if (phrases) { /* the top phrases by C-value, drawn by frequency */
		size_t j;
		for (i = 1; i < nb; i++) /* insertion sort: stable */
			for (j = i; j > 0 && b[j - 1].value < b[j].value; j--) {
				svg_bar t = b[j];
				b[j] = b[j - 1];
				b[j - 1] = t;
			}
	}
	snprintf(cid, sizeof cid, "c%d", ++*chart);
	snprintf(desc, sizeof desc, "Horizontal bars: the %zu %s, occurrences per 10,000 tokens.",
		 nb, phrases ? "top phrases by C-value, longest bar first" : "most frequent terms");
	c = (svg_chart){ cid, title, desc, "per 10,000 tokens", NULL, 1, NULL };
	fprintf(f, "<section id=\"%s\"><h2>%s</h2>\n<div class=\"fig\"><figure>", id, title);
	svg_hbars(f, &c, b, nb);
	caption(f, how);
	fputs("</figure>\n<div class=\"tablewrap\"><table>", f);
	{
		static const char *const ct[] = { "#", "term", "count", "docs", "per 10k",
						  "commonest compounds" };
		static const int nt[] = { 1, 0, 1, 1, 1, 0 };
		static const char *const cp[] = { "#", "phrase", "count", "docs", "per 10k", "C-value" };
		static const int np[] = { 1, 0, 1, 1, 1, 1 };
		if (phrases)
			th(f, cp, np, 6);
		else
			th(f, ct, nt, 6);
	}
	fputs("<tbody>\n", f);
	for (i = 0; i < n; i++) {
		fputs("<tr>", f);
		int_cell(f, r[i]->rank);
		term_cell(f, d, "t:", r[i]);
		int_cell(f, r[i]->count);
		int_cell(f, r[i]->docs);
		num_cell(f, r[i]->per_10k, 2);
		if (phrases)
			num_cell(f, r[i]->score, 2);
		else
			compounds_cell(f, d, r[i]->term);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div></div>\n</section>\n", f);
	free(b);
	free(r);
}

/* Distinctive terms per group: one diverging chart per group (small
 * multiples) with the log ratio, and a table with G², counts and rates. */
static void sec_keyness(FILE *f, const report_data *d, int *chart)
{
	size_t nu, u, *start = NULL;
	const char **units = units_of(d, "keyness_group", 1, &nu);
	const report_row **all;

	if (!units || !nu) {
		free(units);
		return;
	}
	fputs("<section id=\"keyness\"><h2>Distinctive terms per group</h2>\n<p class=\"lead\">"
	      "Each group against all other documents (the rest of the corpus). Bars show the log "
	      "ratio: how many times (as a power of two) more often a term occurs per token in the "
	      "group than in the rest; bars to the left are terms the group uses less than the "
	      "rest. Terms are ranked by log-likelihood G\xc2\xb2 and shown when significant "
	      "(p &lt; 0.05 after Bonferroni correction).</p>\n", f);
	all = pick_by_unit(d, "keyness_group", units, nu, &start);
	for (u = 0; all && u < nu; u++) {
		size_t n = start[u + 1] - start[u], i;
		const report_row **r = all + start[u];
		svg_bar *b = malloc((n + 1) * sizeof *b);
		char (*href)[40] = malloc((n + 1) * sizeof *href);
		char (*note)[64] = malloc((n + 1) * sizeof *note);
		char cid[32], title[200], desc[300], right[120];
		svg_chart c;
		if (!b || !href || !note || !n) {
			free(b);
			free(href);
			free(note);
			continue;
		}
		for (i = 0; i < n; i++) {
			char g[48];
			b[i].label = r[i]->term;
			b[i].value = r[i]->log_ratio;
			b[i].href = kw_href(href[i], sizeof href[i], d, "t:", r[i]->key);
			snprintf(note[i], sizeof note[i], "G\xc2\xb2 = %s", html_num(g, r[i]->score, 1));
			b[i].note = note[i];
		}
		snprintf(cid, sizeof cid, "c%d", ++*chart);
		snprintf(title, sizeof title, "%s against the rest", units[u] ? units[u] : "(no group)");
		snprintf(desc, sizeof desc, "Diverging bars: log ratio of the relative frequency of "
			 "each term in %s against the other documents.", units[u] ? units[u] : "(no group)");
		snprintf(right, sizeof right, "more in %s \xe2\x86\x92", units[u] ? units[u] : "(no group)");
		c = (svg_chart){ cid, title, desc,
				 "log ratio (log\xe2\x82\x82 of the ratio of rates per 10,000 tokens)",
				 NULL, 2, "log ratio" };
		fputs("<div class=\"fig even\"><figure>", f);
		svg_diverging(f, &c, b, n, "\xe2\x86\x90 more in the rest", right);
		caption(f, "Log ratio = log\xe2\x82\x82((a/A)/(b/B)) with 0.5 for a zero count (Hardie "
			   "2014); G\xc2\xb2 after Dunning (1993), both from the counts in the table.");
		fputs("</figure>\n<div class=\"tablewrap\"><table>", f);
		{
			static const char *const cols[] = { "term", "G\xc2\xb2", "log ratio", "count",
							    "per 10k", "per 10k rest" };
			static const int nc[] = { 0, 1, 1, 1, 1, 1 };
			fputs("<caption>", f);
			html_escs(f, units[u] ? units[u] : "(no group)");
			fputs("</caption>", f);
			th(f, cols, nc, 6);
		}
		fputs("<tbody>\n", f);
		for (i = 0; i < n; i++) {
			fputs("<tr>", f);
			term_cell(f, d, "t:", r[i]);
			num_cell(f, r[i]->score, 1);
			num_cell(f, r[i]->log_ratio, 2);
			int_cell(f, r[i]->count);
			num_cell(f, r[i]->per_10k, 2);
			num_cell(f, r[i]->ref_per_10k, 2);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table></div></div>\n", f);
		free(b);
		free(href);
		free(note);
	}
	fputs("</section>\n", f);
	free(all);
	free(start);
	free(units);
}

/* Whether period i has a value in any of the nk series of v. */
static int measured(const double *v, size_t np, size_t nk, size_t i)
{
	size_t k;

	for (k = 0; k < nk; k++)
		if (!isnan(v[k * np + i]))
			return 1;
	return 0;
}

/* Lines of per_10k over the periods of `series_section` for the keys in
 * order of `keys` (n of them); prefix for the concordance links. */
static void lines_chart(FILE *f, const report_data *d, int *chart, const char *section,
			const char *const *keys, const char *const *names, size_t nk,
			const char *prefix, const char *title, const char *desc, const char *how,
			int with_table)
{
	size_t np, i, k, nr;
	const char **periods = units_of(d, section, 0, &np);
	const report_row **r = pick(d, section, 0, NULL, &nr);
	double *v = malloc((np * nk + 1) * sizeof *v);
	svg_series *s = malloc((nk + 1) * sizeof *s);
	char (*href)[40] = malloc((nk + 1) * sizeof *href);
	unsigned char *partial = NULL;
	size_t npartial = 0;
	char cid[32];
	svg_chart c;

	if (!periods || !r || !v || !s || !href || !np || !nk)
		goto done;
	/* periods in chronological (byte) order; "no date" last */
	{
		size_t nn = np;
		int hasnull = periods[np - 1] == NULL;
		if (hasnull)
			nn--;
		qsort(periods, nn, sizeof *periods, cmp_bytes);
		if (hasnull)
			np--; /* documents without a date have no place on a time axis */
	}
	if (fill_series(v, r, nr, keys, nk, periods, np, NULL))
		goto done;
	for (k = 0; k < nk; k++) {
		s[k].name = names[k];
		s[k].values = v + k * np;
		s[k].href = kw_href(href[k], sizeof href[k], d, prefix, keys[k]);
	}
	snprintf(cid, sizeof cid, "c%d", ++*chart);
	c = (svg_chart){ cid, title, desc, "per 10,000 tokens", d->period ? d->period : "period", 1,
			 NULL };
	/* periods the corpus covers only in part: dashed, and said why */
	partial = calloc(np + 1, 1);
	for (i = 0; partial && i < np; i++)
		for (k = 0; k < 2 && d->partial[k]; k++)
			if (periods[i] && !strcmp(periods[i], d->partial[k])) {
				partial[i] = 1;
				npartial++;
			}
	fprintf(f, "<div class=\"fig%s\"><figure>", with_table ? "" : " wide");
	svg_lines(f, &c, periods, np, npartial ? partial : NULL, s, nk);
	fputs("<figcaption>", f);
	fputs(how, f); /* static HTML */
	if (npartial) {
		fputs(" Dashed, with hollow marks: ", f);
		for (i = 0, k = 0; i < np; i++)
			if (partial[i]) {
				if (k++)
					fputs(" and ", f);
				html_escs(f, periods[i]);
			}
		fprintf(f, ", which the corpus covers only in part (its dates stop short of the "
			   "calendar), so %s rate is not comparable with the others; %s.",
			npartial == 1 ? "its" : "their",
			d->include_partial ? "kept in the slopes and tests (--include-partial)"
					   : "left out of the slopes and tests");
	}
	fputs("</figcaption>\n", f);
	fputs("</figure>\n", f);
	if (with_table) {
		fputs("<div class=\"tablewrap\"><table><caption>", f);
		html_escs(f, title);
		fputs(" (per 10,000 tokens)</caption><thead><tr><th scope=\"col\"></th>", f);
		/* periods without documents have no value: no column */
		for (i = 0; i < np; i++) {
			if (!measured(v, np, nk, i))
				continue;
			fputs("<th class=\"n\" scope=\"col\">", f);
			html_escs(f, periods[i]);
			fputs("</th>", f);
		}
		fputs("</tr></thead><tbody>\n", f);
		for (k = 0; k < nk; k++) {
			report_row tmp;
			memset(&tmp, 0, sizeof tmp);
			tmp.term = (char *)names[k];
			tmp.key = (char *)keys[k];
			fputs("<tr>", f);
			term_cell(f, d, prefix, &tmp);
			for (i = 0; i < np; i++)
				if (measured(v, np, nk, i))
					num_cell(f, v[k * np + i], 1);
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table></div>", f);
	}
	fputs("</div>\n", f);
done:
	free(periods);
	free(r);
	free(v);
	free(s);
	free(href);
	free(partial);
}

/* Small multiples: one small line chart per series of section (keys
 * given), all on the same value scale, in a grid. */
static void multiples(FILE *f, const report_data *d, int *chart, const char *section,
		      const char *const *keys, size_t nk)
{
	size_t np, nr, k;
	const char **periods = units_of(d, section, 0, &np);
	const report_row **r = pick(d, section, 0, NULL, &nr);
	double *v = malloc((np * nk + 1) * sizeof *v), max = 0;

	if (!periods || !r || !v || !np || !nk)
		goto done;
	qsort(periods, np, sizeof *periods, cmp_bytes_null_last);
	if (!periods[np - 1])
		np--;
	if (fill_series(v, r, nr, keys, nk, periods, np, &max))
		goto done;
	fputs("<div class=\"fig wide\"><figure><div class=\"multiples\">\n", f);
	for (k = 0; k < nk; k++) {
		char cid[32], desc[300];
		svg_chart c;
		snprintf(cid, sizeof cid, "c%d", ++*chart);
		snprintf(desc, sizeof desc, "Line: matches of the theme %s per 10,000 tokens by %s.",
			 keys[k], d->period ? d->period : "period");
		c = (svg_chart){ cid, keys[k], desc, "per 10,000 tokens", NULL, 1, NULL };
		svg_mini_lines(f, &c, periods, np, v + k * np, max, svg_colour(k));
	}
	fputs("</div>\n", f);
	caption(f, "The same series, one small chart per theme on a common scale, so that the "
		   "levels compare across themes as well as over time.");
	fputs("</figure></div>\n", f);
done:
	free(periods);
	free(r);
	free(v);
}

/* Rising and falling terms: a line chart each, and the trend table. */
static void sec_trends(FILE *f, const report_data *d, int *chart)
{
	size_t n, i, dir;
	const report_row **r = pick(d, "trends_summary", 0, NULL, &n);

	if (!r || !n) {
		free(r);
		return;
	}
	fputs("<section id=\"trends\"><h2>Rising and falling terms</h2>\n<p class=\"lead\">"
	      "Relative frequency per period: the term's occurrences in the period divided by all "
	      "tokens of the period, times 10,000 (grouping then normalizing, not averaging "
	      "documents). The movers are the terms seen at least 20 times whose Mann-Kendall "
	      "trend test holds after the Benjamini-Hochberg correction over every term tested "
	      "(q \xe2\x89\xa4 0.05), ranked by the least-squares change of that rate over the "
	      "periods. A rise that comes from a single period is a burst, not a rise.</p>\n", f);
	fputs("<div class=\"pair\">\n", f);
	for (dir = 0; dir < 2; dir++) {
		const char *want = dir == 0 ? "rising" : "falling";
		const char **keys = malloc((n + 1) * sizeof *keys);
		const char **names = malloc((n + 1) * sizeof *names);
		size_t nk = 0;
		char title[80], desc[200];
		if (!keys || !names) {
			free(keys);
			free(names);
			continue;
		}
		for (i = 0; i < n && nk < 6; i++)
			if (r[i]->direction && strcmp(r[i]->direction, want) == 0 && r[i]->key) {
				keys[nk] = r[i]->key;
				names[nk++] = r[i]->term;
			}
		if (nk) {
			snprintf(title, sizeof title, "%s terms", dir == 0 ? "Rising" : "Falling");
			snprintf(desc, sizeof desc, "Lines: per 10,000 tokens by %s of the %zu most %s "
				 "terms.", d->period ? d->period : "period", nk, want);
			lines_chart(f, d, chart, "trends", keys, names, nk, "t:", title, desc,
				    "Each point: occurrences in the period \xc3\xb7 tokens of the period "
				    "\xc3\x97 10,000. A period without documents keeps its place on "
				    "the axis; the line steps over it.",
				    0);
		}
		free(keys);
		free(names);
	}
	fputs("</div>\n<div class=\"fig wide\"><div class=\"tablewrap\"><table><caption>Trend per term"
	      "</caption>", f);
	{
		static const char *const cols[] = { "term", "direction", "slope per period", "p",
						    "last \xc3\xb7 first half", "count" };
		static const int nc[] = { 0, 0, 1, 1, 1, 1 };
		th(f, cols, nc, 6);
	}
	fputs("<tbody>\n", f);
	for (i = 0; i < n; i++) {
		fputs("<tr>", f);
		term_cell(f, d, "t:", r[i]);
		fputs("<td>", f);
		html_escs(f, r[i]->direction);
		fputs("</td>", f);
		num_cell(f, r[i]->score, 3);
		num_cell(f, r[i]->p, 4);
		num_cell(f, exp2(r[i]->log_ratio), 2);
		int_cell(f, r[i]->count);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table></div></div>\n</section>\n", f);
	free(r);
}

/* Themes: group x theme heat map and themes over time. */
static void sec_themes(FILE *f, const report_data *d, int *chart)
{
	size_t nt = 0, ng, i, k, n;
	const report_row **r = pick(d, "themes_group", 0, NULL, &n);
	const char **groups = units_of(d, "themes_group", 1, &ng);
	const char **themes = malloc((n + 1) * sizeof *themes);
	double *v = NULL;

	if (!r || !groups || !themes || !n)
		goto done;
	for (i = 0; i < n; i++) { /* themes in dictionary order */
		for (k = 0; k < nt; k++)
			if (strcmp(themes[k], r[i]->term) == 0)
				break;
		if (k == nt)
			themes[nt++] = r[i]->term;
	}
	fputs("<section id=\"themes\"><h2>Themes by group and over time</h2>\n<p class=\"lead\">"
	      "Matches of each theme's patterns", f);
	if (d->themes_path) {
		fputs(" (dictionary <code>", f);
		html_escs(f, d->themes_path);
		fputs("</code>)", f);
	}
	fputs(" per 10,000 tokens of the group or period. A theme counts once where several of "
	      "its patterns match the same words.</p>\n", f);
	v = malloc((nt * ng + 1) * sizeof *v);
	if (!v)
		goto done;
	for (i = 0; i < nt * ng; i++)
		v[i] = NAN;
	for (i = 0; i < n; i++) {
		size_t t, g;
		for (t = 0; t < nt && strcmp(themes[t], r[i]->term) != 0; t++)
			;
		for (g = 0; g < ng && !((groups[g] == NULL && r[i]->unit == NULL) ||
					(groups[g] && r[i]->unit && strcmp(groups[g], r[i]->unit) == 0)); g++)
			;
		if (t < nt && g < ng)
			v[t * ng + g] = r[i]->per_10k;
	}
	{
		char cid[32];
		svg_chart c;
		const char **gl = malloc((ng + 1) * sizeof *gl);
		if (!gl)
			goto done;
		for (i = 0; i < ng; i++)
			gl[i] = groups[i] ? groups[i] : "(no group)";
		snprintf(cid, sizeof cid, "c%d", ++*chart);
		c = (svg_chart){ cid, "Themes by group", "Heat map: theme matches per 10,000 tokens, "
				 "one row per theme and one column per group.", "per 10,000 tokens", NULL, 1,
				 NULL };
		fputs("<div class=\"fig wide\"><figure>", f);
		svg_heatmap(f, &c, themes, nt, gl, ng, v);
		caption(f, "Cell = matches of the theme in the group's documents \xc3\xb7 the group's "
			   "tokens \xc3\x97 10,000; darker is more.");
		fputs("</figure>\n<div class=\"tablewrap\"><table><caption>Theme matches by group "
		      "(count / per 10,000 tokens / documents)</caption><thead><tr><th scope=\"col\">theme</th>", f);
		for (i = 0; i < ng; i++) {
			fputs("<th class=\"n\" scope=\"col\">", f);
			html_escs(f, gl[i]);
			fputs("</th>", f);
		}
		fputs("</tr></thead><tbody>\n", f);
		for (k = 0; k < nt; k++) {
			report_row tmp;
			memset(&tmp, 0, sizeof tmp);
			tmp.term = tmp.key = (char *)themes[k];
			fputs("<tr>", f);
			term_cell(f, d, "th:", &tmp);
			for (i = 0; i < ng; i++) {
				size_t j;
				char a[48], b[48], c2[48];
				for (j = 0; j < n; j++)
					if (strcmp(r[j]->term, themes[k]) == 0 &&
					    ((groups[i] == NULL && r[j]->unit == NULL) ||
					     (groups[i] && r[j]->unit && strcmp(groups[i], r[j]->unit) == 0)))
						break;
				if (j == n) {
					fputs("<td class=\"n\">\xe2\x80\x93</td>", f);
					continue;
				}
				fprintf(f, "<td class=\"n\">%s / %s / %s</td>", html_int(a, r[j]->count),
					html_num(b, r[j]->per_10k, 1), html_int(c2, r[j]->docs));
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody></table></div></div>\n", f);
		free(gl);
	}
	if (has_section(d, "themes_period")) {
		lines_chart(f, d, chart, "themes_period", themes, themes, nt, "th:", "Themes over time",
			    "Lines: theme matches per 10,000 tokens by period, one line per theme.",
			    "Each point: matches of the theme in the period \xc3\xb7 tokens of the "
			    "period \xc3\x97 10,000.", 1);
		multiples(f, d, chart, "themes_period", themes, nt);
	}
	fputs("</section>\n", f);
done:
	free(r);
	free(groups);
	free(themes);
	free(v);
}

/* Keywords per group or per year: a card per unit. */
static void sec_keywords(FILE *f, const report_data *d, const char *section, const char *id,
			 const char *title, const char *lead, int sorted)
{
	size_t nu, u, *start = NULL;
	const char **units = units_of(d, section, sorted, &nu);
	const report_row **all;

	if (!units || !nu) {
		free(units);
		return;
	}
	fprintf(f, "<section id=\"%s\"><h2>%s</h2>\n<p class=\"lead\">", id, title);
	if (lead) {
		fputs(lead, f);
	} else {
		fputs("Keywords by ", f);
		html_escs(f, d->method);
		fputs(": terms and phrases that characterise the unit's documents compared with "
		      "the other units (see docs/keywords.md for the formulas); the score is shown "
		      "on hover.", f);
	}
	fputs("</p>\n<div class=\"cards\">\n", f);
	all = pick_by_unit(d, section, units, nu, &start);
	for (u = 0; all && u < nu; u++) {
		size_t n = start[u + 1] - start[u], i;
		const report_row **r = all + start[u];
		fputs("<div><h3>", f);
		html_escs(f, units[u] ? units[u] : "(none)");
		fputs("</h3><ol>", f);
		for (i = 0; i < n; i++) {
			char href[40], num[48];
			const char *h = kw_href(href, sizeof href, d, "t:", r[i]->key);
			fprintf(f, "<li title=\"score %s\">", html_num(num, r[i]->score, 2));
			if (h)
				fprintf(f, "<a class=\"t\" href=\"%s\">", h);
			html_escs(f, r[i]->term);
			if (h)
				fputs("</a>", f);
			fputs("</li>", f);
		}
		fputs("</ol></div>\n", f);
	}
	fputs("</div></section>\n", f);
	free(all);
	free(start);
	free(units);
}

static int cmp_kwic_term(const void *a, const void *b)
{
	const report_kwic *x = *(const report_kwic *const *)a, *y = *(const report_kwic *const *)b;
	return html_collate(x->term, y->term);
}

static void sec_concordance(FILE *f, const report_data *d)
{
	const report_kwic **o;
	size_t i, k;

	if (!d->nkwic)
		return;
	o = malloc(d->nkwic * sizeof *o);
	if (!o)
		return;
	for (i = 0; i < d->nkwic; i++)
		o[i] = &d->kwic[i];
	qsort(o, d->nkwic, sizeof *o, cmp_kwic_term);
	fputs("<section id=\"concordance\"><h2>Concordance lines</h2>\n<p class=\"lead\">A few "
	      "occurrences of every term shown above, in German alphabetical order, each with the "
	      "document it comes from. Clicking a term elsewhere in the report opens its lines "
	      "next to the table.</p>\n", f);
	for (i = 0; i < d->nkwic; i++) {
		const report_kwic *kw = o[i];
		char a[48], b[48];
		fprintf(f, "<div class=\"kw\" id=\"kw-%zu\"><h3>", (size_t)(kw - d->kwic));
		html_escs(f, kw->term);
		fprintf(f, " <small>%s of %s occurrences</small></h3>\n<table class=\"kwic\"><tbody>\n",
			html_int(a, (long long)kw->n), html_int(b, (long long)kw->total));
		for (k = 0; k < kw->n; k++) {
			const report_line *l = &kw->lines[k];
			fputs("<tr><td class=\"src\">", f);
			html_escs(f, l->doc);
			if (l->date) {
				fputs(" \xc2\xb7 ", f);
				html_escs(f, l->date);
			}
			if (l->group) {
				fputs(" \xc2\xb7 ", f);
				html_escs(f, l->group);
			}
			fputs("</td><td class=\"l\">", f);
			html_escs(f, l->left);
			fputs("</td><td class=\"m\">", f);
			html_escs(f, l->match);
			fputs("</td><td class=\"r\">", f);
			html_escs(f, l->right);
			fputs("</td></tr>\n", f);
		}
		fputs("</tbody></table></div>\n", f);
	}
	fputs("</section>\n", f);
	free(o);
}

int html_report_write(FILE *f, const report_data *d_in)
{
	report_data dd = *d_in;
	const report_data *d = &dd;
	html_strtab kt;
	int chart = 0, indexed = 0;
	size_t i;
	static const struct {
		const char *section, *id, *title;
	} toc[] = {
		{ "documents_year", "overview", "Overview" },
		{ "terms", "terms", "Top terms" },
		{ "phrases", "phrases", "Top phrases" },
		{ "keywords_corpus", "key-terms", "Key terms" },
		{ "keyness_group", "keyness", "Distinctive terms per group" },
		{ "trends_summary", "trends", "Rising and falling terms" },
		{ "themes_group", "themes", "Themes" },
		{ "keywords_group", "keywords-group", "Keywords per group" },
		{ "keywords_year", "keywords-year", "Keywords per year" },
	};

	/* the concordances by key: each term of each table finds its own in
	 * constant time (thousands of groups have thousands of terms) */
	if (!dd.kwic_index && html_strtab_init(&kt, dd.nkwic) == 0) {
		for (i = 0; i < dd.nkwic; i++)
			html_strtab_add(&kt, dd.kwic[i].key);
		dd.kwic_index = &kt;
		indexed = 1;
	}
	fputs("<!DOCTYPE html>\n<html lang=\"de\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"stichwort ", f);
	html_escs(f, d->version);
	fputs("\">\n<title>stichwort report</title>\n<style>\n", f);
	for (i = 0; i < sizeof css / sizeof *css; i++)
		fputs(css[i], f);
	fputs("</style>\n</head>\n<body>\n<main>\n<header><h1>stichwort report</h1>\n<p class=\"sub\">", f);
	{
		char a[48], b[48];
		fprintf(f, "%s %s, %s %s", html_int(a, (long long)d->ndocs),
			d->ndocs == 1 ? "document" : "documents", html_int(b, (long long)d->tokens),
			d->tokens == 1 ? "token" : "tokens");
		if (d->date_from) {
			fputs(", ", f);
			de_date(f, d->date_from);
			fputs(" bis ", f);
			de_date(f, d->date_to);
		}
	}
	fputs("</p>\n<nav aria-label=\"sections\"><ol>", f);
	for (i = 0; i < sizeof toc / sizeof *toc; i++)
		if (has_section(d, toc[i].section))
			fprintf(f, "<li><a href=\"#%s\">%s</a></li>", toc[i].id, toc[i].title);
	if (d->nkwic)
		fputs("<li><a href=\"#concordance\">Concordance</a></li>", f);
	fputs("<li><a href=\"#method\">Method</a></li></ol></nav>\n</header>\n", f);

	sec_overview(f, d, &chart);
	sec_top(f, d, &chart, "terms", "terms", "Top terms",
		"Content words only (no stopwords, numbers or punctuation), counted by lemma: "
		"\xe2\x80\x9c" "digitale\xe2\x80\x9d and \xe2\x80\x9c" "digitalen\xe2\x80\x9d are one term, "
		"\xe2\x80\x9c" "digital\xe2\x80\x9d. Rate = count \xc3\xb7 all tokens \xc3\x97 10,000. "
		"Compounds (Datensouveränität for Souveränität) are counted apart and listed beside "
		"the term they end in.");
	sec_top(f, d, &chart, "phrases", "phrases", "Top phrases",
		"Multiword terms ranked by C-value (Frantzi et al. 2000), which discounts phrases "
		"that mostly occur inside longer ones; \xe2\x80\x9cOpen-Source\xe2\x80\x9d and "
		"\xe2\x80\x9cOpen Source\xe2\x80\x9d are one phrase. Bars: count \xc3\xb7 all tokens "
		"\xc3\x97 10,000.");
	sec_keywords(f, d, "keywords_corpus", "key-terms", "Key terms of the corpus",
		     "What this corpus says more often than general political German (the "
		     "Bundestag's speeches of 2022\xe2\x80\x93" "2023, or the list given with "
		     "--reference): log-likelihood G2 against that reference, for terms at least "
		     "twice as frequent and used in at least 3 documents; the G2 is shown on "
		     "hover.", 0);
	sec_keyness(f, d, &chart);
	sec_trends(f, d, &chart);
	sec_themes(f, d, &chart);
	sec_keywords(f, d, "keywords_group", "keywords-group", "Keywords per group", NULL, 1);
	sec_keywords(f, d, "keywords_year", "keywords-year", "Keywords per year", NULL, 0);
	sec_concordance(f, d);

	fputs("<section id=\"method\"><h2>Method</h2>\n<ul class=\"notes\">\n"
	      "<li>Text is normalized (Unicode NFC, quotes and dashes, line-break hyphenation), "
	      "tokenized with German rules and lemmatized with the German lexicon of LanguageTool "
	      "(CC BY-SA 4.0); a term is a lemma (with --key stem, the stem of a lemma).</li>\n"
	      "<li>Tokens: every token except punctuation. All rates are per 10,000 tokens of the "
	      "unit they describe (corpus, group or period).</li>\n"
	      "<li>Numbers use German notation (decimal comma); names are in German alphabetical "
	      "order. report.json holds the same numbers in full precision.</li>\n", f);
	if (d->problems) {
		char a[48];
		fprintf(f, "<li>%s input problems were reported while reading; see the warnings in "
			"report.json.</li>\n", html_int(a, (long long)d->problems));
	}
	for (i = 0; i < sizeof d->notes / sizeof *d->notes && d->notes[i]; i++) {
		fputs("<li>", f);
		html_escs(f, d->notes[i]);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n</section>\n<footer>Made with stichwort ", f);
	html_escs(f, d->version);
	fputs(". This file is self-contained: it loads nothing from the network.</footer>\n"
	      "</main>\n<script>\n", f);
	fputs(js, f);
	fputs("</script>\n</body>\n</html>\n", f);
	if (indexed)
		html_strtab_free(&kt);
	return ferror(f) ? -1 : 0;
}
