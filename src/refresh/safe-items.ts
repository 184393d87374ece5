/**
 * The last gate between fetched content and the cache. The parsers already clean what they
 * produce; this pass makes it a guarantee for every adapter, present and future: terminal
 * controls, bidi and zero-width tricks removed, only http(s) URLs, sizes bounded with a marker,
 * and links whose text names another host flagged where the link is shown.
 */
import type {ItemDraft, Link, PaperRef, RepostAuthor, ThreadPost} from '../domain/types.js';
import {cleanInline, cleanText, linkTextMismatch, safeHttpUrl, truncateText} from '../parse/sanitize.js';

export const MAX_ITEM_TEXT = 100_000;
export const MAX_POST_TEXT = 20_000;
export const MAX_TITLE = 1_000;
export const MAX_LINK_TEXT = 500;
/** A reposted post's author's display name or handle. */
export const MAX_AUTHOR_NAME = 200;
export const MAX_LINKS = 300;
export const MAX_PAPERS = 200;
export const MAX_POSTS = 1_000;
/** Items kept from one fetch of one source (a hostile page can list millions of "news"). */
export const MAX_ITEMS_PER_FETCH = 10_000;

/** Appended to the text of a link whose text names a different host than it goes to. */
export function mismatchMarker(url: string): string {
	let host = url;
	try {
		host = new URL(url).host;
	} catch {
		// keep the raw text; safeHttpUrl-checked URLs always parse
	}
	return ` [⚠ goes to ${host}]`;
}

/**
 * A terminal-safe copy of `draft`. `fallbackUrl` replaces an item URL that is not http(s)
 * (the source's own address). Returns null when nothing usable is left (no id).
 */
export function safeDraft(draft: ItemDraft, fallbackUrl: string): ItemDraft | null {
	if (typeof draft.id !== 'string' || draft.id === '') return null;
	const url = safeHttpUrl(String(draft.url ?? '')) ?? safeHttpUrl(fallbackUrl) ?? '';
	const title = draft.title === null || draft.title === undefined ? null : truncateText(cleanInline(String(draft.title)), MAX_TITLE);
	const {repostOf, ...rest} = draft;
	const author = repostOf === undefined ? undefined : safeAuthor(repostOf);
	return {
		...rest,
		...(author === undefined ? {} : {repostOf: author}),
		title: title === '' ? null : title,
		text: truncateText(cleanText(String(draft.text ?? '')), MAX_ITEM_TEXT),
		url,
		posts: (draft.posts ?? []).slice(0, MAX_POSTS).map(p => safePost(p, url)),
		links: safeLinks(draft.links ?? []),
		papers: safePapers(draft.papers ?? []),
	};
}

function safeAuthor(author: RepostAuthor): RepostAuthor | undefined {
	const name = truncateText(cleanInline(String(author.name ?? '')), MAX_AUTHOR_NAME);
	const handle = truncateText(cleanInline(String(author.handle ?? '')), MAX_AUTHOR_NAME);
	return name === '' ? undefined : {name, handle};
}

function safePost(post: ThreadPost, fallbackUrl: string): ThreadPost {
	return {
		uri: cleanInline(String(post.uri ?? '')),
		url: safeHttpUrl(String(post.url ?? '')) ?? fallbackUrl,
		createdAt: String(post.createdAt ?? ''),
		text: truncateText(cleanText(String(post.text ?? '')), MAX_POST_TEXT),
	};
}

function safeLinks(links: readonly Link[]): Link[] {
	const out = new Map<string, Link>();
	for (const link of links) {
		if (out.size >= MAX_LINKS) break;
		const url = safeHttpUrl(String(link.url ?? ''));
		if (url === null || out.has(url)) continue;
		let text = truncateText(cleanInline(String(link.text ?? '')), MAX_LINK_TEXT);
		const marker = mismatchMarker(url);
		if (!text.endsWith(marker) && linkTextMismatch(text, url)) text += marker;
		out.set(url, {url, text});
	}
	return [...out.values()];
}

function safePapers(papers: readonly PaperRef[]): PaperRef[] {
	const out: PaperRef[] = [];
	for (const paper of papers) {
		if (out.length >= MAX_PAPERS) break;
		const url = safeHttpUrl(String(paper.url ?? ''));
		if (url === null || typeof paper.id !== 'string' || paper.id === '') continue;
		const title = paper.title === null || paper.title === undefined ? null : truncateText(cleanInline(String(paper.title)), MAX_TITLE);
		out.push({id: cleanInline(paper.id), url, title: title === '' ? null : title});
	}
	return out;
}
