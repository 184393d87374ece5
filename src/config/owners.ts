/**
 * Who a source's items are filed under when several researchers follow it (the same feed URL, the
 * same Bluesky handle): the cache keeps one researcher per source and per item, so it is the first
 * of them in config.json's order, whoever refreshes. Without one owner, a shared source's items
 * moved to whichever researcher's refresh saved them last, and it was fetched once per follower.
 */
import {sourceKey} from '../domain/identity.js';
import type {ResearcherConfig} from '../domain/types.js';

/** Source key → the name of the first researcher (config order) who follows it. */
export function sourceOwners(researchers: readonly ResearcherConfig[]): Map<string, string> {
	const owners = new Map<string, string>();
	for (const r of researchers) for (const s of r.sources) if (!owners.has(sourceKey(s))) owners.set(sourceKey(s), r.name);
	return owners;
}

/**
 * What a refresh fetches: every source once, under its owner. `only` (a researcher's name, as
 * config.json spells it): just that researcher's sources, still filed under their owners.
 */
export function refreshJobs(researchers: readonly ResearcherConfig[], only?: string): ResearcherConfig[] {
	const owners = sourceOwners(researchers);
	const wanted = only === undefined ? undefined : new Set(researchers.filter(r => r.name === only).flatMap(r => r.sources.map(sourceKey)));
	const byOwner = new Map<string, ResearcherConfig>();
	const seen = new Set<string>();
	for (const r of researchers) {
		for (const source of r.sources) {
			const key = sourceKey(source);
			if (seen.has(key) || (wanted !== undefined && !wanted.has(key))) continue;
			seen.add(key);
			const owner = owners.get(key)!;
			let entry = byOwner.get(owner);
			if (entry === undefined) byOwner.set(owner, (entry = {name: owner, sources: []}));
			entry.sources.push(source);
		}
	}
	return [...byOwner.values()];
}
