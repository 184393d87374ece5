/**
 * A real Store in a temporary home holding a few researchers' items that mention papers, with
 * arXiv metadata put in the way enrichment puts it (`savePaperMeta`). Shared by the store, model
 * and UI tests of the papers view over SQLite.
 */
import {join} from 'node:path';
import type {ItemDraft, PaperMeta, SourceKind} from '../../src/domain/types.js';
import {upsertItems} from '../../src/store/items.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from './temp-home.js';

export const PRLHF = 'arxiv:2402.05133';
export const EXPO = 'arxiv:2507.02834';
export const OPENREVIEW = 'openreview:abc';

export function paperDraft(id: string, date: string, papers: string[], extra: Partial<ItemDraft> = {}): ItemDraft {
	return {
		id,
		kind: 'post',
		date,
		datePrecision: 'instant',
		title: null,
		text: `text of ${id}`,
		url: `https://example.org/${id}`,
		posts: [],
		links: [],
		papers: papers.map(p => ({id: p, url: `https://example.org/paper/${p}`, title: `link text of ${p}`})),
		...extra,
	};
}

export function meta(id: string, title: string, authors: string[], abstract: string | null = null): PaperMeta {
	return {id, title, authors, abstract, category: 'cs.LG', published: '2024-02-07T18:00:00Z', updated: null, version: 1, doi: null, journalRef: null};
}

export const PRLHF_META = meta(PRLHF, 'Personalized Language Modeling from Personalized Human Feedback', ['Xinyu Li', 'Zachary C. Lipton', 'Leqi Liu'], 'RLHF aligns language models with human preferences.');

export interface PaperStore {
	store: Store;
	dir: string;
	put: (researcher: string, drafts: ItemDraft[], source?: SourceKind) => string[];
	close: () => void;
}

/** An empty store in a temporary home; `put` writes a researcher's items as a refresh does. */
export function paperStore(): PaperStore {
	const home = tempHome();
	const store = new Store(join(home.dir, 'cache.db'));
	return {
		store,
		dir: home.dir,
		put: (researcher, drafts, source = 'bluesky') =>
			store.transaction(() => upsertItems(store.db, {researcher, source, sourceKey: `${source} ${researcher}`, now: '2025-07-20T00:00:00.000Z'}, drafts)),
		close: () => {
			store.close();
			home.cleanup();
		},
	};
}

/**
 * The seed-like cache: Leqi Liu's thread (her own paper PRLHF, and EXPO), Wei Liu's homepage news
 * (PRLHF), Mira Chen's reply to someone else (EXPO, hidden) and an older post (OPENREVIEW).
 */
export function seededPaperStore(): PaperStore {
	const s = paperStore();
	s.put('Leqi Liu', [paperDraft('l1', '2025-07-23T09:00:00.000Z', [PRLHF, EXPO], {kind: 'thread', text: 'Personalized RLHF: our new paper!'})]);
	s.put('Wei Liu', [paperDraft('w1', '2025-05-01T00:00:00.000Z', [PRLHF], {kind: 'news', datePrecision: 'month', text: 'Accepted to NeurIPS.'})], 'homepage');
	s.put('Mira Chen', [
		paperDraft('m1', '2025-07-24T00:00:00.000Z', [EXPO], {hidden: 'reply', text: 'a reply'}),
		paperDraft('m2', '2025-06-01T10:00:00.000Z', [OPENREVIEW], {text: 'An older paper'}),
	]);
	return s;
}
