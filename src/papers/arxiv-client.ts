/**
 * One arXiv API request: many ids in `id_list`, `max_results` as large as the batch (the API's
 * default is 10). Answers 200 and 400 carry an Atom feed (400: an error entry); anything else is
 * a failure of the whole batch.
 */
import type {HttpClient} from '../net/http.js';
import {type ArxivResponse, parseArxivResponse} from '../parse/arxiv.js';

/** The API answered, but not with metadata (HTTP status, unreadable body). `retryAfterMs` from a Retry-After header. */
export class ArxivRequestError extends Error {
	override name = 'ArxivRequestError';
	constructor(
		message: string,
		readonly status: number,
		readonly retryAfterMs?: number,
	) {
		super(message);
	}
}

/** The id as arXiv wants it in `id_list`: `arxiv:2507.02834` → `2507.02834`. */
export function rawArxivId(paperId: string): string {
	return paperId.replace(/^arxiv:/, '');
}

export function arxivQueryUrl(api: string, paperIds: readonly string[]): string {
	const url = new URL(api);
	// Commas and slashes (old-style ids) are legal in a query string and kept readable.
	const ids = paperIds.map(id => encodeURIComponent(rawArxivId(id)).replace(/%2F/gi, '/')).join(',');
	const query = `id_list=${ids}&max_results=${paperIds.length}`;
	url.search = url.search && url.search !== '?' ? `${url.search}&${query}` : `?${query}`;
	return url.href;
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable. */
export function retryAfter(headers: Headers): number | undefined {
	const raw = headers.get('retry-after')?.trim();
	if (!raw) return undefined;
	if (/^\d+$/.test(raw)) return Number(raw) * 1000;
	const at = Date.parse(raw);
	return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

export async function fetchArxivBatch(http: HttpClient, api: string, paperIds: readonly string[], signal?: AbortSignal): Promise<ArxivResponse> {
	const response = await http.get({url: arxivQueryUrl(api, paperIds), headers: {accept: 'application/atom+xml'}, signal});
	if (response.status !== 200 && response.status !== 400) {
		throw new ArxivRequestError(`arXiv API: HTTP ${response.status}`, response.status, retryAfter(response.headers));
	}
	const body = new TextDecoder('utf-8').decode(response.body);
	try {
		return await parseArxivResponse(body);
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new ArxivRequestError(response.status === 400 ? `arXiv API: HTTP 400 (${reason})` : `arXiv API: ${reason}`, response.status);
	}
}
