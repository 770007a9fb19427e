/*
 * daterange.c - date ranges "FROM..TO" and whether a date falls in one
 * (sw_date_range_parse/test, declared in stichwort/keyness.h: they choose
 * the sides of a keyness comparison by date).
 */
#include <string.h>

#include "stichwort/keyness.h"
#include "internal/errors.h"

/* Pad a valid date to a day: the start ("-01", "-01") or the end ("-12",
 * "-31") of the period it names. */
static void pad_date(char out[11], const char *s, size_t len, int end)
{
	memcpy(out, s, len);
	if (len == 4) {
		memcpy(out + 4, end ? "-12-31" : "-01-01", 6);
	} else if (len == 7) {
		memcpy(out + 7, end ? "-31" : "-01", 3);
	}
	out[10] = '\0';
}

static int parse_bound(char out[11], const char *s, size_t len, int end, const char *whole,
		       sw_error *err)
{
	if (len == 0) {
		out[0] = '\0';
		return SW_OK;
	}
	if (!sw_date_valid(s, len))
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "date range '%s': '%.*s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
				     whole, (int)(len > 40 ? 40 : len), s);
	pad_date(out, s, len, end);
	return SW_OK;
}

int sw_date_range_parse(sw_date_range *out, const char *s, sw_error *err)
{
	const char *dots = strstr(s, "..");
	sw_date_range r;
	int rc;

	memset(&r, 0, sizeof r);
	if (!dots) {
		size_t len = strlen(s);
		if ((rc = parse_bound(r.from, s, len, 0, s, err)) ||
		    (rc = parse_bound(r.to, s, len, 1, s, err)))
			return rc;
		if (!len)
			return sw__error_set(err, SW_EINVAL, NULL, 0, -1, "empty date range");
	} else {
		if ((rc = parse_bound(r.from, s, (size_t)(dots - s), 0, s, err)) ||
		    (rc = parse_bound(r.to, dots + 2, strlen(dots + 2), 1, s, err)))
			return rc;
		if (r.from[0] && r.to[0] && strcmp(r.from, r.to) > 0)
			return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
					     "date range '%s': the start lies after the end", s);
	}
	*out = r;
	return SW_OK;
}

int sw_date_range_test(const sw_date_range *r, const char *date)
{
	char lo[11], hi[11];
	size_t len = date ? strlen(date) : 0;

	if (len != 4 && len != 7 && len != 10)
		return -1;
	pad_date(lo, date, len, 0);
	pad_date(hi, date, len, 1);
	if ((r->to[0] && strcmp(lo, r->to) > 0) || (r->from[0] && strcmp(hi, r->from) < 0))
		return 0;
	if ((!r->from[0] || strcmp(lo, r->from) >= 0) && (!r->to[0] || strcmp(hi, r->to) <= 0))
		return 1;
	return -1;
}
