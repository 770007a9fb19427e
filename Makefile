# stichwort - German policy text analysis.  Plain GNU Make.
#
#   make            library (static + shared), the stichwort binary, stichwort.pc
#   make demo       install missing Debian packages, build, run on corpora/
#   make test       install missing Debian packages, build, run every test
#   make check      the whole test suite again under ASan + UBSan
#   make bench      benchmarks (figures, never fails); see bench/README.md
#   make install    PREFIX=/usr/local DESTDIR=
#
# Objects go to $(BUILD) (default build/), so sanitizer builds live beside
# normal ones (BUILD=build/asan).

VERSION  := 0.1.0
ABI      := 0
PREFIX   ?= /usr/local
DESTDIR  ?=
libdir       ?= $(PREFIX)/lib
includedir   ?= $(PREFIX)/include
bindir       ?= $(PREFIX)/bin
datadir      ?= $(PREFIX)/share
mandir       ?= $(datadir)/man
pkgconfigdir ?= $(libdir)/pkgconfig

BUILD    ?= build
CC       ?= cc
SAN      ?=
PKGS     := icu-uc icu-i18n libutf8proc jansson

DEB_PKGS := libicu-dev libutf8proc-dev libjansson-dev libstemmer-dev libcmocka-dev pkg-config

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wwrite-strings -Wformat=2 -Wundef -Wno-unused-parameter
OPT      ?= -O2 -g
ifeq ($(SAN),1)
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
endif
ifeq ($(SAN),thread)
OPT      := -O1 -g -fno-omit-frame-pointer -fsanitize=thread
endif
ifneq ($(WERROR),)
WARN     += -Werror
endif

# pkg-config is asked lazily (only by rules that compile), so that
# `make deps` works before pkg-config itself is installed.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
# libstemmer: the reference tests/unit/test_stem.c holds our Snowball to
STEMMER_LIBS = -lstemmer
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

CPPFLAGS_ALL = -Iinclude -Isrc -I$(BUILD)/gen -D_GNU_SOURCE
CFLAGS_ALL   = -std=c11 $(OPT) $(WARN) -fPIC $(CFLAGS)
LDFLAGS_ALL  = $(OPT) $(LDFLAGS)

LIB_SRC  := $(wildcard src/*.c) $(wildcard src/internal/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
GEN      := $(BUILD)/gen/stopwords_de.inc $(BUILD)/gen/stopwords_de_speech.inc \
            $(BUILD)/gen/abbrev_de.inc

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_OBJ := $(BUILD)/obj/tests/unit/helpers.o
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
HEADERS  := $(wildcard include/stichwort/*.h)

STATIC   := $(BUILD)/libstichwort.a
SHARED   := $(BUILD)/libstichwort.so.$(ABI)
BIN      := $(BUILD)/stichwort

.SECONDARY: $(HELPER_OBJ)

.PHONY: all deps demo test test-only check unit golden golden-update fuzz-replay headers schema keyness-ref lemma-checks threads tsan \
        terminal notebook browser \
        bench install uninstall clean distclean fuzz fuzz-lib fuzz-ci fuzz-shape fuzz-shape-ci \
        valgrind bad-input

all: $(STATIC) $(SHARED) $(BIN) $(BUILD)/stichwort.pc

# ---------------------------------------------------------------- deps
deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else echo "deps: not root and no sudo; run:  sudo apt-get install -y$$missing" >&2; exit 1; fi; \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing

# ---------------------------------------------------------------- build
$(BUILD)/gen/stopwords_de.inc: stopwords/de.txt tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< > $@

$(BUILD)/gen/stopwords_de_speech.inc: stopwords/de-speech.txt tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< > $@

$(BUILD)/gen/abbrev_de.inc: src/data/abbrev-de.txt tools/embed.sh
	@mkdir -p $(@D)
	sh tools/embed.sh $< > $@

$(BUILD)/obj/%.o: %.c $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -MMD -MP -c $< -o $@

# the built-in lexicon is assembled into lexdata.o (.incbin)
$(BUILD)/obj/src/lexdata.o: data/lexicon/german.dict
# and the built-in reference list into refdata.o
$(BUILD)/obj/src/refdata.o: data/reference/bundestag-2022-2023.tsv

$(STATIC): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ) tools/exports.map
	$(CC) -shared -Wl,-soname,libstichwort.so.$(ABI) -Wl,--version-script=tools/exports.map \
	  $(LDFLAGS_ALL) -o $@ $(LIB_OBJ) $(PKG_LIBS)
	ln -sf libstichwort.so.$(ABI) $(BUILD)/libstichwort.so

$(BIN): $(CLI_OBJ) $(STATIC)
	$(CC) $(LDFLAGS_ALL) -o $@ $(CLI_OBJ) $(STATIC) $(PKG_LIBS)

$(BUILD)/stichwort.pc: tools/stichwort.pc.in Makefile
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(libdir)|; s|@INCLUDEDIR@|$(includedir)|; s|@VERSION@|$(VERSION)|' $< > $@

# ---------------------------------------------------------------- tests
$(BUILD)/tests/%: tests/unit/%.c $(STATIC) $(HELPER_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -Itests/unit -o $@ $< $(HELPER_OBJ) \
	  $(STATIC) $(PKG_LIBS) $(STEMMER_LIBS) $(CMOCKA_LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(wildcard tests/fuzz/*.h) $(STATIC)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -o $@ $< tests/fuzz/replay.c \
	  $(STATIC) $(PKG_LIBS)

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
	  echo "== $$t"; SW_SRCDIR=$(CURDIR) $$t || fail=1; \
	done; exit $$fail

golden: $(BIN)
	@sh tests/golden/run.sh $(BIN)

golden-update: $(BIN)
	@sh tests/golden/run.sh --update $(BIN)

# Every tests/fuzz/fuzz_<t>.c replays tests/fuzz/corpus/<t>/ (seeds and
# past crashers) with the normal compiler.
fuzz-replay: $(FUZZ_BIN)
	@fail=0; for f in $(FUZZ_BIN); do \
	  n=$$(basename $$f); n=$${n#fuzz_}; \
	  if [ ! -d tests/fuzz/corpus/$$n ]; then \
	    echo "fuzz-replay $$n: no seed corpus tests/fuzz/corpus/$$n" >&2; fail=1; continue; fi; \
	  $$f tests/fuzz/corpus/$$n || fail=1; \
	done; exit $$fail

# libFuzzer with clang: every target (or FUZZ_TARGETS="pipeline jsonl")
# for FUZZ_TIME seconds (or until FUZZ_RUNS executions, whichever comes
# first) under ASan + UBSan (-fno-sanitize-recover), with
# its dictionary tests/fuzz/<t>.dict when there is one, starting from the
# seed corpus; new inputs go to $(BUILD)/fuzz-lf/corpus/<t>, crashers to
# $(BUILD)/fuzz-lf/<t>-crash-*, executions to $(BUILD)/fuzz-lf/summary.txt.
# The library is compiled once with clang (coverage, sanitizers) into
# $(BUILD)/fuzz-lf/lib.  fuzz-ci: the same, FUZZ_CI_TIME (60) s per target.
FUZZ_TIME    ?= 60
FUZZ_RUNS    ?=
FUZZ_CI_TIME ?= 60
FUZZ_CC      ?= clang
FUZZ_LF      := $(BUILD)/fuzz-lf
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS ?= $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
fuzz-lib: $(GEN)
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_LF)/lib CC=$(FUZZ_CC) WERROR= SAN= \
	  OPT="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
	  $(FUZZ_LF)/lib/libstichwort.a

fuzz: fuzz-lib
	@: > $(FUZZ_LF)/summary.txt; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_LF)/corpus/$$t; \
	  $(FUZZ_CC) -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer $(FUZZ_SAN) $(CPPFLAGS_ALL) \
	    $(PKG_CFLAGS) -std=c11 -o $(FUZZ_LF)/fuzz_$$t tests/fuzz/fuzz_$$t.c \
	    $(FUZZ_LF)/lib/libstichwort.a $(PKG_LIBS) || exit 1; \
	  dict=""; [ -f tests/fuzz/$$t.dict ] && dict="-dict=tests/fuzz/$$t.dict"; \
	  runs=""; [ -n "$(FUZZ_RUNS)" ] && runs="-runs=$(FUZZ_RUNS)"; \
	  echo "fuzz $$t: $(FUZZ_TIME) s $$runs $$dict"; t0=$$(date +%s); \
	  $(FUZZ_LF)/fuzz_$$t $$dict $$runs -max_total_time=$(FUZZ_TIME) -timeout=30 -rss_limit_mb=2048 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_LF)/$$t- \
	    $(FUZZ_LF)/corpus/$$t tests/fuzz/corpus/$$t > $(FUZZ_LF)/$$t.log 2>&1; rc=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_LF)/$$t.log); \
	  echo "$$t $${execs:-0} executions in $$(( $$(date +%s) - t0 )) s, exit $$rc" | tee -a $(FUZZ_LF)/summary.txt; \
	  if [ $$rc != 0 ]; then tail -n 60 $(FUZZ_LF)/$$t.log; \
	    echo "fuzz $$t FAILED: reproduce with $(FUZZ_LF)/fuzz_$$t $(FUZZ_LF)/$$t-crash-*;" \
	      "keep the input as a seed in tests/fuzz/corpus/$$t/ once fixed" >&2; exit 1; fi; \
	done

fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_TIME=$(FUZZ_CI_TIME)

# The shape fuzzer (tests/shape/run.sh, docs/reliability.md): corpora of
# hostile shapes (many groups, sentinel dates, empty and stopword-only
# groups, a 1 MB title, a 5 MB word, deep period series, mixed layouts),
# every command on each under ASan + UBSan, each run bounded in time
# (SHAPE_TIMEOUT), resident memory (SHAPE_MEM_MB) and 10x the time of an
# ordinary corpus of the same size.  SHAPE_SEED (printed; default: the
# clock) replays a run, SHAPE_ROUNDS corpora (10: every shape once),
# SHAPE_SCALE=full for the larger sizes, SHAPE_TIME stops starting rounds
# after that many seconds.  Corpora of failed rounds stay in
# $(BUILD)/shape.  fuzz-shape-ci: the CI-sized run (about 3 minutes).
SHAPE_ROUNDS ?= 10
SHAPE_SEED   ?=
SHAPE_SCALE  ?= full
SHAPE_TIME   ?= 0
fuzz-shape:
	@$(MAKE) --no-print-directory build/asan/stichwort BUILD=build/asan SAN=1
	@SHAPE_SEED=$(SHAPE_SEED) SHAPE_ROUNDS=$(SHAPE_ROUNDS) SHAPE_SCALE=$(SHAPE_SCALE) \
	  SHAPE_TIME=$(SHAPE_TIME) SHAPE_DIR=$${SHAPE_DIR:-$(BUILD)/shape} \
	  sh tests/shape/run.sh build/asan/stichwort

fuzz-shape-ci:
	@$(MAKE) --no-print-directory fuzz-shape SHAPE_SCALE=ci SHAPE_ROUNDS=20 SHAPE_TIME=150

schema: $(BIN)
	@sh tests/schema/run.sh $(BIN)

# report.html: validity, then headless Chromium (skipped without it);
# the screenshot goes to $(BUILD)/browser/report.png
browser: $(BIN)
	@sh tests/browser/run.sh $(BIN)

# keyness statistics recomputed by tests/keyness/ref.py (skipped without python3)
keyness-ref: $(BIN)
	@sh tests/keyness/run.sh $(BIN)

# one count per term in terms, trends, kwic, themes, keyness on ../shared (skipped without it)
lemma-checks: $(BIN)
	@sh tests/lemma/one-count.sh $(BIN)

# The golden suite with the binary under valgrind memcheck: any memory
# error or definite/indirect leak fails (exit 99 inside, see the script).
valgrind: $(BIN)
	@sh tests/valgrind/run.sh $(BIN)

# The bad-input matrix (docs/bad-input.md), each case under a time bound.
# BAD_INPUT_HEAVY=1 adds the 200 MB line and 10 million distinct tokens.
bad-input: $(BIN)
	@SW_TIME_SCALE=$(if $(filter 1,$(SAN)),4,1) sh tests/bad-input/run.sh $(BIN)

# the output is the same for any --threads (tests/threads/run.sh)
threads: $(BIN)
	@sh tests/threads/run.sh $(BIN)

# ThreadSanitizer: the pipeline's unit test and the --threads comparison
tsan:
	@$(MAKE) --no-print-directory all build/tsan/tests/test_pipeline build/tsan/tests/test_phrases \
	  build/tsan/tests/test_counts build/tsan/tests/test_keywords build/tsan/tests/test_themes \
	  build/tsan/tests/test_par build/tsan/tests/test_keyness build/tsan/tests/test_lemma \
	  BUILD=build/tsan SAN=thread
	@for t in pipeline phrases counts keywords themes par keyness lemma; do \
	  echo "tsan: test_$$t"; \
	  SW_SRCDIR=$(CURDIR) TSAN_OPTIONS=halt_on_error=1 build/tsan/tests/test_$$t || exit 1; \
	done
	TSAN_OPTIONS=halt_on_error=1 sh tests/threads/run.sh build/tsan/stichwort

# progress line, colour, table width (tests/terminal/run.sh), the man
# page, the bash completion
terminal: $(BIN)
	@sh tests/terminal/run.sh $(BIN) && sh tests/terminal/man.sh $(BIN) && \
	  sh tests/terminal/completion.sh $(BIN)

# docs/examples/stichwort.ipynb run headless (skipped without jupyter)
notebook: $(BIN)
	@sh tests/notebook/run.sh $(BIN) $(BUILD)/notebook

headers:
	@mkdir -p $(BUILD)/headers
	@for h in $(HEADERS); do \
	  printf '#include "%s"\n' "$${h#include/}" > $(BUILD)/headers/t.c; \
	  $(CC) -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/headers/t.c || exit 1; \
	  cp $(BUILD)/headers/t.c $(BUILD)/headers/t.cpp; \
	  c++ -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/headers/t.cpp || exit 1; \
	done; echo "headers: $(words $(HEADERS)) public headers compile alone as C99 and C++"

test-only: all
	@$(MAKE) --no-print-directory unit golden schema keyness-ref lemma-checks threads fuzz-replay headers terminal notebook browser bad-input BUILD=$(BUILD) SAN=$(SAN)
	@echo "all test suites passed ($(BUILD))"

test: deps
	@$(MAKE) --no-print-directory test-only

check: deps
	@$(MAKE) --no-print-directory test-only BUILD=build/asan SAN=1

# ---------------------------------------------------------------- run
demo: deps
	@$(MAKE) --no-print-directory all
	$(BIN) report corpora -o $(BUILD)/demo --themes docs/examples/digitale-souveraenitaet.json
	@echo "demo: open $(BUILD)/demo/report.html in a browser (also report.md; report.json for pandas)"

$(BUILD)/bench/frontend: bench/frontend.c $(STATIC)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS_ALL) $(PKG_CFLAGS) $(CFLAGS_ALL) -o $@ $< $(STATIC) $(PKG_LIBS)

bench: all $(BUILD)/bench/frontend $(BUILD)/tests/test_stem_gold
	@sh bench/run.sh $(BUILD)

# ---------------------------------------------------------------- install
install: all
	install -d $(DESTDIR)$(libdir) $(DESTDIR)$(includedir)/stichwort $(DESTDIR)$(bindir) \
	  $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(datadir)/stichwort/stopwords
	install -m 644 $(STATIC) $(DESTDIR)$(libdir)/
	install -m 755 $(SHARED) $(DESTDIR)$(libdir)/
	ln -sf libstichwort.so.$(ABI) $(DESTDIR)$(libdir)/libstichwort.so
	install -m 644 $(HEADERS) $(DESTDIR)$(includedir)/stichwort/
	install -m 755 $(BIN) $(DESTDIR)$(bindir)/
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(libdir)|; s|@INCLUDEDIR@|$(includedir)|; s|@VERSION@|$(VERSION)|' \
	  tools/stichwort.pc.in > $(DESTDIR)$(pkgconfigdir)/stichwort.pc
	install -m 644 stopwords/*.txt $(DESTDIR)$(datadir)/stichwort/stopwords/
	install -d $(DESTDIR)$(datadir)/doc/stichwort/lexicon
	install -m 644 LICENSE NOTICE.md $(DESTDIR)$(datadir)/doc/stichwort/
	install -m 644 data/lexicon/LICENSE data/lexicon/README.md $(DESTDIR)$(datadir)/doc/stichwort/lexicon/
	install -d $(DESTDIR)$(mandir)/man1 $(DESTDIR)$(datadir)/bash-completion/completions
	install -m 644 docs/stichwort.1 $(DESTDIR)$(mandir)/man1/
	install -m 644 tools/completion/stichwort.bash $(DESTDIR)$(datadir)/bash-completion/completions/stichwort

uninstall:
	rm -f $(DESTDIR)$(libdir)/libstichwort.a $(DESTDIR)$(libdir)/libstichwort.so* \
	  $(DESTDIR)$(bindir)/stichwort $(DESTDIR)$(pkgconfigdir)/stichwort.pc
	rm -rf $(DESTDIR)$(includedir)/stichwort $(DESTDIR)$(datadir)/stichwort \
	  $(DESTDIR)$(datadir)/doc/stichwort
	rm -f $(DESTDIR)$(mandir)/man1/stichwort.1 $(DESTDIR)$(datadir)/bash-completion/completions/stichwort

clean:
	rm -rf $(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz $(BUILD)/gen $(BUILD)/lib* $(BUILD)/stichwort

distclean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
