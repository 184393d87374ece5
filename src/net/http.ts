/**
 * The one way research-feed talks HTTP. Every fetched byte is hostile and every server may
 * misbehave, so each request has a connect-and-headers timeout, a whole-request deadline, a body
 * cap enforced while streaming (after decompression, so a gzip bomb stops at the cap), and only
 * http(s) URLs with a bounded number of redirects.
 *
 * Retries: only where one can help (connection refused or reset, a truncated body, no answer in
 * time, HTTP 408/429/500/502/503/504), only for GET/HEAD, a few times, with jittered exponential
 * backoff. A server that asks us to wait (`Retry-After`, or the AppView's `ratelimit-*` headers)
 * is obeyed for every later request to that host in this client, but only up to `maxRetryWaitMs`:
 * a longer wait fails at once with a message saying so, instead of a refresh that sleeps for minutes.
 */
import {type Clock, systemClock} from './clock.js';
import {HostGate, hostOf} from './host-gate.js';
import {abortError, describeStatus, formatBytes, formatDuration, HttpError} from './http-error.js';

export {describeStatus, formatDuration, HttpError, type HttpErrorDetails} from './http-error.js';

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
	/** How many attempts it took (1 unless a retry happened). */
	attempts: number;
}

export interface HttpClient {
	get(request: HttpRequest): Promise<HttpResponse>;
	/** A fetch-compatible function with the same limits, for libraries that take `fetch` (@atproto/api). */
	fetch: typeof fetch;
}

export interface HttpLimits {
	/** Time allowed until response headers arrive (connecting included). */
	headersTimeoutMs: number;
	/** Time allowed for one attempt of the whole request including redirects and the body. */
	totalTimeoutMs: number;
	/** Largest body accepted (decoded bytes). */
	maxBodyBytes: number;
	maxRedirects: number;
	/** Extra attempts after a failure a retry can fix. Timeouts get at most one (they are slow to fail). */
	retries: number;
	/** First backoff step; it doubles on each retry, and the actual wait is jittered between half and all of it. */
	retryBaseMs: number;
	/** The longest wait a server may impose (Retry-After, ratelimit-reset). A longer one fails the request at once. */
	maxRetryWaitMs: number;
	userAgent: string;
}

export const DEFAULT_LIMITS: HttpLimits = {
	headersTimeoutMs: 15_000,
	totalTimeoutMs: 30_000,
	maxBodyBytes: 10 * 1024 * 1024,
	maxRedirects: 5,
	retries: 2,
	retryBaseMs: 1_000,
	maxRetryWaitMs: 30_000,
	userAgent: 'research-feed/0.1 (+https://github.com/research-feed)',
};

/** What the client paces its requests by; tests pass a fake clock and a fixed random source. */
export interface HttpClientDeps {
	/** The per-host waits, backoff and Retry-After dates go by it. */
	clock?: Clock;
	/** [0, 1): the jitter of backoff and of waits. */
	random?: () => number;
}

/** Statuses that mean "not now" rather than "no". */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function createHttpClient(limits: Partial<HttpLimits> = {}, {clock = systemClock, random = Math.random}: HttpClientDeps = {}): HttpClient {
	const l: HttpLimits = {...DEFAULT_LIMITS, ...limits};
	const gate = new HostGate(l.maxRetryWaitMs, clock, random);
	const backoff = (attempt: number): number => backoffMs(l.retryBaseMs, attempt, random);

	async function limitedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
		const url = input instanceof Request ? input.url : String(input);
		const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
		const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
		const {response, body, finalUrl} = await requestWithRetries(url, {...init, method, signal}, l, gate, backoff);
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
			const {response, body, finalUrl, attempts} = await requestWithRetries(request.url, {method: 'GET', headers, signal: request.signal}, l, gate, backoff);
			return {status: response.status, url: finalUrl, headers: response.headers, body, attempts};
		},
		fetch: limitedFetch,
	};
}

interface Fetched {
	response: Response;
	body: Uint8Array;
	finalUrl: string;
}

async function requestWithRetries(
	url: string,
	init: RequestInit,
	l: HttpLimits,
	gate: HostGate,
	backoff: (attempt: number) => number,
): Promise<Fetched & {attempts: number}> {
	const idempotent = init.method === 'GET' || init.method === 'HEAD';
	const signal = init.signal ?? undefined;
	for (let attempt = 1; ; attempt++) {
		await gate.wait(url, signal);
		let fetched: Fetched;
		try {
			fetched = await fetchWithLimits(url, init, l);
		} catch (error) {
			if (!(error instanceof HttpError) || !error.transient || !idempotent) throw error;
			const allowed = error.timeout ? Math.min(1, l.retries) : l.retries;
			if (attempt > allowed) {
				if (error.unreachable) gate.unreachable(url, error.message);
				throw attempt > 1 ? error.afterAttempts(attempt) : error;
			}
			await gate.pause(backoff(attempt), signal);
			continue;
		}
		const {response} = fetched;
		const status = response.status;
		const askedWait = gate.note(fetched.finalUrl, response);
		if (!RETRY_STATUSES.has(status)) return {...fetched, attempts: attempt};
		if (askedWait !== undefined && askedWait > l.maxRetryWaitMs) {
			throw new HttpError(
				`${describeStatus(status)}: ${hostOf(fetched.finalUrl)} asks to wait ${formatDuration(askedWait)}, longer than the ${formatDuration(l.maxRetryWaitMs)} a refresh waits; try again later`,
				{status, retryAfterMs: askedWait},
			);
		}
		if (!idempotent || attempt > l.retries) return {...fetched, attempts: attempt};
		// The wait itself happens in gate.wait, so concurrent requests to the host wait too. At least our
		// own backoff, even when the server says "now" (Retry-After: 0), so retries never come in a burst.
		gate.delay(fetched.finalUrl, backoff(attempt));
	}
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(n-1), so retries never bunch up. */
function backoffMs(baseMs: number, attempt: number, random: () => number): number {
	const step = baseMs * 2 ** (attempt - 1);
	return Math.round(step / 2 + random() * (step / 2));
}

/** One attempt: the request and its redirects, the body read under the cap, all within the deadline. */
async function fetchWithLimits(startUrl: string, init: RequestInit, l: HttpLimits): Promise<Fetched> {
	const deadline = AbortSignal.timeout(l.totalTimeoutMs);
	const signal = init.signal ? AbortSignal.any([init.signal, deadline]) : deadline;
	let url = startUrl;
	const seen = new Set<string>();
	for (let hop = 0; ; hop++) {
		assertHttpUrl(url);
		if (seen.has(url)) throw new HttpError(`redirect loop at ${url}`);
		seen.add(url);
		// Only until the headers arrive: a slow body is the whole-request deadline's business.
		const headersPhase = new AbortController();
		const timer = setTimeout(() => headersPhase.abort(), l.headersTimeoutMs);
		let response: Response;
		try {
			response = await fetch(url, {
				...init,
				redirect: 'manual',
				signal: AbortSignal.any([signal, headersPhase.signal]),
				headers: {'user-agent': l.userAgent, 'accept-encoding': 'gzip, deflate, br', ...headersOf(init.headers)},
			});
		} catch (error) {
			throw networkError(error, {deadline, outer: init.signal ?? undefined, headers: headersPhase.signal, phase: 'connect', host: hostOf(url)}, l);
		} finally {
			clearTimeout(timer);
		}
		if (response.status >= 300 && response.status < 400 && response.status !== 304) {
			const location = response.headers.get('location');
			await response.body?.cancel().catch(() => undefined);
			const status = response.status;
			if (!location) throw new HttpError(`HTTP ${status} without a Location header`, {status});
			if (hop >= l.maxRedirects) throw new HttpError(`too many redirects (more than ${l.maxRedirects})`, {status});
			try {
				url = new URL(location, url).href;
			} catch {
				throw new HttpError(`HTTP ${status} with an invalid Location header`, {status});
			}
			continue;
		}
		const declared = Number(response.headers.get('content-length') ?? NaN);
		if (Number.isFinite(declared) && declared > l.maxBodyBytes && !response.headers.get('content-encoding')) {
			await response.body?.cancel().catch(() => undefined);
			throw new HttpError(`response too large (${formatBytes(declared)}; limit ${formatBytes(l.maxBodyBytes)})`, {status: response.status});
		}
		let body: Uint8Array;
		try {
			body = await readCapped(response, l.maxBodyBytes);
		} catch (error) {
			if (error instanceof HttpError) throw error;
			throw networkError(error, {deadline, outer: init.signal ?? undefined, phase: 'body', host: hostOf(url)}, l);
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

/** Reads the (already decompressed) body, giving up as soon as it passes `max` bytes. */
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
			const compressed = response.headers.get('content-encoding') ? ' after decompression' : '';
			throw new HttpError(`response too large (over ${formatBytes(max)}${compressed})`, {status: response.status});
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

interface Signals {
	deadline: AbortSignal;
	outer: AbortSignal | undefined;
	headers?: AbortSignal;
	phase: 'connect' | 'body';
	/** The host asked (named by errors that say it could not be reached). */
	host: string;
}

/** Undici's errors ("fetch failed", "terminated") say little; name what actually happened. */
function networkError(error: unknown, s: Signals, l: HttpLimits): HttpError {
	if (s.outer?.aborted) return abortError(s.outer);
	// Not retried: a server that used the whole deadline (one dripping a byte a second) would use it again,
	// and a second attempt doubles what its source costs the refresh.
	if (s.deadline.aborted) return new HttpError(`timed out after ${formatDuration(l.totalTimeoutMs)}`, {timeout: true});
	if (s.headers?.aborted) return new HttpError(`no response within ${formatDuration(l.headersTimeoutMs)}`, {transient: true, timeout: true});
	const cause = (error as {cause?: {code?: string; message?: string}}).cause;
	const code = cause?.code;
	const transient = (message: string) => new HttpError(message, {transient: true});
	const unreachable = (message: string) => new HttpError(message, {transient: true, unreachable: true, host: s.host});
	if (code === 'ECONNREFUSED') return unreachable('connection refused');
	if (code === 'ECONNRESET' || code === 'EPIPE') return transient(s.phase === 'body' ? 'connection reset while reading the body' : 'connection reset');
	if (code === 'UND_ERR_SOCKET') return transient(s.phase === 'body' ? 'connection closed before the whole body arrived' : 'connection closed without an answer');
	if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return unreachable('connection timed out');
	if (code === 'EAI_AGAIN') return unreachable('host not found (DNS lookup failed; try again later)');
	// Not retried (a name that does not exist stays so), but it is a host that could not be reached.
	if (code === 'ENOTFOUND') return new HttpError('host not found', {unreachable: true, host: s.host});
	if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return unreachable('host unreachable');
	// zlib's codes start Z_ (gzip, deflate); the brotli decoder's ERR__ERROR_… (e.g. ERR__ERROR_FORMAT_PADDING_1).
	if (code?.startsWith('Z_') || code?.startsWith('ERR__ERROR')) return new HttpError(`invalid compressed body (${cause?.message ?? code})`);
	if (error instanceof Error && error.name === 'AbortError') return new HttpError('request aborted');
	const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
	return new HttpError(`network error: ${message}`);
}
