import {readFileSync, statSync} from 'node:fs';
import type {ResearcherConfig, SourceConfig, SourceKind} from '../../domain/types.js';
import {blueskyTarget, OpmlError, parseOpml} from '../../parse/opml.js';
import {cleanInline} from '../../parse/sanitize.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {EXCHANGE_FORMAT} from './export.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** A problem with the file as a whole: reported as `import: FILE: reason`, nothing written. */
class BadFile extends Error {}

function httpTarget(raw: string): string | undefined {
	try {
		const url = new URL(raw.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? raw.trim() : undefined;
	} catch {
		return undefined;
	}
}

/** Our JSON export, or a bare array of researchers (`researchers --json` output works too). */
export function parseExchangeJson(text: string): ResearcherConfig[] {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch (error) {
		throw new BadFile(`not valid JSON (${error instanceof Error ? cleanInline(error.message) : 'unreadable'})`);
	}
	let list: unknown;
	if (Array.isArray(doc)) list = doc;
	else if (doc !== null && typeof doc === 'object' && Array.isArray((doc as {researchers?: unknown}).researchers)) {
		const format = (doc as {format?: unknown}).format;
		if (format !== undefined && format !== EXCHANGE_FORMAT) throw new BadFile(`unknown JSON format "${cleanInline(typeof format === 'string' ? format : JSON.stringify(format))}"`);
		list = (doc as {researchers: unknown[]}).researchers;
	} else throw new BadFile('JSON without a "researchers" list (expected a research-feed export)');
	return (list as unknown[]).map((raw, i) => {
		const where = `researchers[${i}]`;
		const r = raw as {name?: unknown; sources?: unknown} | null;
		if (r === null || typeof r !== 'object') throw new BadFile(`${where} is not an object`);
		if (typeof r.name !== 'string' || cleanInline(r.name) === '') throw new BadFile(`${where}.name must be a non-empty string`);
		const sources = r.sources === undefined ? [] : r.sources;
		if (!Array.isArray(sources)) throw new BadFile(`${where}.sources must be a list`);
		return {
			name: cleanInline(r.name),
			sources: sources.map((s: unknown, j) => {
				const at = `${where}.sources[${j}]`;
				const src = s as {kind?: unknown; target?: unknown} | null;
				if (src === null || typeof src !== 'object' || typeof src.target !== 'string') throw new BadFile(`${at} needs a kind and a target`);
				const kind = src.kind as SourceKind;
				if (kind === 'bluesky') {
					const target = blueskyTarget(src.target);
					if (!target) throw new BadFile(`${at}.target: "${cleanInline(src.target)}" is not a Bluesky handle or DID`);
					return {kind, target};
				}
				if (kind === 'homepage' || kind === 'feed') {
					const target = httpTarget(src.target);
					if (!target) throw new BadFile(`${at}.target: "${cleanInline(src.target)}" is not an http(s) URL`);
					return {kind, target};
				}
				throw new BadFile(`${at}.kind must be bluesky, homepage or feed`);
			}),
		};
	});
}

function sourceKeyOf(s: SourceConfig): string {
	return `${s.kind} ${s.target.trim().toLowerCase().replace(/\/+$/, '')}`;
}

export interface ImportSummary {
	researchersAdded: number;
	sourcesAdded: number;
	alreadyPresent: number;
}

/**
 * Merges researchers into the config: a source already configured (for anyone) is not added
 * again, so importing the same file twice adds nothing the second time. Researchers match by
 * name, case-insensitively.
 */
export function mergeResearchers(ctx: CliContext, incoming: readonly ResearcherConfig[]): ImportSummary {
	const existing = ctx.config.researchers();
	const known = new Set(existing.flatMap(r => r.sources.map(sourceKeyOf)));
	const names = new Set(existing.map(r => r.name.toLowerCase()));
	const summary: ImportSummary = {researchersAdded: 0, sourcesAdded: 0, alreadyPresent: 0};
	const batch: Array<{name: string; sources: SourceConfig[]}> = [];
	for (const r of incoming) {
		const fresh = r.sources.filter(s => {
			const key = sourceKeyOf(s);
			if (known.has(key)) {
				summary.alreadyPresent++;
				return false;
			}
			known.add(key);
			return true;
		});
		const exists = names.has(r.name.toLowerCase());
		// A researcher whose every source is already someone's is not created again under another name.
		if (fresh.length === 0 && (exists || r.sources.length > 0)) continue;
		batch.push({name: r.name, sources: fresh});
		names.add(r.name.toLowerCase());
	}
	// One write of config.json for the whole file.
	for (const {created, added} of ctx.config.addResearchers(batch)) {
		if (created) summary.researchersAdded++;
		summary.sourcesAdded += added.length;
	}
	return summary;
}

function readImportFile(file: string): string {
	let size: number;
	try {
		const st = statSync(file);
		if (!st.isFile()) throw new BadFile('not a file');
		size = st.size;
	} catch (error) {
		if (error instanceof BadFile) throw error;
		const code = (error as {code?: string}).code;
		throw new BadFile(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : 'cannot be read');
	}
	if (size > MAX_FILE_BYTES) throw new BadFile(`too large (${Math.round(size / 1024 / 1024)} MB; limit 10 MB)`);
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		throw new BadFile('cannot be read');
	}
	return text.replace(/^\uFEFF/, '');
}

/** `import FILE`: OPML (ours or any feed reader's) or our JSON export. */
export async function importCommand(ctx: CliContext, file: string): Promise<number> {
	let researchers: ResearcherConfig[];
	let skipped: string[] = [];
	try {
		const text = readImportFile(file);
		const start = text.trimStart()[0];
		if (start === '<') {
			const parsed = await parseOpml(text);
			researchers = parsed.researchers;
			skipped = parsed.skipped;
		} else if (start === '{' || start === '[') {
			researchers = parseExchangeJson(text);
		} else {
			throw new BadFile('neither OPML nor a research-feed JSON export');
		}
	} catch (error) {
		if (error instanceof BadFile || error instanceof OpmlError) throw new UsageError(`import: ${file}: ${error.message}`);
		throw error;
	}
	const summary = mergeResearchers(ctx, researchers);
	for (const line of skipped) ctx.io.stderr.write(`research-feed: import: ${file}: skipped ${line}\n`);
	const parts = [`${summary.researchersAdded} researcher(s) and ${summary.sourcesAdded} source(s) added`];
	if (summary.alreadyPresent > 0) parts.push(`${summary.alreadyPresent} source(s) already present`);
	if (skipped.length > 0) parts.push(`${skipped.length} outline(s) skipped`);
	ctx.io.stdout.write(`Imported ${file}: ${parts.join(', ')}.\n`);
	return 0;
}
