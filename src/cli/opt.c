/*
 * cli/opt.c - a small declarative option parser: each command lists its
 * options in a table; "--name value", "--name=value", "-o value", "--"
 * ends options, "-" alone is a positional argument (standard input).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int find(const cli_opt *opts, size_t n, const char *name, size_t len, char short_name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (short_name && opts[i].short_name == short_name)
			return (int)i;
		if (!short_name && strlen(opts[i].name) == len && memcmp(opts[i].name, name, len) == 0)
			return (int)i;
	}
	return -1;
}

static int parse_args(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
		      const char *command)
{
	int i, only_pos = 0;
	size_t *nlist;

	memset(a, 0, sizeof *a);
	a->opts = opts;
	a->nopts = nopts;
	a->set = calloc(nopts, sizeof *a->set);
	a->value = calloc(nopts, sizeof *a->value);
	a->list = calloc(nopts, sizeof *a->list);
	a->pos = calloc((size_t)argc + 1, sizeof *a->pos);
	nlist = calloc(nopts, sizeof *nlist);
	if (!a->set || !a->value || !a->list || !a->pos || !nlist) {
		fprintf(stderr, "stichwort: out of memory\n");
		free(nlist);
		return SW_EXIT_FAILURE;
	}
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *val = NULL, *eq;
		int k;

		if (only_pos || arg[0] != '-' || strcmp(arg, "-") == 0) {
			a->pos[a->npos++] = arg;
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_pos = 1;
			continue;
		}
		if (arg[1] == '-') {
			eq = strchr(arg, '=');
			k = find(opts, nopts, arg, eq ? (size_t)(eq - arg) : strlen(arg), 0);
			if (eq)
				val = eq + 1;
		} else {
			k = arg[2] == '\0' ? find(opts, nopts, NULL, 0, arg[1]) : -1;
		}
		if (k < 0) {
			fprintf(stderr, "stichwort %s: unknown option '%s' (see 'stichwort %s --help')\n",
				command, arg, command);
			free(nlist);
			return SW_EXIT_USAGE;
		}
		if (opts[k].kind == OPT_FLAG) {
			if (val) {
				fprintf(stderr, "stichwort %s: option '%s' takes no value\n", command,
					opts[k].name);
				free(nlist);
				return SW_EXIT_USAGE;
			}
		} else if (!val) {
			if (i + 1 >= argc) {
				fprintf(stderr, "stichwort %s: option '%s' needs a value (%s)\n", command,
					opts[k].name, opts[k].arg);
				free(nlist);
				return SW_EXIT_USAGE;
			}
			val = argv[++i];
		}
		a->set[k]++;
		if (opts[k].kind == OPT_VALUE)
			a->value[k] = val;
		if (opts[k].kind == OPT_LIST) {
			const char **l = realloc(a->list[k], sizeof *l * (nlist[k] + 2));
			if (!l) {
				free(nlist);
				return SW_EXIT_FAILURE;
			}
			l[nlist[k]++] = val;
			l[nlist[k]] = NULL;
			a->list[k] = l;
		}
	}
	free(nlist);
	return 0;
}

int cli_parse(cli_args *a, const cli_opt *opts, size_t nopts, int argc, char **argv,
	      const char *command)
{
	int rc = parse_args(a, opts, nopts, argc, argv, command);

	if (rc)
		cli_args_free(a);
	return rc;
}

void cli_args_free(cli_args *a)
{
	size_t i;

	for (i = 0; a->list && i < a->nopts; i++)
		free((void *)a->list[i]);
	free(a->set);
	free(a->value);
	free(a->list);
	free(a->pos);
	memset(a, 0, sizeof *a);
}

static int index_of(const cli_args *a, const char *name)
{
	return find(a->opts, a->nopts, name, strlen(name), 0);
}

int cli_has(const cli_args *a, const char *name)
{
	int k = index_of(a, name);
	return k >= 0 ? a->set[k] : 0;
}

const char *cli_value(const cli_args *a, const char *name)
{
	int k = index_of(a, name);
	return k >= 0 ? a->value[k] : NULL;
}

const char *const *cli_list(const cli_args *a, const char *name, size_t *n)
{
	int k = index_of(a, name);
	const char **l = k >= 0 ? a->list[k] : NULL;

	*n = 0;
	while (l && l[*n])
		(*n)++;
	return l;
}

void cli_print_options(FILE *f, const cli_opt *opts, size_t nopts)
{
	size_t i;

	for (i = 0; i < nopts; i++) {
		char left[64];
		if (opts[i].short_name)
			snprintf(left, sizeof left, "-%c, %s%s%s", opts[i].short_name, opts[i].name,
				 opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		else
			snprintf(left, sizeof left, "    %s%s%s", opts[i].name, opts[i].arg ? " " : "",
				 opts[i].arg ? opts[i].arg : "");
		fprintf(f, "  %-28s %s\n", left, opts[i].help);
	}
}
