/*
 * cli/escape.c - input quoted in messages on stderr, made harmless.
 *
 * A corpus can hold terminal escape sequences (ESC [ 2 J, a title change,
 * OSC 8 links) in its ids, paths, field values and words.  Every message
 * that quotes input goes through cli_escaped(), so what reaches the
 * terminal is plain text: C0 controls and DEL become \xHH (\t, \n, \r
 * as such), C1 controls U+0080-U+009F (as UTF-8, C2 80-C2 9F) become
 * \u0080-\u009F, and bytes that are not UTF-8 become \xHH.  Everything
 * else, umlauts and backslashes included, stays as it is.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

#define ESC_SLOTS 4
#define ESC_SIZE 8192

/* Length of the valid UTF-8 sequence at s (1-4), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		return (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))
			return 0;
		return 3;
	}
	if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		if ((s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* The escaped form of the character at *u into tmp (at least 8 bytes);
 * returns how many input bytes it took. */
static size_t escape_one(const unsigned char *u, char *tmp)
{
	size_t n = utf8_len(u);

	if (n == 1 && *u >= 0x20 && *u != 0x7F) {
		tmp[0] = (char)*u;
		tmp[1] = '\0';
	} else if (n == 1) {
		if (*u == '\n')
			strcpy(tmp, "\\n");
		else if (*u == '\t')
			strcpy(tmp, "\\t");
		else if (*u == '\r')
			strcpy(tmp, "\\r");
		else
			snprintf(tmp, 8, "\\x%02x", *u);
	} else if (n == 2 && u[0] == 0xC2 && u[1] <= 0x9F) {
		snprintf(tmp, 8, "\\u%04x", u[1]);
	} else if (n == 0) {
		snprintf(tmp, 8, "\\x%02x", *u);
		n = 1;
	} else {
		memcpy(tmp, u, n);
		tmp[n] = '\0';
	}
	return n;
}

void cli_put_escaped(FILE *f, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	char tmp[8];

	while (*u) {
		u += escape_one(u, tmp);
		fputs(tmp, f);
	}
}

size_t cli_escape(char *out, size_t size, const char *s)
{
	const unsigned char *u = (const unsigned char *)(s ? s : "");
	size_t o = 0, n;
	char tmp[8];

	if (!size)
		return 0;
	while (*u) {
		n = escape_one(u, tmp);
		if (o + strlen(tmp) + 4 > size) { /* room for "..." and the NUL */
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(out + o, tmp, strlen(tmp));
		o += strlen(tmp);
		u += n;
	}
	out[o] = '\0';
	return o;
}

const char *cli_escaped(const char *s)
{
	static _Thread_local char buf[ESC_SLOTS][ESC_SIZE];
	static _Thread_local int k;

	k = (k + 1) % ESC_SLOTS;
	cli_escape(buf[k], sizeof buf[k], s);
	return buf[k];
}
