/**
 * ORCID public API v3.0: a record's works (`GET {orcid}/{iD}/works`, `Accept: application/json`)
 * to works. Shape and traps: ../shared/reference/paper-sources.md §2 (OSMP, ORW).
 *
 * - One work per `group` (ORCID's own grouping of the summaries several sources sent); two groups
 *   that share an id are one work too (their ids merged, the first group's fields kept).
 * - Ids from `external-id-relationship: "self"` only (`version-of` names another version, `part-of`
 *   a container): `doi` (the normalised value when ORCID has one) and `arxiv` in every form users
 *   enter (`2401.01234`, `2401.01234v2`, `arXiv:2401.01234`, URLs); other types are ignored.
 * - The title, venue (`journal-title`) and date of the group's preferred summary: the one with the
 *   highest `display-index` (ORCID's "make preferred" raises a summary's display-index to the group's
 *   maximum: ORCID-Source `updateToMaxDisplay`, called by the registry's `updatePreferredSource`), the
 *   first among equals (all "0" when nobody chose); fields it lacks come from the other summaries.
 *   A `publication-date` with null month/day parts has month/year precision, a null one no date.
 * - Summaries carry no authors: `authors` is [].
 * Pure: no IO.
 */
import {arr, BibliographyParseError, dateFromParts, IdCollector, jsonInput, linkOf, MAX_WORKS, obj, str, titleText, valueOf, venueText} from './common.js';
import type {Json} from './common.js';
import type {BibWork} from './types.js';

interface GroupWork {
	ids: IdCollector;
	summary: Json | null;
	summaries: Json[];
	putCode: string | null;
}

function selfIds(externalIds: unknown, into: IdCollector): void {
	for (const raw of arr(obj(externalIds)?.['external-id'])) {
		const ext = obj(raw);
		if (ext === null) continue;
		const relationship = str(ext['external-id-relationship'])?.toLowerCase();
		// A missing relationship is read as `self` (older records); anything else names another work.
		if (relationship !== undefined && relationship !== 'self') continue;
		const type = str(ext['external-id-type'])?.toLowerCase();
		const value = str(valueOf(ext['external-id-normalized'])) ?? str(valueOf(ext['external-id-value']));
		if (type === 'doi') into.doi(value ?? str(valueOf(ext['external-id-url'])));
		else if (type === 'arxiv') into.arxiv(value ?? str(valueOf(ext['external-id-url'])));
	}
}

function displayIndex(summary: Json): number {
	const n = Number(str(summary['display-index']) ?? Number.NaN);
	return Number.isFinite(n) ? n : Number.NEGATIVE_INFINITY;
}

/** The group's preferred summary: the highest display-index, the first among equals. */
function preferred(summaries: readonly Json[]): Json | null {
	let best: Json | null = null;
	for (const s of summaries) if (best === null || displayIndex(s) > displayIndex(best)) best = s;
	return best;
}

function titleOf(summary: Json | null): string | null {
	const title = obj(summary?.['title']);
	return titleText(valueOf(title?.['title'])) ?? titleText(valueOf(obj(title?.['translated-title'])));
}

function groupWork(group: Json): GroupWork {
	const summaries = arr(group['work-summary'])
		.map(obj)
		.filter((s): s is Json => s !== null);
	const ids = new IdCollector();
	selfIds(group['external-ids'], ids);
	// The group's ids are the union of its summaries'; read them too when the group has none.
	if (ids.size === 0) for (const s of summaries) selfIds(s['external-ids'], ids);
	const first = summaries[0];
	return {ids, summary: preferred(summaries), summaries, putCode: first === undefined ? null : str(first['put-code'])};
}

function toWork(parts: readonly GroupWork[], index: number): BibWork | null {
	const ids = new IdCollector();
	for (const p of parts) ids.addAll(p.ids.ids());
	const main = parts[0]!;
	const all = parts.flatMap(p => (p.summary === null ? p.summaries : [p.summary, ...p.summaries.filter(s => s !== p.summary)]));
	const title = titleOf(main.summary) ?? all.map(titleOf).find(t => t !== null) ?? null;
	if (title === null) return null;
	const dated = [main.summary, ...all].find(s => obj(s?.['publication-date']) !== null) ?? null;
	const pd = obj(dated?.['publication-date']);
	const date = pd === null ? null : dateFromParts(pd['year'], pd['month'], pd['day']);
	const venue = venueText(valueOf(main.summary?.['journal-title'])) ?? all.map(s => venueText(valueOf(s['journal-title']))).find(v => v !== null) ?? null;
	const link = all.map(s => linkOf(valueOf(s['url']))).find(u => u !== null) ?? null;
	return {
		ids: ids.ids(),
		title,
		authors: [],
		venue,
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		url: ids.url0() ?? link,
		abstract: null,
		sourceKey: main.putCode ?? `orcid-group-${index}`,
	};
}

/** Index of the set `i` belongs to (union-find with path halving). */
function find(parent: number[], i: number): number {
	while (parent[i] !== i) {
		parent[i] = parent[parent[i]!]!;
		i = parent[i]!;
	}
	return i;
}

/**
 * An ORCID `/works` answer (parsed JSON or its text). Throws BibliographyParseError when the body
 * is not one (an XML answer, an error object, HTML).
 */
export function parseOrcidWorks(json: unknown): BibWork[] {
	const body = obj(jsonInput(json, 'an ORCID works answer'));
	if (body === null || !('group' in body || 'last-modified-date' in body || 'path' in body)) {
		const message = str(body?.['developer-message']) ?? str(body?.['user-message']);
		throw new BibliographyParseError(`not an ORCID works answer${message === null ? '' : ` (${message.slice(0, 120)})`}`);
	}
	const groups = arr(body['group'])
		.slice(0, MAX_WORKS * 2)
		.map(obj)
		.filter((g): g is Json => g !== null)
		.map(groupWork);
	// Groups that share an id are one work, even through a third group.
	const parent = groups.map((_, i) => i);
	const owner = new Map<string, number>();
	groups.forEach((g, i) => {
		for (const id of g.ids.ids()) {
			const j = owner.get(id);
			if (j === undefined) owner.set(id, i);
			else {
				const a = find(parent, i);
				const b = find(parent, j);
				if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
			}
		}
	});
	const sets = new Map<number, GroupWork[]>();
	groups.forEach((g, i) => {
		const root = find(parent, i);
		const set = sets.get(root);
		if (set === undefined) sets.set(root, [g]);
		else set.push(g);
	});
	const works: BibWork[] = [];
	for (const [root, parts] of sets) {
		if (works.length >= MAX_WORKS) break;
		const work = toWork(parts, root);
		if (work !== null) works.push(work);
	}
	return works;
}
