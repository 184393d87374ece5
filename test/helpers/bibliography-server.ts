/**
 * Loopback stand-ins for the bibliography and paper-metadata services, built on
 * `loopback-server.ts`: one server (own port, so own "host" for the client's per-host rate-limit
 * holds) per service, serving the endpoints research-feed calls from in-memory data the test sets:
 *
 * - dblp (`bases.dblp`): `GET /pid/{pid}.xml` (the person XML as given; `.html` a stub page;
 *   unknown pid: 404 HTML) and `GET /search/author/api?q=&format=json&h=&f=` (dblp's matching rule:
 *   every query word is a prefix of a name word, accents and case ignored, `word$` exact; the
 *   JSON converted from XML, so one hit is an object, counts are strings; `format=xml` by default).
 * - ORCID (`bases.orcid`, like `https://pub.orcid.org/v3.0`): `GET /{iD}/works` — JSON only with
 *   `Accept: application/json`; `application/vnd.orcid+xml`, `application/xml`, `*∕*` or no Accept
 *   get an XML stub; any other Accept 406; unknown iD 404 with ORCID's JSON error body.
 * - OpenAlex (`bases.openalex`): `GET /works?filter=authorships.author.id:A1|A2,from_publication_date:…
 *   &per_page=&cursor=|page=&select=&api_key=` with real filter parsing (`author.id` alias, ids as
 *   `A…` or URLs, `|` OR up to 100 values, `,` AND, `to_publication_date`), cursor paging (`*` first,
 *   `next_cursor` on every non-empty page, then an empty page with `next_cursor: null`), page paging
 *   (page × per_page ≤ 10 000), 400 JSON for bad filters/params; `GET /authors?search=`. Keys: see
 *   `openalex` policy (unknown key 401 [U], keyless budget then 429 "daily limit" or 403 "slow down").
 * - arXiv (`bases.arxiv`, like `https://arxiv.org`): `GET /a/{id}.atom2` / `.atom` (the listing as
 *   given); unknown id: 400 HTML "Author … not found" (ABR), for `.json` an empty 404 (ABR).
 * - Semantic Scholar (`bases.s2`, like `…/graph/v1`): `POST /paper/batch?fields=…` with
 *   `{"ids": [...]}`: an array aligned with the ids, `null` for unknown ones, only `paperId` and the
 *   asked-for fields (missing ones `null`; no `fields`: `paperId`, `title`); over 500 ids, a body
 *   without `ids` or an unknown field: 400 JSON [U messages]; `x-api-key` checked against `s2Keys`.
 * - Crossref (`bases.crossref`): `GET /works/{DOI}` (slashes unescaped, any case): the work
 *   envelope; unknown DOI: 404 `text/plain` "Resource not found." (HAB).
 *
 * Knobs: `inject(service, answer, times)` answers the next requests to a service as given;
 * `rateLimit(service, retryAfter, times)` answers 429 with `Retry-After` and the service's own
 * body (dblp and Crossref: HTML; OpenAlex, S2: JSON); `conditional[service]` turns on ETag /
 * If-None-Match → 304 for a service's GET answers. Which real services do that is not verified:
 * arXiv's listing code (ABR author.py) returns the feed without validators (arXiv's `/abs` pages
 * have ETags, not this endpoint); dblp, ORCID, OpenAlex and Crossref are unverified [U]; S2's batch
 * is a POST. So every service starts with it off; a test that wants 304s turns it on.
 * Every request is recorded (`requests(service)`, `count(service)`).
 *
 * Data is served as given (not validated), so tests can serve broken bodies on purpose.
 */
import {createHash} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {sendJson, sendText, startServer} from './loopback-server.js';
import type {HeaderMap, LoopbackServer, RecordedRequest} from './loopback-server.js';

export type BibService = 'dblp' | 'orcid' | 'openalex' | 'arxiv' | 's2' | 'crossref';
export const BIB_SERVICES: readonly BibService[] = ['dblp', 'orcid', 'openalex', 'arxiv', 's2', 'crossref'];

/** One person the dblp author search knows. */
export interface DblpAuthorEntry {
	/** As dblp writes it, homonym number included ("Lena Okafor 0001"). */
	author: string;
	pid: string;
	affiliation?: string;
	aliases?: string[];
	/** A disambiguation page (noted as such in the hit). */
	disambiguation?: boolean;
}

export interface BibliographyData {
	/** dblp pid → person XML. */
	dblpPersons: Record<string, string>;
	dblpAuthors: DblpAuthorEntry[];
	/** ORCID iD → `/works` JSON. */
	orcidWorks: Record<string, unknown>;
	/** OpenAlex work objects (filtered and paged by the server, in this order). */
	openalexWorks: Array<Record<string, unknown>>;
	/** OpenAlex author objects (for `/authors?search=`). */
	openalexAuthors: Array<Record<string, unknown>>;
	/** arXiv author id or ORCID iD → `.atom2` listing XML. */
	arxivListings: Record<string, string>;
	/** arXiv author id or ORCID iD → `.atom` listing XML (falls back to the `.atom2` one). */
	arxivAtomListings: Record<string, string>;
	/** S2 id (`ARXIV:…`, `DOI:…`, `ACL:…`, `CorpusId:…`; prefix and DOI case ignored) → paper object. */
	s2Papers: Record<string, unknown>;
	/** DOI (any case) → Crossref `message` object. */
	crossrefWorks: Record<string, unknown>;
}

export interface InjectedAnswer {
	status: number;
	/** Object → JSON; string → as is with `contentType` (default text/plain). Omitted → empty. */
	body?: unknown;
	contentType?: string;
	headers?: HeaderMap;
}

export interface OpenAlexPolicy {
	/** `api_key` values accepted; any other key gets 401 [U: the real answer to a bad key is unverified]. */
	keys: string[];
	/** Requests without a key answered before the keyless budget is spent (default: unlimited). */
	keylessBudget: number;
	/** The answer once it is spent: 429 "daily limit" (default) or 403 "slow down". */
	keylessExhausted: 429 | 403;
	/** Requests with a valid key answered before its daily budget is spent (then 429). Default unlimited. */
	keyedBudget: number;
	/** Answer this many next requests 403 "Rate limit exceeded; slow down" (per-second limit). */
	slowDownNext: number;
	/** Largest `per_page` accepted (current docs: 100; older docs: 200). */
	maxPerPage: number;
}

export interface BibliographyServer {
	/** Base URLs as the config takes them (`dblp.api`, `orcid.api`, …), no trailing slash. */
	bases: Record<BibService, string>;
	servers: Record<BibService, LoopbackServer>;
	/** The served data (live: tests may change it between requests). */
	data: BibliographyData;
	/** Replace the given parts of the data. */
	set(data: Partial<BibliographyData>): void;
	openalex: OpenAlexPolicy;
	/** S2 keys accepted in `x-api-key` (empty: any key or none). */
	s2Keys: string[];
	/** ETag / If-None-Match → 304 per service (all off by default, see the file comment). */
	conditional: Record<BibService, boolean>;
	/** Answer the next `times` requests to `service` with `answer`. */
	inject(service: BibService, answer: InjectedAnswer, times?: number): void;
	/** Answer the next `times` requests to `service` with 429, `Retry-After`, and the service's own body. */
	rateLimit(service: BibService, retryAfter: number | string, times?: number): void;
	/** Requests recorded so far (one service, or all, oldest first per service). */
	requests(service?: BibService): RecordedRequest[];
	count(service: BibService, pathPrefix?: string): number;
	/** Forget recorded requests, injections, and spent budgets. */
	reset(): void;
	close(): Promise<void>;
}

// ---------------------------------------------------------------- helpers

function etagOf(body: string): string {
	return `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

/** Fold for matching: lower case, accents off. */
function fold(s: string): string {
	return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function readBody(req: IncomingMessage, limit = 20 * 1024 * 1024): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				reject(new Error('body too large'));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function sendAnswer(res: ServerResponse, answer: InjectedAnswer): void {
	if (answer.body === undefined) {
		res.writeHead(answer.status, {'content-length': 0, ...answer.headers});
		res.end();
	} else if (typeof answer.body === 'string') {
		sendText(res, answer.status, answer.body, answer.contentType ?? 'text/plain; charset=utf-8', answer.headers);
	} else {
		sendJson(res, answer.status, answer.body, answer.headers);
	}
}

function escapeXml(s: string): string {
	return s.replace(/[<>&"]/g, c => ({'<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;'})[c]!);
}

/** The 429 body each service sends (paper-sources.md: dblp and Crossref HTML, OpenAlex and S2 JSON). */
function rateLimitBody(service: BibService): {body: unknown; contentType?: string} {
	switch (service) {
		case 'dblp':
			return {
				body: '<!DOCTYPE html><html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1><p>The vast number of requests from your side has led to a temporary block.</p></body></html>',
				contentType: 'text/html; charset=utf-8',
			};
		case 'crossref':
			return {body: '<html><body>You have sent too many requests in a given amount of time.</body></html>', contentType: 'text/html; charset=utf-8'};
		case 'openalex':
			return {body: {error: 'Daily limit exceeded', message: 'Daily limit exceeded. Add an api_key for higher limits.'}};
		case 's2':
			return {body: {message: 'Too Many Requests. Please wait and try again or apply for a key for higher rate limits. https://www.semanticscholar.org/product/api#api-key-form', code: '429'}};
		case 'orcid':
			// [U] ORCID's 429 body is unverified.
			return {body: {'response-code': 429, 'developer-message': 'Too Many Requests', 'user-message': 'Too Many Requests'}};
		case 'arxiv':
			return {body: '<html><body>Rate exceeded.</body></html>', contentType: 'text/html; charset=utf-8'};
	}
}

// ---------------------------------------------------------------- OpenAlex

const OPENALEX_AUTHOR = /^(?:https?:\/\/openalex\.org\/)?([Aa]\d+)$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface WorksQuery {
	authors: Set<string> | null;
	from: string | null;
	to: string | null;
}

class BadRequest extends Error {}

function parseWorksFilter(filter: string | null): WorksQuery {
	const q: WorksQuery = {authors: null, from: null, to: null};
	if (filter === null || filter === '') return q;
	for (const part of filter.split(',')) {
		const colon = part.indexOf(':');
		if (colon === -1) throw new BadRequest(`Invalid filter: ${part} (expected key:value)`);
		const key = part.slice(0, colon).trim();
		const value = part.slice(colon + 1).trim();
		switch (key) {
			case 'authorships.author.id':
			case 'author.id': {
				const values = value.split('|');
				if (values.length > 100) throw new BadRequest(`Maximum number of values exceeded for ${key}. Decrease values to 100 or below.`);
				const ids = new Set<string>();
				for (const v of values) {
					const m = OPENALEX_AUTHOR.exec(v.trim());
					if (m === null) throw new BadRequest(`'${v}' is not a valid OpenAlex ID.`);
					ids.add(`A${m[1]!.slice(1)}`);
				}
				q.authors = q.authors === null ? ids : new Set([...q.authors].filter(id => ids.has(id)));
				break;
			}
			case 'from_publication_date':
			case 'to_publication_date':
				if (!DAY.test(value) || Number.isNaN(Date.parse(value))) throw new BadRequest(`Value for param ${key} must be a date in format yyyy-mm-dd.`);
				if (key === 'from_publication_date') q.from = value;
				else q.to = value;
				break;
			default:
				throw new BadRequest(`${key} is not a valid field. Valid fields are underscore or hyphenated versions of: authorships.author.id, author.id, from_publication_date, to_publication_date`);
		}
	}
	return q;
}

function workMatches(work: Record<string, unknown>, q: WorksQuery): boolean {
	if (q.authors !== null) {
		const authorships = Array.isArray(work['authorships']) ? (work['authorships'] as unknown[]) : [work['authorships']];
		const ids = authorships.map(a => {
			const id = (a as {author?: {id?: unknown}} | null)?.author?.id;
			const m = typeof id === 'string' ? OPENALEX_AUTHOR.exec(id) : null;
			return m === null ? null : `A${m[1]!.slice(1)}`;
		});
		if (!ids.some(id => id !== null && q.authors!.has(id))) return false;
	}
	const date = typeof work['publication_date'] === 'string' ? work['publication_date'] : null;
	if (q.from !== null && (date === null || date < q.from)) return false;
	if (q.to !== null && (date === null || date > q.to)) return false;
	return true;
}

function encodeCursor(offset: number, key: string): string {
	return Buffer.from(JSON.stringify({o: offset, k: key})).toString('base64url');
}

function decodeCursor(cursor: string, key: string): number {
	if (cursor === '*') return 0;
	try {
		const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {o?: unknown; k?: unknown};
		if (typeof parsed.o === 'number' && parsed.k === key) return parsed.o;
	} catch {
		// fall through
	}
	throw new BadRequest('Invalid cursor. Cursor is not valid for this query.');
}

function selectFields(obj: Record<string, unknown>, select: string | null): Record<string, unknown> {
	if (select === null || select === '') return obj;
	const out: Record<string, unknown> = {};
	for (const f of select.split(',')) {
		const field = f.trim();
		if (field in obj) out[field] = obj[field];
	}
	return out;
}

// ---------------------------------------------------------------- S2

const S2_FIELDS = new Set([
	'paperId', 'corpusId', 'externalIds', 'url', 'title', 'abstract', 'venue', 'publicationVenue', 'year', 'referenceCount', 'citationCount',
	'influentialCitationCount', 'isOpenAccess', 'openAccessPdf', 'fieldsOfStudy', 's2FieldsOfStudy', 'publicationTypes', 'publicationDate',
	'journal', 'citationStyles', 'authors', 'tldr', 'embedding',
]);

function s2Key(id: string): string {
	const colon = id.indexOf(':');
	if (colon === -1) return id;
	const prefix = id.slice(0, colon).toUpperCase();
	const rest = id.slice(colon + 1);
	return `${prefix}:${prefix === 'DOI' ? rest.toLowerCase() : rest}`;
}

// ---------------------------------------------------------------- dblp

function dblpMatches(entry: DblpAuthorEntry, query: string): boolean {
	const names = [entry.author.replace(/\s+\d{4}$/, ''), ...(entry.aliases ?? [])].map(n => fold(n).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
	const words = fold(query).split(/\s+/).filter(Boolean);
	if (words.length === 0) return false;
	return names.some(parts =>
		words.every(w => {
			const exact = w.endsWith('$');
			const word = exact ? w.slice(0, -1) : w.replace(/\*$/, '');
			return parts.some(p => (exact ? p === word : p.startsWith(word)));
		}),
	);
}

function dblpHit(entry: DblpAuthorEntry, i: number): Record<string, unknown> {
	const notes: Array<Record<string, string>> = [];
	if (entry.affiliation !== undefined) notes.push({'@type': 'affiliation', text: entry.affiliation});
	if (entry.disambiguation === true) notes.push({'@type': 'disambiguation', text: 'Disambiguation Page'});
	const info: Record<string, unknown> = {author: entry.author};
	// XML converted to JSON: a list of one is the object itself.
	if (entry.aliases !== undefined && entry.aliases.length > 0) info['aliases'] = {alias: entry.aliases.length === 1 ? entry.aliases[0] : entry.aliases};
	if (notes.length > 0) info['notes'] = {note: notes.length === 1 ? notes[0] : notes};
	info['url'] = `https://dblp.org/pid/${entry.pid}`;
	return {'@score': '1', '@id': String(1_000_000 + i), info, url: `URL#${1_000_000 + i}`};
}

// ---------------------------------------------------------------- the server

export async function startBibliographyServer(initial: Partial<BibliographyData> = {}): Promise<BibliographyServer> {
	const data: BibliographyData = {
		dblpPersons: {},
		dblpAuthors: [],
		orcidWorks: {},
		openalexWorks: [],
		openalexAuthors: [],
		arxivListings: {},
		arxivAtomListings: {},
		s2Papers: {},
		crossrefWorks: {},
		...initial,
	};
	const servers = {} as Record<BibService, LoopbackServer>;
	for (const service of BIB_SERVICES) servers[service] = await startServer();
	const prefix: Record<BibService, string> = {dblp: '', orcid: '/v3.0', openalex: '', arxiv: '', s2: '/graph/v1', crossref: ''};
	const bases = Object.fromEntries(BIB_SERVICES.map(s => [s, `${servers[s].url}${prefix[s]}`])) as Record<BibService, string>;
	const injected = Object.fromEntries(BIB_SERVICES.map(s => [s, [] as InjectedAnswer[]])) as Record<BibService, InjectedAnswer[]>;
	const conditional = Object.fromEntries(BIB_SERVICES.map(s => [s, false])) as Record<BibService, boolean>;
	const openalex: OpenAlexPolicy = {keys: [], keylessBudget: Number.POSITIVE_INFINITY, keylessExhausted: 429, keyedBudget: Number.POSITIVE_INFINITY, slowDownNext: 0, maxPerPage: 100};
	let keylessUsed = 0;
	const keyedUsed = new Map<string, number>();
	const api: {s2Keys: string[]} = {s2Keys: []};

	/** A GET answer with a validator when the service's conditional knob is on. */
	const sendDoc = (service: BibService, req: IncomingMessage, res: ServerResponse, status: number, body: string, contentType: string): void => {
		if (!conditional[service] || status !== 200) {
			sendText(res, status, body, contentType);
			return;
		}
		const etag = etagOf(body);
		const inm = req.headers['if-none-match'];
		if (inm !== undefined && inm.split(',').some(t => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)) {
			res.writeHead(304, {etag});
			res.end();
			return;
		}
		sendText(res, status, body, contentType, {etag});
	};
	const sendJsonDoc = (service: BibService, req: IncomingMessage, res: ServerResponse, status: number, body: unknown, contentType = 'application/json; charset=utf-8'): void =>
		sendDoc(service, req, res, status, JSON.stringify(body), contentType);

	/** Each service's routes, behind the injection queue. */
	const route = (service: BibService, method: string, path: string, handler: (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>): void => {
		servers[service].route(method, `${prefix[service]}${path}`, (req, res, url) => {
			const next = injected[service].shift();
			if (next !== undefined) {
				sendAnswer(res, next);
				return;
			}
			return handler(req, res, url);
		});
	};

	// ------------------------------------------------ dblp
	route('dblp', 'GET', '/pid/*', (req, res, url) => {
		const m = /^\/pid\/(.+?)\.(xml|html)$/.exec(decodeURIComponent(url.pathname));
		const xml = m === null ? undefined : data.dblpPersons[m[1]!];
		if (m === null || xml === undefined) {
			sendText(res, 404, '<!DOCTYPE html><html><head><title>dblp: Error 404</title></head><body><h1>Error 404: not found</h1></body></html>', 'text/html; charset=utf-8');
		} else if (m[2] === 'html') {
			sendDoc('dblp', req, res, 200, `<!DOCTYPE html><html><head><title>dblp: ${escapeXml(m[1]!)}</title></head><body></body></html>`, 'text/html; charset=utf-8');
		} else {
			sendDoc('dblp', req, res, 200, xml, 'application/xml; charset=utf-8');
		}
	});
	route('dblp', 'GET', '/search/author/api', (req, res, url) => {
		const q = url.searchParams.get('q') ?? '';
		const h = Math.min(1000, Math.max(0, Number(url.searchParams.get('h') ?? 30) || 0));
		const f = Math.max(0, Number(url.searchParams.get('f') ?? 0) || 0);
		const all = data.dblpAuthors.filter(e => dblpMatches(e, q));
		const page = all.slice(f, f + h);
		if ((url.searchParams.get('format') ?? 'xml') === 'json') {
			const hits: Record<string, unknown> = {'@total': String(all.length), '@computed': String(all.length), '@sent': String(page.length), '@first': String(f)};
			if (page.length > 0) hits['hit'] = page.length === 1 ? dblpHit(page[0]!, f) : page.map((e, i) => dblpHit(e, f + i));
			sendJsonDoc('dblp', req, res, 200, {
				result: {query: q, status: {'@code': '200', text: 'OK'}, time: {'@unit': 'msecs', text: '1.00'}, completions: {'@total': '0', '@computed': '0', '@sent': '0'}, hits},
			});
			return;
		}
		const hitXml = page
			.map((e, i) => `<hit score="1" id="${1_000_000 + f + i}"><info><author>${escapeXml(e.author)}</author><url>https://dblp.org/pid/${escapeXml(e.pid)}</url></info><url>URL#${1_000_000 + f + i}</url></hit>`)
			.join('');
		sendDoc(
			'dblp',
			req,
			res,
			200,
			`<?xml version="1.0" encoding="UTF-8"?><result><query>${escapeXml(q)}</query><status code="200">OK</status><hits total="${all.length}" computed="${all.length}" sent="${page.length}" first="${f}">${hitXml}</hits></result>`,
			'application/xml; charset=utf-8',
		);
	});

	// ------------------------------------------------ ORCID
	route('orcid', 'GET', '/*', (req, res, url) => {
		const m = /^\/v3\.0\/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])\/works$/.exec(url.pathname);
		if (m === null) {
			sendJson(res, 404, {'response-code': 404, 'developer-message': '404 Not Found: The resource was not found.', 'user-message': 'The resource was not found.', 'error-code': 9016}, {'content-type': 'application/json;charset=UTF-8'});
			return;
		}
		const accept = (req.headers.accept ?? '').toLowerCase();
		const wantsJson = accept.includes('application/json');
		const wantsXml = accept === '' || accept.includes('*/*') || accept.includes('application/vnd.orcid+xml') || accept.includes('application/xml');
		if (!wantsJson && !wantsXml) {
			sendText(res, 406, 'Not Acceptable', 'text/plain; charset=utf-8');
			return;
		}
		const works = data.orcidWorks[m[1]!];
		if (works === undefined) {
			const body = {'response-code': 404, 'developer-message': '404 Not Found: The resource was not found.', 'user-message': 'The resource was not found.', 'error-code': 9016, 'more-info': 'https://members.orcid.org/api/resources/troubleshooting'};
			sendJson(res, 404, body, {'content-type': 'application/json;charset=UTF-8'});
			return;
		}
		if (wantsJson) {
			sendJsonDoc('orcid', req, res, 200, works, 'application/json;charset=UTF-8');
			return;
		}
		sendDoc(
			'orcid',
			req,
			res,
			200,
			`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<activities:works path="/${m[1]!}/works" xmlns:activities="http://www.orcid.org/ns/activities" xmlns:common="http://www.orcid.org/ns/common"/>`,
			'application/vnd.orcid+xml;charset=UTF-8',
		);
	});

	// ------------------------------------------------ OpenAlex
	/** Key and budget checks; true when the request may be answered. */
	const openalexAllowed = (res: ServerResponse, url: URL): boolean => {
		if (openalex.slowDownNext > 0) {
			openalex.slowDownNext--;
			sendJson(res, 403, {error: 'Rate limit exceeded', message: 'Rate limit exceeded; slow down'});
			return false;
		}
		const key = url.searchParams.get('api_key');
		if (key === null || key === '') {
			if (keylessUsed >= openalex.keylessBudget) {
				if (openalex.keylessExhausted === 403) sendJson(res, 403, {error: 'Rate limit exceeded', message: 'Rate limit exceeded; slow down'});
				else sendJson(res, 429, {error: 'Daily limit exceeded', message: 'Daily limit exceeded. Add an api_key for higher limits.'});
				return false;
			}
			keylessUsed++;
			return true;
		}
		if (!openalex.keys.includes(key)) {
			sendJson(res, 401, {error: 'Invalid API key', message: 'The api_key you provided is not valid.'});
			return false;
		}
		const used = keyedUsed.get(key) ?? 0;
		if (used >= openalex.keyedBudget) {
			sendJson(res, 429, {error: 'Daily limit exceeded', message: 'Daily limit exceeded for this API key.'});
			return false;
		}
		keyedUsed.set(key, used + 1);
		return true;
	};
	const listAnswer = (req: IncomingMessage, res: ServerResponse, url: URL, all: Array<Record<string, unknown>>, key: string): void => {
		const allowed = new Set(['filter', 'search', 'per_page', 'per-page', 'cursor', 'page', 'select', 'sort', 'api_key', 'mailto']);
		for (const name of url.searchParams.keys()) if (!allowed.has(name)) throw new BadRequest(`${name} is not a valid parameter.`);
		const perPageRaw = url.searchParams.get('per_page') ?? url.searchParams.get('per-page') ?? '25';
		const perPage = Number(perPageRaw);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > openalex.maxPerPage) throw new BadRequest(`per_page is ${perPageRaw}; it must be between 1 and ${openalex.maxPerPage}.`);
		const cursor = url.searchParams.get('cursor');
		const pageParam = url.searchParams.get('page');
		if (cursor !== null && pageParam !== null) throw new BadRequest('Cannot use page parameter with cursor pagination.');
		let offset = 0;
		let page: number | null = null;
		if (cursor !== null) offset = decodeCursor(cursor, key);
		else {
			page = Number(pageParam ?? '1');
			if (!Number.isInteger(page) || page < 1) throw new BadRequest('page must be a positive integer.');
			if (page * perPage > 10_000) throw new BadRequest('Maximum results size of 10,000 records is exceeded. Cursor pagination is required for records beyond 10,000.');
			offset = (page - 1) * perPage;
		}
		const results = all.slice(offset, offset + perPage).map(r => selectFields(r, url.searchParams.get('select')));
		const nextCursor = cursor !== null && results.length > 0 ? encodeCursor(offset + results.length, key) : null;
		sendJsonDoc('openalex', req, res, 200, {meta: {count: all.length, db_response_time_ms: 1, page, per_page: perPage, next_cursor: nextCursor, groups_count: null}, results, group_by: []});
	};
	const openalexRoute = (path: string, pick: (url: URL) => {all: Array<Record<string, unknown>>; key: string}): void =>
		route('openalex', 'GET', path, (req, res, url) => {
			if (!openalexAllowed(res, url)) return;
			try {
				const {all, key} = pick(url);
				listAnswer(req, res, url, all, key);
			} catch (error) {
				if (!(error instanceof BadRequest)) throw error;
				sendJson(res, 400, {error: 'Invalid query parameters error.', message: error.message});
			}
		});
	openalexRoute('/works', url => {
		const filter = url.searchParams.get('filter');
		const q = parseWorksFilter(filter);
		return {all: data.openalexWorks.filter(w => workMatches(w, q)), key: `works|${filter ?? ''}`};
	});
	openalexRoute('/authors', url => {
		const search = url.searchParams.get('search') ?? '';
		const words = fold(search).split(/\s+/).filter(Boolean);
		const all = data.openalexAuthors.filter(a => {
			const names = [a['display_name'], ...(Array.isArray(a['display_name_alternatives']) ? (a['display_name_alternatives'] as unknown[]) : [])].filter((n): n is string => typeof n === 'string').map(fold);
			return words.length > 0 && names.some(n => words.every(w => n.includes(w)));
		});
		return {all, key: `authors|${search}`};
	});

	// ------------------------------------------------ arXiv listings
	route('arxiv', 'GET', '/a/*', (req, res, url) => {
		const m = /^\/a\/(.+?)\.(atom2|atom|json|html)$/.exec(decodeURIComponent(url.pathname)) ?? /^\/a\/([^.]+)()$/.exec(decodeURIComponent(url.pathname));
		const id = m?.[1] ?? '';
		const ext = m?.[2] || 'html';
		const xml = ext === 'atom' ? (data.arxivAtomListings[id] ?? data.arxivListings[id]) : ext === 'atom2' ? data.arxivListings[id] : undefined;
		if (xml !== undefined) {
			sendDoc('arxiv', req, res, 200, xml, 'application/atom+xml; charset=utf-8');
		} else if (ext === 'html' && data.arxivListings[id] !== undefined) {
			sendDoc('arxiv', req, res, 200, `<!doctype html><html><head><title>${escapeXml(id)}'s articles on arXiv</title></head><body></body></html>`, 'text/html; charset=utf-8');
		} else if (ext === 'json') {
			// ABR: an empty 404 for .json.
			res.writeHead(404, {'content-length': 0});
			res.end();
		} else {
			// ABR: BadRequest(f'Author {id} not found'), rendered by Flask/werkzeug.
			sendText(res, 400, `<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Author ${escapeXml(id)} not found</p>\n`, 'text/html; charset=utf-8');
		}
	});

	// ------------------------------------------------ Semantic Scholar
	route('s2', 'POST', '/paper/batch', async (req, res, url) => {
		const key = req.headers['x-api-key'];
		if (api.s2Keys.length > 0 && typeof key === 'string' && !api.s2Keys.includes(key)) {
			sendJson(res, 403, {message: 'Forbidden'});
			return;
		}
		const raw = await readBody(req);
		let ids: unknown;
		try {
			ids = (JSON.parse(raw) as {ids?: unknown}).ids;
		} catch {
			ids = undefined;
		}
		if (!Array.isArray(ids) || !ids.every((x): x is string => typeof x === 'string')) {
			sendJson(res, 400, {error: 'Unacceptable request body: expected {"ids": [...]}'});
			return;
		}
		if (ids.length > 500) {
			sendJson(res, 400, {error: '-- Cannot process more than 500 ids'});
			return;
		}
		const fieldsParam = url.searchParams.get('fields');
		const fields = fieldsParam === null || fieldsParam === '' ? ['title'] : fieldsParam.split(',').map(f => f.trim());
		const unknown = fields.filter(f => !S2_FIELDS.has(f.split('.')[0]!));
		if (unknown.length > 0) {
			sendJson(res, 400, {error: `Unrecognized or unsupported fields: [${unknown.join(', ')}]`});
			return;
		}
		const known = new Map(Object.entries(data.s2Papers).map(([k, v]) => [s2Key(k), v]));
		const answer = ids.map(id => {
			const paper = known.get(s2Key(id)) as Record<string, unknown> | undefined;
			if (paper === undefined || paper === null) return null;
			const out: Record<string, unknown> = {paperId: paper['paperId'] ?? null};
			for (const f of fields) out[f] = paper[f] ?? null;
			return out;
		});
		sendJson(res, 200, answer);
	});

	// ------------------------------------------------ Crossref
	route('crossref', 'GET', '/works/*', (req, res, url) => {
		const doi = decodeURIComponent(url.pathname.slice('/works/'.length)).toLowerCase();
		const known = Object.entries(data.crossrefWorks).find(([k]) => k.toLowerCase() === doi);
		if (known === undefined) {
			sendText(res, 404, 'Resource not found.', 'text/plain;charset=utf-8');
			return;
		}
		sendJsonDoc('crossref', req, res, 200, {status: 'ok', 'message-type': 'work', 'message-version': '1.0.0', message: known[1]});
	});

	const recorded = (service?: BibService): RecordedRequest[] => (service === undefined ? BIB_SERVICES.flatMap(s => servers[s].requests) : servers[service].requests);
	return {
		bases,
		servers,
		data,
		set(next) {
			Object.assign(data, next);
		},
		openalex,
		get s2Keys() {
			return api.s2Keys;
		},
		set s2Keys(keys: string[]) {
			api.s2Keys = keys;
		},
		conditional,
		inject(service, answer, times = 1) {
			for (let i = 0; i < times; i++) injected[service].push(answer);
		},
		rateLimit(service, retryAfter, times = 1) {
			const {body, contentType} = rateLimitBody(service);
			const answer: InjectedAnswer = {status: 429, body, headers: {'retry-after': String(retryAfter)}};
			if (contentType !== undefined) answer.contentType = contentType;
			for (let i = 0; i < times; i++) injected[service].push(answer);
		},
		requests: recorded,
		count(service, pathPrefix) {
			return servers[service].count(pathPrefix === undefined ? undefined : `${prefix[service]}${pathPrefix}`);
		},
		reset() {
			for (const s of BIB_SERVICES) {
				servers[s].reset();
				injected[s].length = 0;
			}
			keylessUsed = 0;
			keyedUsed.clear();
			openalex.slowDownNext = 0;
		},
		async close() {
			await Promise.all(BIB_SERVICES.map(s => servers[s].close()));
		},
	};
}
