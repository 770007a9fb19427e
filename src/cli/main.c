/*
 * cli/main.c - `stichwort COMMAND [options]`: the dispatch table and the
 * global options.  The library does the work; the CLI parses options,
 * wires the stages together and picks a writer.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} command;

static const command commands[] = {
	{ "keyness", cmd_keyness, "what a target (group, period, document) uses more or less than a reference (G2, log-ratio)" },
	{ "keywords", cmd_keywords, "keywords of the corpus or per document, group, year (tfidf, bm25, yake, textrank)" },
	{ "kwic", cmd_kwic, "concordance: every occurrence of a word, phrase or pattern in its context" },
	{ "phrases", cmd_phrases, "multiword terms (\"digitale Souveränität\") by C-value or log-likelihood" },
	{ "report", cmd_report, "the main job: overview, top terms and phrases, keywords per group and year" },
	{ "terms", cmd_terms, "term frequencies of the corpus or per year, group, document" },
	{ "themes", cmd_themes, "counts of dictionary themes (patterns) per document, group or period" },
	{ "tokens", cmd_tokens, "every token with its offsets, norm, stem, type, sentence" },
	{ "trends", cmd_trends, "relative frequency of terms or themes per year, quarter or month, with slopes" },
};

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: stichwort COMMAND [INPUT...] [options]\n"
	      "\n"
	      "German policy text analysis: normalization, tokenization and stemming that\n"
	      "get German right, term counts, multiword terms, keywords and a corpus report.\n"
	      "\n"
	      "Commands:\n", f);
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Options:\n"
	      "  -h, --help     show this help ('stichwort COMMAND --help' for a command)\n"
	      "  --version      print the version\n"
	      "\n"
	      "Examples:\n"
	      "  stichwort report corpora/                  # report.json, report.md in ./stichwort-report\n"
	      "  stichwort terms corpora/ --by year --top 10\n"
	      "  stichwort phrases --jsonl reden.jsonl --top 30\n"
	      "  stichwort keywords corpora/ --per group --method bm25\n"
	      "  stichwort tokens corpora/ --format csv -o tokens.csv\n", f);
}

int main(int argc, char **argv)
{
	size_t i;

	/* an interrupted run removes its temporary output files */
	cli_out_signals();
	if (argc < 2) {
		usage(stderr);
		return SW_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return SW_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("stichwort %s\n", sw_version());
		return SW_EXIT_OK;
	}
	for (i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0) {
			if (argc > 2 && strcmp(argv[2], "--version") == 0) {
				printf("stichwort %s\n", sw_version());
				return SW_EXIT_OK;
			}
			return commands[i].fn(argc - 2, argv + 2);
		}
	fprintf(stderr, "stichwort: unknown command '%s' (see 'stichwort --help')\n", argv[1]);
	return SW_EXIT_USAGE;
}
