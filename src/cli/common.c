/*
 * cli/common.c - input set-up, warnings and output shared by the
 * commands.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "progress.h"
#include "term.h"

const cli_opt cli_common_opts[] = {
	{ "--jsonl", 0, OPT_LIST, "FILE", "read documents from a JSON Lines file (repeatable; - is stdin)" },
	{ "--meta", 0, OPT_LIST, "FILE", "attach metadata (JSON Lines with id or path) to the inputs" },
	{ "--format", 0, OPT_VALUE, "FORMAT", "table|json|jsonl|csv|tsv|md (default: table on a terminal, else jsonl)" },
	{ "--key", 0, OPT_VALUE, "KEY", "count by lemma|stem (default: lemma; stem = the stem of the lemma)" },
	{ "--stemmer", 0, OPT_VALUE, "NAME", "snowball|cistem|none, for --key stem (default: snowball)" },
	{ "--lexicon", 0, OPT_VALUE, "FILE", "German lexicon (Morfologik CFSA2, as data/lexicon/german.dict; default: built in)" },
	{ "--stopwords", 0, OPT_LIST, "FILE", "add a stopword list (repeatable)" },
	{ "--no-default-stopwords", 0, OPT_FLAG, NULL, "do not use the built-in lists (stopwords/de.txt, de-speech.txt)" },
	{ "--strict", 0, OPT_FLAG, NULL, "make any input problem fatal (exit 1 at the first)" },
	{ "--allow-outside", 0, OPT_FLAG, NULL, "let a manifest (metadata.jsonl) read files outside its directory" },
	{ "--threads", 0, OPT_VALUE, "N", "work on N threads (default: the number of cores; output is the same for any N)" },
	{ "--quiet", 'q', OPT_FLAG, NULL, "print only problems on stderr, no notices, no progress" },
	{ "--no-progress", 0, OPT_FLAG, NULL, "no progress line on stderr (shown only on a terminal)" },
	{ "--width", 0, OPT_VALUE, "N", "table width in columns (default: the terminal's; 0 = unlimited)" },
	{ "--output", 'o', OPT_VALUE, "FILE", "write to FILE instead of standard output" },
	{ "--help", 'h', OPT_FLAG, NULL, "show this help" },
};
const size_t cli_ncommon_opts = sizeof cli_common_opts / sizeof *cli_common_opts;

/* The command being run, for messages of the shared option checks. */
static const char *cli_command = "";

char *cli_dupn(const char *s, size_t len)
{
	char *d;

	if (!s)
		return NULL;
	d = malloc(len + 1);
	if (d) {
		memcpy(d, s, len);
		d[len] = '\0';
	}
	return d;
}

char *cli_dups(const char *s)
{
	return s ? cli_dupn(s, strlen(s)) : NULL;
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

void cli_on_warning(const sw_warning *w, void *payload)
{
	cli_run *r = payload;

	if (w->level == SW_WARN_PROBLEM)
		r->problems++;
	if (!r->quiet || w->level == SW_WARN_PROBLEM) {
		cli_progress_clear();
		fprintf(stderr, "stichwort %s: %s: ", r->command,
			w->level == SW_WARN_PROBLEM ? "warning" : "note");
		cli_put_escaped(stderr, w->path);
		if (w->line > 0)
			fprintf(stderr, ":%ld", w->line);
		if (w->offset >= 0)
			fprintf(stderr, ": byte %lld", w->offset);
		fputs(": ", stderr);
		cli_put_escaped(stderr, w->message);
		fputc('\n', stderr);
	}
	if (r->format == SW_FORMAT_JSON) {
		sw_warning *c;
		if (r->nwarnings == r->capwarnings) {
			size_t cap = r->capwarnings ? r->capwarnings * 2 : 16;
			sw_warning *n = realloc(r->warnings, cap * sizeof *n);
			if (!n)
				return;
			r->warnings = n;
			r->capwarnings = cap;
		}
		c = &r->warnings[r->nwarnings++];
		*c = *w;
		c->path = dup_or_null(w->path);
		c->doc_id = dup_or_null(w->doc_id);
		c->message = dup_or_null(w->message);
	}
}

int cli_fail(const char *command, int rc, const sw_error *err)
{
	char msg[1200];

	sw_error_format(msg, sizeof msg, err);
	fprintf(stderr, "stichwort %s: %s\n", command, msg[0] ? cli_escaped(msg) : sw_strerror(rc));
	if (rc == SW_EINVAL)
		return SW_EXIT_USAGE;
	if (rc == SW_EFORMAT || rc == SW_EENCODING)
		return SW_EXIT_SKIPPED;
	if (rc == SW_EIO && err && err->path[0] && strcmp(err->path, "-") != 0)
		return SW_EXIT_SKIPPED;
	return SW_EXIT_FAILURE;
}

/* An input that does not exist: a problem like an unreadable file (the
 * other inputs are still read, exit status 1), fatal with --strict. */
static int missing_input(cli_run *r, int rc, const sw_error *err)
{
	sw_warning w;

	if (rc != SW_EIO || r->strict)
		return cli_fail(r->command, rc, err);
	memset(&w, 0, sizeof w);
	w.level = SW_WARN_PROBLEM;
	w.code = rc;
	w.path = err->path;
	w.offset = -1;
	w.message = err->message[0] ? err->message : "cannot read";
	cli_on_warning(&w, r);
	return 0;
}

int cli_sink(const char *data, size_t len, void *payload)
{
	cli_run *r = payload;

	if (fwrite(data, 1, len, r->out) == len)
		return 0;
	/* Name the destination and the reason once; the writer's error
	 * ("cannot write output") follows from the command. */
	if (!r->write_errno) {
		r->write_errno = errno ? errno : EIO;
		fprintf(stderr, "stichwort %s: cannot write %s: %s\n", r->command,
			r->out_path ? r->out_path : "standard output", strerror(r->write_errno));
	}
	return -1;
}

int cli_writer_new(sw_writer **w, cli_run *r, const sw_field *fields, size_t nfields,
		   sw_error *err)
{
	int rc = sw_writer_new(w, r->format, fields, nfields, cli_sink, r, err);

	if (!rc && (rc = sw_writer_set_table(*w, &r->table, err))) {
		sw_writer_free(*w);
		*w = NULL;
	}
	return rc;
}

/* ---- output files: written whole or not at all ----
 *
 * A regular output file is written to a temporary file beside it
 * (".NAME.tmp-XXXXXX" in the same directory, so rename(2) is atomic) and
 * renamed over NAME only when everything was written and flushed; a run
 * that fails leaves the old NAME as it was.  Devices, pipes and other
 * non-regular paths (/dev/null, /dev/full, a FIFO) are opened directly.
 * There is no writing in place: when the temporary file cannot be made
 * (a directory we may not create files in), the run fails and NAME stays.
 * A NAME we may not write (chmod a-w) is refused, as writing it in place
 * would be.  A symbolic link is followed, dangling or not: the file it
 * points to is written and the link stays.
 *
 * Open temporary files are remembered here and removed at exit if nobody
 * committed them, so an error path that just fclose()s leaves no litter;
 * SIGINT, SIGTERM and SIGHUP remove them too (cli_out_signals()). */
#define OUT_MAX 8
/* A NAME longer than this is cut in the temporary file's name, which
 * must stay within the file system's 255 bytes. */
#define OUT_TMP_NAME_MAX 200

struct out_file {
	FILE *f;     /* open; NULL once closed and pending */
	char *tmp;   /* temporary path, NULL: the slot is free */
	char *path;  /* final path */
	size_t seq;  /* order of opening, for cli_out_commit_pending() */
};

static struct out_file out_files[OUT_MAX];
static size_t out_seq;
/* What the last cli_out_open() failed to do (cli_out_why()). */
static const char *out_why = "";

/* The temporary paths once more for the signal handler, in storage that
 * is never freed or moved: slot i holds a path while sig_used[i] is set. */
static char sig_tmp[OUT_MAX][PATH_MAX];
static volatile sig_atomic_t sig_used[OUT_MAX];

static struct out_file *out_find(FILE *f)
{
	size_t i;

	for (i = 0; f && i < OUT_MAX; i++)
		if (out_files[i].f == f && out_files[i].tmp)
			return &out_files[i];
	return NULL;
}

static void out_forget(struct out_file *o)
{
	sig_used[o - out_files] = 0;
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
}

static void out_cleanup(void)
{
	size_t i;

	for (i = 0; i < OUT_MAX; i++)
		if (out_files[i].tmp) {
			unlink(out_files[i].tmp);
			out_forget(&out_files[i]);
		}
}

/* Only async-signal-safe calls: unlink(2) of the registered paths, then
 * the signal again with its default action (SA_RESETHAND; it is blocked
 * in here and arrives when this returns), so the exit status says which
 * signal ended the run. */
static void out_on_signal(int sig)
{
	int e = errno;
	size_t i;

	for (i = 0; i < OUT_MAX; i++)
		if (sig_used[i])
			unlink(sig_tmp[i]);
	errno = e;
	raise(sig);
}

void cli_out_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = out_on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	sa.sa_flags = SA_RESETHAND;
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		/* a signal ignored by the caller (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

/* The file to write for path: the file a symbolic link points to, even
 * when it does not exist yet (a dangling link); path itself otherwise.
 * NULL with errno set (ELOOP for a loop of links). */
static char *out_target(const char *path)
{
	char *cur = realpath(path, NULL), buf[PATH_MAX];
	struct stat st;
	int hops;

	if (cur)
		return cur;
	if (!(cur = strdup(path)))
		return NULL;
	for (hops = 0; lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		ssize_t n = hops < 40 ? readlink(cur, buf, sizeof buf - 1) : -1;
		const char *slash = strrchr(cur, '/');
		size_t dlen;
		char *next;
		if (n < 0) {
			free(cur);
			errno = hops < 40 ? errno : ELOOP;
			return NULL;
		}
		buf[n] = '\0';
		/* a relative target is relative to the link's directory */
		dlen = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
		if (!(next = malloc(dlen + (size_t)n + 1))) {
			free(cur);
			return NULL;
		}
		memcpy(next, cur, dlen);
		memcpy(next + dlen, buf, (size_t)n + 1);
		free(cur);
		cur = next;
	}
	return cur;
}

FILE *cli_out_open(const char *path)
{
	static int registered;
	struct out_file *o = NULL;
	struct stat st;
	const char *slash, *base;
	mode_t mask;
	size_t i, dlen, blen;
	int fd, e, exists;

	out_why = "";
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return fopen(path, "wb");
	for (i = 0; i < OUT_MAX; i++)
		if (!out_files[i].tmp) {
			o = &out_files[i];
			break;
		}
	if (!o) {
		errno = EMFILE;
		return NULL;
	}
	if (!registered && atexit(out_cleanup) == 0)
		registered = 1;
	if (!(o->path = out_target(path)))
		return NULL;
	exists = stat(o->path, &st) == 0;
	/* replacing a file we could not overwrite would get round its
	 * permissions (rename needs only the directory's) */
	if (exists && access(o->path, W_OK) != 0) {
		e = errno;
		out_why = " (the file is write-protected; it is left as it was)";
		out_forget(o);
		errno = e;
		return NULL;
	}
	slash = strrchr(o->path, '/');
	dlen = slash ? (size_t)(slash - o->path) + 1 : 0;
	base = o->path + dlen;
	blen = strlen(base) > OUT_TMP_NAME_MAX ? OUT_TMP_NAME_MAX : strlen(base);
	o->tmp = malloc(dlen + blen + 16);
	if (!o->tmp) {
		out_forget(o);
		errno = ENOMEM;
		return NULL;
	}
	sprintf(o->tmp, "%.*s.%.*s.tmp-XXXXXX", (int)dlen, o->path, (int)blen, base);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		/* no writing in place: a failed run would leave a cut file */
		e = errno;
		out_why = " (cannot create a temporary file in its directory, which the output is "
			  "renamed from when complete; nothing was written)";
		free(o->tmp);
		o->tmp = NULL;
		out_forget(o);
		errno = e;
		return NULL;
	}
	if (strlen(o->tmp) < PATH_MAX) {
		strcpy(sig_tmp[i], o->tmp);
		sig_used[i] = 1;
	}
	/* mkstemp makes 0600; give the file the mode a plain fopen would
	 * (or the mode of the file it replaces). */
	mask = umask(0);
	umask(mask);
	fchmod(fd, exists ? st.st_mode & 07777 : 0666 & ~mask);
	o->f = fdopen(fd, "wb");
	if (!o->f) {
		e = errno;
		close(fd);
		unlink(o->tmp);
		out_forget(o);
		errno = e;
		return NULL;
	}
	o->seq = ++out_seq;
	return o->f;
}

/* Flush, sync and close f; for a temporary file 0 keeps it (to be
 * renamed), anything else removes it.  0, or -1 with errno set. */
static int out_close(FILE *f, struct out_file *o)
{
	int e = 0;

	errno = 0;
	if (fflush(f) != 0 || ferror(f))
		e = errno ? errno : EIO;
	if (!e && o && fsync(fileno(f)) != 0 && errno != EINVAL && errno != EROFS)
		e = errno;
	if (fclose(f) != 0 && !e)
		e = errno ? errno : EIO;
	if (o) {
		o->f = NULL;
		if (e) {
			unlink(o->tmp);
			out_forget(o);
		}
	}
	errno = e;
	return e ? -1 : 0;
}

int cli_out_commit(FILE *f)
{
	struct out_file *o = out_find(f);
	int e = 0;

	if (out_close(f, o) != 0)
		return -1;
	if (o) {
		if (rename(o->tmp, o->path) != 0) {
			e = errno;
			unlink(o->tmp);
		}
		out_forget(o);
	}
	errno = e;
	return e ? -1 : 0;
}

int cli_out_close_pending(FILE *f)
{
	struct out_file *o = out_find(f);
	int rc = out_close(f, o);

	if (!rc && !o) { /* not a temporary file: nothing to rename */
		errno = 0;
		return 0;
	}
	return rc;
}

int cli_out_commit_pending(char **failed)
{
	size_t i;
	int e = 0;

	*failed = NULL;
	for (;;) {
		struct out_file *o = NULL;
		for (i = 0; i < OUT_MAX; i++)
			if (out_files[i].tmp && !out_files[i].f &&
			    (!o || out_files[i].seq < o->seq))
				o = &out_files[i];
		if (!o)
			break;
		if (!e && rename(o->tmp, o->path) != 0) {
			e = errno;
			*failed = strdup(o->path);
		}
		if (e)
			unlink(o->tmp);
		out_forget(o);
	}
		errno = e;
	return e ? -1 : 0;
}

const char *cli_out_why(void)
{
	return out_why;
}

void cli_out_abort(FILE *f)
{
	struct out_file *o = out_find(f);

	if (!f)
		return;
	fclose(f);
	if (o) {
		unlink(o->tmp);
		out_forget(o);
	}
}

void cli_out_abort_pending(void)
{
	size_t i;

	for (i = 0; i < OUT_MAX; i++)
		if (out_files[i].tmp && !out_files[i].f) {
			unlink(out_files[i].tmp);
			out_forget(&out_files[i]);
		}
}

static int run_open(cli_run *r, const cli_args *a, const char *command, int output_is_dir);

int cli_run_open(cli_run *r, const cli_args *a, const char *command)
{
	return run_open(r, a, command, 0);
}

int cli_run_open_dir(cli_run *r, const cli_args *a, const char *command)
{
	return run_open(r, a, command, 1);
}

static int run_open(cli_run *r, const cli_args *a, const char *command, int output_is_dir)
{
	sw_corpus_options co = SW_CORPUS_OPTIONS_INIT;
	sw_lexicon_options lo = SW_LEXICON_OPTIONS_INIT;
	sw_error err = { 0 };
	const char *const *l;
	const char *v;
	size_t n, i, width = 0;
	int rc, status;

	memset(r, 0, sizeof *r);
	r->command = command;
	r->out = stdout;
	r->quiet = cli_has(a, "--quiet");
	r->strict = cli_has(a, "--strict");
	v = cli_value(a, "--format");
	if (v) {
		if (sw_format_parse(&r->format, v)) {
			fprintf(stderr, "stichwort %s: unknown format '%s' (table, json, jsonl, csv, tsv, md)\n",
				command, v);
			return SW_EXIT_USAGE;
		}
	} else {
		r->format = isatty(STDOUT_FILENO) ? SW_FORMAT_TABLE : SW_FORMAT_JSONL;
	}
	if ((status = cli_uint_opt(a, "--threads", &r->threads, 1, 256)) ||
	    (status = cli_uint_opt(a, "--width", &width, 0, 100000)))
		return status;
	if (!r->threads)
		r->threads = sw_pipeline_default_threads();
#ifdef __GLIBC__
	{
		/* under an address-space limit (ulimit -v), glibc's malloc arena
		 * per thread (64 MB of address space each, reserved) would use
		 * up the limit that the data needs: one arena for all threads */
		struct rlimit rl;
		if (r->threads > 1 && getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
			mallopt(M_ARENA_MAX, 1);
	}
#endif
	v = cli_value(a, "--stemmer");
	if (v && sw_stemmer_kind_parse(&r->stemmer, v)) {
		fprintf(stderr, "stichwort %s: unknown stemmer '%s' (snowball, cistem, none)\n", command, v);
		return SW_EXIT_USAGE;
	}
	v = cli_value(a, "--key");
	if (v && sw_key_kind_parse(&r->key, v)) {
		fprintf(stderr, "stichwort %s: unknown key '%s' (lemma, stem)\n", command, v);
		return SW_EXIT_USAGE;
	}
	if (!v)
		r->key = SW_KEY_LEMMA;
	if (!a->npos && !cli_has(a, "--jsonl")) {
		fprintf(stderr, "stichwort %s: no input (give files, directories, - for stdin, or --jsonl FILE;"
			" see 'stichwort %s --help')\n", command, command);
		return SW_EXIT_USAGE;
	}
	co.strict = r->strict;
	co.allow_outside = cli_has(a, "--allow-outside");
	co.warn = cli_on_warning;
	co.warn_payload = r;
	if ((rc = sw_corpus_new(&r->corpus, &co, &err)))
		return cli_fail(command, rc, &err);
	l = cli_list(a, "--meta", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_corpus_add_meta(r->corpus, l[i], &err)))
			return cli_fail(command, rc, &err);
	for (i = 0; i < a->npos; i++)
		if ((rc = sw_corpus_add_path(r->corpus, a->pos[i], &err)) &&
		    (status = missing_input(r, rc, &err)))
			return status;
	l = cli_list(a, "--jsonl", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_corpus_add_jsonl(r->corpus, l[i], &err)) &&
		    (status = missing_input(r, rc, &err)))
			return status;
	if ((rc = sw_stoplist_new(&r->stop, &err)))
		return cli_fail(command, rc, &err);
	if (!cli_has(a, "--no-default-stopwords") &&
	    ((rc = sw_stoplist_add_builtin(r->stop, "de", &err)) ||
	     (rc = sw_stoplist_add_builtin(r->stop, "de-speech", &err))))
		return cli_fail(command, rc, &err);
	l = cli_list(a, "--stopwords", &n);
	for (i = 0; i < n; i++)
		if ((rc = sw_stoplist_load(r->stop, l[i], &err))) {
			cli_fail(command, rc, &err);
			return SW_EXIT_USAGE;
		}
	if ((rc = sw_lemmatizer_new(&r->lemmatizer, cli_value(a, "--lexicon"), &err))) {
		/* a lexicon that cannot be read is a bad option value */
		cli_fail(command, rc, &err);
		return rc == SW_ENOMEM ? SW_EXIT_FAILURE : SW_EXIT_USAGE;
	}
	lo.stemmer = r->stemmer;
	lo.stopwords = r->stop;
	lo.key = r->key;
	lo.lemmatizer = r->lemmatizer;
	if ((rc = sw_lexicon_new(&r->lexicon, &lo, &err)))
		return cli_fail(command, rc, &err);
	v = output_is_dir ? NULL : cli_value(a, "--output");
	if (v && strcmp(v, "-") != 0) {
		r->out = cli_out_open(v);
		r->out_path = v;
		if (!r->out) {
			fprintf(stderr, "stichwort %s: cannot write '%s': %s%s\n", command, v, strerror(errno),
				cli_out_why());
			r->out = stdout;
			return SW_EXIT_FAILURE;
		}
		r->out_is_file = 1;
	}
	l = cli_list(a, "--jsonl", &n);
	cli_progress_setup(command, !r->quiet && !cli_has(a, "--no-progress"),
			   cli_input_bytes(a->pos, a->npos, l, n));
	cli_table_setup(&r->table, r->format, !r->out_is_file && isatty(STDOUT_FILENO),
			cli_has(a, "--width") ? (long)width : -1);
	return 0;
}

int cli_load_themes(const char *command, const char *path, sw_themes **out)
{
	sw_error err = { 0 };
	int rc = sw_themes_load(out, path, &err);

	if (!rc)
		return 0;
	cli_fail(command, rc, &err);
	/* a dictionary that cannot be read or parsed is a bad option value,
	 * like an unreadable --stopwords list: nothing was analysed */
	return rc == SW_ENOMEM ? SW_EXIT_FAILURE : SW_EXIT_USAGE;
}

int cli_run_status(const cli_run *r)
{
	return r->problems ? SW_EXIT_SKIPPED : SW_EXIT_OK;
}

void cli_run_close(cli_run *r)
{
	size_t i;

	for (i = 0; i < r->nwarnings; i++) {
		free((char *)r->warnings[i].path);
		free((char *)r->warnings[i].doc_id);
		free((char *)r->warnings[i].message);
	}
	free(r->warnings);
	/* A file still open here was not committed by cli_output_done(): the
	 * run failed, so the old file (if any) stays as it was. */
	if (r->out_is_file)
		cli_out_abort(r->out);
	r->out = stdout;
	r->out_is_file = 0;
	sw_lexicon_free(r->lexicon);
	sw_lemmatizer_free(r->lemmatizer);
	sw_stoplist_free(r->stop);
	sw_corpus_free(r->corpus);
}

cli_opt *cli_opts_with_common(const cli_opt *own, size_t nown, size_t *n)
{
	cli_opt *o = malloc((nown + cli_ncommon_opts) * sizeof *o);

	if (!o)
		return NULL;
	if (nown)
		memcpy(o, own, nown * sizeof *o);
	memcpy(o + nown, cli_common_opts, cli_ncommon_opts * sizeof *o);
	*n = nown + cli_ncommon_opts;
	return o;
}

int cli_uint_opt(const cli_args *a, const char *name, size_t *out, size_t min, size_t max)
{
	const char *v = cli_value(a, name);
	char *end;
	unsigned long long x;

	if (!v)
		return 0;
	errno = 0;
	x = strtoull(v, &end, 10);
	if (errno || *end || end == v || v[0] == '-' || x < min || x > max) {
		fprintf(stderr, "stichwort %s: %s needs a whole number from %zu to %zu, not '%s'\n",
			cli_command, name, min, max, v);
		return SW_EXIT_USAGE;
	}
	*out = (size_t)x;
	return 0;
}

int cli_real_opt(const cli_args *a, const char *name, double *out, double min, double max)
{
	const char *v = cli_value(a, name);
	char *end;
	double x;

	if (!v)
		return 0;
	errno = 0;
	x = strtod(v, &end);
	if (errno || *end || end == v || !(x >= min && x <= max)) {
		fprintf(stderr, "stichwort %s: %s needs a number from %g to %g, not '%s'\n",
			cli_command, name, min, max, v);
		return SW_EXIT_USAGE;
	}
	*out = x;
	return 0;
}

int cli_reference_load(sw_reflist **out, cli_run *r, const char *spec)
{
	sw_reflist_options lo = SW_REFLIST_OPTIONS_INIT;
	sw_error err = { 0 };
	int rc;

	*out = NULL;
	if (!spec || !strcmp(spec, "none"))
		return 0;
	lo.strict = r->strict;
	lo.warn = cli_on_warning;
	lo.warn_payload = r;
	if (!strcmp(spec, "builtin"))
		rc = sw_reflist_builtin(out, r->lexicon, &lo, &err);
	else
		rc = sw_reflist_load(out, spec, r->lexicon, &lo, &err);
	if (!rc)
		return 0;
	/* an unreadable file is the user's to fix, like a bad option */
	return rc == SW_EIO ? (cli_fail(cli_command, rc, &err), SW_EXIT_USAGE)
			    : cli_fail(cli_command, rc, &err);
}

int cli_theme_doc(const sw_counts *c, size_t doc, const sw_term_id *forms, const uint8_t *types,
		  const uint8_t *flags, size_t n, void *payload, sw_error *err)
{
	(void)c;
	(void)doc;
	return sw_theme_counts_add(payload, forms, types, flags, n, err);
}

int cli_load_counts(cli_run *r, sw_counts **out)
{
	sw_pipeline_options po = SW_PIPELINE_OPTIONS_INIT;
	sw_error err = { 0 };
	size_t used = 0;
	int rc;

	po.nthreads = r->threads;
	po.nthreads_used = &used;
	po.aggregate_by = r->aggregate_by;
	po.aggregate_dp = r->aggregate_dp;
	po.on_doc = r->on_doc;
	po.on_doc_payload = r->on_doc_payload;
	po.progress = cli_progress_cb;
	cli_progress_start();
	rc = sw_pipeline_load(out, r->corpus, r->lexicon, &po, &err);
	cli_progress_end();
	if (rc)
		return cli_fail(r->command, rc, &err);
	if (used && used < r->threads) /* the output is the same: a warning on stderr only */
		fprintf(stderr,
			"stichwort %s: warning: --threads %zu: memory or threads ran short, "
			"%zu used (the output is the same)\n",
			r->command, r->threads, used);
	return 0;
}

/* A dated document this many years or more from the median date of the
 * corpus gets a notice: a placeholder such as 9999-12-31 or 1900-01-01
 * stretches a period series over thousands of empty periods. */
#define FAR_DATE_YEARS 100
/* Notices of far dates at most; one line more counts the rest. */
#define FAR_DATE_NOTICES 10

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The year of a "YYYY[-MM[-DD]]" date, or -1. */
static int date_year(const char *d)
{
	int y = 0, i;

	if (!d)
		return -1;
	for (i = 0; i < 4; i++) {
		if (d[i] < '0' || d[i] > '9')
			return -1;
		y = y * 10 + (d[i] - '0');
	}
	return y;
}

/* s on stderr with control characters as \xNN (an id from the input
 * must not drive the terminal). */
static void put_escaped(const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch < 0x20 || ch == 0x7f)
			fprintf(stderr, "\\x%02x", ch);
		else
			fputc(ch, stderr);
	}
}

void cli_note_far_dates(cli_run *r, const sw_counts *c)
{
	size_t nd = sw_counts_ndocs(c), n = 0, d, far = 0;
	int *years = malloc((nd + 1) * sizeof *years), median, y;

	if (!years)
		return;
	for (d = 0; d < nd; d++)
		if ((y = date_year(sw_counts_doc(c, d)->date)) >= 0)
			years[n++] = y;
	if (n < 2) {
		free(years);
		return;
	}
	qsort(years, n, sizeof *years, cmp_int);
	median = years[(n - 1) / 2];
	free(years);
	for (d = 0; d < nd; d++) {
		const sw_count_doc *doc = sw_counts_doc(c, d);
		y = date_year(doc->date);
		if (y < 0 || abs(y - median) < FAR_DATE_YEARS)
			continue;
		if (++far > FAR_DATE_NOTICES || r->quiet)
			continue;
		cli_progress_clear();
		fprintf(stderr, "stichwort %s: note: document '", r->command);
		put_escaped(doc->id);
		fprintf(stderr, "': date %s is %d years from the median date of the corpus (%d); a "
			"placeholder date? Every period between them is in the series\n", doc->date,
			abs(y - median), median);
	}
	if (far > FAR_DATE_NOTICES && !r->quiet)
		fprintf(stderr, "stichwort %s: note: %zu more documents with a date %d or more years "
			"from the median date (%d)\n", r->command, far - FAR_DATE_NOTICES,
			FAR_DATE_YEARS, median);
}

/* The distinct keys that occur (a compound's head is a key that may
 * occur in no token of its own). */
size_t cli_types(const sw_counts *c)
{
	size_t i, n = 0, nk = sw_counts_nkeys(c);

	/* the keys of counted tokens: punctuation is no more a type than it
	 * is a token ("tokens" leaves it out) */
	for (i = 0; i < nk; i++)
		n += sw_counts_key_is_term(c, (sw_term_id)i, 1) != 0;
	return n;
}

size_t cli_corpus_kv(const cli_run *r, const sw_counts *c, sw_kv *kv)
{
	size_t n = 0;

	kv[n++] = (sw_kv){ "documents", SW_FIELD_INT, { NULL, 0, (long long)sw_counts_ndocs(c), 0 } };
	kv[n++] = (sw_kv){ "tokens", SW_FIELD_INT, { NULL, 0, (long long)sw_counts_counted(c), 0 } };
	kv[n++] = (sw_kv){ "types", SW_FIELD_INT, { NULL, 0, (long long)cli_types(c), 0 } };
	kv[n++] = (sw_kv){ "problems", SW_FIELD_INT, { NULL, 0, (long long)r->problems, 0 } };
	kv[n++] = (sw_kv){ "key", SW_FIELD_STRING,
			   { sw_key_kind_name(r->key), strlen(sw_key_kind_name(r->key)), 0, 0 } };
	kv[n++] = (sw_kv){ "stemmer", SW_FIELD_STRING,
			   { sw_stemmer_kind_name(r->stemmer), strlen(sw_stemmer_kind_name(r->stemmer)), 0, 0 } };
	return n;
}

int cli_finish(cli_run *r, sw_writer *w, const sw_counts *c)
{
	sw_kv kv[8];
	sw_error err = { 0 };
	size_t n = cli_corpus_kv(r, c, kv);
	int rc = sw_writer_end(w, kv, n, r->warnings, r->nwarnings, &err);

	if (rc)
		return cli_fail(r->command, rc, &err);
	return cli_output_done(r);
}

int cli_output_done(cli_run *r)
{
	int failed;

	if (r->out_is_file) {
		failed = cli_out_commit(r->out) != 0;
		r->out = stdout;
		r->out_is_file = 0;
	} else {
		errno = 0;
		failed = fflush(r->out) != 0 || ferror(r->out);
	}
	if (failed) {
		fprintf(stderr, "stichwort %s: cannot write %s: %s\n", r->command,
			r->out_path ? r->out_path : "standard output",
			strerror(errno ? errno : EIO));
		return SW_EXIT_FAILURE;
	}
	return cli_run_status(r);
}

int cli_begin(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
	      const char *command, cli_usage_fn usage)
{
	int status;

	cli_command = command;
	if (!opts) {
		fprintf(stderr, "stichwort %s: out of memory\n", command);
		return SW_EXIT_FAILURE;
	}
	if ((status = cli_parse(a, opts, nopts, argc, argv, command)))
		return status;
	if (cli_has(a, "--help")) {
		usage(stdout, opts, nopts);
		cli_args_free(a);
		return SW_EXIT_OK;
	}
	return -1;
}

static int cmp_ranked(const void *a, const void *b)
{
	const cli_ranked *x = a, *y = b;
	size_t m = x->kl < y->kl ? x->kl : y->kl;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	c = memcmp(x->kb, y->kb, m);
	if (c || x->kl != y->kl)
		return c ? c : x->kl > y->kl ? 1 : -1;
	return (x->key > y->key) - (x->key < y->key);
}

/* Restore the heap property below out[i] in the heap out[0..n) whose
 * root is the last in rank (the one a better term replaces). */
static void sift_down(cli_ranked *out, size_t i, size_t n)
{
	for (;;) {
		size_t l = 2 * i + 1, w = i;
		cli_ranked t;
		if (l < n && cmp_ranked(&out[l], &out[w]) > 0)
			w = l;
		if (l + 1 < n && cmp_ranked(&out[l + 1], &out[w]) > 0)
			w = l + 1;
		if (w == i)
			return;
		t = out[i];
		out[i] = out[w];
		out[w] = t;
		i = w;
	}
}

void cli_rank_top(cli_ranked *out, const sw_counts *c, const sw_unit_tf *tf, size_t n,
		  size_t top)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i].key = tf[i].key;
		out[i].count = tf[i].count;
		out[i].docs = tf[i].docs;
		out[i].kb = sw_counts_key_bytes(c, tf[i].key, &out[i].kl);
	}
	if (!top || top >= n / 4) {
		qsort(out, n, sizeof *out, cmp_ranked);
		return;
	}
	/* a heap of the best top so far, the last of them at the root:
	 * each later term that ranks before the root replaces it */
	for (i = top / 2; i-- > 0;)
		sift_down(out, i, top);
	for (i = top; i < n; i++)
		if (cmp_ranked(&out[i], &out[0]) < 0) {
			cli_ranked t = out[0];
			out[0] = out[i];
			out[i] = t;
			sift_down(out, 0, top);
		}
	qsort(out, top, sizeof *out, cmp_ranked);
}

void cli_rank_terms(cli_ranked *out, const sw_counts *c, const sw_unit_tf *tf, size_t n)
{
	cli_rank_top(out, c, tf, n, 0);
}

int cli_check_by(const char *command, const char *by, const sw_units *u, const sw_counts *c)
{
	static const char *const periods[] = { "year", "quarter", "month", "doc", "id", "corpus" };
	size_t i;

	if (!by || !sw_counts_ndocs(c))
		return 0;
	/* periods: an undated corpus is a state of the data, reported as such */
	for (i = 0; i < sizeof periods / sizeof *periods; i++)
		if (strcmp(by, periods[i]) == 0)
			return 0;
	for (i = 0; i < sw_units_count(u); i++)
		if (sw_units_label(u, i))
			return 0;
	fprintf(stderr,
		"stichwort %s: no document has the field '%s' (--by takes year, quarter, month, "
		"doc, group, title or a metadata field that the documents have)\n",
		command, by);
	return SW_EXIT_USAGE;
}

void cli_note(sw_warning *warns, size_t *nw, const char *command, int quiet, const char *msg)
{
	if (!quiet)
		fprintf(stderr, "stichwort %s: note: %s\n", command, msg);
	memset(&warns[*nw], 0, sizeof *warns);
	warns[*nw].level = SW_WARN_NOTICE;
	warns[*nw].code = SW_OK;
	warns[*nw].path = "";
	warns[*nw].offset = -1;
	warns[*nw].message = msg;
	(*nw)++;
}
