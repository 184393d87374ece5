/**
 * `completion bash|zsh|fish`: a completion script on stdout, made from the commands and flags
 * commander knows (so it cannot fall behind them). Researcher names come from the hidden
 * `research-feed __complete-names` (one per line, from config.json only: no cache, no network),
 * asked with the `--home` of the line being completed.
 */
import type {Command} from 'commander';

/** What a value (an option's, or a positional argument's) completes to. */
type Values = {kind: 'names'} | {kind: 'dirs'} | {kind: 'files'} | {kind: 'words'; words: readonly string[]} | {kind: 'none'};

interface OptionSpec {
	flag: string;
	description: string;
	/** Undefined: a switch (takes no value). */
	value?: Values;
}

interface CommandSpec {
	name: string;
	description: string;
	options: OptionSpec[];
	/** What each positional argument completes to, in order; the last repeats when variadic. */
	args: Values[];
}

/** Positional arguments that are researcher names (NEW-NAME too: naming an existing one merges). */
const NAME_ARGS: Readonly<Record<string, number>> = {add: 1, remove: 1, rename: 2};

function optionValues(flag: string, choices: readonly string[] | undefined): Values {
	if (choices) return {kind: 'words', words: choices};
	if (flag === '--researcher') return {kind: 'names'};
	if (flag === '--home') return {kind: 'dirs'};
	return {kind: 'none'};
}

function specOf(command: Command, commandNames: readonly string[]): CommandSpec {
	const name = command.name();
	const options = command.options
		.filter(o => o.long !== undefined && !o.hidden)
		.map(o => ({flag: o.long!, description: o.description, ...(o.required || o.optional ? {value: optionValues(o.long!, o.argChoices)} : {})}));
	options.push({flag: '--help', description: 'help for this command'});
	const args: Values[] = command.registeredArguments.map((arg, i): Values => {
		if (i < (NAME_ARGS[name] ?? 0)) return {kind: 'names'};
		if (arg.argChoices) return {kind: 'words', words: arg.argChoices};
		if (name === 'help') return {kind: 'words', words: commandNames};
		if (name === 'import') return {kind: 'files'};
		return {kind: 'none'};
	});
	return {name, description: command.description(), options, args};
}

/** The visible commands and the root's own options, as the scripts need them. */
function specs(program: Command): {commands: CommandSpec[]; root: OptionSpec[]} {
	const visible = program.commands.filter(c => !c.name().startsWith('__'));
	const names = visible.map(c => c.name());
	const root = program.options
		.filter(o => o.long !== undefined)
		.map(o => ({flag: o.long!, description: o.description, ...(o.required || o.optional ? {value: optionValues(o.long!, o.argChoices)} : {})}));
	root.push({flag: '--help', description: 'display help'});
	return {commands: visible.map(c => specOf(c, names)), root};
}

export function completionScript(program: Command, shell: 'bash' | 'zsh' | 'fish'): string {
	const spec = specs(program);
	if (shell === 'bash') return bashScript(spec);
	if (shell === 'zsh') return zshScript(spec);
	return fishScript(spec);
}

/** `'…'` for any shell of the three (fish reads `\'` inside single quotes, so it gets its own). */
const sq = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;
const fishQuote = (s: string): string => `'${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
/** One line of a description (commander's may be long): the first clause, capped. */
const short = (s: string): string => {
	const line = s.replace(/\s+/g, ' ').trim();
	return line.length > 70 ? `${line.slice(0, 69)}…` : line;
};

/** The `case` patterns of options that take a value, as `"cmd --flag"` (shared by bash and zsh). */
function valuedPatterns(spec: {commands: CommandSpec[]; root: OptionSpec[]}): string {
	const patterns = spec.commands.flatMap(c => c.options.filter(o => o.value).map(o => `"${c.name} ${o.flag}"`));
	return patterns.length > 0 ? patterns.join('|') : '"-"';
}

// ---------------------------------------------------------------- bash

function bashWords(values: Values, names: string, cur = '"$cur"'): string {
	switch (values.kind) {
		case 'names':
			return `${names} ${cur}`;
		case 'dirs':
			return `COMPREPLY=($(compgen -d -- ${cur}))`;
		case 'files':
			return `COMPREPLY=($(compgen -f -- ${cur}))`;
		case 'words':
			return `COMPREPLY=($(compgen -W ${sq(values.words.join(' '))} -- ${cur}))`;
		case 'none':
			return ':';
	}
}

function bashScript(spec: {commands: CommandSpec[]; root: OptionSpec[]}): string {
	const names = '_research_feed_names';
	const optionValueCases = spec.commands
		.flatMap(c => c.options.filter(o => o.value && o.value.kind !== 'none').map(o => `\t\t"${c.name} ${o.flag}") ${bashWords(o.value!, names)}; return ;;`))
		.join('\n');
	const flagCases = spec.commands.map(c => `\t\t\t${c.name}) COMPREPLY=($(compgen -W ${sq(c.options.map(o => o.flag).join(' '))} -- "$cur")) ;;`).join('\n');
	const argCases = spec.commands
		.filter(c => c.args.some(a => a.kind !== 'none'))
		.map(c => {
			const lines = c.args.map((a, i) => `\t\t\t\t${i}) ${bashWords(a, names)} ;;`);
			return `\t\t${c.name})\n\t\t\tcase $n in\n${lines.join('\n')}\n\t\t\tesac ;;`;
		})
		.join('\n');
	return `# research-feed completion for bash.
# Load it now:        source <(research-feed completion bash)
# Or for every shell: research-feed completion bash > ~/.local/share/bash-completion/completions/research-feed

# Researcher names (one per line, from config.json only), quoted for the command line.
_research_feed_names() {
	local home=() i name
	for ((i = 1; i < COMP_CWORD; i++)); do
		[[ \${COMP_WORDS[i]} == --home ]] && home=(--home "\${COMP_WORDS[i + 1]}")
	done
	local cur=\${1//\\\\/}
	cur=\${cur#[\\"\\']}
	local IFS=$'\\n'
	for name in $(command research-feed "\${home[@]}" __complete-names 2>/dev/null); do
		[[ $name == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
	done
}

_research_feed() {
	local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD - 1]}
	local cmd='' w i n=0
	COMPREPLY=()
	# The command is the first word that is neither an option nor an option's value; n counts its arguments so far.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=\${COMP_WORDS[i]}
		if [[ $w == --home ]]; then ((i++)); continue; fi
		case "$cmd $w" in
			${valuedPatterns(spec)}) ((i++)); continue ;;
		esac
		[[ $w == -* ]] && continue
		if [[ -z $cmd ]]; then cmd=$w; else ((n++)); fi
	done
	if [[ $prev == --home ]]; then COMPREPLY=($(compgen -d -- "$cur")); return; fi
	case "$cmd $prev" in
${optionValueCases}
		${valuedPatterns(spec)}) return ;;
	esac
	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W ${sq([...spec.commands.map(c => c.name), ...spec.root.map(o => o.flag)].join(' '))} -- "$cur"))
		return
	fi
	if [[ $cur == -* ]]; then
		case $cmd in
${flagCases}
		esac
		return
	fi
	case $cmd in
${argCases}
	esac
}
complete -F _research_feed research-feed
`;
}

// ---------------------------------------------------------------- zsh

function zshWords(values: Values): string {
	switch (values.kind) {
		case 'names':
			return '_research_feed_names';
		case 'dirs':
			return '_files -/';
		case 'files':
			return '_files';
		case 'words':
			return `compadd -- ${values.words.map(sq).join(' ')}`;
		case 'none':
			return ':';
	}
}

function zshDescribed(items: ReadonlyArray<{name: string; description: string}>): string {
	return items.map(i => sq(`${i.name.replaceAll(':', '\\:')}:${short(i.description)}`)).join(' ');
}

function zshScript(spec: {commands: CommandSpec[]; root: OptionSpec[]}): string {
	const optionValueCases = spec.commands
		.flatMap(c => c.options.filter(o => o.value && o.value.kind !== 'none').map(o => `\t\t("${c.name} ${o.flag}") ${zshWords(o.value!)}; return ;;`))
		.join('\n');
	const flagCases = spec.commands
		.map(c => `\t\t\t(${c.name}) flags=(${zshDescribed(c.options.map(o => ({name: o.flag, description: o.description})))}) ;;`)
		.join('\n');
	const argCases = spec.commands
		.filter(c => c.args.some(a => a.kind !== 'none'))
		.map(c => {
			const lines = c.args.map((a, i) => `\t\t\t\t(${i}) ${zshWords(a)} ;;`);
			return `\t\t(${c.name})\n\t\t\tcase $n in\n${lines.join('\n')}\n\t\t\tesac ;;`;
		})
		.join('\n');
	return `#compdef research-feed
# research-feed completion for zsh.
# Load it now:        source <(research-feed completion zsh)
# Or for every shell: research-feed completion zsh > "\${fpath[1]}/_research-feed"

# Researcher names (one per line, from config.json only).
_research_feed_names() {
	local -a home names
	local -i i
	for ((i = 2; i < CURRENT; i++)); do
		[[ \${words[i]} == --home ]] && home=(--home "\${words[i + 1]}")
	done
	names=("\${(@f)$(command research-feed "\${home[@]}" __complete-names 2>/dev/null)}")
	names=(\${names:#})
	compadd -a names
}

_research_feed() {
	local cmd='' w prev=\${words[CURRENT - 1]} cur=\${words[CURRENT]}
	local -i i n=0
	local -a flags
	# The command is the first word that is neither an option nor an option's value; n counts its arguments so far.
	for ((i = 2; i < CURRENT; i++)); do
		w=\${words[i]}
		if [[ $w == --home ]]; then ((i++)); continue; fi
		case "$cmd $w" in
			(${valuedPatterns(spec)}) ((i++)); continue ;;
		esac
		[[ $w == -* ]] && continue
		if [[ -z $cmd ]]; then cmd=$w; else ((n++)); fi
	done
	if [[ $prev == --home ]]; then _files -/; return; fi
	case "$cmd $prev" in
${optionValueCases}
		(${valuedPatterns(spec)}) return ;;
	esac
	if [[ -z $cmd ]]; then
		if [[ $cur == -* ]]; then
			flags=(${zshDescribed(spec.root.map(o => ({name: o.flag, description: o.description})))})
			_describe 'option' flags
		else
			local -a commands
			commands=(${zshDescribed(spec.commands)})
			_describe 'command' commands
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		case $cmd in
${flagCases}
		esac
		_describe 'option' flags
		return
	fi
	case $cmd in
${argCases}
	esac
}

if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
	_research_feed "$@"
else
	compdef _research_feed research-feed
fi
`;
}

// ---------------------------------------------------------------- fish

function fishValues(values: Values): string {
	switch (values.kind) {
		case 'names':
			return `-x -a '(__research_feed_names)'`;
		case 'dirs':
			return `-x -a '(__fish_complete_directories)'`;
		case 'files':
			return '-F';
		case 'words':
			return `-x -a ${fishQuote(values.words.join(' '))}`;
		case 'none':
			return '-x';
	}
}

function fishScript(spec: {commands: CommandSpec[]; root: OptionSpec[]}): string {
	const all = spec.commands.map(c => c.name).join(' ');
	const lines: string[] = [];
	for (const c of spec.commands) lines.push(`complete -c research-feed -n "not __fish_seen_subcommand_from ${all}" -a ${c.name} -d ${fishQuote(short(c.description))}`);
	for (const o of spec.root) {
		lines.push(`complete -c research-feed -l ${o.flag.slice(2)} ${o.value ? fishValues(o.value) : ''} -d ${fishQuote(short(o.description))}`.replace(/ {2,}/g, ' '));
	}
	for (const c of spec.commands) {
		const when = `-n "__fish_seen_subcommand_from ${c.name}"`;
		for (const o of c.options.filter(o => o.flag !== '--help')) {
			lines.push(`complete -c research-feed ${when} -l ${o.flag.slice(2)} ${o.value ? fishValues(o.value) : ''} -d ${fishQuote(short(o.description))}`.replace(/ {2,}/g, ' '));
		}
		c.args.forEach((a, i) => {
			if (a.kind === 'none') return;
			lines.push(`complete -c research-feed -n "__fish_seen_subcommand_from ${c.name}; and __research_feed_argc ${i}" ${fishValues(a)}`);
		});
	}
	return `# research-feed completion for fish.
# Load it now:        research-feed completion fish | source
# Or for every shell: research-feed completion fish > ~/.config/fish/completions/research-feed.fish

# Researcher names (one per line, from config.json only).
function __research_feed_names
	set -l tokens (commandline -opc)
	set -l home
	if set -l i (contains -i -- --home $tokens)
		set home --home $tokens[(math $i + 1)]
	end
	command research-feed $home __complete-names 2>/dev/null
end

# True when the command has N arguments so far (options and --home's value not counted).
function __research_feed_argc -a want
	set -l tokens (commandline -opc)
	set -e tokens[1]
	set -l count -1
	set -l skip 0
	for t in $tokens
		if test $skip = 1
			set skip 0
			continue
		end
		switch $t
			case --home ${spec.commands.flatMap(c => c.options.filter(o => o.value).map(o => o.flag)).filter((f, i, a) => a.indexOf(f) === i).join(' ')}
				set skip 1
			case '-*'
			case '*'
				set count (math $count + 1)
		end
	end
	test $count = $want
end

complete -c research-feed -f
${lines.join('\n')}
`;
}
