/*
 * cli/cli.h - what the commands share: option parsing, input set-up,
 * warnings, output.  The CLI uses only the public headers.
 */
#ifndef SW_CLI_H
#define SW_CLI_H

#include <stdio.h>

#include "stichwort/stichwort.h"
#include "exit.h"

/* ---- options ---- */

enum opt_kind { OPT_FLAG, OPT_VALUE, OPT_LIST };

typedef struct cli_opt {
	const char *name;   /* "--format" */
	char short_name;    /* 'o' or 0 */
	enum opt_kind kind;
	const char *arg;    /* argument name in --help, "FORMAT" */
	const char *help;   /* one line */
} cli_opt;

/* Parsed options: values by index into the command's option table. */
typedef struct cli_args {
	const cli_opt *opts;
	size_t nopts;
	int *set;            /* how often each option was given */
	const char **value;  /* last value of OPT_VALUE */
	const char ***list;  /* all values of OPT_LIST */
	const char **pos;    /* positional arguments */
	size_t npos;
} cli_args;

/* Parse argv (after the command name).  Prints a message and returns
 * SW_EXIT_USAGE on error (a is then already freed), 0 on success. */
int cli_parse(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
	      const char *command);
void cli_args_free(cli_args *a);
int cli_has(const cli_args *a, const char *name);
const char *cli_value(const cli_args *a, const char *name);
const char *const *cli_list(const cli_args *a, const char *name, size_t *n);
void cli_print_options(FILE *f, const cli_opt *opts, size_t nopts);

/* Options every corpus command takes (appended to each command's table). */
extern const cli_opt cli_common_opts[];
extern const size_t cli_ncommon_opts;

/* ---- a run: inputs, warnings, output ---- */

typedef struct cli_run {
	const char *command;
	sw_corpus *corpus;
	sw_stoplist *stop;
	sw_lexicon *lexicon;
	sw_lemmatizer *lemmatizer; /* the lexicon of lemmas (--lexicon) */
	sw_key_kind key;           /* --key */
	sw_format format;
	int quiet, strict;
	FILE *out;
	int out_is_file;
	const char *out_path; /* -o FILE as given, or NULL for stdout */
	int write_errno;      /* first failed write to out (0: none) */
	sw_warning *warnings; /* copies for JSON output */
	size_t nwarnings, capwarnings;
	size_t problems;
	sw_stemmer_kind stemmer;
	const char *aggregate_by; /* set before cli_load_counts(): count per
				     unit while loading, keep no token arrays
				     (sw_counts_aggregate()) */
	int aggregate_dp;     /* with aggregate_by: keep what sw_units_dp() needs
				 (1 content, 2 all: sw_pipeline_options) */
	size_t threads;       /* --threads, else the number of cores */
	sw_doc_cb on_doc;     /* set before cli_load_counts(): sees each document's
				 tokens while loading (sw_pipeline_options) */
	void *on_doc_payload;
	sw_table_options table; /* width, colour, numbers (cli/term.h) */
} cli_run;

/* An on_doc for cli_run: the document's theme matches into the
 * sw_theme_counts passed as payload (patterns matched while loading, so
 * the counts need keep no token arrays). */
int cli_theme_doc(const sw_counts *c, size_t doc, const sw_term_id *forms, const uint8_t *types,
		  const uint8_t *flags, size_t n, void *payload, sw_error *err);

/* Set up corpus, stopwords, lexicon and output from the common options.
 * Returns 0 or an exit status (message printed). */
int cli_run_open(cli_run *r, const cli_args *a, const char *command);
/* The same for a command whose -o names a directory (not opened here). */
int cli_run_open_dir(cli_run *r, const cli_args *a, const char *command);
void cli_run_close(cli_run *r);
/* Print an error from the library and return the exit status for it. */
int cli_fail(const char *command, int rc, const sw_error *err);
/* Copies (malloc) of len bytes / a string with a NUL; NULL for NULL or
 * when out of memory. */
char *cli_dupn(const char *s, size_t len);
char *cli_dups(const char *s);

/* Input quoted on stderr (ids, paths, field values, words), made
 * harmless for a terminal (cli/escape.c): control characters, C1
 * controls and bytes that are not UTF-8 become \xHH, \uHHHH, \n, \t,
 * \r; the rest stays.  cli_escape() writes into out (at most size bytes
 * with the NUL, "..." when cut) and returns the length; cli_escaped()
 * returns one of four rotating per-thread buffers of 8 KB, so up to four
 * can be used in one call. */
size_t cli_escape(char *out, size_t size, const char *s);
const char *cli_escaped(const char *s);
/* The same written to f, whatever the length (paths of deep trees). */
void cli_put_escaped(FILE *f, const char *s);

/* The corpus warning callback of a run (payload: the cli_run): prints the
 * warning with file, line and byte, counts problems, keeps a copy for the
 * JSON envelope. */
void cli_on_warning(const sw_warning *w, void *payload);
/* Load a theme dictionary (--dict, --themes): 0, or the exit status after
 * printing the error (2: unreadable or malformed; 3: out of memory). */
int cli_load_themes(const char *command, const char *path, sw_themes **out);
/* The exit status at the end of a successful run (0 or 1). */
int cli_run_status(const cli_run *r);
/* Sink for sw_writer writing to r->out. */
int cli_sink(const char *data, size_t len, void *payload);
/* sw_writer_new() for r->format writing to r->out, with r->table set
 * (terminal width, colour, German numbers in the table view): the way
 * commands create their writer.  Returns a library status. */
int cli_writer_new(sw_writer **w, cli_run *r, const sw_field *fields, size_t nfields,
		   sw_error *err);

/* Read the whole corpus of r through an analyzer into counts (finished).
 * Returns 0 or an exit status (message printed).  *out owns the counts. */
int cli_load_counts(cli_run *r, sw_counts **out);

/* A notice on stderr (not with --quiet) for each dated document 100 or
 * more years from the median date of c, naming its id: a placeholder
 * date such as 9999-12-31 makes a period series of thousands of empty
 * periods.  For the commands that bin documents by period. */
void cli_note_far_dates(cli_run *r, const sw_counts *c);

/* Prints a command's --help. */
typedef void (*cli_usage_fn)(FILE *f, const cli_opt *opts, size_t nopts);

/* Start a command: parse argv with opts (NULL: out of memory) and answer
 * --help.  Returns -1 to go on (free a with cli_args_free), or the exit
 * status to return (a already freed). */
int cli_begin(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
	      const char *command, cli_usage_fn usage);

/* Merge a command's option table with the common options into a new
 * malloc'd table (*n gets its size). */
cli_opt *cli_opts_with_common(const cli_opt *own, size_t nown, size_t *n);

/* Parse and check a positive integer option; returns 0 or SW_EXIT_USAGE. */
int cli_uint_opt(const cli_args *a, const char *name, size_t *out, size_t min, size_t max);

/* Parse and check a real option in [min, max]; returns 0 or SW_EXIT_USAGE. */
int cli_real_opt(const cli_args *a, const char *name, double *out, double min, double max);

/* The reference of --reference SPEC: "builtin" (the list built in,
 * sw_reflist_builtin()), "none" or NULL (*out = NULL), else a list file,
 * keyed with r's lexicon.  0, or the exit status after a message (usage
 * for an unreadable file). */
int cli_reference_load(sw_reflist **out, cli_run *r, const char *spec);

/* The envelope "corpus" summary of counts into kv (at least 5 entries);
 * returns the number used. */
size_t cli_corpus_kv(const cli_run *r, const sw_counts *c, sw_kv *kv);
/* The distinct keys with at least one token. */
size_t cli_types(const sw_counts *c);

/* Print writer-level failure or finish the output; returns the status. */
int cli_finish(cli_run *r, sw_writer *w, const sw_counts *c);
/* The output is complete: flush it, or for -o FILE put the file in place
 * (see cli_out_commit).  Prints "cannot write FILE: reason" and returns
 * SW_EXIT_FAILURE when that fails, else cli_run_status(r). */
int cli_output_done(cli_run *r);

/* Output files written whole or not at all: cli_out_open() opens a
 * temporary file in the directory of path (a device or FIFO is opened
 * as it is; NULL with errno set when no temporary file can be made or
 * path may not be written: there is no writing in place);
 * cli_out_commit() flushes, closes and renames it to path, or removes it
 * when anything failed (returns 0, or -1 with errno set);
 * cli_out_abort() closes and removes it.  A temporary file neither
 * committed nor aborted is removed at exit, and on SIGINT, SIGTERM and
 * SIGHUP once cli_out_signals() installed the handler (main()).
 *
 * Several files committed together (the report): cli_out_close_pending()
 * flushes and closes each (0, or -1 with errno set and that file
 * removed); cli_out_commit_pending() renames all of them, in the order
 * they were opened, only once every one was written (0, or -1 with errno
 * set and *failed a malloc'd copy of the path that failed; the rest are
 * removed); cli_out_abort_pending() removes them. */
FILE *cli_out_open(const char *path);
int cli_out_commit(FILE *f);
void cli_out_abort(FILE *f);
int cli_out_close_pending(FILE *f);
int cli_out_commit_pending(char **failed);
void cli_out_abort_pending(void);
void cli_out_signals(void);
/* After cli_out_open() failed: " (what could not be done)", or "". */
const char *cli_out_why(void);

/* A term of a unit ready for ranking: count descending, then key bytes. */
typedef struct cli_ranked {
	sw_term_id key;
	uint32_t count, docs;
	const char *kb; /* key bytes */
	size_t kl;
} cli_ranked;

/* Fill out[0..n) from a unit's term frequencies (in key order) and sort
 * them; ties of count and bytes in key order. */
void cli_rank_terms(cli_ranked *out, const sw_counts *c, const sw_unit_tf *tf, size_t n);

/* The same for the first top only (all when top is 0): out[0..top) in the
 * order cli_rank_terms() gives them, the rest of out[0..n) in no order.
 * A short list of a large vocabulary is picked, not sorted whole. */
void cli_rank_top(cli_ranked *out, const sw_counts *c, const sw_unit_tf *tf, size_t n,
		  size_t top);

/* After sw_units_new(u, c, by): a --by field that no document has (a
 * typo, which would put every row under null) is refused, as keyness
 * refuses it: a message and SW_EXIT_USAGE; else 0.  Periods, doc, id and
 * corpus are always accepted (an undated corpus is reported as such). */
int cli_check_by(const char *command, const char *by, const sw_units *u, const sw_counts *c);

/* A notice of a command's own (not of the input): on stderr unless
 * quiet, and appended to warns[*nw] (room for it is the caller's) for
 * the output's warnings; msg is borrowed until the output is written. */
void cli_note(sw_warning *warns, size_t *nw, const char *command, int quiet, const char *msg);

/* ---- commands ---- */

int cmd_tokens(int argc, char **argv);
int cmd_terms(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_phrases(int argc, char **argv);
int cmd_keywords(int argc, char **argv);
int cmd_keyness(int argc, char **argv);
int cmd_trends(int argc, char **argv);
int cmd_themes(int argc, char **argv);
int cmd_kwic(int argc, char **argv);

#endif
