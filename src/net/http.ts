/**
 * The one way research-feed talks HTTP. Every fetched byte is hostile and every server may
 * misbehave, so each request has a connect-and-headers timeout, a whole-request deadline, a body
 * cap enforced while streaming (after decompression, so a gzip bomb stops at the cap), and only
 * http(s) URLs with a bounded number of redirects.
 */

export interface HttpRequest {
	url: string;
	headers?: Record<string, string>;
	/** ETag from the last fetch: sent as If-None-Match. */
	etag?: string | null;
	/** Last-Modified from the last fetch: sent as If-Modified-Since. */
	lastModified?: string | null;
	signal?: AbortSignal;
}

export interface HttpResponse {
	status: number;
	/** Final URL after redirects. */
	url: string;
	headers: Headers;
	body: Uint8Array;
}

export interface HttpClient {
	get(request: HttpRequest): Promise<HttpResponse>;
	/** A fetch-compatible function with the same limits, for libraries that take `fetch` (@atproto/api). */
	fetch: typeof fetch;
}

export interface HttpLimits {
	/** Time allowed until response headers arrive. */
	headersTimeoutMs: number;
	/** Time allowed for the whole request including the body. */
	totalTimeoutMs: number;
	/** Largest body accepted (decoded bytes). */
	maxBodyBytes: number;
	maxRedirects: number;
	userAgent: string;
}

export const DEFAULT_LIMITS: HttpLimits = {
	headersTimeoutMs: 15_000,
	totalTimeoutMs: 30_000,
	maxBodyBytes: 10 * 1024 * 1024,
	maxRedirects: 5,
	userAgent: 'research-feed/0.1 (+https://github.com/research-feed)',
};

/** A failure with a message fit for one line in the researchers view. */
export class HttpError extends Error {
	override name = 'HttpError';
	constructor(
		message: string,
		readonly status?: number,
		readonly retryAfterMs?: number,
	) {
		super(message);
	}
}

export function createHttpClient(limits: Partial<HttpLimits> = {}): HttpClient {
	const l = {...DEFAULT_LIMITS, ...limits};

	async function limitedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
		const url = input instanceof Request ? input.url : String(input);
		const {response, body, finalUrl} = await fetchWithLimits(url, init, l);
		// Rebuild the response from the capped body so callers (the XRPC client) read only what we accepted.
		const out = new Response(response.status === 204 || response.status === 304 ? null : (body as Uint8Array<ArrayBuffer>), {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers,
		});
		Object.defineProperty(out, 'url', {value: finalUrl});
		return out;
	}

	return {
		async get(request) {
			const headers: Record<string, string> = {...request.headers};
			if (request.etag) headers['if-none-match'] = request.etag;
			if (request.lastModified) headers['if-modified-since'] = request.lastModified;
			const {response, body, finalUrl} = await fetchWithLimits(request.url, {headers, signal: request.signal}, l);
			return {status: response.status, url: finalUrl, headers: response.headers, body};
		},
		fetch: limitedFetch as typeof fetch,
	};
}

async function fetchWithLimits(
	startUrl: string,
	init: RequestInit,
	l: HttpLimits,
): Promise<{response: Response; body: Uint8Array; finalUrl: string}> {
	const deadline = AbortSignal.timeout(l.totalTimeoutMs);
	const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
	let url = startUrl;
	const seen = new Set<string>();
	for (let hop = 0; ; hop++) {
		assertHttpUrl(url);
		if (seen.has(url)) throw new HttpError(`redirect loop at ${url}`);
		seen.add(url);
		const headersTimer = AbortSignal.timeout(l.headersTimeoutMs);
		let response: Response;
		try {
			response = await fetch(url, {
				...init,
				redirect: 'manual',
				signal: AbortSignal.any([signal, headersTimer]),
				headers: {'user-agent': l.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headersOf(init.headers)},
			});
		} catch (error) {
			throw networkError(error, deadline, headersTimer, l);
		}
		if (response.status >= 300 && response.status < 400 && response.status !== 304) {
			const location = response.headers.get('location');
			await response.body?.cancel().catch(() => undefined);
			if (!location) throw new HttpError(`HTTP ${response.status} without a Location header`, response.status);
			if (hop >= l.maxRedirects) throw new HttpError(`too many redirects (more than ${l.maxRedirects})`, response.status);
			url = new URL(location, url).href;
			continue;
		}
		const declared = Number(response.headers.get('content-length') ?? NaN);
		if (Number.isFinite(declared) && declared > l.maxBodyBytes && !response.headers.get('content-encoding')) {
			await response.body?.cancel().catch(() => undefined);
			throw new HttpError(`response too large (${formatBytes(declared)}; limit ${formatBytes(l.maxBodyBytes)})`, response.status);
		}
		let body: Uint8Array;
		try {
			body = await readCapped(response, l.maxBodyBytes);
		} catch (error) {
			if (error instanceof HttpError) throw error;
			throw networkError(error, deadline, undefined, l);
		}
		return {response, body, finalUrl: url};
	}
}

function headersOf(headers: RequestInit['headers']): Record<string, string> {
	if (!headers) return {};
	const out: Record<string, string> = {};
	new Headers(headers).forEach((value, key) => {
		out[key] = value;
	});
	return out;
}

function assertHttpUrl(url: string): void {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new HttpError(`not a valid URL: ${url}`);
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HttpError(`refusing non-http(s) URL: ${parsed.protocol}`);
}

async function readCapped(response: Response, max: number): Promise<Uint8Array> {
	if (!response.body) return new Uint8Array();
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const {done, value} = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > max) {
			await reader.cancel().catch(() => undefined);
			throw new HttpError(`response too large (over ${formatBytes(max)})`, response.status);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

function networkError(error: unknown, deadline: AbortSignal, headersTimer: AbortSignal | undefined, l: HttpLimits): HttpError {
	if (deadline.aborted) return new HttpError(`timed out after ${l.totalTimeoutMs / 1000}s`);
	if (headersTimer?.aborted) return new HttpError(`no response within ${l.headersTimeoutMs / 1000}s`);
	const cause = (error as {cause?: {code?: string; message?: string}}).cause;
	const code = cause?.code;
	if (code === 'ECONNREFUSED') return new HttpError('connection refused');
	if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return new HttpError('connection reset');
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new HttpError('host not found');
	if (error instanceof Error && error.name === 'AbortError') return new HttpError('request aborted');
	const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
	return new HttpError(`network error: ${message}`);
}

function formatBytes(n: number): string {
	return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

