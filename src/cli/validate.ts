import {ITEM_KINDS, type BibliographyKind, type ItemKind, SOURCE_KINDS, type SourceKind} from '../domain/types.js';
import {nowFromEnv} from '../papers/clock.js';
import {bibliographyTarget, orcidProblem} from '../parse/bibliography/ids.js';
import {UsageError} from './errors.js';

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;
/** A profile link as people copy it: `https://bsky.app/profile/HANDLE` (or `/profile/did:plc:…`), scheme optional. */
const PROFILE_URL = /^(?:https?:\/\/)?(?:www\.)?bsky\.app\/profile\/([^/?#\s]+)\/?(?:[?#].*)?$/i;

/** A Bluesky handle (leading @ allowed), DID or profile URL (bsky.app/profile/…), as a handle or DID, normalised. */
export function parseBlueskyTarget(raw: string): string {
	const trimmed = raw.trim();
	const profile = PROFILE_URL.exec(trimmed);
	const value = (profile ? decodeURIComponent(profile[1]!) : trimmed).replace(/^@/, '');
	if (DID.test(value)) return value;
	if (HANDLE.test(value)) return value.toLowerCase();
	const what = profile ? `a profile URL naming a handle or DID (it names "${value}")` : 'a Bluesky handle (like name.bsky.social), DID (did:plc:…) or profile URL (https://bsky.app/profile/…)';
	throw new UsageError(`--bluesky: "${raw}" is not ${what}`);
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

/** "Now" for relative dates: RESEARCH_FEED_NOW when set (a bad value is a usage error), else the clock. */
export function nowForFlags(env: NodeJS.ProcessEnv): Date {
	try {
		return nowFromEnv(env);
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
}

const UNIT_MS: Record<string, number> = {h: 3600_000, d: 86_400_000, w: 7 * 86_400_000};

/**
 * A point in time as `list --since`, `digest --since` and `mark-read --before` take it: a duration
 * back from `now` (`12h`, `7d`, `2w`) or a day `YYYY-MM-DD` (its first instant, UTC). `now` is
 * asked only for a duration.
 */
export function parseWhen(flag: string, raw: string, now: () => Date): Date {
	const relative = /^(\d{1,5})([hdw])$/i.exec(raw.trim());
	if (relative) return new Date(now().getTime() - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
	if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return new Date(parseDateFlag(flag, raw));
	throw new UsageError(`${flag}: "${raw}" is neither a duration like 12h, 7d, 2w nor a date YYYY-MM-DD`);
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

const BIBLIOGRAPHY_FLAG: Record<BibliographyKind, string> = {dblp: '--dblp', orcid: '--orcid', openalex: '--openalex', arxiv: '--arxiv-author'};
const BIBLIOGRAPHY_FORMS: Record<BibliographyKind, string> = {
	dblp: 'a DBLP pid such as 95/7448-1 or a dblp.org/pid/… URL',
	orcid: 'an ORCID iD such as 0000-0002-1825-0097 or an orcid.org URL',
	openalex: 'an OpenAlex author id such as A5023888391 or an openalex.org URL',
	arxiv: 'an arXiv author id such as warner_s_1, an ORCID iD, or an arxiv.org/a/… URL',
};

/** A bibliography source's target from an id or URL, or a one-line usage error naming the flag. */
export function parseBibliographyTarget(kind: BibliographyKind, raw: string): string {
	const flag = BIBLIOGRAPHY_FLAG[kind];
	if (kind === 'orcid' || (kind === 'arxiv' && /^\D*\d{4}-\d{4}-\d{4}-\d{3}[\dX]/i.test(raw.replace(/^.*orcid\.org\//i, '')))) {
		const problem = orcidProblem(raw.replace(/^.*arxiv\.org\/a\//i, '').replace(/\.(?:atom2?|html|json)$/i, ''));
		if (problem !== null) throw new UsageError(`${flag}: "${raw}" is not a valid ORCID iD (${problem})`);
	}
	const target = bibliographyTarget(kind, raw.trim());
	if (target === undefined) throw new UsageError(`${flag}: "${raw}" is not ${BIBLIOGRAPHY_FORMS[kind]}`);
	return target;
}
