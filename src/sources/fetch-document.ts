import {HttpError, type HttpResponse} from '../net/http.js';
import type {AdapterContext} from './types.js';

/**
 * A conditional GET of the source's document. Returns null when the server says 304 (nothing
 * changed: no parse, and the cached items stay as they are).
 */
export async function fetchDocument(ctx: AdapterContext, url: string, accept: string): Promise<HttpResponse | null> {
	const response = await ctx.http.get({
		url,
		etag: ctx.previous?.etag,
		lastModified: ctx.previous?.lastModified,
		headers: {accept},
		signal: ctx.signal,
	});
	if (response.status === 304) return null;
	if (response.status >= 400) {
		const retryAfter = Number(response.headers.get('retry-after'));
		throw new HttpError(`HTTP ${response.status}`, response.status, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
	}
	if (response.status < 200 || response.status >= 300) throw new HttpError(`unexpected HTTP ${response.status}`, response.status);
	return response;
}

export function validators(response: HttpResponse): {etag: string | null; lastModified: string | null} {
	return {etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified')};
}
