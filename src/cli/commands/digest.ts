import {buildDigest, digestMarkdown, isNewSince, lookbackStart} from '../../papers/digest.js';
import {paperMetaMany} from '../../store/paper-meta.js';
import {papersByIds} from '../../store/papers.js';
import type {Item} from '../../domain/types.js';
import type {Store} from '../../store/store.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {nowForFlags, parseWhen} from '../validate.js';

const DAY = 86_400_000;

export interface DigestOptions {
	since?: string;
	format?: string;
}

/** `7d`, `2w`, `12h` back from `now`, or a day `YYYY-MM-DD` (its first instant, UTC): the parser `list --since` shares. */
export function parseSince(raw: string, now: Date): Date {
	return parseWhen('--since', raw, () => now);
}

/**
 * The items isNewSince may accept: those dated from a day before `since` (a day's period reaches
 * into it), and before that only those dated to a month or a year (news of "March" reaching in),
 * instead of every item of the year before, read whole.
 */
export function digestCandidates(store: Store, since: Date, includeHidden: boolean): Item[] {
	const recentFrom = new Date(since.getTime() - 2 * DAY).toISOString();
	return [
		...store.listItems({since: recentFrom, includeHidden}, 0, Number.MAX_SAFE_INTEGER),
		...store.listItems({since: lookbackStart(since), precisions: ['month', 'year'], includeHidden}, 0, Number.MAX_SAFE_INTEGER).filter(i => i.date < recentFrom),
	];
}

/**
 * `digest [--since 7d|YYYY-MM-DD] [--format markdown|json]`. "Now" is the real time, or
 * RESEARCH_FEED_NOW when set (reproducible digests and tests).
 */
export function digestCommand(ctx: CliContext, options: DigestOptions): number {
	const format = options.format ?? 'markdown';
	if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format: "${format}" is not one of markdown, json`);
	const now = nowForFlags(ctx.io.env);
	const since = parseSince(options.since ?? '7d', now);
	if (since.getTime() > now.getTime()) throw new UsageError(`--since: ${options.since} is in the future`);
	const includeHidden = false;
	const items = digestCandidates(ctx.store, since, includeHidden);
	// Only the papers the digest's items mention (each with all its mentions, for "also shared by"),
	// not every paper of the cache with every mention.
	const ids = [...new Set(items.filter(i => isNewSince(i, since, now)).flatMap(i => i.papers.map(p => p.id)))];
	const papers = papersByIds(ctx.store.db, ids, {includeHidden});
	const meta = paperMetaMany(ctx.store.db, ids);
	const digest = buildDigest({since, until: now, items, papers, meta});
	ctx.io.stdout.write(format === 'json' ? `${JSON.stringify(digest, null, 2)}\n` : digestMarkdown(digest));
	return 0;
}
