import {ITEM_KINDS, type ItemKind, SOURCE_KINDS, type SourceKind} from '../domain/types.js';
import {UsageError} from './errors.js';

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;

/** A Bluesky handle (leading @ allowed) or DID, normalised. */
export function parseBlueskyTarget(raw: string): string {
	const value = raw.trim().replace(/^@/, '');
	if (DID.test(value)) return value;
	if (HANDLE.test(value)) return value.toLowerCase();
	throw new UsageError(`--bluesky: "${raw}" is not a Bluesky handle (like name.bsky.social) or DID (did:plc:…)`);
}

export function parseHttpUrl(flag: string, raw: string): string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		throw new UsageError(`${flag}: "${raw}" is not a valid URL`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag}: only http and https URLs are supported, not ${url.protocol}`);
	return url.href;
}

export function parseDateFlag(flag: string, raw: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
	const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
	if (!match || !date || date.getUTCMonth() !== Number(match[2]) - 1 || date.getUTCDate() !== Number(match[3])) {
		throw new UsageError(`${flag}: "${raw}" is not a date in the form YYYY-MM-DD`);
	}
	return date.toISOString();
}

export function parseLimit(raw: string): number {
	if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1) throw new UsageError(`--limit: "${raw}" is not a positive whole number`);
	return Number(raw);
}

export function parseSourceKind(raw: string): SourceKind {
	if ((SOURCE_KINDS as readonly string[]).includes(raw)) return raw as SourceKind;
	throw new UsageError(`--source: "${raw}" is not one of ${SOURCE_KINDS.join(', ')}`);
}

export function parseItemKind(raw: string): ItemKind {
	if ((ITEM_KINDS as readonly string[]).includes(raw)) return raw as ItemKind;
	throw new UsageError(`--kind: "${raw}" is not one of ${ITEM_KINDS.join(', ')}`);
}
