/**
 * The in-process loopback server behind `research-feed demo`: a tiny Bluesky AppView over the
 * bundled snapshot, a homepage, the arXiv API and DBLP, so the demo runs through the real adapters
 * and the real paper enrichment with no network. Every answer comes from assets/demo/:
 *
 * - `/xrpc/app.bsky.feed.getAuthorFeed`, `/xrpc/app.bsky.actor.getProfile`: bluesky.json;
 * - `/weiliu/about.md`: weiliu.md;
 * - `/api/query?id_list=…&max_results=…`: arxiv-api.xml, cut down to the entries of the ids asked,
 *   in the order asked (unknown ids left out, a malformed id the API's error feed with HTTP 400);
 * - `/pid/{pid}.xml`: the dblp-*.xml file whose `<dblpperson pid="…">` is that pid.
 *
 * - `POST /paper/batch` (Semantic Scholar) and `/works/{DOI}` (Crossref): the demo points them here
 *   so that nothing reaches the network; they know none of the papers (a `null` per id, a 404
 *   "Resource not found."), as those services answer for papers they do not know.
 *
 * Anything else (ORCID, OpenAlex, arXiv listings: the demo points them here too) is a 404 "not in
 * the demo snapshot".
 */
import {readdirSync, readFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import type {ResearcherConfig} from '../domain/types.js';

interface Snapshot {
	actors: Array<{profile: {did: string; handle: string}; feed: unknown[]}>;
}

const ASSETS = new URL('../../assets/demo/', import.meta.url);
const PAGE_SIZE = 25;
/** New-style (`2507.02834`) and old-style (`hep-th/9901001`) arXiv ids, with an optional version. */
const ARXIV_ID = /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

export interface DemoServer {
	url: string;
	homepageUrl: string;
	/** The environment that points every service the program may ask at this server. */
	env: Record<string, string>;
	close(): Promise<void>;
}

/** The demo's researchers and their sources on `server`. */
export function demoResearchers(server: Pick<DemoServer, 'homepageUrl'>): ResearcherConfig[] {
	return [
		{
			name: 'Leqi Liu',
			sources: [
				{kind: 'bluesky', target: 'leqiliu.bsky.social'},
				{kind: 'dblp', target: 'l/LeqiLiu'},
			],
		},
		{
			name: 'Wei Liu',
			sources: [
				{kind: 'homepage', target: server.homepageUrl},
				{kind: 'bluesky', target: 'weiliu.bsky.social'},
				{kind: 'dblp', target: 'l/WeiLiu'},
			],
		},
	];
}

/** arxiv-api.xml split into what comes before its entries, the entries by arXiv id, and the rest. */
interface ArxivAnswer {
	head: string;
	entries: Map<string, string>;
	tail: string;
}

function readArxivAnswer(xml: string): ArxivAnswer {
	const first = xml.indexOf('<entry>');
	const end = xml.lastIndexOf('</entry>') + '</entry>'.length;
	const entries = new Map<string, string>();
	for (const [entry] of xml.slice(first, end).matchAll(/<entry>[\s\S]*?<\/entry>/g)) {
		const id = /<id>https?:\/\/arxiv\.org\/abs\/(.+?)(?:v\d+)?<\/id>/.exec(entry)?.[1];
		if (id !== undefined) entries.set(id, entry);
	}
	// The file's comment describes the file; answers go without it.
	return {head: xml.slice(0, first).replace(/<!--[\s\S]*?-->\s*/g, ''), entries, tail: xml.slice(end)};
}

function escapeXml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The API's answer to `id_list` (the raw query value) with at most `max` entries. */
function arxivAnswer(answer: ArxivAnswer, idList: string, max: number): {status: number; body: string} {
	const ids = idList.split(',').filter(Boolean);
	const bad = ids.find(id => !ARXIV_ID.test(id));
	const found = bad === undefined ? ids.flatMap(id => answer.entries.get(id.replace(/v\d+$/, '')) ?? []).slice(0, max) : [];
	const head = answer.head
		.replace(/id_list=[^&<"]*/g, `id_list=${escapeXml(idList)}`)
		.replace(/max_results=\d+/g, `max_results=${max}`)
		.replace(/<opensearch:itemsPerPage>\d+</, `<opensearch:itemsPerPage>${max}<`)
		.replace(/<opensearch:totalResults>\d+</, `<opensearch:totalResults>${bad === undefined ? found.length : 1}<`);
	if (bad !== undefined) {
		// As the API does: a malformed id fails the whole request with one error entry.
		const anchor = escapeXml(`http://arxiv.org/api/errors#incorrect_id_format_for_${bad}`);
		const error = [
			'<entry>',
			`    <id>${anchor}</id>`,
			'    <title>Error</title>',
			`    <summary>incorrect id format for ${escapeXml(bad)}</summary>`,
			`    <link href="${anchor}" rel="alternate" type="text/html"/>`,
			'    <author>',
			'      <name>arXiv api core</name>',
			'    </author>',
			'  </entry>',
		].join('\n');
		return {status: 400, body: `${head}${error}${answer.tail}`};
	}
	return {status: 200, body: `${head}${found.join('\n  ')}${answer.tail}`};
}

/** Every dblp-*.xml of the assets by the pid its root element names. */
function readDblpPersons(): Map<string, Buffer> {
	const persons = new Map<string, Buffer>();
	for (const name of readdirSync(ASSETS).filter(n => /^dblp-.*\.xml$/.test(n))) {
		const xml = readFileSync(new URL(name, ASSETS));
		const pid = /<dblpperson\b[^>]*\bpid="([^"]+)"/.exec(xml.toString('utf8'))?.[1];
		if (pid !== undefined) persons.set(pid, xml);
	}
	return persons;
}

/** Semantic Scholar's batch answer for papers it does not know: one `null` per id asked. */
function unknownToS2(req: IncomingMessage, json: (status: number, body: unknown) => void): void {
	let body = '';
	req.setEncoding('utf8');
	req.on('data', (chunk: string) => (body += chunk));
	req.on('end', () => {
		let ids: unknown;
		try {
			ids = (JSON.parse(body) as {ids?: unknown}).ids;
		} catch {
			ids = undefined;
		}
		if (!Array.isArray(ids)) return json(400, {error: 'Unacceptable query params: ids'});
		return json(200, ids.map(() => null));
	});
}

export async function startDemoServer(): Promise<DemoServer> {
	const snapshot = JSON.parse(readFileSync(new URL('bluesky.json', ASSETS), 'utf8')) as Snapshot;
	const homepage = readFileSync(new URL('weiliu.md', ASSETS));
	const arxiv = readArxivAnswer(readFileSync(new URL('arxiv-api.xml', ASSETS), 'utf8'));
	const dblp = readDblpPersons();
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const send = (status: number, type: string, body: string | Buffer) => {
			res.writeHead(status, {'content-type': type});
			res.end(body);
		};
		const json = (status: number, body: unknown) => send(status, 'application/json', JSON.stringify(body));
		const notFound = () => json(404, {error: 'NotFound', message: 'not in the demo snapshot'});
		const actorParam = (url.searchParams.get('actor') ?? '').toLowerCase();
		const actor = snapshot.actors.find(a => a.profile.did === actorParam || a.profile.handle === actorParam);
		const person = /^\/pid\/(.+)\.xml$/.exec(url.pathname);
		if (person) {
			const xml = dblp.get(decodeURIComponent(person[1]!));
			return xml ? send(200, 'application/xml; charset=utf-8', xml) : notFound();
		}
		if (url.pathname.startsWith('/works/')) return send(404, 'text/plain', 'Resource not found.');
		if (url.pathname === '/paper/batch' && req.method === 'POST') return unknownToS2(req, json);
		switch (url.pathname) {
			case '/xrpc/app.bsky.feed.getAuthorFeed': {
				if (!actor) return json(400, {error: 'InvalidRequest', message: 'Profile not found'});
				const start = Number(url.searchParams.get('cursor') ?? 0) || 0;
				const limit = Math.min(PAGE_SIZE, Number(url.searchParams.get('limit') ?? 50) || 50);
				const feed = actor.feed.slice(start, start + limit);
				const next = start + limit < actor.feed.length ? String(start + limit) : undefined;
				return json(200, next ? {feed, cursor: next} : {feed});
			}
			case '/xrpc/app.bsky.actor.getProfile':
				return actor ? json(200, actor.profile) : json(400, {error: 'InvalidRequest', message: 'Profile not found'});
			case '/weiliu/about.md':
				return send(200, 'text/markdown; charset=utf-8', homepage);
			case '/api/query': {
				const max = Math.max(0, Math.floor(Number(url.searchParams.get('max_results') ?? 10)) || 0);
				const answer = arxivAnswer(arxiv, url.searchParams.get('id_list') ?? '', max);
				return send(answer.status, 'application/atom+xml; charset=UTF-8', answer.body);
			}
			default:
				return notFound();
		}
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		homepageUrl: `${url}/weiliu/about.md`,
		env: {
			RESEARCH_FEED_BLUESKY_SERVICE: url,
			RESEARCH_FEED_ARXIV_API: `${url}/api/query`,
			RESEARCH_FEED_DBLP_API: url,
			// Not in the demo's snapshot, but never the network either: whatever asks them hears 404.
			RESEARCH_FEED_ARXIV_SITE: url,
			RESEARCH_FEED_ORCID_API: url,
			RESEARCH_FEED_OPENALEX_API: url,
			RESEARCH_FEED_S2_API: url,
			RESEARCH_FEED_CROSSREF_API: url,
		},
		close: () =>
			new Promise(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
