/**
 * One loopback endpoint per network fault, on 127.0.0.1 (built on loopback-server.ts). Every
 * endpoint is bounded on the server side too: streams stop when the client goes away, timers are
 * cleared on close, and nothing huge is ever allocated (big bodies are one reused chunk).
 *
 * Paths (each also answers with a small valid document when `healthy(path)` is set, so a test can
 * fill the cache first and then turn the fault on):
 *   /ok.xml                 a valid RSS feed (two items)
 *   /status/NNN             HTTP NNN with a small HTML body
 *   /retry-after/S          429 with `Retry-After: S`
 *   /ratelimit/S            429 as the atproto rate limiter sends it (`ratelimit-reset` = now + S, unix seconds)
 *   /reset                  the socket reset before any answer
 *   /reset-mid-body         headers and part of the body, then a reset
 *   /truncated              `content-length: 100000`, 100 bytes sent, then the connection closed
 *   /hang                   accepts, never answers
 *   /drip                   headers at once, then one byte a second, for ever
 *   /slow-body              headers at once, the (valid) body 500 ms later
 *   /redirect-loop          /redirect-loop → /redirect-loop-b → /redirect-loop
 *   /redirect-chain/N       → /redirect-chain/N+1, for ever (all URLs distinct)
 *   /redirect-file          → file:///etc/passwd
 *   /huge                   300 MB of text, declared in content-length
 *   /huge-chunked           300 MB of text, chunked (no length given)
 *   /gzip-bomb              ~1 MB of gzip that inflates to 1 GB of zeros (concatenated gzip members)
 *   /garbage                random bytes labelled text/html
 *   /binary                 a PNG-typed body
 *   /malformed.xml          an RSS feed cut off mid-element
 *   /malformed.json         a JSON Feed cut off mid-object
 *   /flaky/K                503 for the first K requests, then the valid feed
 */
import {randomBytes} from 'node:crypto';
import type {IncomingMessage, ServerResponse} from 'node:http';
import {createServer as createNetServer} from 'node:net';
import {gzipSync} from 'node:zlib';
import {sendText, startServer, type LoopbackServer} from '../helpers/loopback-server.js';

export const RSS_OK = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Fine</title><link>https://fine.example/</link><description>ok</description>
<item><title>Healthy one</title><link>https://fine.example/1</link><guid>fine-1</guid><pubDate>Tue, 01 Jul 2025 10:00:00 +0000</pubDate><description>first</description></item>
<item><title>Healthy two</title><link>https://fine.example/2</link><guid>fine-2</guid><pubDate>Wed, 02 Jul 2025 10:00:00 +0000</pubDate><description>second</description></item>
</channel></rss>`;

export const HUGE_BYTES = 300 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 'a');
/** 1 MiB of zeros as one gzip member (about 1 KB); 1024 of them in a row inflate to 1 GiB. */
const BOMB_MEMBER = gzipSync(Buffer.alloc(1024 * 1024), {level: 9});
const BOMB_MEMBERS = 1024;

export interface FaultServer extends LoopbackServer {
	/** `url + path`. */
	at(path: string): string;
	/** A URL on 127.0.0.1 where nothing listens (connection refused). */
	refusedUrl: string;
	/** Serve the valid feed on `path` instead of its fault (until `faulty(path)`). */
	healthy(path: string): void;
	faulty(path: string): void;
	/** Bytes actually written for the huge/bomb endpoints (to prove the client stopped early). */
	sent: Map<string, number>;
}

/** Writes `total` bytes of `chunk` with backpressure, stopping as soon as the client leaves. */
function stream(res: ServerResponse, chunk: Buffer, total: number, onSent: (n: number) => void): void {
	let sent = 0;
	let closed = false;
	res.on('close', () => {
		closed = true;
	});
	const pump = (): void => {
		while (!closed && sent < total) {
			const piece = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
			sent += piece.length;
			onSent(sent);
			if (!res.write(piece)) {
				res.once('drain', pump);
				return;
			}
		}
		if (!closed) res.end();
	};
	pump();
}

async function closedPort(): Promise<number> {
	const s = createNetServer();
	await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve));
	const port = (s.address() as {port: number}).port;
	await new Promise<void>(resolve => s.close(() => resolve()));
	return port;
}

export async function startFaultServer(): Promise<FaultServer> {
	const healthy = new Set<string>();
	const timers = new Set<NodeJS.Timeout>();
	const hanging = new Set<ServerResponse>();
	const sent = new Map<string, number>();
	const flakyCounts = new Map<string, number>();

	const handler = (req: IncomingMessage, res: ServerResponse, url: URL): void => {
		const path = url.pathname;
		if (path === '/ok.xml' || healthy.has(path)) return sendText(res, 200, RSS_OK, 'application/rss+xml; charset=utf-8');
		let m: RegExpExecArray | null;
		if ((m = /^\/status\/(\d{3})$/.exec(path))) {
			return sendText(res, Number(m[1]), `<html><body><h1>Error ${m[1]}</h1></body></html>`, 'text/html; charset=utf-8');
		}
		if ((m = /^\/retry-after\/(\d+)$/.exec(path))) {
			return sendText(res, 429, 'slow down', 'text/plain', {'retry-after': m[1]!});
		}
		if ((m = /^\/ratelimit\/(\d+)$/.exec(path))) {
			return sendText(res, 429, JSON.stringify({error: 'RateLimitExceeded', message: 'Rate Limit Exceeded'}), 'application/json', {
				'ratelimit-limit': '3000',
				'ratelimit-remaining': '0',
				'ratelimit-reset': String(Math.floor(Date.now() / 1000) + Number(m[1])),
				'ratelimit-policy': '3000;w=300',
			});
		}
		if ((m = /^\/flaky\/(\d+)$/.exec(path))) {
			const n = (flakyCounts.get(path) ?? 0) + 1;
			flakyCounts.set(path, n);
			if (n <= Number(m[1])) return sendText(res, 503, 'busy', 'text/plain');
			return sendText(res, 200, RSS_OK, 'application/rss+xml; charset=utf-8');
		}
		switch (path) {
			case '/reset':
				req.socket.resetAndDestroy();
				return;
			case '/reset-mid-body':
				res.writeHead(200, {'content-type': 'application/rss+xml'});
				res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>cut');
				timers.add(setTimeout(() => req.socket.resetAndDestroy(), 30));
				return;
			case '/truncated':
				res.writeHead(200, {'content-type': 'application/rss+xml', 'content-length': 100_000});
				res.write(RSS_OK.slice(0, 100));
				timers.add(setTimeout(() => req.socket.destroy(), 30));
				return;
			case '/hang':
				hanging.add(res);
				return;
			case '/drip': {
				res.writeHead(200, {'content-type': 'application/rss+xml'});
				res.flushHeaders();
				const timer = setInterval(() => res.write('<'), 1000);
				timers.add(timer);
				res.on('close', () => clearInterval(timer));
				return;
			}
			case '/slow-body':
				res.writeHead(200, {'content-type': 'application/rss+xml'});
				res.flushHeaders();
				timers.add(setTimeout(() => res.end(RSS_OK), 500));
				return;
			case '/redirect-loop':
				res.writeHead(302, {location: '/redirect-loop-b'}).end();
				return;
			case '/redirect-loop-b':
				res.writeHead(302, {location: '/redirect-loop'}).end();
				return;
			case '/redirect-file':
				res.writeHead(302, {location: 'file:///etc/passwd'}).end();
				return;
			case '/huge':
				res.writeHead(200, {'content-type': 'text/html', 'content-length': HUGE_BYTES});
				return stream(res, CHUNK, HUGE_BYTES, n => sent.set(path, n));
			case '/huge-chunked':
				res.writeHead(200, {'content-type': 'text/html'});
				return stream(res, CHUNK, HUGE_BYTES, n => sent.set(path, n));
			case '/gzip-bomb':
				res.writeHead(200, {'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': BOMB_MEMBER.length * BOMB_MEMBERS});
				return stream(res, BOMB_MEMBER, BOMB_MEMBER.length * BOMB_MEMBERS, n => sent.set(path, n));
			case '/garbage':
				return sendText(res, 200, Buffer.concat([Buffer.from([0x89, 0x00, 0xff, 0x1b]), randomBytes(4096)]), 'text/html');
			case '/binary':
				return sendText(res, 200, randomBytes(2048), 'image/png');
			case '/malformed.xml':
				return sendText(res, 200, RSS_OK.slice(0, RSS_OK.indexOf('<item>') + 40), 'application/rss+xml');
			case '/malformed.json':
				return sendText(res, 200, '{"version": "https://jsonfeed.org/version/1.1", "title": "x", "items": [{"id": "1", "content_text": "hi"', 'application/feed+json');
		}
		if ((m = /^\/redirect-chain\/(\d+)$/.exec(path))) {
			res.writeHead(302, {location: `/redirect-chain/${Number(m[1]) + 1}`}).end();
			return;
		}
		sendText(res, 404, 'no such fault', 'text/plain');
	};

	const server = await startServer(handler);
	const refusedUrl = `http://127.0.0.1:${await closedPort()}/feed.xml`;
	const close = server.close.bind(server);
	return Object.assign(server, {
		at: (path: string) => server.url + path,
		refusedUrl,
		healthy: (path: string) => void healthy.add(path),
		faulty: (path: string) => void healthy.delete(path),
		sent,
		close: async () => {
			for (const t of timers) clearTimeout(t);
			for (const res of hanging) res.destroy();
			await close();
		},
	});
}
