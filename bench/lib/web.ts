/**
 * The refresh benchmark's loopback web: one server on 127.0.0.1 that holds every answer back by
 * `latencyMs` (a remote server's round trip), serves static documents with ETag/Last-Modified and
 * honours conditional requests (304), and passes /xrpc/ requests on to the loopback Bluesky
 * AppView from test/helpers/xrpc-server.ts. Counts requests by kind and status.
 */
import {Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {startXrpcServer, type XrpcActor, type XrpcServer} from '../../test/helpers/xrpc-server.js';

export interface Document {
	body: Buffer;
	contentType: string;
	etag: string;
	lastModified: string;
}

export interface RequestCounts {
	total: number;
	byKind: Record<string, number>;
	byStatus: Record<string, number>;
	/** Most requests in flight at once. */
	maxInFlight: number;
}

export interface BenchWeb {
	url: string;
	documents: Map<string, Document>;
	/** Paths answered by a function of the request URL (always 200, no validators). */
	dynamic: Map<string, (url: URL) => {body: string; contentType: string}>;
	xrpc: XrpcServer;
	counts(): RequestCounts;
	resetCounts(): void;
	close(): Promise<void>;
}

export function document(body: string, contentType: string, version: string): Document {
	return {body: Buffer.from(body, 'utf8'), contentType, etag: `"${version}"`, lastModified: new Date(Date.UTC(2025, 0, 1)).toUTCString()};
}

function kindOf(path: string): string {
	if (path.startsWith('/xrpc/')) return 'bluesky';
	if (path.startsWith('/feed/')) return 'feed';
	if (path.startsWith('/home/')) return 'homepage';
	if (path.startsWith('/arxiv/')) return 'arxiv';
	return 'other';
}

export async function startBenchWeb(options: {latencyMs: number; actors: XrpcActor[]}): Promise<BenchWeb> {
	// A real AppView returns up to `limit` (100) posts a page; the test default of 3 is for cursor tests.
	const xrpc = await startXrpcServer({actors: options.actors, pageSize: 100});
	const agent = new Agent({keepAlive: true, maxSockets: 256});
	const documents = new Map<string, Document>();
	const dynamic = new Map<string, (url: URL) => {body: string; contentType: string}>();
	let counts: RequestCounts = {total: 0, byKind: {}, byStatus: {}, maxInFlight: 0};
	let inFlight = 0;

	const finish = (res: ServerResponse, kind: string, status: number) => {
		counts.byStatus[String(status)] = (counts.byStatus[String(status)] ?? 0) + 1;
		res.on('close', () => inFlight--);
		void kind;
	};

	const serveStatic = (req: IncomingMessage, res: ServerResponse, kind: string, path: string) => {
		const make = dynamic.get(path);
		if (make) {
			const {body, contentType} = make(new URL(req.url ?? '/', 'http://x'));
			const bytes = Buffer.from(body, 'utf8');
			finish(res, kind, 200);
			res.writeHead(200, {'content-type': contentType, 'content-length': bytes.length});
			res.end(bytes);
			return;
		}
		const doc = documents.get(path);
		if (!doc) {
			finish(res, kind, 404);
			res.writeHead(404, {'content-type': 'text/plain', 'content-length': 9});
			res.end('not found');
			return;
		}
		const validators = {etag: doc.etag, 'last-modified': doc.lastModified};
		const inm = req.headers['if-none-match'];
		const ims = req.headers['if-modified-since'];
		const fresh = inm !== undefined ? inm.split(',').some(t => t.trim().replace(/^W\//, '') === doc.etag) : ims !== undefined && Date.parse(ims) >= Date.parse(doc.lastModified);
		if (fresh) {
			finish(res, kind, 304);
			res.writeHead(304, validators);
			res.end();
			return;
		}
		finish(res, kind, 200);
		res.writeHead(200, {...validators, 'content-type': doc.contentType, 'content-length': doc.body.length});
		res.end(doc.body);
	};

	const proxy = (req: IncomingMessage, res: ServerResponse, kind: string) => {
		const upstream = request(`${xrpc.url}${req.url ?? '/'}`, {method: req.method, headers: {...req.headers, host: new URL(xrpc.url).host}, agent}, up => {
			finish(res, kind, up.statusCode ?? 502);
			res.writeHead(up.statusCode ?? 502, up.headers);
			up.pipe(res);
		});
		upstream.on('error', error => {
			finish(res, kind, 502);
			res.writeHead(502, {'content-type': 'text/plain'});
			res.end(String(error));
		});
		upstream.end();
	};

	const server: Server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://x').pathname;
		const kind = kindOf(path);
		counts.total++;
		counts.byKind[kind] = (counts.byKind[kind] ?? 0) + 1;
		inFlight++;
		counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
		setTimeout(() => (kind === 'bluesky' ? proxy(req, res, kind) : serveStatic(req, res, kind, path)), options.latencyMs);
	});
	server.keepAliveTimeout = 10_000;
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		documents,
		dynamic,
		xrpc,
		counts: () => structuredClone(counts),
		resetCounts: () => {
			counts = {total: 0, byKind: {}, byStatus: {}, maxInFlight: 0};
		},
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
			agent.destroy();
			await xrpc.close();
		},
	};
}
