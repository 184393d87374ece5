/**
 * A feed as it arrives: the response's bytes decoded (BOM, XML declaration, Content-Type charset)
 * and parsed. One pure function, so the refresh can run it on another thread (parse-pool.ts) or
 * in its own, with the same result.
 */
import {type FeedEntry, parseFeed} from './feed.js';
import {decodeHomepage} from './homepage/decode.js';

export interface FeedDocument {
	bytes: Uint8Array;
	/** The response's URL (after redirects): base for relative links. */
	url: string;
	contentType: string | undefined;
	/** The time of the fetch (entries without a date are dated then). */
	now: Date;
}

export function parseFeedDocument(doc: FeedDocument): Promise<FeedEntry[]> {
	const {text} = decodeHomepage(doc.bytes, doc.contentType);
	return parseFeed(text, {url: doc.url, contentType: doc.contentType, now: doc.now});
}
