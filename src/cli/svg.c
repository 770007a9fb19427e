/*
 * cli/svg.c - the report's charts as inline SVG (see svg.h).
 *
 * Layout is computed here from the data with fixed metrics: a 640-unit
 * wide viewBox that the page scales, 12-unit text, label columns sized
 * from the longest label (7.2 units per character, the average of a wide
 * face like DejaVu Sans; cut with an ellipsis past 34 characters).
 * Value axes start at zero and end at a "nice" number (1, 2, 2.5 or 5
 * times a power of ten) so that the ticks are round.  Colours come from the Okabe-Ito palette, which stays
 * distinguishable for colour-blind readers and in greyscale print.
 */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "html.h"
#include "svg.h"

#define W 640.0
#define CHARW 7.2
#define MAXLABEL 34

static const char *const palette[] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31",
};

const char *svg_colour(size_t i)
{
	return palette[i % (sizeof palette / sizeof *palette)];
}

/* Characters (code points) of a UTF-8 string. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Write a label, cut to max characters with an ellipsis. */
static void label(FILE *f, const char *s, size_t max)
{
	size_t n = 0, i;

	if (!s) {
		fputs("(none)", f);
		return;
	}
	if (chars(s) <= max) {
		html_escs(f, s);
		return;
	}
	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++n == max)
			break;
	}
	html_esc(f, s, i);
	fputs("\xe2\x80\xa6", f);
}

static double label_width(const char *const *labels, size_t n, size_t stride, double min,
			  double max)
{
	double w = min;
	size_t i;

	for (i = 0; i < n; i++) {
		const char *l = *(const char *const *)((const char *)labels + i * stride);
		size_t c = chars(l ? l : "(none)");
		double x = (double)(c > MAXLABEL ? MAXLABEL + 1 : c) * CHARW + 12;
		if (x > w)
			w = x;
	}
	return w > max ? max : w;
}

/* A nice upper end of an axis for values up to max, and its tick step. */
static double nice_max(double max, double *step)
{
	double mag, f, s;

	if (!(max > 0) || !isfinite(max))
		max = 1;
	mag = pow(10, floor(log10(max / 4)));
	f = max / 4 / mag;
	s = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
	*step = s * mag;
	return ceil(max / *step - 1e-9) * *step;
}

static int step_decimals(double step)
{
	int d = 0;

	while (d < 6 && fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-9)
		d++;
	return d;
}

static void open_svg(FILE *f, const svg_chart *c, const char *kind, double w, double h)
{
	fprintf(f, "<svg class=\"chart\" data-chart=\"%s\" id=\"%s\" role=\"img\" "
		"aria-labelledby=\"%s-t %s-d\" viewBox=\"0 0 %.0f %.0f\" "
		"xmlns=\"http://www.w3.org/2000/svg\">\n", kind, c->id, c->id, c->id, w, h);
	fprintf(f, "<title id=\"%s-t\">", c->id);
	html_escs(f, c->title);
	fprintf(f, "</title>\n<desc id=\"%s-d\">", c->id);
	html_escs(f, c->desc);
	fputs("</desc>\n<text class=\"ttl\" x=\"0\" y=\"15\">", f);
	html_escs(f, c->title);
	fputs("</text>\n", f);
}

static const char *unit_of(const svg_chart *c)
{
	return c->unit ? c->unit : c->xlabel;
}

static void mark_title(FILE *f, const char *name, double v, int decimals, const char *unit,
		       const char *note)
{
	char num[48];

	fputs("<title>", f);
	html_escs(f, name ? name : "(none)");
	fprintf(f, ": %s", html_num(num, v, decimals));
	if (unit && v == 1 && strcmp(unit, "documents") == 0)
		fputs(" document", f);
	else if (unit) {
		fputc(' ', f);
		html_escs(f, unit);
	}
	if (note) {
		fputs(" (", f);
		html_escs(f, note);
		fputc(')', f);
	}
	fputs("</title>", f);
}

/* Vertical grid lines and tick labels of a value axis from lo to hi. */
static void value_axis(FILE *f, double x0, double x1, double lo, double hi, double step,
		       double ytop, double ybot)
{
	int d = step_decimals(step);
	double v;
	char num[48];

	for (v = lo; v <= hi + step * 1e-6; v += step) {
		double x = x0 + (v - lo) / (hi - lo) * (x1 - x0);
		if (fabs(v) < step * 1e-6)
			v = 0;
		fprintf(f, "<line class=\"grid%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
			v == 0 ? " zero" : "", x, x, ytop, ybot);
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
			x, ybot + 14, html_num(num, v, d));
	}
}

static void axis_label(FILE *f, double x, double y, const char *text, const char *anchor)
{
	fprintf(f, "<text class=\"axl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", x, y, anchor);
	html_escs(f, text);
	fputs("</text>\n", f);
}

static void open_link(FILE *f, const char *href)
{
	if (href) {
		fputs("<a href=\"", f);
		html_escs(f, href);
		fputs("\">", f);
	}
}

void svg_hbars(FILE *f, const svg_chart *c, const svg_bar *b, size_t n)
{
	double lw = label_width(&b[0].label, n, sizeof *b, 60, 240);
	double top = c->ylabel ? 40 : 30, rowh = 20, x0 = lw, x1 = W - 64, max = 0, step, hi, h;
	size_t i;
	char num[48];

	for (i = 0; i < n; i++)
		if (b[i].value > max)
			max = b[i].value;
	hi = nice_max(max, &step);
	if (c->decimals == 0 && step < 1) { /* whole numbers: whole ticks */
		step = 1;
		hi = ceil(max);
	}
	if (c->decimals == 0 && step != floor(step)) {
		step = floor(step);
		hi = ceil(max / step) * step;
	}
	h = top + (double)n * rowh + 44;
	open_svg(f, c, "hbars", W, h);
	value_axis(f, x0, x1, 0, hi, step, top - 4, top + (double)n * rowh);
	for (i = 0; i < n; i++) {
		double y = top + (double)i * rowh, w = b[i].value / hi * (x1 - x0);
		if (w < 0 || !isfinite(w))
			w = 0;
		fputs("<g class=\"row\">", f);
		open_link(f, b[i].href);
		fprintf(f, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x0 - 6,
			y + 14);
		label(f, b[i].label, MAXLABEL);
		fputs("</text>", f);
		if (b[i].href)
			fputs("</a>", f);
		fprintf(f, "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
			"fill=\"%s\">", x0, y + 3, w < 1 && b[i].value > 0 ? 1 : w, palette[0]);
		mark_title(f, b[i].label, b[i].value, c->decimals, unit_of(c), b[i].note);
		fprintf(f, "</rect><text class=\"val\" x=\"%.1f\" y=\"%.1f\">%s</text></g>\n",
			x0 + w + 4, y + 14, html_num(num, b[i].value, c->decimals));
	}
	axis_label(f, (x0 + x1) / 2, h - 8, c->xlabel, "middle");
	if (c->ylabel)
		axis_label(f, x0 - 6, top - 10, c->ylabel, "end");
	fputs("</svg>\n", f);
}

void svg_diverging(FILE *f, const svg_chart *c, const svg_bar *b, size_t n,
		   const char *left_label, const char *right_label)
{
	double lw = label_width(&b[0].label, n, sizeof *b, 60, 220);
	double top = 46, rowh = 20, x0 = lw, x1 = W - 12, max = 0, step, hi, h, cx, half;
	size_t i;
	char num[48];

	for (i = 0; i < n; i++)
		if (fabs(b[i].value) > max && isfinite(b[i].value))
			max = fabs(b[i].value);
	hi = nice_max(max, &step);
	cx = (x0 + x1) / 2;
	half = (x1 - x0) / 2;
	h = top + (double)n * rowh + 44;
	open_svg(f, c, "diverging", W, h);
	axis_label(f, cx - 6, top - 14, left_label, "end");
	axis_label(f, cx + 6, top - 14, right_label, "start");
	value_axis(f, x0, x1, -hi, hi, step, top - 4, top + (double)n * rowh);
	for (i = 0; i < n; i++) {
		double y = top + (double)i * rowh, v = isfinite(b[i].value) ? b[i].value : 0;
		double w = fabs(v) / hi * half, x = v >= 0 ? cx : cx - w;
		fputs("<g class=\"row\">", f);
		open_link(f, b[i].href);
		fprintf(f, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", x0 - 6,
			y + 14);
		label(f, b[i].label, MAXLABEL);
		fputs("</text>", f);
		if (b[i].href)
			fputs("</a>", f);
		fprintf(f, "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"14\" "
			"fill=\"%s\">", x, y + 3, w < 1 ? 1 : w, v >= 0 ? palette[0] : palette[1]);
		mark_title(f, b[i].label, b[i].value, c->decimals, unit_of(c), b[i].note);
		/* the number sits on the other side of the zero line, clear of the bar */
		fprintf(f, "</rect><text class=\"val\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text></g>\n",
			v >= 0 ? cx - 4 : cx + 4, y + 14, v >= 0 ? "end" : "start",
			html_num(num, b[i].value, c->decimals));
	}
	axis_label(f, cx, h - 8, c->xlabel, "middle");
	fputs("</svg>\n", f);
}

void svg_lines(FILE *f, const svg_chart *c, const char *const *periods, size_t np,
	       const unsigned char *partial, const svg_series *s, size_t ns)
{
	double top = 34, ph = 220, x0 = 58, x1 = W - 178, max = 0, step, hi, h, dx;
	size_t i, k, every;
	char num[48];
	int d;

	for (k = 0; k < ns; k++)
		for (i = 0; i < np; i++)
			if (isfinite(s[k].values[i]) && s[k].values[i] > max)
				max = s[k].values[i];
	hi = nice_max(max, &step);
	d = step_decimals(step);
	h = top + ph + 52;
	if (h < top + 20.0 * (double)ns + 20)
		h = top + 20.0 * (double)ns + 20;
	open_svg(f, c, "lines", W, h);
	/* horizontal grid and value ticks */
	for (i = 0; (double)i * step <= hi + step * 1e-6; i++) {
		double v = (double)i * step, y = top + ph - v / hi * ph;
		fprintf(f, "<line class=\"grid%s\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>",
			i == 0 ? " zero" : "", x0, x1, y, y);
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
			x0 - 5, y + 4, html_num(num, v, d));
	}
	dx = np > 1 ? (x1 - x0 - 20) / (double)(np - 1) : 0;
	/* as many labels as fit ("2024-Q2" needs more room than "2024"),
	 * counted back from the last period so that it is always labelled */
	{
		size_t maxl = 4, nlab;
		for (i = 0; i < np; i++)
			if (periods[i] && chars(periods[i]) > maxl)
				maxl = chars(periods[i]);
		nlab = (size_t)((x1 - x0 - 20) / ((double)maxl * 6.6 + 14));
		if (nlab < 2)
			nlab = 2;
		every = np > nlab ? (np - 1 + nlab - 2) / (nlab - 1) : 1;
	}
	for (i = 0; i < np; i++) {
		double x = np > 1 ? x0 + 10 + dx * (double)i : (x0 + x1) / 2;
		fprintf(f, "<line class=\"tickm\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>", x,
			x, top + ph, top + ph + 4);
		if ((np - 1 - i) % every == 0) {
			fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
				top + ph + 16);
			html_escs(f, periods[i] ? periods[i] : "(none)");
			fputs("</text>", f);
		}
		fputc('\n', f);
	}
	for (k = 0; k < ns; k++) {
		const char *col = svg_colour(k);
		int open = 0;
		size_t prev = SIZE_MAX;
		fprintf(f, "<g class=\"series\" data-series=\"%zu\">", k);
		/* a period without a value (no documents) is stepped over: the
		 * line joins the measured periods, and the gap keeps its width;
		 * a segment to or from a partial period is dashed */
		for (i = 0; i < np; i++) {
			double x = np > 1 ? x0 + 10 + dx * (double)i : (x0 + x1) / 2;
			double v = s[k].values[i];
			int part;
			if (!isfinite(v))
				continue;
			part = partial && (partial[i] || (prev != SIZE_MAX && partial[prev]));
			if (part && prev != SIZE_MAX) {
				double px = np > 1 ? x0 + 10 + dx * (double)prev : (x0 + x1) / 2;
				if (open)
					fputs("\"/>", f);
				open = 0;
				fprintf(f, "<line class=\"line partial\" stroke=\"%s\" "
					"stroke-dasharray=\"5 4\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
					"y2=\"%.1f\"/>", col, px, top + ph - s[k].values[prev] / hi * ph, x,
					top + ph - v / hi * ph);
			}
			prev = i;
			if (partial && partial[i])
				continue;
			if (!open)
				fprintf(f, "<polyline class=\"line\" fill=\"none\" stroke=\"%s\" points=\"", col);
			fprintf(f, "%s%.1f,%.1f", open ? " " : "", x, top + ph - v / hi * ph);
			open = 1;
		}
		if (open)
			fputs("\"/>", f);
		for (i = 0; i < np; i++) {
			double x = np > 1 ? x0 + 10 + dx * (double)i : (x0 + x1) / 2;
			double v = s[k].values[i];
			if (!isfinite(v))
				continue;
			if (partial && partial[i])
				fprintf(f, "<circle class=\"mark partial\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
					"fill=\"#fff\" stroke=\"%s\">", x, top + ph - v / hi * ph, col);
			else
				fprintf(f, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">", x,
					top + ph - v / hi * ph, col);
			mark_title(f, s[k].name, v, c->decimals, unit_of(c), periods[i]);
			fputs("</circle>", f);
		}
		fputs("</g>\n", f);
		/* legend */
		open_link(f, s[k].href);
		fprintf(f, "<rect class=\"swatch\" x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>"
			"<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">", x1 + 14, top + 20.0 * (double)k + 4, col,
			x1 + 34, top + 20.0 * (double)k + 10);
		label(f, s[k].name, 19);
		fputs("</text>", f);
		if (s[k].href)
			fputs("</a>", f);
		fputc('\n', f);
	}
	axis_label(f, (x0 + x1) / 2, top + ph + 36, c->ylabel ? c->ylabel : "period", "middle");
	fprintf(f, "<text class=\"axl\" transform=\"translate(12 %.1f) rotate(-90)\" text-anchor=\"middle\">",
		top + ph / 2);
	html_escs(f, c->xlabel);
	fputs("</text>\n</svg>\n", f);
}

void svg_mini_lines(FILE *f, const svg_chart *c, const char *const *periods, size_t np,
		    const double *v, double ymax, const char *colour)
{
	double w = 300, top = 30, ph = 90, x0 = 40, x1 = w - 12, step, hi, dx;
	size_t i;
	int open = 0, d;
	char num[48];

	hi = nice_max(ymax, &step);
	d = step_decimals(hi);
	dx = np > 1 ? (x1 - x0 - 10) / (double)(np - 1) : 0;
	open_svg(f, c, "lines", w, top + ph + 36);
	fprintf(f, "<line class=\"grid zero\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
		"<line class=\"grid\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n",
		x0, x1, top + ph, top + ph, x0, x1, top, top);
	fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">0</text>"
		"<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
		x0 - 4, top + ph + 4, x0 - 4, top + 4, html_num(num, hi, d));
	for (i = 0; i < np; i += np > 1 ? np - 1 : 1) {
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
			np > 1 ? x0 + 5 + dx * (double)i : (x0 + x1) / 2, top + ph + 14,
			np > 1 && i == 0 ? "start" : np > 1 ? "end" : "middle");
		html_escs(f, periods[i] ? periods[i] : "(none)");
		fputs("</text>", f);
	}
	for (i = 0; i < np; i++) {
		double x = np > 1 ? x0 + 5 + dx * (double)i : (x0 + x1) / 2;
		if (!isfinite(v[i]))
			continue;
		if (!open)
			fprintf(f, "\n<polyline class=\"line\" fill=\"none\" stroke=\"%s\" points=\"", colour);
		fprintf(f, "%s%.1f,%.1f", open ? " " : "", x, top + ph - v[i] / hi * ph);
		open = 1;
	}
	if (open)
		fputs("\"/>\n", f);
	for (i = 0; i < np; i++) {
		double x = np > 1 ? x0 + 5 + dx * (double)i : (x0 + x1) / 2;
		if (!isfinite(v[i]))
			continue;
		fprintf(f, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\">", x,
			top + ph - v[i] / hi * ph, colour);
		mark_title(f, c->title, v[i], c->decimals, unit_of(c), periods[i]);
		fputs("</circle>", f);
	}
	axis_label(f, (x0 + x1) / 2, top + ph + 30, c->xlabel, "middle");
	fputs("\n</svg>\n", f);
}

void svg_heatmap(FILE *f, const svg_chart *c, const char *const *rows, size_t nr,
		 const char *const *cols, size_t nc, const double *v)
{
	double lw = label_width(rows, nr, sizeof *rows, 60, 220);
	double cw, chh = 26, top, max = 0, w, h, colw = 0;
	size_t i, k;
	int rotate;
	char num[48];

	for (k = 0; k < nc; k++) {
		double x = (double)chars(cols[k] ? cols[k] : "(none)") * CHARW;
		if (x > colw)
			colw = x;
	}
	cw = nc ? (W - lw - 10) / (double)nc : 60;
	if (cw > 90)
		cw = 90;
	if (cw < 44)
		cw = 44;
	rotate = colw > cw - 6;
	top = 30 + (rotate ? (colw > 150 ? 150 : colw) * 0.7 + 10 : 18);
	w = lw + cw * (double)nc + 10;
	if (w < W)
		w = W;
	h = top + chh * (double)nr + 56;
	for (i = 0; i < nr * nc; i++)
		if (isfinite(v[i]) && v[i] > max)
			max = v[i];
	open_svg(f, c, "heatmap", w, h);
	for (k = 0; k < nc; k++) {
		double x = lw + cw * ((double)k + 0.5);
		if (rotate)
			fprintf(f, "<text class=\"lbl\" transform=\"translate(%.1f %.1f) rotate(-35)\">",
				x - 4, top - 6);
		else
			fprintf(f, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
				top - 6);
		label(f, cols[k], 22);
		fputs("</text>\n", f);
	}
	for (i = 0; i < nr; i++) {
		double y = top + chh * (double)i;
		fprintf(f, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", lw - 6,
			y + 17);
		label(f, rows[i], MAXLABEL);
		fputs("</text>", f);
		for (k = 0; k < nc; k++) {
			double x = lw + cw * (double)k, val = v[i * nc + k], t;
			int r, g, b;
			if (!isfinite(val))
				continue;
			t = max > 0 ? val / max : 0;
			/* white to #0b4f8a */
			r = (int)lround(255 - t * (255 - 11));
			g = (int)lround(255 - t * (255 - 79));
			b = (int)lround(255 - t * (255 - 138));
			fprintf(f, "<rect class=\"mark cell\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"%.1f\" fill=\"#%02x%02x%02x\">", x + 1, y + 1, cw - 2, chh - 2,
				r, g, b);
			fputs("<title>", f);
			html_escs(f, rows[i] ? rows[i] : "(none)");
			fputs(" \xc3\x97 ", f);
			html_escs(f, cols[k] ? cols[k] : "(none)");
			fprintf(f, ": %s ", html_num(num, val, c->decimals));
			html_escs(f, unit_of(c));
			fprintf(f, "</title></rect><text class=\"cellv%s\" x=\"%.1f\" y=\"%.1f\" "
				"text-anchor=\"middle\">%s</text>\n", t > 0.55 ? " inv" : "", x + cw / 2,
				y + 17, html_num(num, val, c->decimals));
		}
	}
	/* legend: a gradient from 0 to the maximum */
	{
		double ly = top + chh * (double)nr + 14;
		fprintf(f, "<defs><linearGradient id=\"%s-g\"><stop offset=\"0\" stop-color=\"#ffffff\"/>"
			"<stop offset=\"1\" stop-color=\"#0b4f8a\"/></linearGradient></defs>", c->id);
		fprintf(f, "<rect class=\"legend\" x=\"%.1f\" y=\"%.1f\" width=\"160\" height=\"10\" "
			"fill=\"url(#%s-g)\" stroke=\"#999\" stroke-width=\"0.5\"/>", lw, ly, c->id);
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">0</text>",
			lw, ly + 22);
		fprintf(f, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
			lw + 160, ly + 22, html_num(num, max, c->decimals));
		axis_label(f, lw + 172, ly + 9, c->xlabel, "start");
		if (c->ylabel)
			axis_label(f, lw - 6, top - 6, c->ylabel, "end");
	}
	fputs("</svg>\n", f);
}
