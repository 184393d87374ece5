/** RSS 1.0/2.0, Atom and JSON Feed sources: each entry is an `article` item. */
import type {ItemDraft} from '../domain/types.js';
import {itemId} from '../domain/identity.js';
import {fetchDocument, validators} from './fetch-document.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

const ACCEPT = 'application/atom+xml,application/rss+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5';

/**
 * The parsers, loaded when a body first needs them: a refresh's first requests need not wait for
 * the XML and HTML libraries, and a refresh where every feed answers 304 never loads them.
 */
const parsers = async () => ({...(await import('../parse/feed.js')), ...(await import('../parse/homepage/index.js'))});

export const feedAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		// parseFeed bounds its own parsing (JSON Feed strings are judged after decoding).
		const response = await fetchDocument(ctx, ctx.source.target, ACCEPT, {checkMarkup: false});
		if (!response) return {items: []};
		const {decodeHomepage, parseFeed} = await (ctx.untimed?.(parsers()) ?? parsers());
		const contentType = response.headers.get('content-type') ?? undefined;
		const {text} = decodeHomepage(response.body, contentType);
		const entries = await parseFeed(text, {url: response.url, contentType, now: ctx.now});
		const items: ItemDraft[] = entries.map(entry => ({
			id: itemId(ctx.sourceKey, `article ${entry.key}`),
			kind: 'article',
			date: entry.date,
			datePrecision: entry.datePrecision,
			title: entry.title,
			text: entry.text,
			url: entry.url,
			posts: [],
			links: entry.links,
			papers: entry.papers,
		}));
		return {items, ...validators(response), state: {...ctx.previous?.state, body: response.bodyHash}};
	},
};
