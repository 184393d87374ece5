/**
 * `find NAME [--json]`: who NAME may be on DBLP and OpenAlex, so the user can pick the right
 * person and follow them. Nothing is added.
 *
 * - DBLP: the author search (`{dblp}/search/author/api?q=…&format=json&h=…`) names people by pid,
 *   each homonym ("Wei Liu 0001", "Wei Liu 0032") its own pid; its hits carry no paper counts or
 *   titles, so the person XML (`{dblp}/pid/PID.xml`) of each of the first MAX_CANDIDATES hits is
 *   read, a few at a time, for the record count and the newest titles. A disambiguation bin
 *   (papers of several people, flagged in the hit or in its person XML) is shown as such and never
 *   offered as someone to follow (it is left out of `--json`).
 * - OpenAlex: the author search (`{openalex}/authors?search=…`, with `api_key` when set) gives
 *   works counts and last known institutions; each candidate's newest titles come from one small
 *   `/works` request (`per_page=3`, newest first).
 * - Candidates whose name is the query's (words in any order, case and accents ignored) come
 *   before prefix matches ("Weiwei Liu" for "Wei Liu"); otherwise each service's own order is kept.
 *   DBLP's candidates come first: its person pages are curated, OpenAlex's are machine-clustered.
 * - A service that fails costs only its own candidates (one line on stderr); the command fails
 *   (exit 1, one line) only when neither answered. A failure while filling in counts or titles is
 *   one warning line and leaves those fields empty.
 *
 * Shapes: ../shared/reference/paper-sources.md §1 (dblp) and §3 (OpenAlex).
 */
import pLimit from 'p-limit';
import cliTruncate from 'cli-truncate';
import type {Settings} from '../../config/config.js';
import {sourceKey} from '../../domain/identity.js';
import type {SourceConfig} from '../../domain/types.js';
import {createHttpClient, describeStatus, HttpError, type HttpClient, type HttpLimits, type HttpResponse} from '../../net/http.js';
import {BibliographyParseError} from '../../parse/bibliography/common.js';
import {candidateFromPerson, parseDblpAuthorSearch, parseDblpPerson} from '../../parse/bibliography/dblp.js';
import {parseOpenAlexAuthors, parseOpenAlexError, parseOpenAlexWorks} from '../../parse/bibliography/openalex.js';
import type {AuthorCandidate} from '../../parse/bibliography/types.js';
import {cleanInline} from '../../parse/sanitize.js';
import {describeError, unreachableHost} from '../../refresh/errors.js';
import {limitsFromEnv} from '../../refresh/limits.js';
import {bodyText, joinUrl} from '../../sources/bibliography-request.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';

/** Candidates per service whose details are fetched (and shown). */
export const MAX_CANDIDATES = 10;
/** dblp hits asked for: more than shown, so exact names further down still make the cut. */
const DBLP_HITS = 30;
/** Person XMLs read at once (dblp blocks addresses that ask too fast). */
const DBLP_CONCURRENCY = 2;
/** OpenAlex works requests at once (it allows 100 a second). */
const OPENALEX_CONCURRENCY = 4;
const LATEST = 3;
const MAX_QUERY = 200;

/**
 * A person waits for an answer: fewer retries and shorter waits than a refresh. The hidden
 * `RESEARCH_FEED_HTTP_*` overrides still win.
 */
const FIND_LIMITS: Partial<HttpLimits> = {totalTimeoutMs: 20_000, retries: 1, maxRetryWaitMs: 10_000};

export interface FindOptions {
	json?: boolean;
}

/** A service's answer: who it offers, the disambiguation bins it has, and what went wrong on the way. */
export interface ServiceAnswer {
	service: 'dblp' | 'openalex';
	/** People one can follow, best first. */
	candidates: AuthorCandidate[];
	/** dblp disambiguation bins: papers of several people; never offered as someone to follow. */
	bins: AuthorCandidate[];
	/** Matches the service reported in all (more than shown when it is over MAX_CANDIDATES). */
	total: number;
	/** Details that could not be filled in (one line each). */
	warnings: string[];
}

/** A service that did not answer: its one line. */
class ServiceFailure extends Error {
	override name = 'ServiceFailure';
}

export async function findCommand(ctx: CliContext, words: string | string[], options: FindOptions): Promise<number> {
	const query = cleanInline(Array.isArray(words) ? words.join(' ') : words);
	if (query === '') throw new UsageError('find: NAME must not be empty');
	if (query.length > MAX_QUERY) throw new UsageError(`find: NAME is longer than ${MAX_QUERY} characters`);
	const http = createHttpClient({...FIND_LIMITS, ...limitsFromEnv(ctx.io.env).http});
	const settings = ctx.config.settings(ctx.io.env);

	const settled = await Promise.allSettled([findOnDblp(http, settings, query), findOnOpenAlex(http, settings, query)]);
	const answers: ServiceAnswer[] = [];
	const failures: string[] = [];
	for (const result of settled) {
		if (result.status === 'fulfilled') answers.push(result.value);
		else failures.push(describeError(result.reason));
	}
	const err = ctx.io.stderr;
	if (answers.length === 0) {
		const offline = settled.every(r => r.status === 'rejected' && unreachableHost(r.reason) !== undefined);
		err.write(`research-feed: find: neither DBLP nor OpenAlex answered (${failures.join('; ')})${offline ? '; offline?' : ''}\n`);
		return 1;
	}
	for (const line of failures) err.write(`research-feed: ${line}\n`);
	for (const answer of answers) for (const line of answer.warnings) err.write(`research-feed: ${line}\n`);

	const candidates = answers.flatMap(a => a.candidates);
	if (options.json) {
		const rows = candidates.map(c => ({service: c.service, name: c.name, affiliation: c.affiliation, papers: c.papers, latest: c.latest, add: c.add}));
		ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
		return 0;
	}
	ctx.io.stdout.write(renderHuman(ctx, query, answers));
	return 0;
}

// ---------------------------------------------------------------- ranking

/** Words of a name, for comparing: accents, case and punctuation off, in sorted order. */
function nameKey(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean)
		.sort()
		.join(' ');
}

/** Exact names first (word order, case and accents aside), the service's order otherwise. */
export function rankCandidates(candidates: readonly AuthorCandidate[], query: string): AuthorCandidate[] {
	const want = nameKey(query);
	return candidates
		.map((c, i) => ({c, i, tier: nameKey(c.name) === want ? 0 : 1}))
		.sort((a, b) => a.tier - b.tier || a.i - b.i)
		.map(x => x.c);
}

// ---------------------------------------------------------------- requests

function failureOf(service: string, error: unknown): ServiceFailure {
	if (error instanceof ServiceFailure) return error;
	// The cause stays: whether the host could not be reached at all decides "offline?".
	return new ServiceFailure(`${service}: ${describeError(error)}`, {cause: error});
}

/** A non-2xx answer in one line (never the body: dblp's 429 is an HTML page). */
function statusLine(what: string, status: number): string {
	const hint = status === 429 ? ' (dblp limits how often one address may ask; try again in a few minutes)' : '';
	return `${what}: ${describeStatus(status)}${hint}`;
}

/** Runs `task` over `items`, `concurrency` at a time; after the first failure that means "stop asking" (429, 403), the rest are not asked. */
async function eachBounded<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<Array<{item: T; error: unknown}>> {
	const limit = pLimit(concurrency);
	const failed: Array<{item: T; error: unknown}> = [];
	let stop: unknown;
	await Promise.all(
		items.map(item =>
			limit(async () => {
				if (stop !== undefined) {
					failed.push({item, error: stop});
					return;
				}
				try {
					await task(item);
				} catch (error) {
					failed.push({item, error});
					const status = error instanceof HttpError ? error.status : undefined;
					if (status === 429 || status === 403 || (error instanceof HttpError && error.unreachable)) stop ??= error;
				}
			}),
		),
	);
	return failed;
}

// ---------------------------------------------------------------- DBLP

export async function findOnDblp(http: HttpClient, settings: Settings, query: string): Promise<ServiceAnswer> {
	let hits: AuthorCandidate[];
	let total: number;
	try {
		const params = new URLSearchParams({q: query, format: 'json', h: String(DBLP_HITS)});
		const response = await http.get({url: `${joinUrl(settings.dblpApi, 'search/author/api')}?${params.toString()}`, headers: {accept: 'application/json'}});
		if (response.status < 200 || response.status >= 300) throw new ServiceFailure(statusLine('DBLP author search', response.status));
		const search = parseDblpAuthorSearch(bodyText(response));
		hits = rankCandidates(search.candidates, query).slice(0, MAX_CANDIDATES);
		total = Math.max(search.total, search.candidates.length);
	} catch (error) {
		if (error instanceof BibliographyParseError) throw new ServiceFailure(`DBLP author search: ${error.message}`);
		throw failureOf('DBLP author search', error);
	}

	// Each hit's person XML, for its paper count and newest titles. A hit already flagged as a
	// disambiguation bin is not read (a bin's page can hold thousands of records).
	const details = new Map<string, AuthorCandidate>();
	const toRead = hits.filter(h => !h.disambiguation);
	const failed = await eachBounded(toRead, DBLP_CONCURRENCY, async hit => {
		const pid = hit.add[1];
		const response = await http.get({url: joinUrl(settings.dblpApi, `pid/${encodeURI(pid)}.xml`), headers: {accept: 'application/xml, text/xml;q=0.9'}});
		if (response.status < 200 || response.status >= 300) throw new HttpError(statusLine(`DBLP person ${pid}`, response.status), {status: response.status});
		details.set(pid, candidateFromPerson(parseDblpPerson(bodyText(response)), LATEST));
	});

	const people: AuthorCandidate[] = [];
	const bins: AuthorCandidate[] = [];
	for (const hit of hits) {
		const person = details.get(hit.add[1]);
		const merged: AuthorCandidate = person
			? {...person, name: person.name || hit.name, affiliation: person.affiliation ?? hit.affiliation, disambiguation: hit.disambiguation === true || person.disambiguation === true}
			: hit;
		(merged.disambiguation ? bins : people).push(merged);
	}
	const warnings: string[] = [];
	if (failed.length > 0) {
		warnings.push(`DBLP: ${failed.length} of ${toRead.length} person pages could not be read (${describeError(failed[0]!.error)}); their paper counts and titles are missing`);
	}
	return {service: 'dblp', candidates: people, bins, total, warnings};
}

// ---------------------------------------------------------------- OpenAlex

/** An OpenAlex refusal, already in one line naming OpenAlex (and `openalex.apiKey` when keyless). */
class OpenAlexRefusal extends HttpError {
	override name = 'OpenAlexRefusal';
}

async function openAlexGet(http: HttpClient, settings: Settings, path: string, params: URLSearchParams): Promise<HttpResponse> {
	const keyed = settings.openalexKey !== null;
	if (settings.openalexKey) params.set('api_key', settings.openalexKey);
	let response: HttpResponse;
	try {
		response = await http.get({url: `${joinUrl(settings.openalexApi, path)}?${params.toString()}`, headers: {accept: 'application/json'}});
	} catch (error) {
		// A 429/403 whose Retry-After is too long to wait for fails in the client: still OpenAlex's budget.
		if (error instanceof HttpError && (error.status === 429 || error.status === 403)) {
			throw new OpenAlexRefusal(parseOpenAlexError(error.status, null, keyed), {status: error.status});
		}
		throw error;
	}
	if (response.status < 200 || response.status >= 300) {
		throw new OpenAlexRefusal(parseOpenAlexError(response.status, bodyText(response), keyed), {status: response.status});
	}
	return response;
}

/** `meta.count` of an OpenAlex list answer already parsed once (so it is JSON). */
function metaCount(text: string): number | null {
	const meta = (JSON.parse(text) as {meta?: {count?: unknown}} | null)?.meta;
	return typeof meta?.count === 'number' && Number.isSafeInteger(meta.count) ? meta.count : null;
}

export async function findOnOpenAlex(http: HttpClient, settings: Settings, query: string): Promise<ServiceAnswer> {
	let candidates: AuthorCandidate[];
	let total: number;
	try {
		const response = await openAlexGet(http, settings, 'authors', new URLSearchParams({search: query, per_page: String(MAX_CANDIDATES)}));
		const text = bodyText(response);
		const found = parseOpenAlexAuthors(text);
		candidates = rankCandidates(found, query).slice(0, MAX_CANDIDATES);
		total = Math.max(metaCount(text) ?? 0, found.length);
	} catch (error) {
		// parseOpenAlexError's lines name OpenAlex themselves.
		if (error instanceof OpenAlexRefusal) throw new ServiceFailure(error.message);
		if (error instanceof BibliographyParseError) throw new ServiceFailure(`OpenAlex author search: ${error.message}`);
		throw failureOf('OpenAlex author search', error);
	}

	// The newest titles of each candidate: one small works request each.
	const toRead = candidates.filter(c => c.papers !== 0);
	const failed = await eachBounded(toRead, OPENALEX_CONCURRENCY, async candidate => {
		const params = new URLSearchParams({
			filter: `authorships.author.id:${candidate.add[1]}`,
			sort: 'publication_date:desc',
			per_page: String(LATEST),
			select: 'id,title,display_name,publication_date,publication_year',
		});
		const works = parseOpenAlexWorks(bodyText(await openAlexGet(http, settings, 'works', params))).works;
		// Newest first whatever order came back (undated last).
		const dated = works.map((w, i) => ({w, i, t: w.date === null ? Number.NEGATIVE_INFINITY : Date.parse(w.date)}));
		candidate.latest = dated
			.sort((a, b) => b.t - a.t || a.i - b.i)
			.slice(0, LATEST)
			.map(x => x.w.title);
	});
	const warnings: string[] = [];
	if (failed.length > 0) {
		const first = failed[0]!.error;
		const reason = first instanceof OpenAlexRefusal ? first.message : `OpenAlex: ${describeError(first)}`;
		warnings.push(`${reason} — latest titles missing for ${failed.length} of ${toRead.length} candidates`);
	}
	return {service: 'openalex', candidates, bins: [], total, warnings};
}

// ---------------------------------------------------------------- human output

const SERVICE_LABEL = {dblp: 'DBLP', openalex: 'OpenAlex'} as const;

/** NAME quoted for a POSIX shell: double quotes unless it holds what they would expand. */
function shellQuote(s: string): string {
	if (!/[$`\\!"]/.test(s)) return `"${s}"`;
	return `'${s.replace(/'/g, `'\\''`)}'`;
}

function renderHuman(ctx: CliContext, query: string, answers: readonly ServiceAnswer[]): string {
	const researchers = ctx.config.researchers();
	const followedBy = new Map<string, string>();
	for (const r of researchers) for (const s of r.sources) followedBy.set(sourceKey(s), r.name);
	const stdout = ctx.io.stdout;
	const width = stdout.isTTY && stdout.columns ? stdout.columns : Number.POSITIVE_INFINITY;
	const fit = (line: string): string => (Number.isFinite(width) ? cliTruncate(line, Math.max(20, width)) : line);
	const field = (label: string, value: string): string => fit(`  ${label.padEnd(12)} ${value}`);

	const blocks: string[] = [];
	for (const answer of answers) {
		for (const c of answer.candidates) {
			const [flag, id] = c.add;
			const source: SourceConfig = {kind: c.service, target: id};
			const lines = [fit(`${c.name} · ${SERVICE_LABEL[c.service]} ${id}`)];
			lines.push(field('affiliation', c.affiliation ?? '(not known)'));
			lines.push(field('papers', c.papers === null ? '(not known)' : String(c.papers)));
			c.latest.forEach((title, i) => lines.push(field(i === 0 ? 'latest' : '', title)));
			const follower = followedBy.get(sourceKey(source));
			if (follower !== undefined) lines.push(field('followed', `already, as ${follower}`));
			else {
				// Add to the researcher already configured under this name, if any.
				const name = ctx.config.findResearcher(c.name)?.name ?? c.name;
				lines.push(field('follow', `research-feed add ${shellQuote(name)} ${flag} ${id}`));
			}
			blocks.push(lines.join('\n'));
		}
		for (const bin of answer.bins) {
			const papers = bin.papers === null ? 'papers' : `${bin.papers} paper${bin.papers === 1 ? '' : 's'}`;
			blocks.push(
				[
					fit(`${bin.name} · ${SERVICE_LABEL[bin.service]} ${bin.add[1]} · disambiguation page`),
					fit(`  not one person: dblp's page for ${papers} by several people named ${bin.name} it has not told apart; not offered to follow`),
				].join('\n'),
			);
		}
	}
	const notes: string[] = [];
	for (const answer of answers) {
		const shown = answer.candidates.length + answer.bins.length;
		if (answer.total > shown) notes.push(`${SERVICE_LABEL[answer.service]} has ${answer.total} matches for "${query}"; the ${shown} closest are shown (a fuller name narrows it).`);
	}
	if (blocks.length === 0) {
		const where = answers.map(a => SERVICE_LABEL[a.service]).join(' or ');
		return `No one named "${query}" on ${where}.\n`;
	}
	return `${blocks.join('\n\n')}\n${notes.length > 0 ? `\n${notes.join('\n')}\n` : ''}`;
}
