/**
 * The two metadata services besides the arXiv API, one request each:
 *
 * - Semantic Scholar: `POST {s2}/paper/batch?fields=…` with `{"ids": [...]}` (up to 500 arXiv, DOI
 *   and ACL ids), `x-api-key` when `semanticscholar.apiKey` is set. The answer is an array aligned
 *   with the ids, `null` for an id S2 does not know (parse/bibliography/semantic-scholar.ts).
 * - Crossref: `GET {crossref}/works/{DOI}`; a DOI it does not know is `404 text/plain` "Resource
 *   not found." (null here, not an error).
 *
 * Anything else — another status, a body that is not the answer, the network — is a
 * MetadataRequestError with one readable line (and the server's Retry-After, when it sent one).
 * Shapes and traps: ../shared/reference/paper-sources.md §5–§7.
 */
import {HttpError, type HttpClient} from '../net/http.js';
import {isCrossrefNotFound, parseCrossrefWork} from '../parse/bibliography/crossref.js';
import {parseS2Batch, type S2Answer, s2BatchBody, s2ErrorMessage, S2_FIELDS, type S2Request} from '../parse/bibliography/semantic-scholar.js';
import type {PaperMetaLike} from '../parse/bibliography/types.js';
import {describeError} from '../refresh/errors.js';
import {retryAfter} from './arxiv-client.js';

export class MetadataRequestError extends Error {
	override name = 'MetadataRequestError';
	constructor(
		message: string,
		/** The HTTP status, when the server answered. */
		readonly status?: number,
		readonly retryAfterMs?: number,
	) {
		super(message);
	}
}

function base(api: string): string {
	return api.replace(/\/+$/, '');
}

function waitText(ms: number | undefined): string {
	return ms === undefined ? '' : ` (asks to wait ${Math.ceil(ms / 1000)} s)`;
}

/** A failure of the HTTP client itself (network, a long Retry-After) in the service's words. */
function clientFailure(service: string, error: unknown, rateLimited: (ms: number | undefined) => string): MetadataRequestError {
	if (error instanceof HttpError && error.status === 429) return new MetadataRequestError(rateLimited(error.retryAfterMs), 429, error.retryAfterMs);
	return new MetadataRequestError(`${service}: ${describeError(error)}`, error instanceof HttpError ? error.status : undefined, error instanceof HttpError ? error.retryAfterMs : undefined);
}

export interface S2Options {
	api: string;
	key: string | null | undefined;
	signal?: AbortSignal;
}

/** One `/paper/batch` request: the answers paired with `batch` by position. */
export async function fetchS2Batch(http: HttpClient, batch: readonly S2Request[], options: S2Options): Promise<S2Answer[]> {
	const keyed = Boolean(options.key);
	const rateLimited = (ms: number | undefined) => `${s2ErrorMessage(429, keyed)}${waitText(ms)}`;
	const headers: Record<string, string> = {'content-type': 'application/json', accept: 'application/json'};
	if (options.key) headers['x-api-key'] = options.key;
	let response: Response;
	let text: string;
	try {
		response = await http.fetch(`${base(options.api)}/paper/batch?fields=${S2_FIELDS}`, {
			method: 'POST',
			headers,
			body: JSON.stringify(s2BatchBody(batch)),
			signal: options.signal ?? null,
		});
		text = await response.text();
	} catch (error) {
		throw clientFailure('Semantic Scholar', error, rateLimited);
	}
	if (response.status !== 200) {
		const wait = retryAfter(response.headers);
		const message = response.status === 429 ? rateLimited(wait) : s2ErrorMessage(response.status, keyed);
		throw new MetadataRequestError(message, response.status, wait);
	}
	try {
		return parseS2Batch(text, batch);
	} catch (error) {
		throw new MetadataRequestError(`Semantic Scholar: ${describeError(error)}`, response.status);
	}
}

export interface CrossrefOptions {
	api: string;
	signal?: AbortSignal;
}

/** The Crossref record of `doi` (without `doi:`), or null when Crossref does not know it. */
export async function fetchCrossrefWork(http: HttpClient, doi: string, options: CrossrefOptions): Promise<PaperMetaLike | null> {
	const rateLimited = (ms: number | undefined) => `Crossref: too many requests${waitText(ms)}`;
	// The DOI as it is, slashes and all; anything a URL path cannot hold escaped.
	const path = encodeURIComponent(doi).replace(/%2F/gi, '/');
	let status: number;
	let headers: Headers;
	let text: string;
	try {
		const response = await http.get({url: `${base(options.api)}/works/${path}`, headers: {accept: 'application/json'}, signal: options.signal});
		status = response.status;
		headers = response.headers;
		text = new TextDecoder('utf-8').decode(response.body);
	} catch (error) {
		throw clientFailure('Crossref', error, rateLimited);
	}
	if (status === 200) {
		try {
			return parseCrossrefWork(text);
		} catch (error) {
			throw new MetadataRequestError(`Crossref: ${describeError(error)}`, status);
		}
	}
	if (isCrossrefNotFound(status, headers.get('content-type'), text)) return null;
	const wait = retryAfter(headers);
	throw new MetadataRequestError(status === 429 ? rateLimited(wait) : `Crossref: HTTP ${status}`, status, wait);
}
