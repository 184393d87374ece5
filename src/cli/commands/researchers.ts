import type {SourceConfig, SourceKind} from '../../domain/types.js';
import {sourceKey} from '../../domain/identity.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {formatTable} from '../table.js';
import {parseBibliographyTarget, parseBlueskyTarget, parseHttpUrl} from '../validate.js';

export interface AddOptions {
	bluesky?: string[];
	homepage?: string[];
	feed?: string[];
	dblp?: string[];
	orcid?: string[];
	openalex?: string[];
	arxivAuthor?: string[];
}

export async function addCommand(ctx: CliContext, name: string, options: AddOptions): Promise<number> {
	if (!name.trim()) throw new UsageError('add: NAME must not be empty');
	// Validate everything before writing anything.
	const sources: SourceConfig[] = [
		...(options.bluesky ?? []).map(v => ({kind: 'bluesky' as const, target: parseBlueskyTarget(v)})),
		...(options.homepage ?? []).map(v => ({kind: 'homepage' as const, target: parseHttpUrl('--homepage', v)})),
		...(options.feed ?? []).map(v => ({kind: 'feed' as const, target: parseHttpUrl('--feed', v)})),
		...(options.dblp ?? []).map(v => ({kind: 'dblp' as const, target: parseBibliographyTarget('dblp', v)})),
		...(options.orcid ?? []).map(v => ({kind: 'orcid' as const, target: parseBibliographyTarget('orcid', v)})),
		...(options.openalex ?? []).map(v => ({kind: 'openalex' as const, target: parseBibliographyTarget('openalex', v)})),
		...(options.arxivAuthor ?? []).map(v => ({kind: 'arxiv' as const, target: parseBibliographyTarget('arxiv', v)})),
	];
	const {created, added, researcher} = ctx.config.addResearcher(name, sources);
	const what = added.map(s => `${s.kind} ${s.target}`).join(', ');
	if (created) ctx.io.stdout.write(`Added ${researcher.name}${what ? ` with ${what}` : ''}.\n`);
	else if (added.length > 0) ctx.io.stdout.write(`Added to ${researcher.name}: ${what}.\n`);
	else ctx.io.stdout.write(`${researcher.name} already has ${sources.length > 0 ? 'these sources' : 'no new sources'}; nothing changed.\n`);
	for (const homepage of added.filter(s => s.kind === 'homepage')) await suggestFromHomepage(ctx, researcher.name, homepage.target);
	return 0;
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

export function removeCommand(ctx: CliContext, name: string): number {
	const researcher = ctx.config.findResearcher(name);
	if (!researcher) throw new UsageError(`remove: no researcher named "${name}" (see \`research-feed researchers\`)`);
	ctx.store.deleteSources(researcher.sources.map(sourceKey));
	ctx.config.removeResearcher(researcher.name);
	ctx.io.stdout.write(`Removed ${researcher.name} and ${researcher.sources.length} source(s) with their cached items.\n`);
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
