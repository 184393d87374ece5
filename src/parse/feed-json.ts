/**
 * JSON Feed 1.0/1.1 (https://www.jsonfeed.org/version/1.1/) items: JSON.parse plus a defensive
 * shape check (wrong-typed fields are ignored). Per the spec, `content_html` is HTML while
 * `title`, `summary` and `content_text` are plain text: "Die Rückkehr von <i> und <b>" is a title
 * with angle brackets, not markup. Markup is judged where it is parsed, string by string after
 * decoding (`content_html` goes through htmlToText and its guard), never in the raw JSON, where
 * PHP's escaped `<\/p>` looks like an element that never closes. Pure: no IO.
 */
import {FeedParseError} from './feed-raw.js';
import type {Body, RawEntry, RawFeed} from './feed-raw.js';
import {safeHttpUrl} from './sanitize.js';

export function readJsonFeed(json: string, feedUrl: string): RawFeed {
	let doc: unknown;
	try {
		doc = JSON.parse(json);
	} catch (err) {
		throw new FeedParseError(`malformed JSON: ${err instanceof Error ? err.message : 'unreadable'}`);
	}
	if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FeedParseError('JSON that is not an object');
	const feed = doc as Record<string, unknown>;
	const version = feed['version'];
	if (typeof version !== 'string' || !/jsonfeed\.org/i.test(version)) {
		throw new FeedParseError('JSON without a jsonfeed.org version');
	}
	const items = feed['items'] ?? [];
	if (!Array.isArray(items)) throw new FeedParseError('JSON Feed whose items is not an array');
	const s = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
	const body = (kind: 'html' | 'text', v: unknown): Body | null => {
		const value = s(v);
		return value === null ? null : {kind, value};
	};
	const entries: RawEntry[] = [];
	for (const item of items as unknown[]) {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
		const it = item as Record<string, unknown>;
		const id = it['id'];
		entries.push({
			id: typeof id === 'number' && Number.isFinite(id) ? String(id) : (s(id)?.trim() ?? null),
			link: s(it['url']) ?? s(it['external_url']),
			base: feedUrl,
			title: body('text', it['title']),
			dates: [s(it['date_published']), s(it['date_modified'])],
			summary: body('text', it['summary']),
			content: body('html', it['content_html']) ?? body('text', it['content_text']),
			media: null,
			extraLinks: [s(it['external_url']) ?? ''],
		});
	}
	return {siteLink: safeHttpUrl(s(feed['home_page_url']) ?? '', feedUrl), entries};
}
