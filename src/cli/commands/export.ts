import type {ResearcherConfig} from '../../domain/types.js';
import {nowFromEnv} from '../../papers/clock.js';
import {formatOpml} from '../../parse/opml.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';

/** Marks our JSON export; `import` also accepts a bare array of researchers (e.g. `researchers --json`). */
export const EXCHANGE_FORMAT = 'research-feed/researchers';
export const EXCHANGE_VERSION = 1;

export interface ExchangeJson {
	format: typeof EXCHANGE_FORMAT;
	version: typeof EXCHANGE_VERSION;
	exportedAt: string;
	researchers: ResearcherConfig[];
}

export function formatExchangeJson(researchers: readonly ResearcherConfig[], now: Date): string {
	const doc: ExchangeJson = {
		format: EXCHANGE_FORMAT,
		version: EXCHANGE_VERSION,
		exportedAt: now.toISOString(),
		researchers: researchers.map(r => ({name: r.name, sources: r.sources.map(s => ({kind: s.kind, target: s.target}))})),
	};
	return `${JSON.stringify(doc, null, 2)}\n`;
}

/** `export [--format opml|json]`: every researcher and source, to stdout. */
export function exportCommand(ctx: CliContext, options: {format?: string}): number {
	const format = options.format ?? 'opml';
	if (format !== 'opml' && format !== 'json') throw new UsageError(`--format: "${format}" is not one of opml, json`);
	let now: Date;
	try {
		now = nowFromEnv(ctx.io.env);
	} catch (error) {
		throw new UsageError(error instanceof Error ? error.message : String(error));
	}
	const researchers = ctx.config.researchers();
	ctx.io.stdout.write(format === 'json' ? formatExchangeJson(researchers, now) : formatOpml(researchers, {now}));
	return 0;
}
