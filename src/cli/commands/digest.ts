import {nowFromEnv} from '../../papers/clock.js';
import {buildDigest, digestMarkdown, lookbackStart} from '../../papers/digest.js';
import {paperMetaMany} from '../../store/paper-meta.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {parseDateFlag} from '../validate.js';

export interface DigestOptions {
	since?: string;
	format?: string;
}

const UNIT_MS: Record<string, number> = {h: 3600_000, d: 86_400_000, w: 7 * 86_400_000};

/** `7d`, `2w`, `12h` back from `now`, or a day `YYYY-MM-DD` (its first instant, UTC). */
export function parseSince(raw: string, now: Date): Date {
	const relative = /^(\d{1,5})([hdw])$/i.exec(raw.trim());
	if (relative) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2]!.toLowerCase()]!);
	if (/^\d{4}-\d{2}-\d{2}$/.test(raw.trim())) return new Date(parseDateFlag('--since', raw));
	throw new UsageError(`--since: "${raw}" is neither a duration like 7d, 2w, 12h nor a date YYYY-MM-DD`);
}

/**
 * `digest [--since 7d|YYYY-MM-DD] [--format markdown|json]`. "Now" is the real time, or
 * RESEARCH_FEED_NOW when set (reproducible digests and tests).
 */
export function digestCommand(ctx: CliContext, options: DigestOptions): number {
	const format = options.format ?? 'markdown';
	if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format: "${format}" is not one of markdown, json`);
	let now: Date;
	try {
		now = nowFromEnv(ctx.io.env);
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const since = parseSince(options.since ?? '7d', now);
	if (since.getTime() > now.getTime()) throw new UsageError(`--since: ${options.since} is in the future`);
	const includeHidden = false;
	const items = ctx.store.listItems({since: lookbackStart(since), includeHidden}, 0, 1_000_000);
	const papers = ctx.store.papers();
	const meta = paperMetaMany(ctx.store.db, papers.map(p => p.id));
	const digest = buildDigest({since, until: now, items, papers, meta});
	ctx.io.stdout.write(format === 'json' ? `${JSON.stringify(digest, null, 2)}\n` : digestMarkdown(digest));
	return 0;
}
