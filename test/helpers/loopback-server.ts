/**
 * A small, generic HTTP server on 127.0.0.1 (random port) for tests.
 *
 * - Routes are matched on method + exact path (`'*'` as method matches any method; a path ending in
 *   `*` matches by prefix). A later `route()` for the same method+path replaces the earlier one.
 *   `GET` routes also answer `HEAD` (the body is dropped by Node).
 * - Unmatched requests go to the fallback handler given to `startServer`, else get 404 JSON.
 * - A handler that throws (or rejects) produces a 500 JSON answer; the error is kept in `errors`.
 * - Every request is recorded in `requests` (before the handler runs).
 * - `close()` destroys open sockets (keep-alive connections included) so node:test can exit.
 */
import {createServer} from 'node:http';
import type {IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface RecordedRequest {
	method: string;
	/** Path without the query string, e.g. `/xrpc/app.bsky.feed.getAuthorFeed`. */
	path: string;
	/** Query parameters; for repeated keys the last value wins (use `url.searchParams.getAll` for all). */
	query: Record<string, string>;
	/** The full request URL (against the server's base URL). */
	url: URL;
	/** Request headers as Node gives them (lower-case keys). */
	headers: IncomingHttpHeaders;
	/** `Date.now()` when the request arrived. */
	time: number;
}

export interface LoopbackServer {
	/** Base URL without trailing slash, e.g. `http://127.0.0.1:41234`. */
	url: string;
	port: number;
	/** Register (or replace) a handler for METHOD + PATH. Method `'*'` = any; path ending in `*` = prefix. */
	route(method: string, path: string, handler: RouteHandler): void;
	/** Remove a route registered with `route()`. Returns whether one was removed. */
	unroute(method: string, path: string): boolean;
	/** Every request received so far, oldest first (live array). */
	requests: RecordedRequest[];
	/** Errors thrown by handlers (each also answered with a 500). */
	errors: unknown[];
	/** Number of recorded requests whose path starts with `pathPrefix` (all requests without it). */
	count(pathPrefix?: string): number;
	/** Forget recorded requests and errors. */
	reset(): void;
	/** Stop listening and destroy open connections. Safe to call twice. */
	close(): Promise<void>;
}

export type HeaderMap = Record<string, string | number | readonly string[]>;

/** Send `body` as JSON (`application/json; charset=utf-8`). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: HeaderMap = {}): void {
	const buf = Buffer.from(JSON.stringify(body), 'utf8');
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': buf.length,
		...headers,
	} as OutgoingHttpHeaders);
	res.end(buf);
}

/** Send a text or binary body with an explicit content type (e.g. `text/html; charset=utf-8`). */
export function sendText(
	res: ServerResponse,
	status: number,
	body: string | Buffer,
	contentType: string,
	headers: HeaderMap = {},
): void {
	const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	res.writeHead(status, {
		'content-type': contentType,
		'content-length': buf.length,
		...headers,
	} as OutgoingHttpHeaders);
	res.end(buf);
}

/** Send a redirect (default 302) to `location` (absolute or relative). */
export function sendRedirect(res: ServerResponse, location: string, status = 302, headers: HeaderMap = {}): void {
	res.writeHead(status, {location, 'content-length': 0, ...headers} as OutgoingHttpHeaders);
	res.end();
}

export interface StaticRouteOptions {
	body: string | Buffer;
	contentType: string;
	/** Full ETag header value including quotes, e.g. `"v1"` or `W/"v1"`. */
	etag?: string;
	/** Last-Modified as a Date or an HTTP date string. */
	lastModified?: Date | string;
	/** Status for a full response (default 200). */
	status?: number;
	/** Extra headers on every response (including 304s). */
	headers?: HeaderMap;
}

function opaqueTag(tag: string): string {
	return tag.trim().replace(/^W\//, '');
}

/**
 * A handler serving a fixed body that honours conditional requests:
 * `If-None-Match` (weak comparison, lists and `*`) and, only when that header is absent,
 * `If-Modified-Since` (second precision). Matching requests get `304` with no body.
 */
export function staticRoute(opts: StaticRouteOptions): RouteHandler {
	const lastModified =
		opts.lastModified === undefined
			? undefined
			: typeof opts.lastModified === 'string'
				? new Date(opts.lastModified)
				: opts.lastModified;
	if (lastModified !== undefined && Number.isNaN(lastModified.getTime())) {
		throw new Error(`staticRoute: invalid lastModified ${String(opts.lastModified)}`);
	}
	const validators: HeaderMap = {};
	if (opts.etag !== undefined) validators['etag'] = opts.etag;
	if (lastModified !== undefined) validators['last-modified'] = lastModified.toUTCString();
	return (req, res) => {
		const inm = req.headers['if-none-match'];
		const ims = req.headers['if-modified-since'];
		let notModified = false;
		if (inm !== undefined) {
			if (opts.etag !== undefined) {
				const wanted = opaqueTag(opts.etag);
				notModified = inm
					.split(',')
					.map(s => s.trim())
					.some(t => t === '*' || opaqueTag(t) === wanted);
			}
		} else if (ims !== undefined && lastModified !== undefined) {
			const since = Date.parse(ims);
			if (!Number.isNaN(since)) notModified = Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
		}
		if (notModified) {
			res.writeHead(304, {...validators, ...opts.headers} as OutgoingHttpHeaders);
			res.end();
			return;
		}
		sendText(res, opts.status ?? 200, opts.body, opts.contentType, {...validators, ...opts.headers});
	};
}

interface RouteEntry {
	method: string;
	path: string;
	handler: RouteHandler;
}

function routeKey(method: string, path: string): string {
	return `${method.toUpperCase()} ${path}`;
}

function findRoute(routes: Map<string, RouteEntry>, method: string, path: string): RouteEntry | undefined {
	const m = method.toUpperCase();
	const methods = m === 'HEAD' ? ['HEAD', 'GET', '*'] : [m, '*'];
	for (const mm of methods) {
		const exact = routes.get(routeKey(mm, path));
		if (exact) return exact;
	}
	// Longest matching prefix route wins.
	let best: RouteEntry | undefined;
	for (const r of routes.values()) {
		if (!r.path.endsWith('*')) continue;
		if (!methods.includes(r.method)) continue;
		const prefix = r.path.slice(0, -1);
		if (path.startsWith(prefix) && (best === undefined || prefix.length > best.path.length - 1)) best = r;
	}
	return best;
}

/** Start a server on 127.0.0.1 with a random free port. */
export async function startServer(fallback?: RouteHandler): Promise<LoopbackServer> {
	const routes = new Map<string, RouteEntry>();
	const requests: RecordedRequest[] = [];
	const errors: unknown[] = [];
	const sockets = new Set<Socket>();
	let base = 'http://127.0.0.1';

	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', base);
		const query: Record<string, string> = {};
		for (const [k, v] of url.searchParams) query[k] = v;
		const method = (req.method ?? 'GET').toUpperCase();
		requests.push({method, path: url.pathname, query, url, headers: req.headers, time: Date.now()});
		const entry = findRoute(routes, method, url.pathname);
		const handler: RouteHandler =
			entry?.handler ??
			fallback ??
			((_req, r) => sendJson(r, 404, {error: 'NotFound', message: `No route for ${method} ${url.pathname}`}));
		const fail = (err: unknown) => {
			errors.push(err);
			if (res.headersSent) {
				res.destroy();
				return;
			}
			sendJson(res, 500, {
				error: 'InternalServerError',
				message: err instanceof Error ? err.message : String(err),
			});
		};
		try {
			Promise.resolve(handler(req, res, url)).catch(fail);
		} catch (err) {
			fail(err);
		}
	});
	server.keepAliveTimeout = 1000;
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const port = (server.address() as AddressInfo).port;
	base = `http://127.0.0.1:${port}`;

	let closing: Promise<void> | undefined;
	return {
		url: base,
		port,
		route(method, path, handler) {
			routes.set(routeKey(method, path), {method: method.toUpperCase(), path, handler});
		},
		unroute(method, path) {
			return routes.delete(routeKey(method, path));
		},
		requests,
		errors,
		count(pathPrefix) {
			if (pathPrefix === undefined) return requests.length;
			return requests.filter(r => r.path.startsWith(pathPrefix)).length;
		},
		reset() {
			requests.length = 0;
			errors.length = 0;
		},
		close() {
			closing ??= new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
				for (const s of sockets) s.destroy();
				sockets.clear();
			});
			return closing;
		},
	};
}
