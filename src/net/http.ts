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
import {STATUS_CODES} from 'node:http';

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

/** A failure with a message fit for one line in the researchers view. */
export class HttpError extends Error {
	override name = 'HttpError';
	constructor(
		message: string,
		readonly status?: number,
		readonly retryAfterMs?: number,
		/** Whether another attempt might succeed (network trouble, overload), as opposed to a definite answer. */
		readonly transient = false,
		/** A timeout: retried at most once, however many retries are allowed. */
		readonly timeout = false,
		/** The host could not be reached at all (refused, unreachable, no DNS answer): see HostGate.unreachable. */
		readonly unreachable = false,
	) {
		super(message);
	}
}

/** How long a host that could not be reached is not asked again (a refresh of 500 sources takes seconds). */
const UNREACHABLE_MS = 60_000;

/** Statuses that mean "not now" rather than "no". */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

export function createHttpClient(limits: Partial<HttpLimits> = {}): HttpClient {
	const l: HttpLimits = {...DEFAULT_LIMITS, ...limits};
	const gate = new HostGate(l);

	async function limitedFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
		const url = input instanceof Request ? input.url : String(input);
		const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
		const signal = init.signal ?? (input instanceof Request ? input.signal : undefined);
		const {response, body, finalUrl} = await requestWithRetries(url, {...init, method, signal}, l, gate);
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
			const {response, body, finalUrl, attempts} = await requestWithRetries(request.url, {method: 'GET', headers, signal: request.signal}, l, gate);
			return {status: response.status, url: finalUrl, headers: response.headers, body, attempts};
		},
		fetch: limitedFetch as typeof fetch,
	};
}

interface Fetched {
	response: Response;
	body: Uint8Array;
	finalUrl: string;
}

async function requestWithRetries(url: string, init: RequestInit, l: HttpLimits, gate: HostGate): Promise<Fetched & {attempts: number}> {
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
				throw attempt > 1 ? withAttempts(error, attempt) : error;
			}
			await sleep(backoff(l, attempt), signal);
			continue;
		}
		const {response} = fetched;
		const status = response.status;
		const askedWait = gate.note(fetched.finalUrl, response);
		if (!RETRY_STATUSES.has(status)) return {...fetched, attempts: attempt};
		if (askedWait !== undefined && askedWait > l.maxRetryWaitMs) {
			throw new HttpError(
				`${statusLine(status)}: ${hostOf(fetched.finalUrl)} asks to wait ${formatDuration(askedWait)}, longer than the ${formatDuration(l.maxRetryWaitMs)} a refresh waits; try again later`,
				status,
				askedWait,
			);
		}
		if (!idempotent || attempt > l.retries) return {...fetched, attempts: attempt};
		// The wait itself happens in gate.wait, so concurrent requests to the host wait too. At least our
		// own backoff, even when the server says "now" (Retry-After: 0), so retries never come in a burst.
		gate.delay(fetched.finalUrl, backoff(l, attempt));
	}
}

function withAttempts(error: HttpError, attempts: number): HttpError {
	return new HttpError(`${error.message} (${attempts} attempts)`, error.status, error.retryAfterMs, error.transient, error.timeout, error.unreachable);
}

/** Exponential backoff with "equal jitter": between half and all of base·2^(n-1), so retries never bunch up. */
function backoff(l: HttpLimits, attempt: number): number {
	const step = l.retryBaseMs * 2 ** (attempt - 1);
	return Math.round(step / 2 + Math.random() * (step / 2));
}

/**
 * When each host may be asked again. Fed by Retry-After and `ratelimit-*` headers (and our own
 * backoff), consulted before every request, so every source on a rate-limited host waits — or,
 * when the wait is longer than the cap, fails at once without sending anything.
 */
class HostGate {
	readonly #notBefore = new Map<string, {at: number; why: string}>();
	/** Hosts every attempt of a request failed to reach, and when. */
	readonly #unreachable = new Map<string, {at: number; why: string}>();
	constructor(readonly l: HttpLimits) {}

	async wait(url: string, signal: AbortSignal | undefined): Promise<void> {
		const host = hostOf(url);
		const down = this.#unreachable.get(host);
		if (down !== undefined && Date.now() - down.at < UNREACHABLE_MS) {
			throw new HttpError(`${down.why} (${host} could not be reached just now; not asked again)`);
		}
		const entry = this.#notBefore.get(host);
		if (!entry) return;
		const wait = entry.at - Date.now();
		if (wait <= 0) return;
		if (wait > this.l.maxRetryWaitMs) {
			throw new HttpError(`${entry.why}: ${host} asks to wait ${formatDuration(wait)} more, longer than the ${formatDuration(this.l.maxRetryWaitMs)} a refresh waits; try again later`, 429, wait);
		}
		// A little jitter so the requests that waited together do not all arrive in the same instant.
		await sleep(wait + Math.round(Math.random() * Math.min(250, wait / 10)), signal);
	}

	/**
	 * Offline, or a server that is down: each source would otherwise wait out its own retries
	 * (about 3 s), and 900 sources on one host took 4 minutes to report what the first few showed.
	 * Once one request has failed every attempt to reach a host, the others fail at once for a while.
	 */
	unreachable(url: string, why: string): void {
		this.#unreachable.set(hostOf(url), {at: Date.now(), why});
	}

	delay(url: string, ms: number): void {
		this.#push(hostOf(url), Date.now() + ms, 'backing off');
	}

	/** Records what the response says about waiting; returns the wait it asks for (ms), if any. */
	note(url: string, response: Response): number | undefined {
		const host = hostOf(url);
		// It answered: whatever failed to reach it before has passed.
		this.#unreachable.delete(host);
		const h = response.headers;
		const status = response.status;
		let wait: number | undefined;
		if (status === 429 || status === 503) wait = retryAfterMs(h.get('retry-after'));
		const remaining = h.get('ratelimit-remaining');
		const usedUp = remaining !== null && /^\s*0+\s*$/.test(remaining);
		if (wait === undefined && (status === 429 || usedUp)) {
			wait = rateLimitResetMs(h.get('ratelimit-reset'));
		}
		if (wait === undefined) return undefined;
		this.#push(host, Date.now() + wait, status === 429 ? statusLine(429) : status === 503 ? statusLine(503) : 'rate limit used up');
		return wait;
	}

	#push(host: string, at: number, why: string): void {
		const current = this.#notBefore.get(host);
		if (!current || current.at < at) this.#notBefore.set(host, {at, why});
	}
}

/** `Retry-After`: delay-seconds or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
	if (value === null) return undefined;
	const v = value.trim();
	if (/^\d+$/.test(v)) return Number(v) * 1000;
	const at = Date.parse(v);
	return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * `ratelimit-reset`: the atproto rate limiter sends unix seconds; the IETF draft (and other
 * servers) send seconds from now. Values that can only be a timestamp are read as one.
 */
function rateLimitResetMs(value: string | null): number | undefined {
	if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
	const n = Number(value);
	if (n > 1_000_000_000) return Math.max(0, n * 1000 - Date.now());
	return n * 1000;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
	if (ms <= 0) return Promise.resolve();
	return new Promise((resolve, reject) => {
		if (signal?.aborted) return reject(abortError(signal));
		const onAbort = () => {
			clearTimeout(timer);
			reject(abortError(signal!));
		};
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}

function abortError(signal: AbortSignal): HttpError {
	const reason = signal.reason as {name?: string} | undefined;
	return new HttpError(reason?.name === 'TimeoutError' ? 'timed out' : 'request aborted', undefined, undefined, false, reason?.name === 'TimeoutError');
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
			throw networkError(error, {deadline, outer: init.signal ?? undefined, headers: headersPhase.signal, phase: 'connect'}, l);
		} finally {
			clearTimeout(timer);
		}
		if (response.status >= 300 && response.status < 400 && response.status !== 304) {
			const location = response.headers.get('location');
			await response.body?.cancel().catch(() => undefined);
			if (!location) throw new HttpError(`HTTP ${response.status} without a Location header`, response.status);
			if (hop >= l.maxRedirects) throw new HttpError(`too many redirects (more than ${l.maxRedirects})`, response.status);
			try {
				url = new URL(location, url).href;
			} catch {
				throw new HttpError(`HTTP ${response.status} with an invalid Location header`, response.status);
			}
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
			throw networkError(error, {deadline, outer: init.signal ?? undefined, phase: 'body'}, l);
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
			throw new HttpError(`response too large (over ${formatBytes(max)}${compressed})`, response.status);
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
}

/** Undici's errors ("fetch failed", "terminated") say little; name what actually happened. */
function networkError(error: unknown, s: Signals, l: HttpLimits): HttpError {
	if (s.outer?.aborted) return abortError(s.outer);
	if (s.deadline.aborted) return new HttpError(`timed out after ${formatDuration(l.totalTimeoutMs)}`, undefined, undefined, true, true);
	if (s.headers?.aborted) return new HttpError(`no response within ${formatDuration(l.headersTimeoutMs)}`, undefined, undefined, true, true);
	const cause = (error as {cause?: {code?: string; message?: string}}).cause;
	const code = cause?.code;
	const transient = (message: string) => new HttpError(message, undefined, undefined, true);
	const unreachable = (message: string) => new HttpError(message, undefined, undefined, true, false, true);
	if (code === 'ECONNREFUSED') return unreachable('connection refused');
	if (code === 'ECONNRESET' || code === 'EPIPE') return transient(s.phase === 'body' ? 'connection reset while reading the body' : 'connection reset');
	if (code === 'UND_ERR_SOCKET') return transient(s.phase === 'body' ? 'connection closed before the whole body arrived' : 'connection closed without an answer');
	if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return unreachable('connection timed out');
	if (code === 'EAI_AGAIN') return unreachable('host not found (DNS lookup failed; try again later)');
	if (code === 'ENOTFOUND') return new HttpError('host not found');
	if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return unreachable('host unreachable');
	// zlib's codes start Z_ (gzip, deflate); the brotli decoder's ERR__ERROR_… (e.g. ERR__ERROR_FORMAT_PADDING_1).
	if (code?.startsWith('Z_') || code?.startsWith('ERR__ERROR')) return new HttpError(`invalid compressed body (${cause?.message ?? code})`);
	if (error instanceof Error && error.name === 'AbortError') return new HttpError('request aborted');
	const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
	return new HttpError(`network error: ${message}`);
}

function statusLine(status: number): string {
	const reason = STATUS_CODES[status];
	return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

/** "HTTP 503 Service Unavailable", for messages about a response status. */
export function describeStatus(status: number): string {
	return statusLine(status);
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const s = ms / 1000;
	if (s < 120) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
	return `${Math.round(s / 60)} min`;
}

function formatBytes(n: number): string {
	return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}
