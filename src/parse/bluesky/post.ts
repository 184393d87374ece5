/**
 * Turns one Bluesky PostView (as validated by @atproto/api) into a normalised, terminal-safe post:
 * text with composer-shortened links expanded from their facets, image/video alt text, link cards,
 * quoted posts, and every link and paper it carries. Pure: no IO.
 */
import {
	type AppBskyActorDefs,
	type AppBskyFeedDefs,
	type AppBskyRichtextFacet,
	AppBskyEmbedExternal,
	AppBskyEmbedImages,
	AppBskyEmbedRecord,
	AppBskyEmbedRecordWithMedia,
	AppBskyEmbedVideo,
	RichText,
} from '@atproto/api';
import type {Link, PaperRef} from '../../domain/types.js';
import {dedupePapers, paperFromUrl, papersInText} from '../paper-ids.js';
import {cleanInline, cleanText, safeHttpUrl, truncateText} from '../sanitize.js';
import {cardDescriptionText} from './card-description.js';

/**
 * The fields of an `AppBskyFeedPost.Record` we read. A view's record is `unknown` in the lexicon and
 * the client does not validate it, so every field is checked as it is read.
 */
interface PostRecordLike {
	text?: unknown;
	createdAt?: unknown;
	facets?: unknown;
	reply?: {root?: {uri?: unknown}; parent?: {uri?: unknown}};
}

export interface BskyPost {
	uri: string;
	url: string;
	authorDid: string;
	authorHandle: string;
	authorName: string;
	createdAt: string;
	/** Plain, sanitised text including alt text, card and quote lines. */
	text: string;
	links: Link[];
	papers: PaperRef[];
	replyRoot: string | null;
	replyParent: string | null;
}

const MAX_POST_TEXT = 20_000;

/**
 * The views are typed as the lexicon has them: the client validated them against it. They are still
 * read defensively (a missing author, image list or card is a blank, not a crash), as before typing.
 */
export function normalizePost(view: AppBskyFeedDefs.PostView): BskyPost {
	const record = (view.record ?? {}) as PostRecordLike;
	const author: Partial<AppBskyActorDefs.ProfileViewBasic> = view.author ?? {};
	const links: Link[] = [];
	const body = richTextToPlain(record.text, record.facets, links);
	const extra: string[] = [];
	const cardTitles = new Map<string, string>();
	describeEmbed(view.embed, extra, links, cardTitles, 0);
	const text = truncateText(cleanText([body, ...extra].filter(Boolean).join('\n')), MAX_POST_TEXT);
	const reply = record.reply;
	return {
		uri: String(view.uri),
		url: postUrl(String(view.uri), author.handle),
		authorDid: String(author.did ?? ''),
		authorHandle: String(author.handle ?? ''),
		authorName: cleanInline(String(author.displayName ?? '')) || String(author.handle ?? ''),
		createdAt: validDate(record.createdAt) ?? validDate(view.indexedAt) ?? new Date(0).toISOString(),
		text,
		links: dedupeLinks(links),
		papers: papersOf(links, text, cardTitles),
		replyRoot: typeof reply?.root?.uri === 'string' ? reply.root.uri : null,
		replyParent: typeof reply?.parent?.uri === 'string' ? reply.parent.uri : null,
	};
}

/** Facet-aware text: link segments show the facet's full URL when the visible text is a shortened form of it. */
function richTextToPlain(text: unknown, facets: unknown, links: Link[]): string {
	if (typeof text !== 'string' || text === '') return '';
	// The record is not validated (the lexicon types it `unknown`): its facets go to RichText as they
	// are, as they always have.
	const rt = new RichText({text, facets: Array.isArray(facets) ? (facets as AppBskyRichtextFacet.Main[]) : undefined});
	let out = '';
	for (const segment of rt.segments()) {
		const uri = segment.isLink() ? safeHttpUrl(String(segment.link?.uri ?? '')) : null;
		if (!uri) {
			out += segment.text;
			continue;
		}
		const visible = cleanInline(segment.text);
		links.push({url: uri, text: visible});
		out += isShortenedFormOf(visible, uri) ? uri : `${segment.text} (${uri})`;
	}
	return out;
}

/** `github.com/HumainLab/Pe...` is the composer's short form of `https://github.com/HumainLab/Personalized_RLHF`. */
function isShortenedFormOf(visible: string, uri: string): boolean {
	const bare = (s: string) => s.replace(/^https?:\/\//i, '').replace(/^www\./i, '').toLowerCase();
	const stem = bare(visible).replace(/(\.\.\.|…)$/, '');
	return stem.length > 0 && bare(uri).startsWith(stem);
}

/** An embed view: a post's, a quoted post's, or the media beside a quote. Open unions: any other `$type` may come. */
type EmbedView =
	| NonNullable<AppBskyFeedDefs.PostView['embed']>
	| NonNullable<AppBskyEmbedRecord.ViewRecord['embeds']>[number]
	| AppBskyEmbedRecordWithMedia.View['media'];

function describeEmbed(embed: EmbedView | undefined, lines: string[], links: Link[], cardTitles: Map<string, string>, depth: number): void {
	if (!embed || typeof embed !== 'object') return;
	if (AppBskyEmbedImages.isView(embed)) {
		for (const image of Array.isArray(embed.images) ? embed.images : []) {
			const alt = cleanInline(String(image?.alt ?? ''));
			lines.push(alt ? `[image: ${alt}]` : '[image]');
		}
	} else if (AppBskyEmbedVideo.isView(embed)) {
		const alt = cleanInline(String(embed.alt ?? ''));
		lines.push(alt ? `[video: ${alt}]` : '[video]');
	} else if (AppBskyEmbedExternal.isView(embed)) {
		const external: Partial<AppBskyEmbedExternal.ViewExternal> = embed.external ?? {};
		const uri = safeHttpUrl(String(external.uri ?? ''));
		const title = cleanInline(String(external.title ?? ''));
		if (uri) {
			links.push({url: uri, text: title});
			if (title) cardTitles.set(uri, title);
		}
		const description = cardDescriptionText(external.description);
		lines.push(`[link card] ${[title, description].filter(Boolean).join(' — ')}${uri ? ` <${uri}>` : ''}`.trim());
	} else if (AppBskyEmbedRecord.isView(embed)) {
		describeQuoted(embed.record, lines, links, cardTitles, depth);
	} else if (AppBskyEmbedRecordWithMedia.isView(embed)) {
		describeEmbed(embed.media, lines, links, cardTitles, depth);
		describeQuoted(embed.record?.record, lines, links, cardTitles, depth);
	} else {
		lines.push('[unsupported embed]');
	}
}

function describeQuoted(record: AppBskyEmbedRecord.View['record'] | undefined, lines: string[], links: Link[], cardTitles: Map<string, string>, depth: number): void {
	if (AppBskyEmbedRecord.isViewNotFound(record)) return void lines.push('[quoted post not found]');
	if (AppBskyEmbedRecord.isViewBlocked(record)) return void lines.push('[quoted post blocked]');
	if (AppBskyEmbedRecord.isViewDetached(record)) return void lines.push('[quoted post removed by its author]');
	if (!AppBskyEmbedRecord.isViewRecord(record)) return void lines.push('[embedded record]');
	const author: Partial<AppBskyActorDefs.ProfileViewBasic> = record.author ?? {};
	const quoteLinks: Link[] = [];
	const value = (record.value ?? {}) as PostRecordLike;
	const quoted = richTextToPlain(value.text, value.facets, quoteLinks);
	const inner: string[] = [];
	// Quotes nest at most twice in the AppView; deeper levels are summarised.
	if (depth < 2) for (const e of Array.isArray(record.embeds) ? record.embeds : []) describeEmbed(e, inner, quoteLinks, cardTitles, depth + 1);
	links.push(...quoteLinks);
	const who = cleanInline(String(author.displayName ?? '')) || String(author.handle ?? 'unknown');
	const body = [quoted, ...inner].filter(Boolean).join('\n');
	lines.push(`[quote ${who} @${String(author.handle ?? '')}]`, ...body.split('\n').map(l => `> ${l}`));
}

function papersOf(links: Link[], text: string, cardTitles: Map<string, string>): PaperRef[] {
	const out: PaperRef[] = [];
	for (const link of links) {
		const paper = paperFromUrl(link.url);
		if (paper) out.push({...paper, title: cardTitles.get(link.url) ?? null});
	}
	for (const paper of papersInText(text)) out.push({...paper, title: null});
	return dedupePapers(out);
}

export function dedupeLinks(links: Link[]): Link[] {
	const byUrl = new Map<string, Link>();
	for (const link of links) {
		const existing = byUrl.get(link.url);
		if (!existing) byUrl.set(link.url, link);
		else if (!existing.text && link.text) existing.text = link.text;
	}
	return [...byUrl.values()];
}

export function postUrl(uri: string, handle: unknown): string {
	const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
	if (!match) return 'https://bsky.app/';
	const who = typeof handle === 'string' && handle && handle !== 'handle.invalid' ? handle : match[1]!;
	return `https://bsky.app/profile/${who}/post/${match[2]}`;
}

function validDate(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const time = Date.parse(value);
	return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The DID in an at:// URI's authority. */
export function uriAuthority(uri: string): string {
	return /^at:\/\/([^/]+)/.exec(uri)?.[1] ?? '';
}
