# bash completion for stichwort(1)                      -*- shell-script -*-
#
# Installed by `make install` to $(datadir)/bash-completion/completions/
# stichwort; or load it by hand:  source tools/completion/stichwort.bash
#
# Commands and each command's options are read from the program's own
# --help (the first time they are needed, then cached for the shell
# session), so that the completion never lags behind the program; the
# values of the options with a fixed set of values are listed here.
# Everything that is not an option or an option value completes as a file
# or directory (the inputs).

# The commands: the indented lines under "Commands:" in `stichwort --help`.
_stichwort_commands()
{
	if [[ -z ${_stichwort_cmd_cache-} ]]; then
		_stichwort_cmd_cache=$("$1" --help 2>/dev/null |
			sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p')
		[[ -n $_stichwort_cmd_cache ]] ||
			_stichwort_cmd_cache="keyness keywords kwic phrases report terms themes tokens trends"
	fi
	printf '%s\n' "$_stichwort_cmd_cache"
}

# The options of a command: "  -n, --top N   ..." and "      --jsonl FILE".
_stichwort_options()
{
	local var="_stichwort_opt_cache_${2//-/_}"
	[[ $2 =~ ^[a-z][a-z-]*$ ]] || return 0
	if [[ -z ${!var-} ]]; then
		printf -v "$var" '%s' "$("$1" "$2" --help 2>/dev/null |
			sed -n 's/^ *\(-[A-Za-z], \)\{0,1\}\(--[a-z0-9-]*\).*/\2/p')"
	fi
	printf '%s\n' "${!var}"
}

_stichwort()
{
	local cur prev bin cmd i values=""
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=""
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	bin=${COMP_WORDS[0]}
	command -v "$bin" >/dev/null 2>&1 || bin=stichwort

	# The command is the first word after the program name.
	if ((COMP_CWORD == 1)); then
		if [[ $cur == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "--help --version" -- "$cur")
		else
			mapfile -t COMPREPLY < <(compgen -W "$(_stichwort_commands "$bin")" -- "$cur")
		fi
		return 0
	fi
	cmd=${COMP_WORDS[1]}

	case $prev in
	--format) values="table json jsonl csv tsv md" ;;
	--stemmer) values="snowball cistem none" ;;
	--key) values="lemma stem" ;;
	--method | -m)
		[[ $cmd == keywords || $cmd == report ]] && values="auto tfidf bm25 yake textrank" ;;
	--measure)
		case $cmd in
		phrases) values="cvalue ll" ;;
		keyness) values="g2 chi2 log_ratio g2_docs" ;;
		esac ;;
	--by)
		case $cmd in
		trends) values="year quarter month" ;;
		*) values="group year quarter month doc title" ;;
		esac ;;
	--per) values="doc group year quarter month" ;;
	--lang) values="de" ;;
	--top | -n | --min-count | --max-len | --min-docs | --window | --threads | --width | \
	--limit | --keywords-top | --rising | --falling | --target | --reference | \
	--target-dates | --reference-dates | --terms | -t | --term | --p)
		return 0 ;; # a value we cannot guess
	--jsonl | --meta | --stopwords | --reference-list | --dict | -d | --themes | -o | --output | \
	--lexicon)
		compopt -o filenames 2>/dev/null
		mapfile -t COMPREPLY < <(compgen -f -- "$cur")
		return 0 ;;
	esac
	if [[ -n $values ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
		return 0
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_stichwort_options "$bin" "$cmd")" -- "$cur")
		return 0
	fi
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$cur")
	return 0
}

complete -F _stichwort stichwort
