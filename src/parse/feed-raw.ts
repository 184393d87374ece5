/**
 * What each feed format's reader reduces a document to, before the processing every format
 * shares (parse/feed.ts): text constructs still unconverted, links and dates as written.
 */
import type {AnyNode} from 'domhandler';
import {cleanInline, truncateText} from './sanitize.js';

/** Error for a body that is not a feed. Its message is one short line, fit to show as is. */
export class FeedParseError extends Error {
	override name = 'FeedParseError';
	constructor(reason: string) {
		super(`not a valid RSS/Atom/JSON feed: ${truncateText(cleanInline(reason), 200, '…')}`);
	}
}

/**
 * A text construct before conversion; converted once the entry's base URL is known.
 * `html` is markup, `text` is plain text, `auto` is a string that may be either (an RSS title);
 * `dom` is already parsed XHTML (Atom `type="xhtml"`).
 */
export type Body = ({kind: 'html' | 'text' | 'auto'; value: string} | {kind: 'dom'; nodes: readonly AnyNode[]}) & {
	/** Base URL for links inside, when the body states its own (Atom `xml:base`). */
	base?: string;
};

export interface RawEntry {
	id: string | null;
	link: string | null;
	/** Base URL for `link` (the feed URL, or an Atom `xml:base`). */
	base: string;
	title: Body | null;
	/** Date candidates, preferred first, as written. */
	dates: (string | null)[];
	summary: Body | null;
	content: Body | null;
	/** Media RSS `media:description` (YouTube and podcasts put an entry's text there): used when there is no summary or content. */
	media: Body | null;
	/** Further entry-level links (JSON Feed `external_url`, Atom `content src`, related links). */
	extraLinks: string[];
}

export interface RawFeed {
	siteLink: string | null;
	entries: RawEntry[];
}
