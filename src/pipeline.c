/*
 * pipeline.c - a corpus into counts on several threads, byte-identical to
 * one thread (see stichwort/pipeline.h for the design).
 *
 * Threads and ownership.  The calling thread ("main") reads documents
 * into the batch at the ring's tail, queues it, and merges finished
 * batches at the ring's head in order; when the ring is full and its
 * head is not done, main analyses the next queued batch itself (help())
 * instead of waiting, as the last of N analysers (N - 1 worker threads).
 * An analyser takes queued batches in queue order (so each sees its
 * batches in document order, which the id mapping relies on), analyses
 * them with its own normalizer, tokenizer and lexicon, and marks them
 * done.  A batch belongs to main
 * while free or done, to one worker while queued/running; the hand-over
 * is under the one mutex.  Main alone touches the caller's lexicon, the
 * counts and the per-worker id tables.
 *
 * Id mapping.  A worker's lexicon numbers its forms 0, 1, 2... in the
 * order it first saw them (sw__lexicon_terms()); a batch lists the
 * forms new to that lexicon with their bytes.  Main keeps per worker the
 * caller-lexicon term of each form number it has met.  Merging in
 * document order, the first record naming form k of a worker is that
 * worker's first token of the form, and its bytes are in the batch: the
 * import either finds (type, form) in the caller's lexicon (an earlier
 * document had it) or adds it at exactly this token, with the norm and
 * stem computed from this very token's flags, as a single thread would.
 */
#include <pthread.h>
#include <stdint.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#include <unistd.h>

#include "stichwort/pipeline.h"
#include "stichwort/buf.h"
#include "internal/alloc.h"
#include "internal/counts.h"
#include "internal/errors.h"
#include "internal/lexicon.h"

#define NONE ((size_t)-1)
#define MAX_THREADS 256
#define BATCH_DOCS 1024
/* Slots of the workers' shared analyses (2 MB), three quarters of which
 * are filled at most: the 171,308 word forms of the Bundestag corpus fit. */
#define SHARED_FORMS ((size_t)1 << 18)

/* A token as a worker hands it over: 12 bytes. */
typedef struct pl_rec {
	uint32_t ord;      /* form number in the worker's lexicon */
	uint32_t sentence;
	uint8_t type, flags;
} pl_rec;

/* A form new to the worker's lexicon: its form, norm, key, lemma and
 * head key bytes, one after the other at off in the batch's newbytes. */
typedef struct pl_new {
	size_t off;
	uint32_t flen, nlen, slen, llen, hlen; /* form, norm, key, lemma, head key */
	uint8_t type, stop, pos, has_head;
	uint8_t has_lemma; /* 0: the form as written is its lemma */
} pl_new;

typedef struct pl_field {
	size_t key, value; /* offsets in the arena */
} pl_field;

typedef struct pl_doc {
	size_t text, len;               /* the text, in the arena */
	size_t id, date, group, title;  /* arena offsets or NONE */
	size_t field0, nfields;         /* in the batch's fields */
	size_t rec0, nrec;              /* in the batch's records (worker) */
	size_t nnew;                    /* its forms new to the worker, in the batch's news */
	size_t nforms;                  /* the worker's forms after it */
} pl_doc;

enum { B_FREE = 0, B_QUEUED, B_DONE };

typedef struct pl_batch {
	/* filled by main */
	sw_buf arena;
	pl_doc *docs;
	size_t ndocs, capdocs;
	pl_field *fields;
	size_t nfields, capfields;
	size_t bytes;
	/* filled by the worker */
	pl_rec *recs;
	size_t nrecs, caprecs;
	pl_new *news;
	size_t nnews, capnews;
	sw_buf newbytes;
	size_t worker;
	int rc;
	sw_error err;
	int state; /* under the mutex */
} pl_batch;

struct pl;

/* A worker's form in the caller's lexicon, with its SW_CT_* flags that
 * depend only on the form (case, stopword). */
typedef struct pl_term {
	sw_term_id key, form;
	uint8_t ct;
} pl_term;

typedef struct pl_worker {
	struct pl *pl;
	size_t index;
	pthread_t th;
	int started;
	sw_normalizer *nz;
	sw_tokenizer *tk;
	sw_lexicon *lx;
	uint32_t *ords; /* the worker's lookup scratch */
	size_t capords;
	/* main's table: form number -> term in the caller's lexicon */
	pl_term *remap;
	size_t nremap, capremap;
} pl_worker;

typedef struct pl {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	int sync_ok;
	pl_batch *ring;
	size_t nring;
	size_t submitted, taken; /* sequence numbers; batch s is ring[s % nring] */
	int quit;
	pl_worker *w;
	size_t nw;
	/* the workers' lemmatized forms, so that each is lemmatized once */
	sw__shared_forms *shared;
	/* main's merge scratch */
	sw_meta_field *meta;
	size_t capmeta;
	size_t docs_done, bytes_done;
} pl;

size_t sw_pipeline_default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

/* Hand the document just added to the caller's on_doc. */
static int doc_done(const sw_pipeline_options *o, const sw_counts *c, sw_error *err)
{
	const sw_term_id *forms;
	const uint8_t *types, *flags;
	size_t n;

	if (!o->on_doc)
		return SW_OK;
	sw__counts_last_doc(c, &forms, &types, &flags, &n);
	return o->on_doc(c, sw_counts_ndocs(c) - 1, forms, types, flags, n, o->on_doc_payload,
			 err);
}

/* ---- worker side ---- */

/* Form ord, new to the worker, whose lexicon kept its bytes (hand-over
 * mode): its form, norm, key, lemma and head key bytes into the batch.
 * SW_OK, SW_ENOMEM, or SW_EINTERNAL when the lexicon kept no bytes. */
static int hand_over(pl_batch *b, const sw_lexicon *lx, const char *text, const sw_token *t,
		     uint32_t ord)
{
	sw_term_bytes tb;
	pl_new *nw;

	if (!sw__lexicon_news(&tb, lx, ord))
		return SW_EINTERNAL;
	if (sw__grow((void **)&b->news, &b->capnews, b->nnews + 1, sizeof *b->news))
		return SW_ENOMEM;
	nw = &b->news[b->nnews++];
	nw->off = b->newbytes.len;
	nw->flen = (uint32_t)t->len;
	nw->nlen = (uint32_t)tb.norm_len;
	nw->slen = (uint32_t)tb.key_len;
	nw->llen = (uint32_t)tb.lemma_len;
	nw->hlen = (uint32_t)tb.head_len;
	nw->type = (uint8_t)t->type;
	nw->stop = (uint8_t)(tb.stop != 0);
	nw->pos = (uint8_t)tb.pos;
	nw->has_head = tb.head != NULL;
	nw->has_lemma = tb.lemma != NULL;
	if (sw_buf_put(&b->newbytes, text + t->start, t->len) ||
	    sw_buf_put(&b->newbytes, tb.norm, tb.norm_len) ||
	    sw_buf_put(&b->newbytes, tb.key, tb.key_len) ||
	    sw_buf_put(&b->newbytes, tb.lemma ? tb.lemma : "", tb.lemma_len) ||
	    sw_buf_put(&b->newbytes, tb.head ? tb.head : "", tb.head_len))
		return SW_ENOMEM;
	return SW_OK;
}

/* A document's records, at rec, from its n tokens and their lookups by
 * sw__lexicon_terms(), which numbered the forms new to the worker's
 * lexicon from next_new on, in token order.  The byte stores may alias
 * anything, so the arrays are restrict: otherwise every pointer is loaded
 * again after each store.  SW_OK, SW_ENOMEM or SW_EINTERNAL. */
static int put_recs(pl_batch *b, pl_rec *restrict rec, const pl_worker *w, const char *text,
		    const sw_token *restrict tt, const uint32_t *restrict ords, size_t n,
		    uint32_t next_new)
{
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t ord = ords[i];
		rec[i].ord = ord;
		rec[i].sentence = tt[i].sentence;
		rec[i].type = (uint8_t)tt[i].type;
		rec[i].flags = (uint8_t)tt[i].flags;
		if (ord == next_new) { /* new to this worker: hand over its bytes */
			int rc = hand_over(b, w->lx, text, &tt[i], ord);
			if (rc)
				return rc;
			next_new++;
		}
	}
	return SW_OK;
}

static int analyse_batch(pl_worker *w, pl_batch *b)
{
	size_t d;
	int rc;

	b->nrecs = 0;
	b->nnews = 0;
	sw_buf_clear(&b->newbytes);
	for (d = 0; d < b->ndocs; d++) {
		pl_doc *doc = &b->docs[d];
		const sw_token *tt;
		const char *text;
		size_t tlen, n, nnews;
		uint32_t next_new; /* forms get numbers in token order */

		doc->rec0 = b->nrecs;
		doc->nrec = 0;
		if ((rc = sw_normalize(&text, &tlen, w->nz, b->arena.ptr + doc->text, doc->len,
				       &b->err)) ||
		    (rc = sw_tokenize(&tt, &n, w->tk, text, tlen, &b->err)))
			return rc;
		if (sw__grow((void **)&b->recs, &b->caprecs, b->nrecs + n, sizeof *b->recs) ||
		    sw__grow((void **)&w->ords, &w->capords, n, sizeof *w->ords))
			return sw__error_oom(&b->err);
		next_new = (uint32_t)sw_lexicon_forms(w->lx);
		sw__lexicon_news_clear(w->lx);
		if ((rc = sw__lexicon_terms(NULL, w->ords, w->lx, text, tt, n, &b->err)))
			return rc;
		nnews = b->nnews;
		if ((rc = put_recs(b, b->recs + b->nrecs, w, text, tt, w->ords, n, next_new)))
			return rc == SW_ENOMEM ? sw__error_oom(&b->err)
					       : sw__error_set(&b->err, rc, NULL, 0, -1,
							       "pipeline: a new form's bytes are missing");
		doc->nnew = b->nnews - nnews;
		doc->nforms = sw_lexicon_forms(w->lx);
		b->nrecs += n;
		doc->nrec = n;
	}
	return SW_OK;
}

/* Analyse batch b, taken from the queue (the mutex is not held), with
 * analyser w and mark it done; returns holding the mutex. */
static void run_batch(pl *p, pl_worker *w, pl_batch *b)
{
	b->worker = w->index;
	b->rc = analyse_batch(w, b);
	pthread_mutex_lock(&p->mu);
	b->state = B_DONE;
	pthread_cond_broadcast(&p->done);
}

/* The calling thread analyses the next queued batch itself, as the last
 * analyser: 1 if it did, 0 if none was queued. */
static int help(pl *p)
{
	pl_batch *b;

	pthread_mutex_lock(&p->mu);
	if (p->taken == p->submitted) {
		pthread_mutex_unlock(&p->mu);
		return 0;
	}
	b = &p->ring[p->taken++ % p->nring];
	pthread_mutex_unlock(&p->mu);
	run_batch(p, &p->w[p->nw - 1], b);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

static void *worker_main(void *arg)
{
	pl_worker *w = arg;
	pl *p = w->pl;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		pl_batch *b;
		while (!p->quit && p->taken == p->submitted)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->quit)
			break;
		b = &p->ring[p->taken++ % p->nring];
		pthread_mutex_unlock(&p->mu);
		run_batch(p, w, b);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* ---- main side: filling ---- */

static size_t put_str(pl_batch *b, const char *s, int *bad)
{
	size_t off = b->arena.len;

	if (!s)
		return NONE;
	if (sw_buf_put(&b->arena, s, strlen(s) + 1))
		*bad = 1;
	return off;
}

static int add_doc(pl_batch *b, const sw_doc *doc)
{
	pl_doc *d;
	size_t i;
	int bad = 0;

	if (sw__grow((void **)&b->docs, &b->capdocs, b->ndocs + 1, sizeof *b->docs) ||
	    sw__grow((void **)&b->fields, &b->capfields, b->nfields + doc->n_extra + 1,
		     sizeof *b->fields))
		return SW_ENOMEM;
	d = &b->docs[b->ndocs];
	d->text = b->arena.len;
	d->len = doc->len;
	if (sw_buf_put(&b->arena, doc->text, doc->len) || sw_buf_putc(&b->arena, '\0'))
		return SW_ENOMEM;
	d->id = put_str(b, doc->id ? doc->id : "", &bad);
	d->date = put_str(b, doc->date, &bad);
	d->group = put_str(b, doc->group, &bad);
	d->title = put_str(b, doc->title, &bad);
	d->field0 = b->nfields;
	d->nfields = doc->n_extra;
	for (i = 0; i < doc->n_extra; i++) {
		b->fields[b->nfields + i].key = put_str(b, doc->extra[i].key, &bad);
		b->fields[b->nfields + i].value = put_str(b, doc->extra[i].value, &bad);
	}
	if (bad)
		return SW_ENOMEM;
	b->nfields += doc->n_extra;
	b->bytes += doc->len;
	b->ndocs++;
	return SW_OK;
}

/* A batch that held a very long document gives its memory back, so that
 * one book-length text does not stay in every slot of the ring. */
#define KEEP_BYTES ((size_t)8 << 20)

static void reset_batch(pl_batch *b)
{
	if (b->arena.cap > KEEP_BYTES)
		sw_buf_free(&b->arena);
	if (b->caprecs * sizeof *b->recs > 2 * KEEP_BYTES) {
		sw__free(b->recs);
		b->recs = NULL;
		b->caprecs = 0;
	}
	sw_buf_clear(&b->arena);
	b->ndocs = 0;
	b->nfields = 0;
	b->bytes = 0;
	b->rc = SW_OK;
	b->state = B_FREE;
}

static void submit(pl *p)
{
	pthread_mutex_lock(&p->mu);
	p->ring[p->submitted % p->nring].state = B_QUEUED;
	p->submitted++;
	pthread_cond_signal(&p->work);
	pthread_mutex_unlock(&p->mu);
}

/* Whether batch seq is done; with block, wait until it is. */
static int batch_done(pl *p, size_t seq, int block)
{
	pl_batch *b = &p->ring[seq % p->nring];
	int done;

	pthread_mutex_lock(&p->mu);
	while (block && b->state != B_DONE)
		pthread_cond_wait(&p->done, &p->mu);
	done = b->state == B_DONE;
	pthread_mutex_unlock(&p->mu);
	return done;
}

/* ---- main side: merging ---- */

static const char *arena_str(const pl_batch *b, size_t off)
{
	return off == NONE ? NULL : b->arena.ptr + off;
}

/* Map a worker's new form into the caller's lexicon. */
static int import_form(pl_worker *w, const pl_batch *b, const pl_new *nw, sw_lexicon *lx,
		       sw_error *err)
{
	const char *s = b->newbytes.ptr + nw->off;
	sw_term_bytes tb;
	sw_term_info ti;
	pl_term *t;
	int rc;

	if (sw__grow((void **)&w->remap, &w->capremap, w->nremap + 1, sizeof *w->remap))
		return sw__error_oom(err);
	tb.norm = s + nw->flen;
	tb.norm_len = nw->nlen;
	tb.key = tb.norm + nw->nlen;
	tb.key_len = nw->slen;
	tb.lemma = nw->has_lemma ? tb.key + nw->slen : NULL;
	tb.lemma_len = nw->llen;
	tb.head = nw->has_head ? tb.key + nw->slen + nw->llen : NULL;
	tb.head_len = nw->hlen;
	tb.stop = nw->stop;
	tb.pos = (sw_pos)nw->pos;
	if ((rc = sw_lexicon_import(&ti, lx, s, nw->flen, (sw_token_type)nw->type, &tb, err)))
		return rc;
	t = &w->remap[w->nremap++];
	t->key = ti.stem;
	t->form = ti.form;
	t->ct = (uint8_t)(sw__counts_case_flags(s, nw->flen) | (ti.stop ? SW_CT_STOP : 0));
	return SW_OK;
}

/* A document's token slots from its records; returns the tokens counted
 * (all but punctuation) and sets *nsent.  The byte stores of types and
 * flags may alias anything, so the arrays are held in restrict locals:
 * otherwise every pointer is loaded again after each store. */
static size_t fill_slots(const sw__counts_slots *sl, const pl_rec *restrict r, size_t n,
			 const pl_term *restrict remap, uint32_t *nsent)
{
	sw_term_id *restrict keys = sl->keys, *restrict forms = sl->forms;
	uint8_t *restrict types = sl->types, *restrict flags = sl->flags;
	uint32_t sent = UINT32_MAX, ns = 0;
	size_t i, counted = 0;

	for (i = 0; i < n; i++) {
		const pl_term *t = &remap[r[i].ord];
		uint8_t fl = t->ct;
		if (r[i].sentence != sent) {
			fl |= SW_CT_SENT;
			sent = r[i].sentence;
			ns++;
		}
		if (r[i].flags & SW_TOKEN_F_HYPHENATED)
			fl |= SW_CT_HYPHEN;
		keys[i] = t->key;
		forms[i] = t->form;
		types[i] = r[i].type;
		flags[i] = fl;
		counted += r[i].type != SW_TOKEN_PUNCT;
	}
	*nsent = ns;
	return counted;
}

static int merge_batch(pl *p, pl_batch *b, sw_lexicon *lx, sw_counts *c,
		       const sw_pipeline_options *o, sw_error *err)
{
	pl_worker *w = &p->w[b->worker];
	size_t d, i, next_new = 0;
	int rc;

	if (b->rc) {
		if (err)
			*err = b->err;
		return b->rc;
	}
	for (d = 0; d < b->ndocs; d++) {
		const pl_doc *pd = &b->docs[d];
		const pl_rec *r = b->recs + pd->rec0;
		sw__counts_slots sl;
		sw_doc doc;
		size_t counted;
		uint32_t nsent;

		memset(&doc, 0, sizeof doc);
		doc.index = p->docs_done;
		doc.id = arena_str(b, pd->id);
		doc.source = "";
		doc.date = arena_str(b, pd->date);
		doc.group = arena_str(b, pd->group);
		doc.title = arena_str(b, pd->title);
		doc.text = b->arena.ptr + pd->text;
		doc.len = pd->len;
		if (pd->nfields) {
			if (sw__grow((void **)&p->meta, &p->capmeta, pd->nfields, sizeof *p->meta))
				return sw__error_oom(err);
			for (i = 0; i < pd->nfields; i++) {
				p->meta[i].key = arena_str(b, b->fields[pd->field0 + i].key);
				p->meta[i].value = arena_str(b, b->fields[pd->field0 + i].value);
			}
			doc.extra = p->meta;
			doc.n_extra = pd->nfields;
		}
		/* the forms new to this worker first, in token order, so that
		 * fill_slots() only reads the table; with them the table holds
		 * every form the worker had after this document, so each
		 * record's form number is in it */
		if (pd->nnew > b->nnews - next_new)
			return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1,
					     "pipeline: form numbers out of order");
		for (i = 0; i < pd->nnew; i++)
			if ((rc = import_form(w, b, &b->news[next_new++], lx, err)))
				return rc;
		if (w->nremap != pd->nforms)
			return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1,
					     "pipeline: form numbers out of order");
		if ((rc = sw__counts_begin_doc(c, &doc, pd->nrec, &sl, err)))
			return rc;
		counted = fill_slots(&sl, r, pd->nrec, w->remap, &nsent);
		sw__counts_end_doc(c, counted, nsent);
		if ((rc = doc_done(o, c, err)))
			return rc;
		p->docs_done++;
	}
	p->bytes_done += b->bytes;
	if (o->progress)
		o->progress(p->docs_done, p->bytes_done, o->progress_payload);
	return SW_OK;
}

/* ---- set-up and tear-down ---- */

static void pl_stop(pl *p)
{
	size_t i;

	if (p->sync_ok) {
		pthread_mutex_lock(&p->mu);
		p->quit = 1;
		pthread_cond_broadcast(&p->work);
		pthread_mutex_unlock(&p->mu);
	}
	for (i = 0; p->w && i < p->nw; i++)
		if (p->w[i].started) {
			pthread_join(p->w[i].th, NULL);
			p->w[i].started = 0;
		}
}

static void pl_free(pl *p)
{
	size_t i;

	pl_stop(p);
	for (i = 0; p->w && i < p->nw; i++) {
		sw_normalizer_free(p->w[i].nz);
		sw_tokenizer_free(p->w[i].tk);
		sw_lexicon_free(p->w[i].lx);
		sw__free(p->w[i].remap);
		sw__free(p->w[i].ords);
	}
	sw__free(p->w);
	sw__shared_forms_free(p->shared); /* after the lexicons that used it */
	p->shared = NULL;
	for (i = 0; p->ring && i < p->nring; i++) {
		pl_batch *b = &p->ring[i];
		sw_buf_free(&b->arena);
		sw__free(b->docs);
		sw__free(b->fields);
		sw__free(b->recs);
		sw__free(b->news);
		sw_buf_free(&b->newbytes);
	}
	sw__free(p->ring);
	sw__free(p->meta);
	if (p->sync_ok) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->work);
		pthread_cond_destroy(&p->done);
	}
#ifdef __GLIBC__
	/* the workers' lexicons grew in their threads' malloc arenas, which
	 * the calling thread does not reuse: hand the pages back, or the
	 * command's later work (phrases) adds to them in peak memory */
	malloc_trim(0);
#endif
}

/* Keep the first n analysers (none started beyond them): free the
 * others' state, and forget the error that made them too many. */
static void pl_worker_fewer(pl *p, size_t n, sw_error *err)
{
	size_t i;

	for (i = n; i < p->nw; i++) {
		sw_normalizer_free(p->w[i].nz);
		sw_tokenizer_free(p->w[i].tk);
		sw_lexicon_free(p->w[i].lx);
		memset(&p->w[i], 0, sizeof p->w[i]);
	}
	p->nw = n;
	if (err)
		memset(err, 0, sizeof *err);
}

static int pl_start(pl *p, sw_lexicon *lx, size_t nthreads, const sw_pipeline_options *o,
		    sw_error *err)
{
	const sw_lexicon_options *lo = sw__lexicon_options(lx);
	size_t i;
	int rc;

	if (pthread_mutex_init(&p->mu, NULL))
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1, "pipeline: no mutex");
	if (pthread_cond_init(&p->work, NULL)) {
		pthread_mutex_destroy(&p->mu);
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1, "pipeline: no condition");
	}
	if (pthread_cond_init(&p->done, NULL)) {
		pthread_cond_destroy(&p->work);
		pthread_mutex_destroy(&p->mu);
		return sw__error_set(err, SW_EINTERNAL, NULL, 0, -1, "pipeline: no condition");
	}
	p->sync_ok = 1;
	p->nring = 2 * nthreads + 2;
	p->ring = sw__calloc(p->nring, sizeof *p->ring);
	p->nw = nthreads;
	p->w = sw__calloc(nthreads, sizeof *p->w);
	if (!p->ring || !p->w)
		return sw__error_oom(err);
	/* everything a worker uses is made here, on this thread, before any
	 * worker starts (the normalizer initialises shared tables once).
	 * Out of memory after the first: fewer analysers (the counts are the
	 * same for any number; the caller learns how many were used) */
	for (i = 0; i < nthreads; i++) {
		pl_worker *w = &p->w[i];
		w->pl = p;
		w->index = i;
		if ((rc = sw_normalizer_new(&w->nz, &o->analyze.normalize, err)) ||
		    (rc = sw_tokenizer_new(&w->tk, &o->analyze.tokenize, err)) ||
		    (rc = sw_lexicon_new(&w->lx, lo, err))) {
			if (rc != SW_ENOMEM || !i)
				return rc;
			pl_worker_fewer(p, i, err);
			break;
		}
		sw__lexicon_hand_over(w->lx);
	}
	/* a form is lemmatized by the first worker to meet it; the others
	 * take its analysis (without the table, each worker analyses it) */
	if (p->nw > 1 && lo->lemmatizer && !p->shared &&
	    sw__shared_forms_new(&p->shared, SHARED_FORMS) != SW_OK)
		p->shared = NULL;
	for (i = 0; i < p->nw; i++)
		sw__lexicon_share(p->w[i].lx, p->shared);
	/* the last analyser is the calling thread itself, between its reading
	 * and merging (help()): N analysers keep N cores busy with no thread
	 * more than cores.  A thread that cannot start (no memory for its
	 * stack): its analyser is the calling thread's, the rest go */
	for (i = 0; i + 1 < p->nw; i++) {
		if (pthread_create(&p->w[i].th, NULL, worker_main, &p->w[i])) {
			pl_worker_fewer(p, i + 1, err);
			break;
		}
		p->w[i].started = 1;
	}
	return SW_OK;
}

/* One thread: one analyzer straight into lx. */
static int load_serial(sw_counts *c, sw_corpus *corpus, sw_lexicon *lx,
		       const sw_pipeline_options *o, sw_error *err)
{
	sw_analyzer_options ao = o->analyze;
	sw_analyzer *an = NULL;
	const sw_doc *doc;
	size_t docs = 0, bytes = 0, since = 0;
	size_t step = o->batch_bytes ? o->batch_bytes : 256 * 1024;
	int rc;

	ao.no_offsets = 1;
	if ((rc = sw_analyzer_new(&an, lx, &ao, err)))
		return rc;
	while ((rc = sw_corpus_next(&doc, corpus, err)) == 1) {
		const sw_atoken *t;
		size_t n;
		if ((rc = sw_analyze(&t, &n, an, doc->text, doc->len, err)) ||
		    (rc = sw_counts_add(c, doc, t, n, err)) || (rc = doc_done(o, c, err)))
			break;
		docs++;
		bytes += doc->len;
		since += doc->len;
		if (o->progress && since >= step) {
			o->progress(docs, bytes, o->progress_payload);
			since = 0;
		}
	}
	sw_analyzer_free(an);
	if (rc < 0)
		return rc;
	if (o->progress && since)
		o->progress(docs, bytes, o->progress_payload);
	return SW_OK;
}

static int load_parallel(sw_counts *c, sw_corpus *corpus, sw_lexicon *lx, size_t *nthreads,
			 const sw_pipeline_options *o, sw_error *err)
{
	pl p;
	const sw_doc *doc;
	size_t head = 0, step = o->batch_bytes ? o->batch_bytes : 256 * 1024;
	int rc;

	memset(&p, 0, sizeof p);
	rc = pl_start(&p, lx, *nthreads, o, err);
	if (p.nw)
		*nthreads = p.nw; /* fewer when memory or threads ran short */
	if (rc)
		goto out;
	for (;;) {
		pl_batch *b = &p.ring[p.submitted % p.nring];
		int more = sw_corpus_next(&doc, corpus, err);
		if (more < 0) {
			rc = more;
			goto out;
		}
		if (more && add_doc(b, doc)) {
			rc = sw__error_oom(err);
			goto out;
		}
		if (b->ndocs && (!more || b->bytes >= step || b->ndocs >= BATCH_DOCS)) {
			submit(&p);
			/* merge what is done; when the ring is full, analyse a
			 * queued batch, or wait when none is left */
			while (head < p.submitted) {
				pl_batch *hb = &p.ring[head % p.nring];
				if (!batch_done(&p, head, 0)) {
					if (p.submitted - head < p.nring)
						break;
					if (help(&p))
						continue;
					batch_done(&p, head, 1);
				}
				if ((rc = merge_batch(&p, hb, lx, c, o, err)))
					goto out;
				reset_batch(hb);
				head++;
			}
		}
		if (!more)
			break;
	}
	while (head < p.submitted) {
		pl_batch *hb = &p.ring[head % p.nring];
		if (!batch_done(&p, head, 0) && help(&p))
			continue;
		batch_done(&p, head, 1);
		if ((rc = merge_batch(&p, hb, lx, c, o, err)))
			goto out;
		reset_batch(hb);
		head++;
	}
	rc = SW_OK;
out:
	pl_free(&p);
	return rc;
}

static int pipeline_load_impl(sw_counts **out, sw_corpus *corpus, sw_lexicon *lx,
			      const sw_pipeline_options *opts, sw_error *err)
{
	sw_pipeline_options o = SW_PIPELINE_OPTIONS_INIT;
	sw_counts *c = NULL;
	size_t nthreads;
	int rc;

	if (opts)
		o = *opts;
	nthreads = o.nthreads ? o.nthreads : sw_pipeline_default_threads();
	if (nthreads > MAX_THREADS)
		return sw__error_set(err, SW_EINVAL, NULL, 0, -1,
				     "pipeline: at most %d threads", MAX_THREADS);
	if ((rc = sw_counts_new(&c, lx, err)))
		return rc;
	if (o.aggregate_by && ((rc = sw_counts_aggregate(c, o.aggregate_by, err)) ||
			       (o.aggregate_dp && (rc = sw_counts_aggregate_dp(c, o.aggregate_dp == 2, err))))) {
		sw_counts_free(c);
		return rc;
	}
	if (nthreads > 1) /* the merging thread only stores the tokens */
		sw__counts_defer(c);
	rc = nthreads == 1 ? load_serial(c, corpus, lx, &o, err)
			   : load_parallel(c, corpus, lx, &nthreads, &o, err);
	if (rc || (rc = sw__counts_finish_par(c, nthreads, err))) {
		sw_counts_free(c);
		return rc;
	}
	if (o.nthreads_used)
		*o.nthreads_used = nthreads;
	*out = c;
	return SW_OK;
}

/* The public entry: NULL arguments refused (stichwort/error.h). */
int sw_pipeline_load(sw_counts **out, sw_corpus *corpus, sw_lexicon *lx,
		     const sw_pipeline_options *opts, sw_error *err)
{
	SW__NEED(err, "sw_pipeline_load", out);
	SW__NEED(err, "sw_pipeline_load", corpus);
	SW__NEED(err, "sw_pipeline_load", lx);
	return pipeline_load_impl(out, corpus, lx, opts, err);
}
