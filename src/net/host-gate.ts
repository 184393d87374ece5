/**
 * When each host may be asked again. Fed by Retry-After and `ratelimit-*` headers (and the
 * client's own backoff), consulted before every request, so every source on a rate-limited host
 * waits — or, when the wait is longer than the cap, fails at once without sending anything.
 * Time is the injected clock's, so tests prove the waits without waiting.
 */
import type {Clock} from './clock.js';
import {abortError, describeStatus, formatDuration, HttpError} from './http-error.js';

/** How long a host that could not be reached is not asked again (a refresh of 500 sources takes seconds). */
export const UNREACHABLE_MS = 60_000;

interface Hold {
	at: number;
	why: string;
}

export class HostGate {
	readonly #notBefore = new Map<string, Hold>();
	/** Hosts every attempt of a request failed to reach, and when. */
	readonly #unreachable = new Map<string, Hold>();

	constructor(
		readonly maxWaitMs: number,
		readonly clock: Clock,
		/** [0, 1): the jitter that keeps requests which waited together from arriving together. */
		readonly random: () => number,
	) {}

	/** Waits until the host of `url` may be asked; throws when it may not be asked in this refresh. */
	async wait(url: string, signal: AbortSignal | undefined): Promise<void> {
		const host = hostOf(url);
		const down = this.#unreachable.get(host);
		if (down !== undefined && this.clock.now() - down.at < UNREACHABLE_MS) {
			throw new HttpError(`${down.why} (${host} could not be reached just now; not asked again)`, {unreachable: true, host});
		}
		const entry = this.#notBefore.get(host);
		if (!entry) return;
		const wait = entry.at - this.clock.now();
		if (wait <= 0) return;
		if (wait > this.maxWaitMs) {
			throw new HttpError(`${entry.why}: ${host} asks to wait ${formatDuration(wait)} more, longer than the ${formatDuration(this.maxWaitMs)} a refresh waits; try again later`, {
				status: 429,
				retryAfterMs: wait,
			});
		}
		await this.pause(wait + Math.round(this.random() * Math.min(250, wait / 10)), signal);
	}

	/** Sleeps on the clock; an abort is reported as the client reports it. */
	async pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
		if (ms <= 0) return;
		if (signal?.aborted) throw abortError(signal);
		try {
			await this.clock.sleep(ms, signal);
		} catch (error) {
			if (signal?.aborted) throw abortError(signal);
			throw error;
		}
	}

	/**
	 * Offline, or a server that is down: each source would otherwise wait out its own retries
	 * (about 3 s), and 900 sources on one host took 4 minutes to report what the first few showed.
	 * Once one request has failed every attempt to reach a host, the others fail at once for a while.
	 */
	unreachable(url: string, why: string): void {
		this.#unreachable.set(hostOf(url), {at: this.clock.now(), why});
	}

	delay(url: string, ms: number): void {
		this.#hold(hostOf(url), this.clock.now() + ms, 'backing off');
	}

	/** Records what the response says about waiting; returns the wait it asks for (ms), if any. */
	note(url: string, response: Response): number | undefined {
		const host = hostOf(url);
		// It answered: whatever failed to reach it before has passed.
		this.#unreachable.delete(host);
		const h = response.headers;
		const status = response.status;
		let wait: number | undefined;
		if (status === 429 || status === 503) wait = this.#retryAfterMs(h.get('retry-after'));
		const remaining = h.get('ratelimit-remaining');
		const usedUp = remaining !== null && /^\s*0+\s*$/.test(remaining);
		if (wait === undefined && (status === 429 || usedUp)) wait = this.#rateLimitResetMs(h.get('ratelimit-reset'));
		if (wait === undefined) return undefined;
		this.#hold(host, this.clock.now() + wait, status === 429 || status === 503 ? describeStatus(status) : 'rate limit used up');
		return wait;
	}

	#hold(host: string, at: number, why: string): void {
		const current = this.#notBefore.get(host);
		if (!current || current.at < at) this.#notBefore.set(host, {at, why});
	}

	/** `Retry-After`: delay-seconds or an HTTP date. */
	#retryAfterMs(value: string | null): number | undefined {
		if (value === null) return undefined;
		const v = value.trim();
		if (/^\d+$/.test(v)) return Number(v) * 1000;
		const at = Date.parse(v);
		return Number.isNaN(at) ? undefined : Math.max(0, at - this.clock.now());
	}

	/**
	 * `ratelimit-reset`: the atproto rate limiter sends unix seconds; the IETF draft (and other
	 * servers) send seconds from now. Values that can only be a timestamp are read as one.
	 */
	#rateLimitResetMs(value: string | null): number | undefined {
		if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
		const n = Number(value);
		if (n > 1_000_000_000) return Math.max(0, n * 1000 - this.clock.now());
		return n * 1000;
	}
}

export function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
