/**
 * Command-line entry: argument parsing (commander), dispatch, and the error policy — one line
 * on stderr and exit 1 for usage/config/fatal errors, no stack trace unless DEBUG is set.
 */
import {readFileSync} from 'node:fs';
import {Argument, Command, CommanderError, Option} from 'commander';
import {ConfigError} from '../config/config.js';
import {pathsFor} from '../config/paths.js';
import {ITEM_KINDS, SOURCE_KINDS} from '../domain/types.js';
import {CacheError} from '../store/db.js';
import {addCommand, removeCommand, renameCommand, researchersCommand, type SourceOptions} from './commands/researchers.js';
import {listCommand} from './commands/list.js';
import {CliContext, type CliIo} from './context.js';
import type * as Completion from './commands/completion.js';
import type * as Digest from './commands/digest.js';
import type * as Export from './commands/export.js';
import type * as Find from './commands/find.js';
import type * as ImportBluesky from './commands/import-bluesky.js';
import type * as MarkRead from './commands/mark-read.js';
import type * as Papers from './commands/papers.js';
import type * as Refresh from './commands/refresh.js';
import type * as Watch from './commands/watch.js';
import {UsageError} from './errors.js';
import {environmentHelp, filesHelp} from './help-text.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * The options a command function takes. Commander hands every action its options untyped; the
 * options declared on each command below are what these types say.
 */
type OptionsOf<F extends (...args: never[]) => unknown> = Parameters<F> extends [...unknown[], infer O] ? O : never;

function version(): string {
	const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
	return pkg.version;
}

export async function main(argv: string[], io: CliIo = {stdout: process.stdout, stderr: process.stderr, env: process.env, stdin: process.stdin}): Promise<number> {
	let exitCode = 0;
	let context: CliContext | undefined;
	// `watch --exec CMD ARG…`: everything after --exec is the command, dashes included (`sh -c …`),
	// which commander would read as options of its own.
	let watchExec: string[] | undefined;
	const execAt = argv.indexOf('--exec');
	if (execAt >= 0 && argv.slice(0, execAt).includes('watch')) {
		watchExec = argv.slice(execAt + 1);
		argv = argv.slice(0, execAt);
		if (watchExec.length === 0) return reportError(new UsageError('watch: --exec needs a command (--exec CMD [ARG...])'), io);
	}
	// `write: false` for the commands that only read config.json: they skip loading conf when the
	// file is plainly valid (start-up time; see Config.open).
	const ctx = async (write = true): Promise<CliContext> => {
		context ??= await CliContext.create(io, program.opts<{home?: string}>().home, {write});
		return context;
	};
	const run = (fn: () => number | Promise<number>) => async () => {
		exitCode = await fn();
	};

	const program: Command = new Command('research-feed')
		.description("Follow researchers' Bluesky threads, homepage news and blog feeds in one terminal timeline.")
		.version(version(), '-v, --version')
		.option('--home <dir>', 'folder for config.json and cache.db (overrides RESEARCH_FEED_HOME)')
		.exitOverride()
		.configureOutput({
			writeOut: s => io.stdout.write(s),
			writeErr: s => io.stderr.write(s),
			outputError: (s, write) => write(`research-feed: ${s.replace(/^error: /, '').trim()}\n`),
		})
		.showSuggestionAfterError(true)
		.addHelpText('after', '\nRun without a command on a terminal for the full-screen timeline (press ? for keys).')
		// Every command's help (and `help`, `help COMMAND`) names the files in use, after --home and
		// RESEARCH_FEED_HOME, and what the environment may change. Nothing is created to say so.
		.addHelpText('afterAll', (): string => {
			const home = program.opts<{home?: string}>().home;
			return `${filesHelp(pathsFor(home, io.env), io.env, home)}${environmentHelp()}
Exit codes: 0 ok, 1 usage/config/fatal error, 2 refresh finished but a source failed.`;
		});
	/** The commands people use (the hidden ones start with `__`). */
	const commandNames = (): string[] => program.commands.map(c => c.name()).filter(name => !name.startsWith('__'));

	program.allowExcessArguments(true).action(
		run(async () => {
			if (program.args.length > 0) {
				throw new UsageError(`unknown command '${program.args[0]}' (commands: ${commandNames().join(', ')}; see --help)`);
			}
			const stdout = io.stdout as {isTTY?: boolean};
			if (stdout.isTTY && io.stdin.isTTY) {
				const {tuiCommand} = await import('./commands/tui.js');
				return tuiCommand(await ctx(false));
			}
			return listCommand(await ctx(false), {});
		}),
	);

	const add = program
		.command('add')
		.description('create researcher NAME, or add sources to it')
		.argument('<name>', 'the researcher’s name, e.g. "Leqi Liu"')
		.addHelpText('after', '\nThe researcher is saved in config.json (see Files below); `add` prints where.');
	sourceFlags(add, 'add')
		.action((name: string, options: OptionsOf<typeof addCommand>) => run(async () => addCommand(await ctx(), name, options))());

	program
		.command('find')
		.description('who NAME may be on DBLP and OpenAlex: affiliation, papers, latest titles and the `add` line for each (adds nothing)')
		.argument('<name...>', 'the name to look for, e.g. "Wei Liu"')
		.option('--json', 'JSON array of candidates, best first (see CONTRACT)')
		// Loaded when used: the bibliography parsers are no business of the other commands.
		.action((name: string[], options: OptionsOf<typeof Find.findCommand>) => run(async () => (await import('./commands/find.js')).findCommand(await ctx(false), name, options))());

	const remove = program
		.command('remove')
		.description('remove the researcher, its sources and its cached items; with a source flag, only that source (and its items)')
		.argument('<name>');
	sourceFlags(remove, 'remove')
		.action((name: string, options: SourceOptions) => run(async () => removeCommand(await ctx(), name, options))());

	program
		.command('rename')
		.description('rename a researcher (config and cache); into an existing NEW-NAME it merges the sources')
		.argument('<name>')
		.argument('<new-name>')
		.action((name: string, newName: string) => run(async () => renameCommand(await ctx(), name, newName))());

	program
		.command('researchers')
		.description("researchers with their sources and each source's last fetch")
		.option('--json', 'machine-readable output')
		.action((options: OptionsOf<typeof researchersCommand>) => run(async () => researchersCommand(await ctx(), options))());

	program
		.command('refresh')
		.description('fetch every source now; progress on stderr')
		.option('--researcher <name>', 'only this researcher')
		.option('--json', 'per-source results as JSON on stdout')
		// Loaded when used, like the timeline: the refresh and papers commands pull in the feed and
		// arXiv parsers, which starting the timeline or `list` should not pay for (the README's
		// Performance table: first frame, list --json).
		.action((options: OptionsOf<typeof Refresh.refreshCommand>) => run(async () => (await import('./commands/refresh.js')).refreshCommand(await ctx(), options))());

	program
		.command('watch')
		.description('stay connected: refresh once, then print each new item as it arrives (Bluesky live, other sources every refreshMinutes)')
		.option('--json', 'one `list --json` item object per line')
		.option('--exec <cmd...>', 'run CMD [ARG...] (no shell) once per new item, its JSON on stdin; the last option: everything after it is the command')
		.addHelpText('after', '\nCtrl-c or SIGTERM ends it (exit 0) once what was received is saved.\nNotification: research-feed watch --exec sh -c \'jq -r .text | head -n1 | xargs -0 notify-send research-feed\'')
		.action((options: OptionsOf<typeof Watch.watchCommand>) => run(async () => (await import('./commands/watch.js')).watchCommand(await ctx(false), {...options, exec: watchExec}))());

	program
		.command('list')
		.description('the timeline, newest first')
		.option('--json', 'JSON array (see CONTRACT)')
		.option('--researcher <name>')
		.addOption(new Option('--source <kind>').choices([...SOURCE_KINDS]))
		.addOption(new Option('--kind <kind>').choices([...ITEM_KINDS]))
		.option('--since <YYYY-MM-DD|12h|7d|2w>', 'items dated on or after this day, or this long back from now')
		.option('--limit <n>', 'at most N items')
		.option('--unread', 'unread items only')
		.option('--starred', 'starred items only')
		.option('--search <text>', 'items whose text, title, researcher or paper titles contain TEXT')
		.action((options: OptionsOf<typeof listCommand>) => run(async () => listCommand(await ctx(false), options))());

	program
		.command('mark-read')
		.description('mark items read in bulk: those dated before a day or a duration back from now, or all')
		.option('--researcher <name>', 'only this researcher’s items')
		.addOption(new Option('--source <kind>', 'only items from this kind of source').choices([...SOURCE_KINDS]))
		.option('--before <YYYY-MM-DD|12h|7d|2w>', 'items dated before this day, or before this long back from now')
		.option('--all', 'every item (with --researcher/--source: every one of theirs)')
		.action((options: OptionsOf<typeof MarkRead.markReadCommand>) =>
			run(async () => {
				const {markReadCommand} = await import('./commands/mark-read.js');
				return markReadCommand(await ctx(), options);
			})(),
		);

	program
		.command('papers')
		.description('papers (deduplicated) with who mentioned them where')
		.option('--json', 'JSON array (see CONTRACT)')
		.option('--bibtex', 'BibTeX entries (arXiv metadata: title, authors, year, eprint)')
		.option('--researcher <name>')
		.action((options: OptionsOf<typeof Papers.papersCommand>) => run(async () => (await import('./commands/papers.js')).papersCommand(await ctx(), options))());

	program
		.command('digest')
		.description('what is new since then, grouped by researcher, papers first (for cron and e-mail)')
		.option('--since <7d|YYYY-MM-DD>', 'start of the window: a duration back from now (12h, 7d, 2w) or a day', '7d')
		.addOption(new Option('--format <format>').choices(['markdown', 'json']).default('markdown'))
		.action((options: OptionsOf<typeof Digest.digestCommand>) =>
			run(async () => {
				const {digestCommand} = await import('./commands/digest.js');
				return digestCommand(await ctx(), options);
			})(),
		);

	program
		.command('export')
		.description('all researchers and sources (OPML 2.0 or JSON) to stdout')
		.addOption(new Option('--format <format>').choices(['opml', 'json']).default('opml'))
		.action((options: OptionsOf<typeof Export.exportCommand>) =>
			run(async () => {
				const {exportCommand} = await import('./commands/export.js');
				return exportCommand(await ctx(), options);
			})(),
		);

	program
		.command('import')
		.description("add researchers and sources from OPML (ours, newsboat's, any feed reader's) or our JSON export")
		.argument('<file>')
		.action((file: string) =>
			run(async () => {
				const {importCommand} = await import('./commands/import.js');
				return importCommand(await ctx(), file);
			})(),
		);

	program
		.command('import-bluesky')
		.description("add researchers from a Bluesky starter pack or list (URL or at:// URI), or --follows a handle's follows")
		.argument('<url|at-uri|handle>')
		.option('--follows', 'the argument is a handle: add the accounts it follows')
		.action((target: string, options: OptionsOf<typeof ImportBluesky.importBlueskyCommand>) =>
			run(async () => {
				const {importBlueskyCommand} = await import('./commands/import-bluesky.js');
				return importBlueskyCommand(await ctx(), target, options);
			})(),
		);

	program
		.command('demo')
		.description('the full-screen timeline over a bundled snapshot: no network, temporary home')
		.action(() =>
			run(async () => {
				const {demoCommand} = await import('./commands/demo.js');
				return demoCommand(io);
			})(),
		);

	program
		.command('help')
		.description('the same text as --help, or as COMMAND --help')
		.argument('[command]')
		.action((name: string | undefined) =>
			run(() => {
				if (name === undefined) {
					program.outputHelp();
					return 0;
				}
				const command = program.commands.find(c => c.name() === name && !name.startsWith('__'));
				if (!command) throw new UsageError(`help: unknown command '${name}' (commands: ${commandNames().join(', ')})`);
				command.outputHelp();
				return 0;
			})(),
		);

	program
		.command('completion')
		.description('a shell completion script on stdout (commands, flags, researcher names)')
		.addArgument(new Argument('<shell>').choices(['bash', 'zsh', 'fish']))
		.addHelpText('after', '\nbash: source <(research-feed completion bash)\nzsh:  source <(research-feed completion zsh)\nfish: research-feed completion fish | source')
		.action((shell: Parameters<typeof Completion.completionScript>[1]) =>
			run(async () => {
				const {completionScript} = await import('./commands/completion.js');
				io.stdout.write(completionScript(program, shell));
				return 0;
			})(),
		);

	// For the completion scripts: researcher names, one per line, from config.json alone (no cache, no network).
	program
		.command('__complete-names', {hidden: true})
		.action(() =>
			run(async () => {
				for (const researcher of (await ctx(false)).config.researchers()) io.stdout.write(`${researcher.name}\n`);
				return 0;
			})(),
		);

	try {
		// Subcommands inherit allowExcessArguments(true) from the root (which needs it to name an unknown
		// command); on them a stray word (`list extra`) must be an error, not silently ignored.
		for (const command of program.commands) command.allowExcessArguments(false);
		await program.parseAsync(argv, {from: 'user'});
		return exitCode;
	} catch (error) {
		return reportError(error, io);
	} finally {
		context?.close();
	}
}

function reportError(error: unknown, io: CliIo): number {
	if (error instanceof CommanderError) {
		// Help and version end here with code 0; parse errors were already printed as one line.
		return error.exitCode === 0 ? 0 : 1;
	}
	const known = error instanceof UsageError || error instanceof ConfigError || error instanceof CacheError;
	const message = error instanceof Error ? error.message : String(error);
	io.stderr.write(`research-feed: ${message}\n`);
	if (io.env['DEBUG'] && error instanceof Error && error.stack && !known) io.stderr.write(`${error.stack}\n`);
	return 1;
}

/** The source flags of `add` and `remove`, from one table: what each names, and its help for each. */
const SOURCE_FLAGS: ReadonlyArray<[flag: string, add: string, remove: string]> = [
	['--bluesky <handle|did|url>', 'a Bluesky handle, DID or profile URL (https://bsky.app/profile/…), checked with the AppView', 'only this Bluesky source'],
	['--homepage <url>', 'an academic homepage', 'only this homepage'],
	['--feed <url>', 'an RSS, Atom or JSON feed', 'only this feed'],
	['--dblp <pid|url>', "the researcher's DBLP person (their papers arrive by themselves)", 'only this DBLP source'],
	['--orcid <orcid|url>', 'their ORCID record (public works)', 'only this ORCID source'],
	['--openalex <id|url>', 'their OpenAlex author id', 'only this OpenAlex source'],
	['--arxiv-author <id|url>', 'their arXiv author listing: an arXiv author id or an ORCID', 'only this arXiv author listing'],
];

function sourceFlags(command: Command, verb: 'add' | 'remove'): Command {
	for (const [flag, add, remove] of SOURCE_FLAGS) command.option(flag, `${verb === 'add' ? add : remove} (repeatable)`, collect);
	return command;
}
