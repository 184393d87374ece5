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
const parser = async () => (await import('../parse/feed-document.js')).parseFeedDocument;

export const feedAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		// parseFeed bounds its own parsing (JSON Feed strings are judged after decoding).
		const response = await fetchDocument(ctx, ctx.source.target, ACCEPT, {checkMarkup: false});
		if (!response) return {items: []};
		const doc = {bytes: response.body, url: response.url, contentType: response.headers.get('content-type') ?? undefined, now: ctx.now};
		// On another thread when the refresh has one (a large import), else here.
		const entries = await (ctx.parsers ? ctx.parsers.feed(doc) : (await (ctx.untimed?.(parser()) ?? parser()))(doc));
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
