/**
 * Time as the code that paces requests sees it (the HTTP client's per-host waits and backoff, the
 * arXiv rate gate): injectable, so tests prove waits with a fake clock instead of real waiting.
 */
import {setTimeout as delay} from 'node:timers/promises';

export interface Clock {
	/** Milliseconds since the epoch. */
	now(): number;
	/** Resolves after `ms` milliseconds (rejects when `signal` aborts). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	sleep: (ms, signal) => delay(ms, undefined, signal ? {signal} : undefined),
};
