import type {ResearcherConfig, SourceConfig, SourceKind} from '../../domain/types.js';
import {sourceKey} from '../../domain/identity.js';
import {sameSource} from '../../config/config.js';
import {sourceOwners} from '../../config/owners.js';
import {refileSourceItems, renameResearcherInCache} from '../../store/rename.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {formatTable} from '../table.js';
import {parseBibliographyTarget, parseBlueskyTarget, parseHttpUrl} from '../validate.js';

/** The source flags `add` and `remove` share (each repeatable). */
export interface SourceOptions {
	bluesky?: string[];
	homepage?: string[];
	feed?: string[];
	dblp?: string[];
	orcid?: string[];
	openalex?: string[];
	arxivAuthor?: string[];
}

export type AddOptions = SourceOptions;

/** The sources the flags name, each validated and normalised; any bad one is a usage error before anything is written. */
function parseSources(options: SourceOptions): SourceConfig[] {
	return [
		...(options.bluesky ?? []).map(v => ({kind: 'bluesky' as const, target: parseBlueskyTarget(v)})),
		...(options.homepage ?? []).map(v => ({kind: 'homepage' as const, target: parseHttpUrl('--homepage', v)})),
		...(options.feed ?? []).map(v => ({kind: 'feed' as const, target: parseHttpUrl('--feed', v)})),
		...(options.dblp ?? []).map(v => ({kind: 'dblp' as const, target: parseBibliographyTarget('dblp', v)})),
		...(options.orcid ?? []).map(v => ({kind: 'orcid' as const, target: parseBibliographyTarget('orcid', v)})),
		...(options.openalex ?? []).map(v => ({kind: 'openalex' as const, target: parseBibliographyTarget('openalex', v)})),
		...(options.arxivAuthor ?? []).map(v => ({kind: 'arxiv' as const, target: parseBibliographyTarget('arxiv', v)})),
	];
}

/** A researcher's name: not empty, and one line (it is shown in rows and matched in text). */
function parseName(command: string, what: string, raw: string): string {
	const name = raw.trim();
	if (!name) throw new UsageError(`${command}: ${what} must not be empty`);
	if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) throw new UsageError(`${command}: ${what} must be one line of text, without control characters`);
	return name;
}

function findOrFail(ctx: CliContext, command: string, name: string): ResearcherConfig {
	const researcher = ctx.config.findResearcher(name);
	if (!researcher) throw new UsageError(`${command}: no researcher named "${name}" (see \`research-feed researchers\`)`);
	return researcher;
}

const describeSources = (sources: readonly SourceConfig[]): string => sources.map(s => `${s.kind} ${s.target}`).join(', ');

export async function addCommand(ctx: CliContext, rawName: string, options: AddOptions): Promise<number> {
	const name = parseName('add', 'NAME', rawName);
	// Validate everything before writing anything.
	const sources = parseSources(options);
	const have = ctx.config.findResearcher(name)?.sources ?? [];
	const handles = sources.filter(s => s.kind === 'bluesky' && !s.target.startsWith('did:') && !have.some(h => sameSource(h, s))).map(s => s.target);
	if (handles.length > 0) await checkHandles(ctx, [...new Set(handles)]);
	const {created, added, researcher} = ctx.config.addResearcher(name, sources);
	const what = describeSources(added);
	if (created) ctx.io.stdout.write(`Added ${researcher.name}${what ? ` with ${what}` : ''}.\n`);
	else if (added.length > 0) ctx.io.stdout.write(`Added to ${researcher.name}: ${what}.\n`);
	else ctx.io.stdout.write(`${researcher.name} already has ${sources.length > 0 ? 'these sources' : 'no new sources'}; nothing changed.\n`);
	if (created || added.length > 0) ctx.io.stdout.write(`Saved to ${ctx.config.path}.\n`);
	for (const homepage of added.filter(s => s.kind === 'homepage')) await suggestFromHomepage(ctx, researcher.name, homepage.target);
	return 0;
}

/** Asking the AppView about handles at `add` takes at most this long in all, whatever the network does. */
const HANDLE_CHECK_MS = 10_000;

/**
 * Asks the AppView whether each handle names an account. A handle it says no account has is a
 * usage error (nothing is written); an AppView that cannot say (offline, overloaded) is one
 * warning line, and the handles are saved as given (refresh will tell).
 */
async function checkHandles(ctx: CliContext, handles: readonly string[]): Promise<void> {
	// Loaded when used: the other commands, and `add` without a handle, never load the HTTP client.
	const [{createHttpClient}, {resolveBlueskyHandle}, {describeError, unreachableHost}, {limitsFromEnv}] = await Promise.all([
		import('../../net/http.js'),
		import('../../sources/bluesky-handle.js'),
		import('../../refresh/errors.js'),
		import('../../refresh/limits.js'),
	]);
	const service = ctx.config.settings(ctx.io.env).blueskyService;
	// A person waits: short timeouts and one retry (the RESEARCH_FEED_HTTP_* overrides still win).
	const http = createHttpClient({headersTimeoutMs: 5_000, totalTimeoutMs: 8_000, retries: 1, maxRetryWaitMs: 3_000, ...limitsFromEnv(ctx.io.env).http});
	const signal = AbortSignal.timeout(HANDLE_CHECK_MS);
	const answers = await Promise.allSettled(handles.map(handle => resolveBlueskyHandle(http, service, handle, signal)));
	let host: string;
	try {
		host = new URL(service).host;
	} catch {
		host = service;
	}
	const missing = handles.filter((_, i) => {
		const answer = answers[i]!;
		return answer.status === 'fulfilled' && !answer.value.found;
	});
	if (missing.length > 0) {
		const which = missing.length === 1 ? `the handle ${missing[0]!}` : `the handles ${missing.join(', ')}`;
		throw new UsageError(`--bluesky: no Bluesky account has ${which} (${host} could not resolve it); check the spelling, or give the account's DID (did:plc:…)`);
	}
	const failed = answers.flatMap((answer, i) => (answer.status === 'rejected' ? [{handle: handles[i]!, error: answer.reason as unknown}] : []));
	if (failed.length === 0) return;
	// The one host asked could not be reached at all: most likely no network.
	const offline = failed.every(f => unreachableHost(f.error) !== undefined);
	const described = describeError(failed[0]!.error);
	const reason = `${described.includes(host) ? described : `${host}: ${described}`}${offline ? '; offline?' : ''}`;
	const which = failed.length === 1 ? `the Bluesky handle ${failed[0]!.handle}` : `the Bluesky handles ${failed.map(f => f.handle).join(', ')}`;
	ctx.io.stderr.write(`research-feed: warning: could not check ${which} (${reason}); saved as given, refresh will tell if it is wrong\n`);
}

/**
 * A homepage that advertises a feed, or links a Bluesky profile or a bibliography record (a dblp
 * person page, an ORCID record, an OpenAlex author, an arXiv author listing): say so, with the
 * command that would add it. Nothing is added silently, and a page that cannot be read now is only
 * a warning.
 */
async function suggestFromHomepage(ctx: CliContext, name: string, url: string): Promise<void> {
	const {discoverFromHomepage} = await import('../../sources/discover.js');
	let found: SourceConfig[];
	try {
		found = await discoverFromHomepage(url);
	} catch (error) {
		ctx.io.stderr.write(`research-feed: could not read ${url} to look for feeds and profiles (${error instanceof Error ? error.message : String(error)}); it will be fetched on refresh\n`);
		return;
	}
	const have = new Set((ctx.config.findResearcher(name)?.sources ?? []).map(sourceKey));
	for (const s of found.filter(s => !have.has(sourceKey(s)))) {
		ctx.io.stdout.write(`Suggestion: ${url} links ${SUGGESTED[s.kind]}: research-feed add ${JSON.stringify(name)} ${ADD_FLAG[s.kind]} ${s.target}\n`);
	}
}

const SUGGESTED: Record<SourceKind, string> = {
	feed: 'a feed',
	bluesky: 'a Bluesky profile',
	homepage: 'a homepage',
	dblp: 'a DBLP person page',
	orcid: 'an ORCID record',
	openalex: 'an OpenAlex author',
	arxiv: 'an arXiv author listing',
};

/** The `add` flag of each source kind (also what `find` prints). */
export const ADD_FLAG: Record<SourceKind, string> = {
	feed: '--feed',
	bluesky: '--bluesky',
	homepage: '--homepage',
	dblp: '--dblp',
	orcid: '--orcid',
	openalex: '--openalex',
	arxiv: '--arxiv-author',
};

/**
 * `remove NAME`: the researcher, its sources and their cached items. `remove NAME --feed URL …`:
 * only those sources with their cached items; the researcher stays. A source another researcher
 * also follows keeps its cache.
 */
export function removeCommand(ctx: CliContext, name: string, options: SourceOptions = {}): number {
	const researcher = findOrFail(ctx, 'remove', name);
	const wanted = parseSources(options);
	// A source another researcher follows too keeps its cache, filed under the one a refresh files it under.
	const others = ctx.config.researchers().filter(r => r.name.toLowerCase() !== researcher.name.toLowerCase());
	const sharedWith = sourceOwners(others);
	const forget = (sources: readonly SourceConfig[]) => {
		const keys = sources.map(sourceKey);
		const shared = keys.filter(key => sharedWith.has(key));
		if (shared.length > 0) ctx.store.transaction(() => shared.forEach(key => refileSourceItems(ctx.store.db, key, sharedWith.get(key)!)));
		const own = keys.filter(key => !sharedWith.has(key));
		if (own.length > 0) ctx.store.deleteSources(own);
	};
	if (wanted.length === 0) {
		forget(researcher.sources);
		ctx.config.removeResearcher(researcher.name);
		ctx.io.stdout.write(`Removed ${researcher.name} and ${researcher.sources.length} source(s) with their cached items.\n`);
		return 0;
	}
	const unknown = wanted.filter(w => !researcher.sources.some(s => sameSource(s, w)));
	if (unknown.length > 0) {
		const has = researcher.sources.length > 0 ? `its sources: ${describeSources(researcher.sources)}` : 'it has no sources';
		throw new UsageError(`remove: ${researcher.name} has no ${describeSources(unknown)} (${has})`);
	}
	const matched = researcher.sources.filter(s => wanted.some(w => sameSource(s, w)));
	forget(matched);
	ctx.config.removeSources(researcher.name, matched);
	ctx.io.stdout.write(`Removed ${describeSources(matched)} from ${researcher.name}, with ${matched.length > 1 ? 'their' : 'its'} cached items.\n`);
	return 0;
}

/**
 * `rename NAME NEW-NAME`: the researcher's name in config.json and everywhere the cache keeps it.
 * Into an existing NEW-NAME it merges: NAME's sources join it, and NAME goes.
 */
export function renameCommand(ctx: CliContext, name: string, rawNewName: string): number {
	const researcher = findOrFail(ctx, 'rename', name);
	const newName = parseName('rename', 'NEW-NAME', rawNewName);
	if (newName === researcher.name) throw new UsageError(`rename: ${researcher.name} is already called "${newName}"; nothing to change`);
	const existing = ctx.config.findResearcher(newName);
	const into = existing && existing.name.toLowerCase() !== researcher.name.toLowerCase() ? existing : undefined;
	// The name it will have: a merge keeps the other researcher's name as written.
	const to = into ? into.name : newName;
	// The cache first: if it cannot be written (locked), config.json still names what the cache does.
	ctx.store.transaction(() => renameResearcherInCache(ctx.store.db, {from: researcher.name, to, sourceKeys: researcher.sources.map(sourceKey)}));
	const result = ctx.config.renameResearcher(researcher.name, newName);
	if (result?.merged) {
		const added = result.added.length > 0 ? `; ${result.added.length} source(s) added: ${describeSources(result.added)}` : '; it had no other sources';
		ctx.io.stdout.write(`Merged ${researcher.name} into ${to}${added}.\n`);
	} else {
		ctx.io.stdout.write(`Renamed ${researcher.name} to ${to}.\n`);
	}
	ctx.io.stdout.write(`Saved to ${ctx.config.path}.\n`);
	return 0;
}

export function researchersCommand(ctx: CliContext, options: {json?: boolean}): number {
	const states = new Map(ctx.store.allSourceStates().map(s => [s.sourceKey, s]));
	const counts = ctx.store.itemCountsBySource();
	const rows = ctx.config.researchers().map(r => ({
		name: r.name,
		sources: r.sources.map(s => {
			const key = sourceKey(s);
			const state = states.get(key);
			return {
				kind: s.kind,
				target: s.target,
				lastAttempt: state?.lastAttempt ?? null,
				lastSuccess: state?.lastSuccess ?? null,
				lastError: state?.lastError ?? null,
				items: counts.get(key) ?? 0,
			};
		}),
	}));
	if (options.json) {
		ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return 0;
	}
	if (rows.length === 0) {
		ctx.io.stdout.write('No researchers yet. Add one: research-feed add "Leqi Liu" --bluesky leqiliu.bsky.social\n');
		return 0;
	}
	const table: string[][] = [];
	for (const r of rows) {
		if (r.sources.length === 0) table.push([r.name, '-', '(no sources)', '', '']);
		for (const s of r.sources) {
			const status = s.lastError ? `failed: ${s.lastError}` : s.lastSuccess ? `ok ${s.lastSuccess.slice(0, 16).replace('T', ' ')}` : 'never fetched';
			table.push([r.name, s.kind, s.target, `${s.items} items`, status]);
		}
	}
	ctx.io.stdout.write(formatTable(table));
	return 0;
}
