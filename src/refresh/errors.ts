/**
 * One readable line for any failure of a source: shown on stderr, in `refresh --json` and in the
 * researchers view. Never a stack trace; never raw server text that could carry escapes.
 */
import {cleanInline} from '../parse/sanitize.js';

export const MAX_ERROR_LENGTH = 300;

interface ErrorLike {
	name?: string;
	message?: string;
	status?: number;
	error?: string;
	success?: boolean;
	validationError?: {message?: string};
	cause?: unknown;
}

export function describeError(error: unknown): string {
	// A host that could not be reached is named: a Bluesky or bibliography source's target is not the host asked.
	const host = unreachableHost(error);
	const raw = rawDescription(error);
	const line = cleanInline(host !== undefined && !raw.includes(host) ? `${host}: ${raw}` : raw);
	return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 3)}...` : line;
}

/**
 * The host, when the failure is that it could not be reached at all (refused, unreachable, not
 * found, no answer to connect): the HTTP client's error, also where the XRPC client wrapped it.
 */
export function unreachableHost(error: unknown): string | undefined {
	let e = error as (ErrorLike & {unreachable?: boolean; host?: string}) | undefined;
	for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) {
		if (e.name === 'HttpError') return e.unreachable === true ? (e.host ?? 'the host') : undefined;
	}
	return undefined;
}

/** What a failure says when every host asked could not be reached: the hosts, and the likely cause. */
export function offlineHint(hosts: Iterable<string>): string {
	const names = [...new Set(hosts)];
	const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
	return `no host could be reached: ${shown}; offline?`;
}

function rawDescription(error: unknown): string {
	const e = error as ErrorLike;
	if (!e || typeof e !== 'object') return String(error);
	if (e.validationError) return `invalid response from the server (${e.validationError.message ?? 'does not match the lexicon'})`;
	// XRPCError duck-typed (importing @atproto/api here would load it for every command).
	if (typeof e.status === 'number' && typeof e.error === 'string' && typeof e.success === 'boolean') {
		// Our HTTP client's own failure, wrapped by the XRPC client: its message is the precise one.
		if ((e.cause as ErrorLike | undefined)?.name === 'HttpError') return rawDescription(e.cause);
		// Status 1 is the client's "Unknown" (the request never got an answer).
		if (e.status === 1) return e.cause ? rawDescription(e.cause) : (e.message ?? 'request failed');
		// Status 2 is "InvalidResponse": a body that is not JSON, or not what the lexicon says.
		if (e.status === 2) return `invalid response from the server (${(e.message ?? '').replace(/^Failed to parse response body: /, 'not JSON: ')})`;
		return `HTTP ${e.status} ${e.error}${e.message && e.message !== e.error ? `: ${e.message}` : ''}`;
	}
	if (error instanceof Error) return error.message || error.name;
	return String(error);
}
