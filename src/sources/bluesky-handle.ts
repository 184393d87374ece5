/**
 * Whether a Bluesky handle names an account, asked of the configured AppView
 * (`com.atproto.identity.resolveHandle`, public) through the project's HTTP client. `add` asks
 * before it saves a handle, so a typo is one clear line then instead of a failing source at every
 * refresh. Plain JSON over the client: loading the XRPC client for one call would cost `add` more
 * than the call.
 */
import type {HttpClient} from '../net/http.js';
import {describeStatus, HttpError} from '../net/http.js';

export type HandleAnswer =
	/** The handle names this account. */
	| {found: true; did: string}
	/** The AppView says no account has this handle (400 InvalidRequest "Unable to resolve handle"). */
	| {found: false; message: string};

const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;

/**
 * Resolves `handle` on `service`. Throws (an HttpError, or an Error with one readable line) when
 * the AppView could not say: unreachable, overloaded, an answer that is not the lexicon's.
 */
export async function resolveBlueskyHandle(http: HttpClient, service: string, handle: string, signal?: AbortSignal): Promise<HandleAnswer> {
	const url = new URL('xrpc/com.atproto.identity.resolveHandle', service.endsWith('/') ? service : `${service}/`);
	url.searchParams.set('handle', handle);
	const response = await http.get({url: url.href, headers: {accept: 'application/json'}, signal});
	let body: {did?: unknown; error?: unknown; message?: unknown} | undefined;
	try {
		body = JSON.parse(new TextDecoder().decode(response.body)) as typeof body;
	} catch {
		body = undefined;
	}
	if (response.status === 200) {
		if (typeof body?.did === 'string' && DID.test(body.did)) return {found: true, did: body.did};
		throw new Error('invalid response from the server (no DID in the answer)');
	}
	const message = typeof body?.message === 'string' ? body.message : '';
	// The lexicon's answer for a handle no account has (the reference AppView's wording).
	if (response.status === 400 && body?.error === 'InvalidRequest' && /unable to resolve handle/i.test(message)) return {found: false, message};
	const detail = message || (typeof body?.error === 'string' ? body.error : '');
	throw new HttpError(`${describeStatus(response.status)}${detail ? `: ${detail}` : ''}`, {status: response.status});
}
