/** The HTTP client's one error type, and the wording its messages share. */
import {STATUS_CODES} from 'node:http';

export interface HttpErrorDetails {
	/** The response status, when there was a response. */
	status?: number;
	/** How long the server asked us to wait (Retry-After, ratelimit-reset). */
	retryAfterMs?: number;
	/** Another attempt might succeed (network trouble, overload), as opposed to a definite answer. */
	transient?: boolean;
	/** A timeout: retried at most once, however many retries are allowed. */
	timeout?: boolean;
	/** The host could not be reached at all (refused, unreachable, no DNS answer): see HostGate.unreachable. */
	unreachable?: boolean;
	/** The host (`name:port` when not the default) that could not be reached: set with `unreachable`. */
	host?: string;
}

/** A failure with a message fit for one line in the researchers view. */
export class HttpError extends Error {
	override name = 'HttpError';
	readonly status: number | undefined;
	readonly retryAfterMs: number | undefined;
	readonly transient: boolean;
	readonly timeout: boolean;
	readonly unreachable: boolean;
	readonly host: string | undefined;

	constructor(message: string, {status, retryAfterMs, transient = false, timeout = false, unreachable = false, host}: HttpErrorDetails = {}) {
		super(message);
		this.host = host;
		this.status = status;
		this.retryAfterMs = retryAfterMs;
		this.transient = transient;
		this.timeout = timeout;
		this.unreachable = unreachable;
	}

	/** The same failure, its message naming how many attempts it took. */
	afterAttempts(attempts: number): HttpError {
		return new HttpError(`${this.message} (${attempts} attempts)`, this);
	}
}

/** What an abort from the caller (or a deadline running out) is reported as. */
export function abortError(signal: AbortSignal): HttpError {
	const reason = signal.reason as {name?: string} | undefined;
	const timeout = reason?.name === 'TimeoutError';
	return new HttpError(timeout ? 'timed out' : 'request aborted', {timeout});
}

/** "HTTP 503 Service Unavailable", for messages about a response status. */
export function describeStatus(status: number): string {
	const reason = STATUS_CODES[status];
	return reason ? `HTTP ${status} ${reason}` : `HTTP ${status}`;
}

export function formatDuration(ms: number): string {
	if (ms < 1000) return `${Math.round(ms)} ms`;
	const s = ms / 1000;
	if (s < 120) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
	return `${Math.round(s / 60)} min`;
}

export function formatBytes(n: number): string {
	return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}
