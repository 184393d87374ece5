/**
 * What the views show about papers, read from the model once per data version (and query, window
 * or item), never per key press: windows of the papers list, one paper, arXiv metadata, and who
 * else shared an item's papers.
 */
import {useMemo} from 'react';
import type {FeedModel, PaperQuery, PaperRow} from '../app/model.js';
import type {AlsoShared, Item, PaperMeta} from '../domain/types.js';
import type {ItemPaperInfo} from './views/item-lines.js';

const NO_ROWS: readonly PaperRow[] = [];
const NO_SHARED: ReadonlyMap<string, readonly AlsoShared[]> = new Map();

/** Papers `offset .. offset+limit` of the query, when `show` (the papers view is on screen). */
export function usePaperWindow(model: FeedModel, version: number, query: PaperQuery, offset: number, limit: number, show: boolean): readonly PaperRow[] {
	return useMemo(() => {
		void version;
		return show && limit > 0 ? model.paperWindow(query, offset, limit) : NO_ROWS;
	}, [model, version, query, offset, limit, show]);
}

/** One paper (the mentions screen's), whatever the filters. */
export function usePaper(model: FeedModel, version: number, paperId: string | undefined): PaperRow | undefined {
	return useMemo(() => {
		void version;
		return paperId === undefined ? undefined : model.paper(paperId);
	}, [model, version, paperId]);
}

/** arXiv metadata of one paper, if known. */
export function usePaperMeta(model: FeedModel, version: number, paperId: string | undefined): PaperMeta | undefined {
	return useMemo(() => {
		void version;
		return paperId === undefined ? undefined : model.paperMeta([paperId]).get(paperId);
	}, [model, version, paperId]);
}

/** An item's papers' metadata and who else shared them, for the item view and the detail pane. */
export function useItemPaperInfo(model: FeedModel, version: number, item: Item | null | undefined): ItemPaperInfo {
	// Timeline rows are read afresh every render: the ids say whether anything changed.
	const id = item?.id;
	const papers = item?.papers.map(p => p.id).join('\n') ?? '';
	return useMemo(() => {
		void version;
		if (id === undefined || papers === '') return {};
		return {meta: model.paperMeta(papers.split('\n')), shared: model.alsoSharedBy([id]).get(id) ?? []};
	}, [model, version, id, papers]);
}

/** Who else shared the papers of these rows (one query for the window), by item id. */
export function useAlsoShared(model: FeedModel, version: number, rows: readonly Item[]): ReadonlyMap<string, readonly AlsoShared[]> {
	// The rows are a new array every render; their ids say whether anything changed.
	const ids = rows.filter(r => r.papers.length > 0).map(r => r.id);
	const key = ids.join('\n');
	return useMemo(() => {
		void version;
		return key === '' ? NO_SHARED : model.alsoSharedBy(key.split('\n'));
	}, [model, version, key]);
}
