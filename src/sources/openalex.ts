/**
 * OpenAlex: the works of every followed OpenAlex author, asked for in batches across researchers
 * (up to 100 author ids per request, `authorships.author.id:A1|A2|…`, cursor paging) rather than
 * one request per person. The first OpenAlex source a refresh reaches starts the batch for all of
 * them (`ctx.shared`); each source then takes the works that list its author. Authors fetched
 * before are asked only for works published since their last fetch less 30 days (OpenAlex adds
 * works late); new ones for all their works. Since 2026-02 OpenAlex allows almost no keyless use:
 * an exhausted budget is one line naming `openalex.apiKey`.
 */
import {parseOpenAlexError, parseOpenAlexWorks, type OpenAlexWork} from '../parse/bibliography/openalex.js';
import {HttpError} from '../net/http.js';
import {bodyText, joinUrl} from './bibliography-request.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

const AUTHORS_PER_REQUEST = 100;
const PER_PAGE = 100;
/** A batch stops paging here (10,000 works per 100 authors). */
const MAX_PAGES = 100;
const LOOKBACK_MS = 30 * 86_400_000;
const SHARED_KEY = 'openalex works';

type WorksByAuthor = Map<string, OpenAlexWork[]>;

export const openalexAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		let batch = ctx.shared?.get(SHARED_KEY) as Promise<WorksByAuthor> | undefined;
		if (!batch) {
			batch = fetchAll(ctx);
			// Every source waiting on it handles the failure; this keeps Node from calling it unhandled meanwhile.
			batch.catch(() => undefined);
			ctx.shared?.set(SHARED_KEY, batch);
		}
		const works = (await batch).get(ctx.source.target.toUpperCase()) ?? [];
		return {items: [], works};
	},
};

interface Peer {
	author: string;
	lastSuccess: string | null;
}

/** The batches: authors never fetched (all their works) apart from the others (recent works only). */
export function openalexBatches(peers: readonly Peer[], now: Date): Array<{authors: string[]; from: string | null}> {
	const fresh = [...new Set(peers.filter(p => !p.lastSuccess).map(p => p.author))];
	const known = peers.filter(p => p.lastSuccess && !fresh.includes(p.author));
	const out: Array<{authors: string[]; from: string | null}> = [];
	for (let i = 0; i < fresh.length; i += AUTHORS_PER_REQUEST) out.push({authors: fresh.slice(i, i + AUTHORS_PER_REQUEST), from: null});
	const authors = [...new Set(known.map(p => p.author))];
	if (authors.length > 0) {
		const oldest = known.map(p => p.lastSuccess!).reduce((a, b) => (a < b ? a : b));
		const from = new Date(Math.min(Date.parse(oldest), now.getTime()) - LOOKBACK_MS).toISOString().slice(0, 10);
		for (let i = 0; i < authors.length; i += AUTHORS_PER_REQUEST) out.push({authors: authors.slice(i, i + AUTHORS_PER_REQUEST), from});
	}
	return out;
}

async function fetchAll(ctx: AdapterContext): Promise<WorksByAuthor> {
	const peers: Peer[] = (ctx.peers ?? [{source: ctx.source, previous: ctx.previous}])
		.filter(p => p.source.kind === 'openalex')
		.map(p => ({author: p.source.target.toUpperCase(), lastSuccess: p.previous?.lastSuccess ?? null}));
	const byAuthor: WorksByAuthor = new Map();
	for (const batch of openalexBatches(peers, ctx.now)) {
		const wanted = new Set(batch.authors);
		let cursor: string | null = '*';
		for (let page = 0; cursor !== null && page < MAX_PAGES; page++) {
			const result = parseOpenAlexWorks(await getPage(ctx, batch.authors, batch.from, cursor));
			for (const work of result.works) {
				for (const author of new Set(work.authorIds.map(a => a.toUpperCase()))) {
					if (!wanted.has(author)) continue;
					const list = byAuthor.get(author) ?? [];
					list.push(work);
					byAuthor.set(author, list);
				}
			}
			cursor = result.works.length === 0 ? null : result.nextCursor;
		}
	}
	return byAuthor;
}

async function getPage(ctx: AdapterContext, authors: readonly string[], from: string | null, cursor: string): Promise<string> {
	const filter = [`authorships.author.id:${authors.join('|')}`, ...(from ? [`from_publication_date:${from}`] : [])].join(',');
	const params = new URLSearchParams({filter, per_page: String(PER_PAGE), cursor});
	const key = ctx.settings.openalexKey;
	if (key) params.set('api_key', key);
	const response = await ctx.http.get({url: `${joinUrl(ctx.settings.openalexApi, 'works')}?${params.toString()}`, headers: {accept: 'application/json'}, signal: ctx.signal});
	const text = bodyText(response);
	if (response.status < 200 || response.status >= 300) {
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// Not JSON (a proxy's page): the status says enough.
		}
		throw new HttpError(parseOpenAlexError(response.status, body, key !== null), {status: response.status});
	}
	return text;
}
