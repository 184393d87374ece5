import {markItemsRead} from '../../store/mark-read.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {nowForFlags, parseSourceKind, parseWhen} from '../validate.js';
import {resolveResearcher} from './list.js';

export interface MarkReadOptions {
	researcher?: string;
	source?: string;
	before?: string;
	all?: boolean;
}

/**
 * `mark-read [--researcher NAME] [--source SOURCE] (--before YYYY-MM-DD|7d | --all)`: the items
 * `list` would show with those filters (dated before the point in time, or all of them) become
 * read, in one transaction of one statement whatever their number.
 */
export function markReadCommand(ctx: CliContext, options: MarkReadOptions): number {
	const researcher = resolveResearcher(ctx, options.researcher);
	const source = options.source === undefined ? undefined : parseSourceKind(options.source);
	if (options.all && options.before !== undefined) throw new UsageError('mark-read: give --before or --all, not both');
	if (!options.all && options.before === undefined) throw new UsageError('mark-read: say which items: --before YYYY-MM-DD|7d (dated before then) or --all');
	const now = nowForFlags(ctx.io.env);
	const before = options.before === undefined ? undefined : parseWhen('--before', options.before, () => now).toISOString();
	const includeHidden = ctx.config.settings(ctx.io.env).showReplies;
	const marked = ctx.store.transaction(() => markItemsRead(ctx.store.db, {researcher, source, before, includeHidden}, now.toISOString()));
	const scope = [researcher ? `of ${researcher}` : '', source ? `from ${source}` : '', before ? `dated before ${before.slice(0, 16).replace('T', ' ')} UTC` : ''].filter(Boolean).join(' ');
	ctx.io.stdout.write(marked === 0 ? `No unread items${scope ? ` ${scope}` : ''}; nothing changed.\n` : `Marked ${marked} item(s)${scope ? ` ${scope}` : ''} read.\n`);
	return 0;
}
