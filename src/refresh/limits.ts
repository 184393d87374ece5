/**
 * The fault limits of a refresh: the HTTP client's timeouts, caps and retry policy, and how long
 * one source may take in all. Defaults suit real servers; hidden environment variables (listed in
 * the README, meant for tests and unusual networks) override them.
 */
import {ConfigError} from '../config/config.js';
import type {HttpLimits} from '../net/http.js';

/** One source (every page and retry of it) gives up after this long. */
export const DEFAULT_SOURCE_TIMEOUT_MS = 120_000;

export interface RefreshLimits {
	http: Partial<HttpLimits>;
	sourceTimeoutMs: number;
	/** Worker threads that parse feeds (absent: as many as the refresh's size and the cores call for; see parse-pool.ts). */
	parseThreads?: number;
}

const HTTP_VARS: ReadonlyArray<[string, keyof HttpLimits, number]> = [
	['RESEARCH_FEED_HTTP_TIMEOUT_MS', 'totalTimeoutMs', 1],
	['RESEARCH_FEED_HTTP_HEADERS_TIMEOUT_MS', 'headersTimeoutMs', 1],
	['RESEARCH_FEED_HTTP_MAX_BYTES', 'maxBodyBytes', 1],
	['RESEARCH_FEED_HTTP_MAX_REDIRECTS', 'maxRedirects', 0],
	['RESEARCH_FEED_HTTP_RETRIES', 'retries', 0],
	['RESEARCH_FEED_HTTP_RETRY_BASE_MS', 'retryBaseMs', 0],
	['RESEARCH_FEED_HTTP_MAX_WAIT_MS', 'maxRetryWaitMs', 0],
];

/** Reads the overrides; a malformed value is a one-line ConfigError naming the variable. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): RefreshLimits {
	const http: Partial<HttpLimits> = {};
	for (const [name, key, min] of HTTP_VARS) {
		const value = readInt(env, name, min);
		if (value !== undefined) (http as Record<string, number>)[key] = value;
	}
	const parseThreads = readInt(env, 'RESEARCH_FEED_PARSE_THREADS', 0);
	return {
		http,
		sourceTimeoutMs: readInt(env, 'RESEARCH_FEED_SOURCE_TIMEOUT_MS', 1) ?? DEFAULT_SOURCE_TIMEOUT_MS,
		...(parseThreads === undefined ? {} : {parseThreads: Math.min(parseThreads, 8)}),
	};
}

function readInt(env: NodeJS.ProcessEnv, name: string, min: number): number | undefined {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return undefined;
	const value = Number(raw.trim());
	if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min) {
		throw new ConfigError(`${name}: "${raw}" is not a whole number${min > 0 ? ` of at least ${min}` : ''}`);
	}
	return value;
}
