import {createHash} from 'node:crypto';
import {describeStatus, HttpError, type HttpResponse} from '../net/http.js';
import {markupTooComplex} from '../parse/markup-guard.js';
import type {AdapterContext} from './types.js';

export interface FetchDocumentOptions {
	/**
	 * Whether the body's markup is judged here (default true). A parser that bounds its own
	 * parsing says false: parseFeed judges JSON Feed strings after decoding them, where a raw
	 * scan would take PHP's escaped `<\/p>` for elements that never close.
	 */
	checkMarkup?: boolean;
}

/** A document fetched, with the hash its adapter keeps in the source's state as `body` (see fetchDocument). */
export type FetchedDocument = HttpResponse & {bodyHash: string};

/**
 * A conditional GET of the source's document. Returns null when the server says 304 (nothing
 * changed: no parse, and the cached items stay as they are), and when it sends the very bytes
 * the last refresh read (`body`, their hash, in the source's state): many servers ignore
 * conditional requests, and parsing an unchanged feed of 200 entries to write nothing was most
 * of what such a source cost. Anything that is not a text document (an error status, an image,
 * a PDF, binary garbage) fails here with one line, so the parsers only ever see text.
 */
export async function fetchDocument(ctx: AdapterContext, url: string, accept: string, options: FetchDocumentOptions = {}): Promise<FetchedDocument | null> {
	const response = await ctx.http.get({
		url,
		etag: ctx.previous?.etag,
		lastModified: ctx.previous?.lastModified,
		headers: {accept},
		signal: ctx.signal,
	});
	if (response.status === 304) return null;
	const tries = response.attempts > 1 ? ` (${response.attempts} attempts)` : '';
	if (response.status >= 400) throw new HttpError(`${describeStatus(response.status)}${tries}`, {status: response.status});
	if (response.status < 200 || response.status >= 300) throw new HttpError(`unexpected ${describeStatus(response.status)}`, {status: response.status});
	// With the final URL: the same bytes from elsewhere (a redirect moved) are read again.
	const bodyHash = createHash('sha256').update(response.url).update('\n').update(response.body).digest('base64');
	if (bodyHash === ctx.previous?.state['body']) return null;
	if (options.checkMarkup === false) assertTextDocument(response);
	else assertReadable(response);
	return {...response, bodyHash};
}

/**
 * Throws (one line) unless `response` is a text document the parsers can read in bounded time:
 * not binary, and not markup nested so deeply that parsing it would take minutes.
 */
export function assertReadable(response: HttpResponse): void {
	assertTextDocument(response);
	const body = response.body;
	const bom = body.length >= 2 ? (body[0] === 0xff && body[1] === 0xfe ? 'utf-16le' : body[0] === 0xfe && body[1] === 0xff ? 'utf-16be' : null) : null;
	// Tags are ASCII, so latin1 (one char per byte, no decoding errors) is exact enough and fast.
	const text = bom ? new TextDecoder(bom).decode(body) : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
	const reason = markupTooComplex(text);
	if (reason !== null) throw new HttpError(reason, {status: response.status});
}

export function validators(response: HttpResponse): {etag: string | null; lastModified: string | null} {
	return {etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified')};
}

/** Media types that are never a page or a feed, whatever the body looks like. */
const BINARY_TYPES = /^(image|audio|video|font)\/|^application\/(octet-stream|pdf|zip|gzip|x-gzip|x-tar|x-7z-compressed|msword|x-msdownload|wasm)/i;

/**
 * Refuses bodies that are not text: a binary media type, or NUL bytes near the start (text in
 * UTF-8 or a legacy charset never has them; UTF-16 does, so a UTF-16 BOM is let through).
 */
function assertTextDocument(response: HttpResponse): void {
	const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
	if (BINARY_TYPES.test(type)) throw new HttpError(`not a web page or feed (content-type ${type.slice(0, 60)})`, {status: response.status});
	const body = response.body;
	const utf16 = body.length >= 2 && ((body[0] === 0xff && body[1] === 0xfe) || (body[0] === 0xfe && body[1] === 0xff));
	if (utf16) return;
	const head = body.subarray(0, 4096);
	if (head.includes(0)) throw new HttpError('not a web page or feed (the body is binary data)', {status: response.status});
}
