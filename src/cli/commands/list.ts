import type {Item} from '../../domain/types.js';
import {cleanInline} from '../../parse/sanitize.js';
import type {ItemFilter} from '../../store/store.js';
import type {CliContext} from '../context.js';
import {statedDate} from '../../ui/format/dates.js';
import {UsageError} from '../errors.js';
import {formatTable} from '../table.js';
import {nowForFlags, parseItemKind, parseLimit, parseSourceKind, parseWhen} from '../validate.js';

export interface ListOptions {
	json?: boolean;
	researcher?: string;
	source?: string;
	kind?: string;
	since?: string;
	limit?: string;
	unread?: boolean;
	starred?: boolean;
	search?: string;
}

export function resolveResearcher(ctx: CliContext, name: string | undefined): string | undefined {
	if (name === undefined) return undefined;
	const researcher = ctx.config.findResearcher(name);
	if (!researcher) throw new UsageError(`--researcher: no researcher named "${name}" (see \`research-feed researchers\`)`);
	return researcher.name;
}

export async function listCommand(ctx: CliContext, options: ListOptions): Promise<number> {
	const filter: ItemFilter = {
		researcher: resolveResearcher(ctx, options.researcher),
		source: options.source === undefined ? undefined : parseSourceKind(options.source),
		kind: options.kind === undefined ? undefined : parseItemKind(options.kind),
		since: options.since === undefined ? undefined : parseWhen('--since', options.since, () => nowForFlags(ctx.io.env)).toISOString(),
		unread: options.unread,
		starred: options.starred,
		search: options.search,
		includeHidden: ctx.config.settings(ctx.io.env).showReplies,
	};
	if (options.json) {
		await streamJson(ctx, filter, options.limit === undefined ? Number.POSITIVE_INFINITY : parseLimit(options.limit));
		return 0;
	}
	const limit = options.limit === undefined ? 100 : parseLimit(options.limit);
	const items = ctx.store.listItems(filter, 0, limit);
	if (items.length === 0) {
		ctx.io.stdout.write(ctx.config.researchers().length === 0 ? 'No researchers yet: see `research-feed add --help`.\n' : 'No items. Run `research-feed refresh`.\n');
		return 0;
	}
	const width = ctx.io.stdout.isTTY ? (ctx.io.stdout.columns ?? 100) : 1000;
	ctx.io.stdout.write(formatTable(items.map(item => itemRow(item, width))));
	return 0;
}

/** Bytes gathered before a write: a few large writes, not one per item. */
const CHUNK = 1 << 20;

/**
 * `list --json`: the same pretty-printed array as JSON.stringify(items, null, 2), rendered by
 * SQLite item by item (store/item-json.ts) and written in chunks of about CHUNK bytes, waiting for
 * the reader when the pipe is full, so 300,000 items never sit in memory at once.
 */
async function streamJson(ctx: CliContext, filter: ItemFilter, limit: number): Promise<void> {
	const out = ctx.io.stdout;
	let parts: Buffer[] = [Buffer.from('[')];
	let size = 0;
	let first = true;
	for (const item of ctx.store.itemJsonRows(filter, limit)) {
		parts.push(first ? NEWLINE : COMMA_NEWLINE, item);
		first = false;
		size += item.length;
		if (size < CHUNK) continue;
		const more = out.write(Buffer.concat(parts));
		parts = [];
		size = 0;
		if (!more) await new Promise(resolve => out.once('drain', resolve));
	}
	parts.push(Buffer.from(first ? ']\n' : '\n]\n'));
	out.write(Buffer.concat(parts));
}

const NEWLINE = Buffer.from('\n');
const COMMA_NEWLINE = Buffer.from(',\n');

/** The contract's field order, without internal flags. */
export function toJson(item: Item): Omit<Item, 'hidden'> {
	return {
		id: item.id,
		researcher: item.researcher,
		source: item.source,
		kind: item.kind,
		date: item.date,
		datePrecision: item.datePrecision,
		title: item.title,
		text: item.text,
		url: item.url,
		posts: item.posts,
		links: item.links,
		papers: item.papers,
		read: item.read,
		starred: item.starred,
	};
}

export function itemRow(item: Item, width: number): string[] {
	const date = displayDate(item);
	const badge = item.papers.length > 0 ? `[${item.papers.length} paper${item.papers.length > 1 ? 's' : ''}]` : '';
	const line = cleanInline(item.title ?? item.text.split('\n')[0] ?? '');
	const fixed = [date, item.researcher, item.source, item.kind, badge];
	const room = Math.max(20, width - fixed.reduce((n, c) => n + c.length + 2, 0));
	return [...fixed.slice(0, 4), line.length > room ? `${line.slice(0, room - 1)}…` : line, badge];
}

/** `Jan 2024` for a month, `2024` for a year, else the day (`2024-01-17`). */
export function displayDate(item: Pick<Item, 'date' | 'datePrecision'>): string {
	return statedDate(item.date, item.datePrecision) ?? item.date.slice(0, 10);
}
