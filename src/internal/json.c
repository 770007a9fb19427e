/*
 * internal/json.c - see json.h.
 */
#include <string.h>

#include "json.h"

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t sw__json_skip_ws(const char *s, size_t len, size_t i)
{
	while (i < len && is_ws(s[i]))
		i++;
	return i;
}

size_t sw__json_skip_string(const char *s, size_t len, size_t i)
{
	const char *q;
	size_t k, at;

	for (i++; i < len; i = at + 1) {
		q = memchr(s + i, '"', len - i);
		if (!q)
			return SW_JSON_END;
		at = (size_t)(q - s);
		/* escaped if preceded by an odd number of backslashes */
		for (k = at; k > i && s[k - 1] == '\\'; k--)
			;
		if ((at - k) % 2 == 0)
			return at + 1;
	}
	return SW_JSON_END;
}

size_t sw__json_skip_value(const char *s, size_t len, size_t i)
{
	size_t depth = 0;

	if (i >= len)
		return SW_JSON_END;
	if (s[i] == '"')
		return sw__json_skip_string(s, len, i);
	if (s[i] != '{' && s[i] != '[') {
		while (i < len && s[i] != ',' && s[i] != '}' && s[i] != ']' && !is_ws(s[i]))
			i++;
		return i;
	}
	while (i < len) {
		if (s[i] == '"') {
			i = sw__json_skip_string(s, len, i);
			if (i == SW_JSON_END)
				return SW_JSON_END;
			continue;
		}
		if (s[i] == '{' || s[i] == '[')
			depth++;
		else if ((s[i] == '}' || s[i] == ']') && --depth == 0)
			return i + 1;
		i++;
	}
	return SW_JSON_END;
}
