/*
 * cli/progress.h - the progress line on standard error.
 *
 * While a corpus is read, a command can show one line on stderr:
 *
 *   stichwort terms: 1234 documents, 45.6 of 120.0 MB (38%), 12.3 MB/s, ETA 0:06
 *
 * It appears only when stderr is a terminal and neither --quiet nor
 * --no-progress was given, and only once the work has run for a second;
 * it is redrawn at most ten times a second, cut to the terminal width,
 * and erased (overwritten with blanks, no escape sequences) at the end,
 * so nothing of it stays on the screen or reaches a file or pipe.
 * Without a known total (standard input, say) it shows the rate but no
 * share and no ETA.  The bytes counted are the documents' decoded text;
 * the total is the size of the input files, so for JSON Lines (whose
 * files also hold metadata and escapes) the share stays below 100% and
 * the ETA errs on the long side.
 *
 * One progress line per process; functions are called on one thread
 * (the pipeline calls its progress callback on the calling thread).
 */
#ifndef SW_CLI_PROGRESS_H
#define SW_CLI_PROGRESS_H

#include <stddef.h>

/* Decide and remember for the next cli_progress_start(): label is the
 * command name, enabled whether to draw at all (the caller checks
 * --quiet/--no-progress; this adds the stderr-is-a-terminal test),
 * total_bytes the expected bytes (0: unknown). */
void cli_progress_setup(const char *label, int enabled, unsigned long long total_bytes);

/* Start the clock. */
void cli_progress_start(void);

/* docs documents and bytes bytes of text done so far (absolute values). */
void cli_progress_update(size_t docs, size_t bytes);

/* The same as a callback (sw_progress_cb of stichwort/pipeline.h). */
void cli_progress_cb(size_t docs, size_t bytes, void *payload);

/* Erase the line now (before printing something else on stderr); the
 * next update draws it again. */
void cli_progress_clear(void);

/* Erase the line and stop. */
void cli_progress_end(void);

/* The size in bytes of the inputs: files, directories (their .txt and .md
 * files, recursively) and JSON Lines files; 0 when any is unknown
 * (standard input) or cannot be read. */
unsigned long long cli_input_bytes(const char *const *paths, size_t npaths,
				   const char *const *jsonl, size_t njsonl);

#endif
