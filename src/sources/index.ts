import type {SourceKind} from '../domain/types.js';
import type {SourceAdapter} from './types.js';

const LOADERS: Record<SourceKind, () => Promise<SourceAdapter>> = {
	bluesky: async () => (await import('./bluesky.js')).blueskyAdapter,
	homepage: async () => (await import('./homepage.js')).homepageAdapter,
	feed: async () => (await import('./feed.js')).feedAdapter,
	dblp: async () => (await import('./dblp.js')).dblpAdapter,
	orcid: async () => (await import('./orcid.js')).orcidAdapter,
	openalex: async () => (await import('./openalex.js')).openalexAdapter,
	arxiv: async () => (await import('./arxiv-author.js')).arxivAuthorAdapter,
};

/**
 * The adapters for the given source kinds, loaded on demand: @atproto/api and the HTML parser
 * are large, and a refresh of feeds alone should not pay for Bluesky (nor `list` for any).
 */
export async function loadAdapters(kinds: Iterable<SourceKind>): Promise<Partial<Record<SourceKind, SourceAdapter>>> {
	const wanted = [...new Set(kinds)];
	const loaded = await Promise.all(wanted.map(kind => LOADERS[kind]()));
	return Object.fromEntries(wanted.map((kind, i) => [kind, loaded[i]]));
}

/**
 * The same, each kind's adapter as it loads: a refresh starts the sources of a kind whose adapter
 * is ready (feeds) while a large one (Bluesky's client) is still being loaded. A load that fails
 * is that kind's sources' failure, met when they await it.
 */
export function adapterLoads(kinds: Iterable<SourceKind>): Partial<Record<SourceKind, Promise<SourceAdapter>>> {
	return Object.fromEntries(
		[...new Set(kinds)].map(kind => {
			const load = LOADERS[kind]();
			// Awaited by the kind's sources; until then its failure must not count as unhandled.
			load.catch(() => undefined);
			return [kind, load];
		}),
	);
}
