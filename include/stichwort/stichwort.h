/*
 * stichwort/stichwort.h - the umbrella header: everything in libstichwort.
 *
 * The data flow, one header per stage (docs/architecture.md):
 *   corpus (files, folders, JSON Lines, metadata; decoded to UTF-8)
 *   -> analyze: normalize -> tokenize -> terms (the lexicon: lemma,
 *      then the counting key, stem.h for --key stem; stopwords)
 *   -> pipeline (the same on threads) -> counts (per document and key)
 *   -> phrases, keywords, keyness (reference lists too), themes, trends,
 *      all on stats.h -> write (table, JSON, JSON Lines, CSV, TSV, md).
 * Conventions: functions return SW_OK or a negative sw_status and fill an
 * optional sw_error; objects come from sw_<x>_new() and go with
 * sw_<x>_free(), which accepts NULL; text is (const char *, size_t) UTF-8.
 */
#ifndef STICHWORT_STICHWORT_H
#define STICHWORT_STICHWORT_H

#include "version.h"
#include "error.h"
#include "buf.h"
#include "stats.h"
#include "corpus.h"
#include "normalize.h"
#include "tokenize.h"
#include "stopwords.h"
#include "lemma.h"
#include "stem.h"
#include "vocab.h"
#include "terms.h"
#include "analyze.h"
#include "counts.h"
#include "pipeline.h"
#include "phrases.h"
#include "keywords.h"
#include "themes.h"
#include "keyness.h"
#include "trends.h"
#include "write.h"

#endif
