/**
 * Academic homepages: each dated entry of the News section becomes a `news` item; every paper the
 * page links is recorded, silently on the first fetch, and as a `publication` item when a later
 * fetch finds it for the first time.
 */
import type {ItemDraft, PaperRef} from '../domain/types.js';
import {itemId} from '../domain/identity.js';
import {assertReadable, fetchDocument, validators} from './fetch-document.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

const ACCEPT = 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.8,*/*;q=0.5';

/** The page parser (cheerio and the charset sniffers), loaded when a page first needs it: a 304 never does. */
const parser = () => import('../parse/homepage/index.js');

export const homepageAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const response = await fetchDocument(ctx, ctx.source.target, ACCEPT);
		if (!response) return {items: []};
		const {decodeHomepage, extractHomepage} = await (ctx.untimed?.(parser()) ?? parser());
		const contentType = response.headers.get('content-type') ?? undefined;
		const {text} = decodeHomepage(response.body, contentType);
		const page = extractHomepage({text, url: response.url, contentType});
		let news = page.news;
		// al-folio and Wowchemy sites may keep the news on a page of its own.
		const newsPageUrl = news.length === 0 && page.newsPageUrl !== response.url ? page.newsPageUrl : null;
		if (newsPageUrl !== null) {
			const newsPage = await ctx.http.get({url: newsPageUrl, headers: {accept: ACCEPT}, signal: ctx.signal});
			if (newsPage.status >= 200 && newsPage.status < 300) {
				assertReadable(newsPage); // the same binary/nesting checks as the page itself
				const type = newsPage.headers.get('content-type') ?? undefined;
				news = extractHomepage({text: decodeHomepage(newsPage.body, type).text, url: newsPage.url, contentType: type}).news;
			}
		}
		const items: ItemDraft[] = news.map(entry => ({
			id: itemId(ctx.sourceKey, `news ${entry.key}`),
			kind: 'news',
			date: entry.date,
			datePrecision: entry.precision,
			title: null,
			text: entry.text,
			url: response.url,
			posts: [],
			links: entry.links,
			papers: entry.papers,
		}));
		const firstFetch = !ctx.previous?.lastSuccess;
		const known = ctx.cache.knownSourcePapers(ctx.sourceKey);
		// A new paper the news already announces needs no second item of its own.
		const inNews = new Set(news.flatMap(entry => entry.papers.map(p => p.id)));
		for (const paper of page.papers) {
			if (!firstFetch && (known.has(paper.id) || inNews.has(paper.id))) continue;
			items.push(publicationItem(ctx, paper, firstFetch));
		}
		// The page's hash, for the next refresh to skip the same bytes (fetchDocument), unless its news
		// is on another page, which may change while this one does not.
		const {body: _previousBody, ...state} = ctx.previous?.state ?? {};
		return {items, sourcePapers: page.papers.map(p => p.id), ...validators(response), state: newsPageUrl !== null ? state : {...state, body: response.bodyHash}};
	},
};

function publicationItem(ctx: AdapterContext, paper: PaperRef, silent: boolean): ItemDraft {
	const title = paper.title ?? paper.id;
	return {
		id: itemId(ctx.sourceKey, `publication ${paper.id}`),
		kind: 'publication',
		date: ctx.now.toISOString(),
		datePrecision: 'seen',
		title,
		text: title,
		url: paper.url,
		posts: [],
		links: [{url: paper.url, text: title}],
		papers: [paper],
		...(silent ? {hidden: 'silent' as const} : {}),
	};
}
