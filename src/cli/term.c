/*
 * cli/term.c - table width, colour and number conventions for the
 * terminal (see term.h).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "term.h"

/* Secondary fields of the commands: narrowed first, dim on a colour
 * terminal, and left out when the table still does not fit (the term,
 * counts and scores keep their width). */
static const char *const secondary[] = {
	"key", "variants", "i", "start", "end", "sentence", "n", "chi2",
	"docs_target", "docs_reference", "docs_in_unit", "tokens_in_unit",
	"docs_in_period", "tokens_in_period", "patterns", "mk_s", "mk_z",
	"first_half_per_10k", "last_half_per_10k",
};

/* Fields whose end matters: the left context of a concordance line,
 * right-aligned so that the match column lines up, cut at the start. */
static const char *const tail[] = { "left" };

int cli_german_numbers(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_NUMERIC", "LANG" };
	const char *v = NULL;
	size_t i;

	for (i = 0; i < 3; i++) {
		v = getenv(vars[i]);
		if (v && *v)
			break;
		v = NULL;
	}
	if (!v || strncmp(v, "de", 2) != 0 ||
	    (v[2] != '\0' && v[2] != '_' && v[2] != '.' && v[2] != '@'))
		return 0;
	return strncmp(v, "de_CH", 5) != 0 && strncmp(v, "de_LI", 5) != 0;
}

static size_t tty_width(void)
{
	const char *c = getenv("COLUMNS");
	struct winsize ws;

	if (c && *c) {
		char *end;
		long n = strtol(c, &end, 10);
		if (!*end && n > 0 && n < 100000)
			return (size_t)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}

void cli_table_setup(sw_table_options *o, sw_format fmt, int to_tty, long width_opt)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	memset(o, 0, sizeof *o);
	if (fmt != SW_FORMAT_TABLE)
		return;
	o->width = width_opt >= 0 ? (size_t)width_opt : to_tty ? tty_width() : 0;
	o->color = to_tty && !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
	o->secondary = secondary;
	o->nsecondary = sizeof secondary / sizeof *secondary;
	o->tail = tail;
	o->ntail = sizeof tail / sizeof *tail;
	if (cli_german_numbers()) {
		o->decimal_point = ",";
		o->thousands_sep = ".";
	}
}
