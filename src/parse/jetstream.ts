/**
 * Jetstream (Bluesky's JSON firehose, the v1 `/subscribe` wire) messages to typed events. Every
 * frame is hostile: it is size-bounded before it is parsed, each field is checked as it is read,
 * and records are validated against their lexicon (Jetstream passes on whatever a PDS wrote).
 * A frame that does not parse is `null`; one that parses but is of no interest (identity, account,
 * other collections) keeps only its `time_us`, which still advances the cursor.
 * Protocol: /work/shared/reference/jetstream.md §4 (events) and §8 (from events to items). Pure: no IO.
 */
import {AppBskyFeedPost, AppBskyFeedRepost, jsonToLex} from '@atproto/api';

export const POST_COLLECTION = 'app.bsky.feed.post';
export const REPOST_COLLECTION = 'app.bsky.feed.repost';
export const LIVE_COLLECTIONS = [POST_COLLECTION, REPOST_COLLECTION] as const;

/**
 * The largest frame read. A post record is bounded by the PDS (text 3,000 bytes, a few facets and
 * an embed): a frame past this is not one a followed account's post makes.
 */
export const MAX_FRAME_BYTES = 256 * 1024;

/** A post or repost created (or a post updated) by `did`. `record` has passed its lexicon. */
export interface PostCreate {
	type: 'post';
	did: string;
	timeUs: number;
	uri: string;
	record: Record<string, unknown>;
}

export interface RepostCreate {
	type: 'repost';
	did: string;
	timeUs: number;
	/** The repost record's own URI (the item's key). */
	uri: string;
	/** The reposted post. */
	subject: string;
	createdAt: string | null;
}

export interface RecordDelete {
	type: 'delete';
	did: string;
	timeUs: number;
	uri: string;
}

/** Anything else that came with a cursor: identity, account, other collections, records that failed validation. */
export interface Passing {
	type: 'other';
	did: string | null;
	timeUs: number;
	/** Why it was passed over, when it was a post or repost that did not validate. */
	rejected?: string;
}

export type JetstreamEvent = PostCreate | RepostCreate | RecordDelete | Passing;

const DID = /^did:[a-z]+:[A-Za-z0-9._:%-]{1,2048}$/;
/** Record keys: the atproto rkey syntax (TIDs in practice). */
const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;
const POST_URI = /^at:\/\/did:[a-z]+:[A-Za-z0-9._:%-]+\/app\.bsky\.feed\.post\/[A-Za-z0-9._:~-]{1,512}$/;

/** One text frame → an event, or null when it is not a Jetstream event at all. */
export function parseJetstreamFrame(frame: string, maxBytes = MAX_FRAME_BYTES): JetstreamEvent | null {
	// UTF-16 length ≤ UTF-8 bytes × 1 and ≥ bytes / 3: a cheap bound before the exact one.
	if (frame.length > maxBytes || Buffer.byteLength(frame, 'utf8') > maxBytes) return null;
	let message: unknown;
	try {
		message = JSON.parse(frame);
	} catch {
		return null;
	}
	if (!isObject(message)) return null;
	const timeUs = message['time_us'];
	if (typeof timeUs !== 'number' || !Number.isSafeInteger(timeUs) || timeUs <= 0) return null;
	const did = typeof message['did'] === 'string' && DID.test(message['did']) ? message['did'] : null;
	if (message['kind'] !== 'commit' || did === null) return {type: 'other', did, timeUs};
	const commit = message['commit'];
	if (!isObject(commit)) return null;
	const collection = commit['collection'];
	const rkey = commit['rkey'];
	const operation = commit['operation'];
	if (collection !== POST_COLLECTION && collection !== REPOST_COLLECTION) return {type: 'other', did, timeUs};
	if (typeof rkey !== 'string' || !RKEY.test(rkey)) return null;
	const uri = `at://${did}/${collection}/${rkey}`;
	if (operation === 'delete') return {type: 'delete', did, timeUs, uri};
	if (operation !== 'create' && operation !== 'update') return {type: 'other', did, timeUs};
	const record = commit['record'];
	if (!isObject(record)) return {type: 'other', did, timeUs, rejected: `${uri}: no record`};
	if (collection === POST_COLLECTION) {
		const valid = validate(() => AppBskyFeedPost.validateRecord(jsonToLex({...record, $type: POST_COLLECTION})));
		if (valid !== null) return {type: 'other', did, timeUs, rejected: `${uri}: ${valid}`};
		return {type: 'post', did, timeUs, uri, record};
	}
	// A repost is never updated in practice; an update is read as the record it now is.
	const valid = validate(() => AppBskyFeedRepost.validateRecord(jsonToLex({...record, $type: REPOST_COLLECTION})));
	const subject = isObject(record['subject']) ? record['subject']['uri'] : undefined;
	if (valid !== null || typeof subject !== 'string' || !POST_URI.test(subject)) return {type: 'other', did, timeUs, rejected: `${uri}: ${valid ?? 'subject is not a post'}`};
	const createdAt = typeof record['createdAt'] === 'string' && !Number.isNaN(Date.parse(record['createdAt'])) ? new Date(Date.parse(record['createdAt'])).toISOString() : null;
	return {type: 'repost', did, timeUs, uri, subject, createdAt};
}

/** null when valid, else the reason (the validator throws on some malformed blobs instead of failing). */
function validate(check: () => {success: boolean; error?: unknown}): string | null {
	try {
		const result = check();
		return result.success ? null : String(result.error instanceof Error ? result.error.message : 'invalid record');
	} catch (error) {
		return error instanceof Error ? error.message : 'invalid record';
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
