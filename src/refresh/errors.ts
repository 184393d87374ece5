/**
 * One readable line for any failure of a source: shown on stderr, in `refresh --json` and in the
 * researchers view. Never a stack trace; never raw server text that could carry escapes.
 */
import {cleanInline} from '../parse/sanitize.js';

export function describeError(error: unknown): string {
	const e = error as {
		name?: string;
		message?: string;
		status?: number;
		error?: string;
		success?: boolean;
		validationError?: {message?: string};
		cause?: unknown;
	};
	let text: string;
	if (e && typeof e === 'object' && e.validationError) {
		text = `invalid response from the server (${e.validationError.message ?? 'does not match the lexicon'})`;
	} else if (e && typeof e === 'object' && typeof e.status === 'number' && typeof e.error === 'string' && typeof e.success === 'boolean') {
		// XRPCError: status 1 is the client's "Unknown" (the request never got an answer).
		if (e.status === 1) text = e.cause ? describeError(e.cause) : (e.message ?? 'request failed');
		else text = `HTTP ${e.status} ${e.error}${e.message && e.message !== e.error ? `: ${e.message}` : ''}`;
		// XRPCError duck-typed (importing @atproto/api here would load it for every command).
	} else if (error instanceof Error) {
		text = error.message || error.name;
	} else {
		text = String(error);
	}
	const line = cleanInline(text);
	return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}
