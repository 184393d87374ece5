/** Labels: how sources, kinds and papers are named and marked in rows (fixed widths, so columns line up). */
import {SOURCE_LABEL, type Item, type ItemKind, type SourceKind} from '../../domain/types.js';

/** One ASCII column per source, so the column's width is the same in every terminal. */
export const SOURCE_GLYPH: Record<SourceKind, string> = {bluesky: '@', homepage: 'H', feed: 'F', dblp: 'D', orcid: 'O', openalex: 'A', arxiv: 'X'};
export const SOURCE_NAME: Readonly<Record<SourceKind, string>> = SOURCE_LABEL;

/** Kind labels fit 7 columns. */
export const KIND_WIDTH = 7;
export function kindLabel(kind: ItemKind): string {
	return kind === 'publication' ? 'pub' : kind;
}

/** Paper badge: one emoji of East Asian width W, drawn two columns wide everywhere. */
export const PAPER_BADGE = '📄';
export const BADGE_WIDTH = 2;

/**
 * Whose post a repost is: the stored author's name, else the handle in the post's URL (reposts
 * stored before authors were kept), else null.
 */
export function repostAuthor(item: Pick<Item, 'kind' | 'repostOf' | 'posts' | 'url'>): {name: string; handle: string} | null {
	if (item.kind !== 'repost') return null;
	if (item.repostOf !== undefined) return item.repostOf;
	const url = item.posts[0]?.url ?? item.url;
	const handle = /\/profile\/([^/]+)\/post\//.exec(url)?.[1];
	return handle === undefined ? null : {name: `@${handle}`, handle};
}

/** "Leqi Liu on Bluesky", "Wei Liu's homepage", "Wei Liu's feed". */
export function mentionPhrase(researcher: string, source: SourceKind): string {
	switch (source) {
		case 'bluesky':
			return `${researcher} on Bluesky`;
		case 'homepage':
			return `${researcher}'s homepage`;
		case 'feed':
			return `${researcher}'s feed`;
		case 'dblp':
		case 'orcid':
		case 'openalex':
		case 'arxiv':
			return `${researcher}'s ${SOURCE_LABEL[source]} papers`;
		default: {
			const never: never = source;
			return never;
		}
	}
}
