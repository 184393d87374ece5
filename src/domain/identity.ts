/**
 * Identities that must never change between versions: a configured source's key in the cache,
 * and the id of each item a source produces (read/star state and `list --json` ids hang on them).
 * Here, below every layer, because adapters derive item ids and the store keys rows by source.
 */
import {createHash} from 'node:crypto';
import type {SourceConfig} from './types.js';

/** Identity of a configured source in the cache: kind plus normalised target. */
export function sourceKey(source: SourceConfig): string {
	const target = source.kind === 'bluesky' ? source.target.trim().replace(/^@/, '').toLowerCase() : source.target.trim();
	return `${source.kind} ${target}`;
}

/** A short stable id for an item: the same source entry always gets the same id. */
export function itemId(key: string, naturalId: string): string {
	return createHash('sha256').update(`${key}\n${naturalId}`).digest('base64url').slice(0, 16);
}
