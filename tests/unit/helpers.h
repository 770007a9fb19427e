/*
 * tests/unit/helpers.h - shared by the cmocka unit tests.
 *
 * Every test binary has the same main(): SW_TEST_MAIN(tests) runs the
 * group, and argv[1] (if given) is a cmocka test filter, so a single test
 * runs with `build/tests/test_tokenize test_tokenize_gender`.
 */
#ifndef SW_TEST_HELPERS_H
#define SW_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "stichwort/stichwort.h"

/* Root of the source tree: $SW_SRCDIR, else ".". */
const char *sw_test_srcdir(void);

/* The ../shared folder next to the source tree, or NULL when it is absent
 * (a fresh clone).  Tests that need it call skip() with a message. */
const char *sw_test_shared_dir(void);

/* Read a whole file (path relative to the source tree unless absolute)
 * into a malloc'd NUL-terminated buffer; NULL if unreadable. */
char *sw_test_read_file(const char *path, size_t *len_out);

/* Write len bytes to a fresh file in a per-process temp dir and return
 * its path (static storage, valid until the next call with the same name). */
const char *sw_test_write_temp(const char *name, const char *data, size_t len);

/* The per-process temporary directory (created on first use). */
const char *sw_test_tmpdir(void);

/*
 * Spec files (tests/spec/NAME.txt), cmark style.  A file is a series of
 * examples:
 *
 *     ## title: why this case exists
 *     input text (one or more lines)
 *     .
 *     expected output (one or more lines)
 *     ~~~~
 *
 * Lines before the first "## " are prose and ignored.  The input's final
 * newline is not part of the input.  In input and expected text, "\n",
 * "\t" and "\u{HEX}" are escapes (a literal backslash is "\\").
 */
typedef struct sw_spec_example {
	char *title;
	int line;          /* line of the title in the file */
	char *input;
	size_t input_len;
	char *expected;    /* lines joined with '\n', no trailing newline */
} sw_spec_example;

/* Parse a spec file; returns the number of examples (-1 on error) and
 * sets *out (free with sw_spec_free). */
int sw_spec_load(const char *path, sw_spec_example **out);
void sw_spec_free(sw_spec_example *ex, int n);

/*
 * A whole front end into counts, for the tests of the stages after it:
 * the built-in "de" stopword list (and "de-speech" when speech is set),
 * a lexicon with the given stemmer, an analyzer and empty counts.  Every
 * step asserts success.
 */
typedef struct sw_test_pipe {
	sw_stoplist *sl;
	sw_lexicon *lx;
	sw_analyzer *an;
	sw_counts *c;
} sw_test_pipe;

void sw_test_pipe_open(sw_test_pipe *p, sw_stemmer_kind stemmer, int speech);
/* Analyze doc and add it to the counts. */
void sw_test_pipe_add_doc(sw_test_pipe *p, const sw_doc *doc);
/* The same for an in-memory text with optional date and group. */
void sw_test_pipe_add(sw_test_pipe *p, const char *id, const char *date, const char *group,
		      const char *text);
/* Every document of a corpus reader. */
void sw_test_pipe_add_corpus(sw_test_pipe *p, sw_corpus *corpus);
/* The embedded corpus (corpora/) copies times over, ids prefixed "N-",
 * each copy followed by a document "N-extra" with words and a phrase of
 * its own ("Kopieaaverordnung regelt"): ~30,000 tokens and 43 documents
 * per copy, big enough at 4+ copies for the stages that split the tokens
 * among threads, with terms first seen in every part. */
void sw_test_pipe_add_embedded(sw_test_pipe *p, size_t copies);
void sw_test_pipe_finish(sw_test_pipe *p);
void sw_test_pipe_close(sw_test_pipe *p);

#define SW_TEST_MAIN(group)                                             \
	int main(int argc, char **argv)                                 \
	{                                                               \
		if (argc > 1)                                           \
			cmocka_set_test_filter(argv[1]);                \
		return cmocka_run_group_tests(group, NULL, NULL);       \
	}

#endif
