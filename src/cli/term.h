/*
 * cli/term.h - how the table view adapts to a terminal: width, colour,
 * German numbers.  The decisions (docs/terminal.md):
 *
 *   width    --width N wins (0: unlimited; also when stdout is not a
 *            terminal, which is how tests and scripts force it).  Else,
 *            when stdout is a terminal: $COLUMNS if it is a positive
 *            number, else the terminal's width (TIOCGWINSZ).  Else
 *            unlimited: a table in a pipe or file is never cut.
 *   colour   only for the table format written to a terminal (not with
 *            -o FILE), when NO_COLOR is unset or empty (no-color.org) and
 *            TERM is not "dumb": the header bold, secondary fields (stem
 *            keys, variants, offsets) dim.
 *   numbers  the table view uses German numbers ("1,25"; "12.345") when
 *            the locale (first non-empty of LC_ALL, LC_NUMERIC, LANG) is
 *            German, except de_CH/de_LI (decimal point).  JSON, JSON
 *            Lines, CSV, TSV and Markdown always use the C convention.
 */
#ifndef SW_CLI_TERM_H
#define SW_CLI_TERM_H

#include <stddef.h>

#include "stichwort/write.h"

/* Whether the human views use German numbers (see above). */
int cli_german_numbers(void);

/* Fill *o for output in format fmt: to_tty whether the output goes to a
 * terminal (stdout, not -o FILE), width_opt the --width value or -1 when
 * not given. */
void cli_table_setup(sw_table_options *o, sw_format fmt, int to_tty, long width_opt);

#endif
