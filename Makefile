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
ifneq ($(WERROR),)
WARN     += -Werror
endif

# pkg-config is asked lazily (only by rules that compile), so that
# `make deps` works before pkg-config itself is installed.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
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

.PHONY: all deps demo test test-only check unit golden golden-update fuzz-replay headers schema \
        bench install uninstall clean distclean fuzz

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
	  $(STATIC) $(PKG_LIBS) $(CMOCKA_LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c tests/fuzz/replay.c $(STATIC)
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

fuzz-replay: $(FUZZ_BIN)
	@fail=0; for f in $(FUZZ_BIN); do \
	  n=$$(basename $$f); n=$${n#fuzz_}; \
	  $$f tests/fuzz/corpus/$$n || fail=1; \
	done; exit $$fail

# libFuzzer with clang: every target for FUZZ_TIME seconds, starting from
# the seed corpus; new inputs go to build/fuzz-lf/corpus/<target>.
FUZZ_TIME ?= 60
FUZZ_CC   ?= clang
fuzz: $(GEN)
	@for src in $(FUZZ_SRC); do \
	  n=$$(basename $$src .c); t=$${n#fuzz_}; \
	  mkdir -p $(BUILD)/fuzz-lf/corpus/$$t; \
	  $(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined $(CPPFLAGS_ALL) $(PKG_CFLAGS) -std=c11 \
	    -o $(BUILD)/fuzz-lf/$$n $$src $(LIB_SRC) $(PKG_LIBS) || exit 1; \
	  $(BUILD)/fuzz-lf/$$n -max_total_time=$(FUZZ_TIME) -artifact_prefix=$(BUILD)/fuzz-lf/$$t- \
	    $(BUILD)/fuzz-lf/corpus/$$t tests/fuzz/corpus/$$t || exit 1; \
	done

schema: $(BIN)
	@sh tests/schema/run.sh $(BIN)

headers:
	@mkdir -p $(BUILD)/headers
	@for h in $(HEADERS); do \
	  printf '#include "%s"\n' "$${h#include/}" > $(BUILD)/headers/t.c; \
	  $(CC) -std=c99 -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/headers/t.c || exit 1; \
	  cp $(BUILD)/headers/t.c $(BUILD)/headers/t.cpp; \
	  c++ -Wall -Wextra -pedantic -Werror -Iinclude -fsyntax-only $(BUILD)/headers/t.cpp || exit 1; \
	done; echo "headers: $(words $(HEADERS)) public headers compile alone as C99 and C++"

test-only: all
	@$(MAKE) --no-print-directory unit golden schema fuzz-replay headers BUILD=$(BUILD) SAN=$(SAN)
	@echo "all test suites passed ($(BUILD))"

test: deps
	@$(MAKE) --no-print-directory test-only

check: deps
	@$(MAKE) --no-print-directory test-only BUILD=build/asan SAN=1

# ---------------------------------------------------------------- run
demo: deps
	@$(MAKE) --no-print-directory all
	$(BIN) report corpora -o $(BUILD)/demo
	@echo "demo: open $(BUILD)/demo/report.md (or load $(BUILD)/demo/report.json)"

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

uninstall:
	rm -f $(DESTDIR)$(libdir)/libstichwort.a $(DESTDIR)$(libdir)/libstichwort.so* \
	  $(DESTDIR)$(bindir)/stichwort $(DESTDIR)$(pkgconfigdir)/stichwort.pc
	rm -rf $(DESTDIR)$(includedir)/stichwort $(DESTDIR)$(datadir)/stichwort

clean:
	rm -rf $(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz $(BUILD)/gen $(BUILD)/lib* $(BUILD)/stichwort

distclean:
	rm -rf build

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
