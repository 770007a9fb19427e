/*
 * write.c - the writers (see stichwort/write.h).
 *
 * Output is built in a buffer and handed to the sink in chunks of about
 * 64 KiB, so that writing millions of token records costs little more
 * than the bytes themselves.  JSON escaping is done here rather than
 * through jansson because it is on the per-record path.
 *
 * The table format fixes its column widths after a sample of records.
 * With a width to fit (sw_writer_set_table), the text columns are
 * narrowed there, widest first, and cells cut to their column with an
 * ellipsis; colour escapes and German number formatting are applied only
 * here, to table cells, so that machine formats never see them.
 * Without a width, padding stops at TABLE_PAD_MAX columns.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "stichwort/write.h"
#include "stichwort/version.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/errors.h"
#include "internal/utf8.h"

#define FLUSH_AT (64u * 1024u)
#define TABLE_SAMPLE 256
/* Without a width to fit, a column is padded to at most this many display
 * columns: a wider cell is printed whole and sticks out of its line, so
 * one huge value in the sample (a 5 MB word) cannot pad every later line
 * to its width (rows x width bytes of spaces). */
#define TABLE_PAD_MAX 256

struct sw_writer {
	sw_format fmt;
	const sw_field *fields;
	size_t nf;
	sw_sink_fn sink;
	void *payload;
	sw_buf out;
	size_t nrows;
	/* table: sampled rows before the widths are fixed */
	sw_buf *cells;     /* TABLE_SAMPLE * nf rendered cells */
	size_t nsampled;
	size_t *width;
	int widths_fixed;
	int began;
	sw_table_options topt;
	unsigned char *flag; /* per field: F_SECONDARY, F_TAIL */
};

#define F_SECONDARY 1 /* narrowed first, dim */
#define F_TAIL 2      /* right-aligned, cut at the start */
#define F_HIDDEN 4    /* a secondary field left out of a table too narrow */
#define SGR_BOLD "\033[1m"
#define SGR_DIM "\033[2m"
#define SGR_RESET "\033[0m"
#define ELLIPSIS "\xE2\x80\xA6" /* U+2026, one column */

int sw_format_parse(sw_format *out, const char *name)
{
	static const char *const names[] = { "table", "json", "jsonl", "csv", "tsv", "md" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (sw_format)i;
			return SW_OK;
		}
	return SW_EINVAL;
}

const char *sw_format_name(sw_format f)
{
	static const char *const names[] = { "table", "json", "jsonl", "csv", "tsv", "md" };
	return (unsigned)f <= SW_FORMAT_MD ? names[f] : "unknown";
}

static int writer_new_impl(sw_writer **out, sw_format format, const sw_field *fields,
			   size_t nfields, sw_sink_fn sink, void *payload, sw_error *err)
{
	sw_writer *w;

	if ((unsigned)format > SW_FORMAT_MD || !nfields || !sink)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "bad writer arguments");
	w = sw__calloc(1, sizeof *w);
	if (!w)
		return sw__error_oom(err);
	w->fmt = format;
	w->fields = fields;
	w->nf = nfields;
	w->sink = sink;
	w->payload = payload;
	if (format == SW_FORMAT_TABLE) {
		w->cells = sw__calloc(TABLE_SAMPLE * nfields, sizeof *w->cells);
		w->width = sw__calloc(nfields, sizeof *w->width);
		if (!w->cells || !w->width) {
			sw_writer_free(w);
			return sw__error_oom(err);
		}
	}
	*out = w;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_writer_new(sw_writer **out, sw_format format, const sw_field *fields, size_t nfields,
		  sw_sink_fn sink, void *payload, sw_error *err)
{
	SW__NEED(err, "sw_writer_new", out);
	SW__NEED(err, "sw_writer_new", sink);
	if (nfields && !fields)
		return sw__error_null(err, "sw_writer_new", "fields");
	return writer_new_impl(out, format, fields, nfields, sink, payload, err);
}

void sw_writer_free(sw_writer *w)
{
	size_t i;

	if (!w)
		return;
	if (w->cells)
		for (i = 0; i < TABLE_SAMPLE * w->nf; i++)
			sw_buf_free(&w->cells[i]);
	sw__free(w->cells);
	sw__free(w->width);
	sw__free(w->flag);
	sw_buf_free(&w->out);
	sw__free(w);
}

static int flush(sw_writer *w, int force, sw_error *err)
{
	if (w->out.len && (force || w->out.len >= FLUSH_AT)) {
		if (w->sink(w->out.ptr, w->out.len, w->payload))
			return sw__error_set(err, SW_EIO, NULL, 0, -1, "cannot write output");
		sw_buf_clear(&w->out);
	}
	return SW_OK;
}

int sw_json_escape(sw_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	if (sw_buf_reserve(b, len + 2))
		return SW_ENOMEM;
	b->ptr[b->len++] = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6];
		size_t el = 2;
		if (c >= 0x80) {
			/* JSON text is UTF-8: a byte that is not part of a valid
			 * sequence (a legacy file name, say) becomes U+FFFD */
			int32_t cp;
			int n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
			if (n > 0) {
				i += (size_t)n - 1;
				continue;
			}
			if (sw_buf_put(b, s + run, i - run) || sw_buf_put(b, "\xEF\xBF\xBD", 3))
				return SW_ENOMEM;
			run = i + 1;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (sw_buf_put(b, s + run, i - run))
			return SW_ENOMEM;
		esc[0] = '\\';
		switch (c) {
		case '"': esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			el = 6;
		}
		if (sw_buf_put(b, esc, el))
			return SW_ENOMEM;
		run = i + 1;
	}
	if (sw_buf_put(b, s + run, len - run) || sw_buf_putc(b, '"'))
		return SW_ENOMEM;
	return SW_OK;
}

/* A value as JSON. */
static int json_value(sw_buf *b, sw_field_type t, const sw_value *v)
{
	switch (t) {
	case SW_FIELD_STRING:
		return v->s ? sw_json_escape(b, v->s, v->len) : sw_buf_puts(b, "null");
	case SW_FIELD_INT:
		return sw_buf_printf(b, "%lld", v->i);
	case SW_FIELD_BOOL:
		return sw_buf_puts(b, v->i ? "true" : "false");
	case SW_FIELD_REAL:
		if (!isfinite(v->r))
			return sw_buf_puts(b, "null");
		return sw_buf_printf(b, "%.10g", v->r);
	}
	return SW_EINVAL;
}

static int text_value(sw_buf *b, sw_field_type t, const sw_value *v)
{
	switch (t) {
	case SW_FIELD_STRING:
		return v->s ? sw_buf_put(b, v->s, v->len) : SW_OK;
	case SW_FIELD_INT:
		return sw_buf_printf(b, "%lld", v->i);
	case SW_FIELD_BOOL:
		return sw_buf_puts(b, v->i ? "true" : "false");
	case SW_FIELD_REAL:
		return isfinite(v->r) ? sw_buf_printf(b, "%.10g", v->r) : SW_OK;
	}
	return SW_EINVAL;
}

/* Tables round reals to two decimals for reading; CSV/TSV keep the precision. */
static int text_value_fmt(sw_buf *b, sw_field_type t, const sw_value *v, int table)
{
	if (table && t == SW_FIELD_REAL) {
		if (!isfinite(v->r))
			return SW_OK;
		return sw_buf_printf(b, fabs(v->r) < 1e9 ? "%.2f" : "%.3g", v->r);
	}
	return text_value(b, t, v);
}

/* A number for a table cell with the writer's separators: "12345.678"
 * becomes "12.345,68" with "," and "." (grouping from five integer digits
 * on, so that years and small counts stay as they are). */
static int table_number(sw_buf *b, const sw_table_options *o, sw_field_type t, const sw_value *v)
{
	char num[64];
	const char *dp = o->decimal_point ? o->decimal_point : ".";
	const char *ts = o->thousands_sep;
	size_t i, n, digits0, ndig, point;
	int rc = SW_OK;

	if (t == SW_FIELD_INT)
		n = (size_t)snprintf(num, sizeof num, "%lld", v->i);
	else if (!isfinite(v->r))
		return SW_OK;
	else
		n = (size_t)snprintf(num, sizeof num, fabs(v->r) < 1e9 ? "%.2f" : "%.3g", v->r);
	if (n >= sizeof num)
		n = sizeof num - 1;
	digits0 = num[0] == '-' ? 1 : 0;
	ndig = 0;
	while (digits0 + ndig < n && num[digits0 + ndig] >= '0' && num[digits0 + ndig] <= '9')
		ndig++;
	point = digits0 + ndig; /* first byte after the integer digits */
	if (digits0)
		rc = sw_buf_putc(b, '-');
	for (i = digits0; !rc && i < point; i++) {
		size_t left = point - i; /* digits from here to the point */
		if (ts && *ts && ndig >= 5 && i > digits0 && left % 3 == 0)
			rc = sw_buf_puts(b, ts);
		if (!rc)
			rc = sw_buf_putc(b, num[i]);
	}
	for (i = point; !rc && i < n; i++)
		rc = num[i] == '.' ? sw_buf_puts(b, dp) : sw_buf_putc(b, num[i]);
	return rc;
}


static int json_object(sw_buf *b, const sw_kv *kv, size_t n)
{
	size_t i;

	if (sw_buf_putc(b, '{'))
		return SW_ENOMEM;
	for (i = 0; i < n; i++) {
		if ((i && sw_buf_puts(b, ", ")) || sw_json_escape(b, kv[i].key, strlen(kv[i].key)) ||
		    sw_buf_puts(b, ": ") || json_value(b, kv[i].type, &kv[i].v))
			return SW_ENOMEM;
	}
	return sw_buf_putc(b, '}');
}

/* A delimited field, quoted when it must be (RFC 4180). */
static int delimited(sw_buf *b, const char *s, size_t len, char sep)
{
	size_t i;
	int quote = 0;

	for (i = 0; i < len; i++)
		if (s[i] == sep || s[i] == '"' || s[i] == '\n' || s[i] == '\r') {
			quote = 1;
			break;
		}
	if (!quote)
		return sw_buf_put(b, s, len);
	if (sw_buf_putc(b, '"'))
		return SW_ENOMEM;
	for (i = 0; i < len; i++)
		if ((s[i] == '"' && sw_buf_putc(b, '"')) || sw_buf_putc(b, s[i]))
			return SW_ENOMEM;
	return sw_buf_putc(b, '"');
}

/* Display width in terminal columns. */
static size_t display_width(const char *s, size_t len)
{
	size_t i = 0, w = 0;
	int32_t cp;
	int n;

	while (i < len) {
		n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		w += cp < 0x80 ? (cp >= 0x20) : (size_t)utf8proc_charwidth(cp);
		i += (size_t)n;
	}
	return w;
}

/* Table cells: control characters shown as spaces so rows stay rows. */
static int table_cell(const sw_writer *w, sw_buf *b, sw_field_type t, const sw_value *v)
{
	size_t start = b->len, i;
	int rc;

	if (t == SW_FIELD_INT || t == SW_FIELD_REAL)
		rc = table_number(b, &w->topt, t, v);
	else
		rc = text_value_fmt(b, t, v, 1);
	if (rc)
		return SW_ENOMEM;
	for (i = start; i < b->len; i++)
		if ((unsigned char)b->ptr[i] < 0x20 || b->ptr[i] == 0x7F)
			b->ptr[i] = ' ';
	return SW_OK;
}

/* How many bytes of s[0..len) fit in max display columns, stopping before
 * a character that would not fit; zero-width characters (combining
 * marks) after a kept character are kept with it.  *dw_out gets the
 * display width of the kept bytes. */
static size_t fit_prefix(const char *s, size_t len, size_t max, size_t *dw_out)
{
	size_t i = 0, w = 0;
	int32_t cp;
	int n;

	while (i < len) {
		size_t cw;
		n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		cw = cp < 0x80 ? (cp >= 0x20) : (size_t)utf8proc_charwidth(cp);
		if (w + cw > max)
			break;
		w += cw;
		i += (size_t)n;
	}
	*dw_out = w;
	return i;
}

/* The shortest suffix of s[0..len) that fits in max display columns:
 * returns its start; a combining mark whose letter was dropped is dropped
 * with it.  *dw_out gets the suffix's display width. */
static size_t fit_suffix(const char *s, size_t len, size_t max, size_t *dw_out)
{
	size_t i = 0, w = display_width(s, len);
	int32_t cp;
	int n;

	while (i < len) {
		size_t cw;
		n = sw__utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (n < 0) {
			cp = 0xFFFD;
			n = 1;
		}
		cw = cp < 0x80 ? (cp >= 0x20) : (size_t)utf8proc_charwidth(cp);
		if (w <= max && (cw > 0 || cp < 0x80))
			break;
		w -= cw;
		i += (size_t)n;
	}
	*dw_out = w;
	return i;
}

/* One table line.  cap: cut cells wider than their column (with a width
 * to fit, or for the header never). */
static int table_line(sw_writer *w, sw_buf *cells, int header)
{
	size_t f, k;
	int cap = w->topt.width > 0 && !header;
	sw_buf *o = &w->out;
	size_t lastf = w->nf, shown = 0;

	for (f = 0; f < w->nf; f++)
		if (!w->flag || !(w->flag[f] & F_HIDDEN))
			lastf = f;
	if (header && w->topt.color && sw_buf_puts(o, SGR_BOLD))
		return SW_ENOMEM;
	for (f = 0; f < w->nf; f++) {
		const char *s = cells[f].ptr ? cells[f].ptr : "";
		size_t len = cells[f].len;
		size_t dw = display_width(s, len);
		unsigned flag = w->flag ? w->flag[f] : 0;
		int tail = !header && (flag & F_TAIL);
		int num = w->fields[f].type == SW_FIELD_INT || w->fields[f].type == SW_FIELD_REAL;
		int right = num || tail;
		int last = f == lastf;
		int cut = cap && !num && dw > w->width[f];
		int dim = !header && w->topt.color && (flag & F_SECONDARY) && len;
		size_t col = !cap && w->width[f] > TABLE_PAD_MAX ? TABLE_PAD_MAX : w->width[f];
		size_t pad;
		if (flag & F_HIDDEN)
			continue;
		if (cut && tail) { /* the ellipsis first, then the end */
			size_t start = fit_suffix(s, len, w->width[f] - 1, &dw);
			s += start;
			len -= start;
			dw++;
		} else if (cut) { /* leave one column for the ellipsis */
			len = fit_prefix(s, len, w->width[f] - 1, &dw);
			dw++;
		}
		pad = col > dw ? col - dw : 0;
		if (shown++ && sw_buf_puts(o, "  "))
			return SW_ENOMEM;
		if (right)
			for (k = 0; k < pad; k++)
				if (sw_buf_putc(o, ' '))
					return SW_ENOMEM;
		if ((dim && sw_buf_puts(o, SGR_DIM)) || (cut && tail && sw_buf_puts(o, ELLIPSIS)) ||
		    sw_buf_put(o, s, len) || (cut && !tail && sw_buf_puts(o, ELLIPSIS)) ||
		    (dim && sw_buf_puts(o, SGR_RESET)))
			return SW_ENOMEM;
		if (!right && !last)
			for (k = 0; k < pad; k++)
				if (sw_buf_putc(o, ' '))
					return SW_ENOMEM;
	}
	if (header && w->topt.color && sw_buf_puts(o, SGR_RESET))
		return SW_ENOMEM;
	return sw_buf_putc(o, '\n');
}

/* Narrow the text columns until the line fits topt.width: one column at
 * a time from the widest secondary field (none below max(5, its field
 * name)); if that is not enough, leave the secondary fields out, the last
 * first, so that the fields that matter keep their width; then narrow the
 * widest text field. */
static void table_fit(sw_writer *w)
{
	size_t f, total = 2 * (w->nf - 1);
	int pass;

	for (f = 0; f < w->nf; f++)
		total += w->width[f];
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 && w->flag)
			for (f = w->nf; f-- > 0 && total > w->topt.width;)
				if (w->flag[f] & F_SECONDARY) {
					w->flag[f] |= F_HIDDEN;
					total -= w->width[f] + 2;
				}
		while (total > w->topt.width) {
			size_t best = w->nf, bw = 0;
			for (f = 0; f < w->nf; f++) {
				size_t hl = strlen(w->fields[f].name), min = hl > 5 ? hl : 5;
				if (pass == 0 && !(w->flag && (w->flag[f] & F_SECONDARY)))
					continue;
				if (w->flag && (w->flag[f] & F_HIDDEN))
					continue;
				if (w->fields[f].type == SW_FIELD_STRING && w->width[f] > min &&
				    w->width[f] > bw) {
					best = f;
					bw = w->width[f];
				}
			}
			if (best == w->nf)
				break;
			w->width[best]--;
			total--;
		}
	}
}

/* Fix the column widths from the sample and print header and sample. */
static int table_fix(sw_writer *w)
{
	sw_buf header[64];
	size_t f, r, nf = w->nf < 64 ? w->nf : 64;
	int rc = SW_OK;

	for (f = 0; f < nf; f++) {
		size_t dw = strlen(w->fields[f].name);
		if (dw > w->width[f])
			w->width[f] = dw;
		header[f].ptr = (char *)w->fields[f].name;
		header[f].len = strlen(w->fields[f].name);
		header[f].cap = 0;
	}
	w->widths_fixed = 1;
	if (w->topt.width)
		table_fit(w);
	if ((rc = table_line(w, header, 1)))
		return rc;
	for (r = 0; r < w->nsampled; r++)
		if ((rc = table_line(w, w->cells + r * w->nf, 0)))
			return rc;
	return SW_OK;
}

/* A Markdown table cell: "|" escaped, control characters as spaces. */
static int md_cell(sw_buf *b, sw_field_type t, const sw_value *v)
{
	sw_buf cell = SW_BUF_INIT;
	size_t i;
	int rc = text_value_fmt(&cell, t, v, 1);

	for (i = 0; !rc && i < cell.len; i++) {
		unsigned char c = (unsigned char)cell.ptr[i];
		if (c == '|')
			rc = sw_buf_puts(b, "\\|");
		else
			rc = sw_buf_putc(b, (char)(c < 0x20 || c == 0x7F ? ' ' : c));
	}
	sw_buf_free(&cell);
	return rc;
}

int sw_writer_set_table(sw_writer *w, const sw_table_options *opts, sw_error *err)
{
	size_t f, i;

	if (!w || !opts || w->began)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "table options must be set before the output begins");
	if (w->fmt != SW_FORMAT_TABLE)
		return SW_OK;
	if ((opts->nsecondary || opts->ntail) && !w->flag) {
		w->flag = sw__calloc(w->nf, 1);
		if (!w->flag)
			return sw__error_oom(err);
	}
	w->topt = *opts;
	for (f = 0; w->flag && f < w->nf; f++) {
		const char *name = w->fields[f].name;
		w->flag[f] = 0;
		for (i = 0; opts->secondary && i < opts->nsecondary; i++)
			if (opts->secondary[i] && strcmp(opts->secondary[i], name) == 0)
				w->flag[f] |= F_SECONDARY;
		for (i = 0; opts->tail && i < opts->ntail; i++)
			if (opts->tail[i] && strcmp(opts->tail[i], name) == 0 &&
			    w->fields[f].type == SW_FIELD_STRING)
				w->flag[f] |= F_TAIL;
	}
	return SW_OK;
}

int sw_writer_begin(sw_writer *w, const char *command, const sw_kv *params, size_t nparams,
		    sw_error *err)
{
	size_t f;
	int rc = SW_OK;

	w->began = 1;
	switch (w->fmt) {
	case SW_FORMAT_JSON:
		if (sw_buf_puts(&w->out, "{\"stichwort\": ") ||
		    sw_json_escape(&w->out, SW_VERSION_STRING, strlen(SW_VERSION_STRING)) ||
		    sw_buf_puts(&w->out, ", \"command\": ") ||
		    sw_json_escape(&w->out, command, strlen(command)) ||
		    sw_buf_puts(&w->out, ", \"params\": ") ||
		    json_object(&w->out, params, nparams) ||
		    sw_buf_puts(&w->out, ", \"results\": ["))
			rc = SW_ENOMEM;
		break;
	case SW_FORMAT_CSV:
	case SW_FORMAT_TSV:
		for (f = 0; f < w->nf && !rc; f++) {
			if (f)
				rc = sw_buf_putc(&w->out, w->fmt == SW_FORMAT_CSV ? ',' : '\t');
			if (!rc)
				rc = sw_buf_puts(&w->out, w->fields[f].name);
		}
		if (!rc)
			rc = sw_buf_puts(&w->out, w->fmt == SW_FORMAT_CSV ? "\r\n" : "\n");
		break;
	case SW_FORMAT_MD:
		for (f = 0; f < w->nf && !rc; f++)
			rc = sw_buf_printf(&w->out, "| %s ", w->fields[f].name);
		if (!rc)
			rc = sw_buf_puts(&w->out, "|\n");
		for (f = 0; f < w->nf && !rc; f++)
			rc = sw_buf_puts(&w->out, w->fields[f].type == SW_FIELD_INT ||
							  w->fields[f].type == SW_FIELD_REAL
						      ? "|---:"
						      : "|---");
		if (!rc)
			rc = sw_buf_puts(&w->out, "|\n");
		break;
	default:
		break;
	}
	if (rc)
		return sw__error_oom(err);
	return flush(w, 0, err);
}

int sw_writer_row(sw_writer *w, const sw_value *v, sw_error *err)
{
	size_t f;
	int rc = SW_OK;
	sw_buf *b = &w->out;

	switch (w->fmt) {
	case SW_FORMAT_JSON:
	case SW_FORMAT_JSONL:
		if (w->fmt == SW_FORMAT_JSON)
			rc = sw_buf_puts(b, w->nrows ? ",\n  " : "\n  ");
		if (!rc)
			rc = sw_buf_putc(b, '{');
		for (f = 0; f < w->nf && !rc; f++) {
			if (f)
				rc = sw_buf_puts(b, ", ");
			if (!rc)
				rc = sw_buf_putc(b, '"');
			if (!rc)
				rc = sw_buf_puts(b, w->fields[f].name);
			if (!rc)
				rc = sw_buf_puts(b, "\": ");
			if (!rc)
				rc = json_value(b, w->fields[f].type, &v[f]);
		}
		if (!rc)
			rc = sw_buf_puts(b, w->fmt == SW_FORMAT_JSONL ? "}\n" : "}");
		break;
	case SW_FORMAT_CSV:
	case SW_FORMAT_TSV: {
		char sep = w->fmt == SW_FORMAT_CSV ? ',' : '\t';
		sw_buf cell = SW_BUF_INIT;
		for (f = 0; f < w->nf && !rc; f++) {
			if (f)
				rc = sw_buf_putc(b, sep);
			sw_buf_clear(&cell);
			if (!rc)
				rc = text_value(&cell, w->fields[f].type, &v[f]);
			if (!rc)
				rc = delimited(b, cell.ptr ? cell.ptr : "", cell.len, sep);
		}
		sw_buf_free(&cell);
		if (!rc)
			rc = sw_buf_puts(b, sep == ',' ? "\r\n" : "\n");
		break;
	}
	case SW_FORMAT_MD:
		for (f = 0; f < w->nf && !rc; f++) {
			rc = sw_buf_puts(b, "| ");
			if (!rc)
				rc = md_cell(b, w->fields[f].type, &v[f]);
			if (!rc)
				rc = sw_buf_putc(b, ' ');
		}
		if (!rc)
			rc = sw_buf_puts(b, "|\n");
		break;
	case SW_FORMAT_TABLE:
		if (!w->widths_fixed) {
			sw_buf *cells = w->cells + w->nsampled * w->nf;
			for (f = 0; f < w->nf && !rc; f++) {
				size_t dw;
				sw_buf_clear(&cells[f]);
				rc = table_cell(w, &cells[f], w->fields[f].type, &v[f]);
				dw = display_width(cells[f].ptr ? cells[f].ptr : "", cells[f].len);
				if (dw > w->width[f])
					w->width[f] = dw;
			}
			if (!rc && ++w->nsampled == TABLE_SAMPLE)
				rc = table_fix(w);
		} else {
			sw_buf cells[64];
			size_t nf = w->nf < 64 ? w->nf : 64;
			for (f = 0; f < nf; f++)
				cells[f] = (sw_buf)SW_BUF_INIT;
			for (f = 0; f < nf && !rc; f++)
				rc = table_cell(w, &cells[f], w->fields[f].type, &v[f]);
			if (!rc)
				rc = table_line(w, cells, 0);
			for (f = 0; f < nf; f++)
				sw_buf_free(&cells[f]);
		}
		break;
	}
	if (rc)
		return sw__error_oom(err);
	w->nrows++;
	return flush(w, 0, err);
}

int sw_writer_flush(sw_writer *w, sw_error *err)
{
	if (w->fmt == SW_FORMAT_TABLE && !w->widths_fixed && table_fix(w))
		return sw__error_oom(err);
	return flush(w, 1, err);
}

int sw_writer_end(sw_writer *w, const sw_kv *corpus, size_t ncorpus,
		  const sw_warning *warnings, size_t nwarnings, sw_error *err)
{
	size_t i;
	int rc = SW_OK;
	sw_buf *b = &w->out;

	if (w->fmt == SW_FORMAT_TABLE && !w->widths_fixed)
		rc = table_fix(w);
	if (!rc && w->fmt == SW_FORMAT_JSON) {
		rc = sw_buf_puts(b, w->nrows ? "\n], \"corpus\": " : "], \"corpus\": ");
		if (!rc)
			rc = json_object(b, corpus, ncorpus);
		if (!rc)
			rc = sw_buf_puts(b, ", \"warnings\": [");
		for (i = 0; i < nwarnings && !rc; i++) {
			const sw_warning *x = &warnings[i];
			sw_kv kv[6];
			size_t n = 0;
			kv[n++] = (sw_kv){ "level", SW_FIELD_STRING,
					   { x->level == SW_WARN_PROBLEM ? "problem" : "notice",
					     x->level == SW_WARN_PROBLEM ? 7 : 6, 0, 0 } };
			kv[n++] = (sw_kv){ "path", SW_FIELD_STRING,
					   { x->path, x->path ? strlen(x->path) : 0, 0, 0 } };
			kv[n++] = (sw_kv){ "line", SW_FIELD_INT, { NULL, 0, x->line, 0 } };
			kv[n++] = (sw_kv){ "offset", SW_FIELD_INT, { NULL, 0, x->offset, 0 } };
			kv[n++] = (sw_kv){ "doc", SW_FIELD_STRING,
					   { x->doc_id, x->doc_id ? strlen(x->doc_id) : 0, 0, 0 } };
			kv[n++] = (sw_kv){ "message", SW_FIELD_STRING,
					   { x->message, x->message ? strlen(x->message) : 0, 0, 0 } };
			rc = sw_buf_puts(b, i ? ",\n  " : "\n  ");
			if (!rc)
				rc = json_object(b, kv, n);
		}
		if (!rc)
			rc = sw_buf_puts(b, nwarnings ? "\n]}\n" : "]}\n");
	}
	if (rc)
		return sw__error_oom(err);
	return flush(w, 1, err);
}
