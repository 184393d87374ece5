/**
 * A loopback Jetstream speaking the v1 `/subscribe` wire, as /work/shared/reference/jetstream.md
 * describes it (section numbers below are that file's):
 *
 * - §2 query parameters: `wantedCollections` and `wantedDids` (repeated keys; ≤ 100 and ≤ 10,000,
 *   syntax-checked), `cursor` (integer µs; bad → 400), `requireHello=true`, `maxMessageSizeBytes`;
 *   `compress=true` is refused (400: Node 20 has no zstd). Bad filters are an HTTP 400 with a
 *   plain-text reason before the upgrade.
 * - §3 `options_update` replaces the whole filter (an empty list means "all"); invalid JSON closes
 *   with 1007, invalid options with 1008; unknown types and binary frames are ignored. With
 *   `requireHello`, nothing (replay or live) is sent before the first valid one.
 * - §4 events are one JSON object per text frame; `time_us` strictly increasing.
 * - §6 replay from `cursor` is inclusive, over a window (`setWindow`); an older cursor is clamped
 *   silently to the oldest event kept.
 * - §4 identity/account events pass any collection filter; commits are filtered by collection and DID.
 *
 * Controlled in-process: `emit`, `raw`, `dropAll`, `setDown`, `subscribers`, `upgrades`.
 */
import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {WebSocket, WebSocketServer} from 'ws';

export interface JetstreamCommit {
	did: string;
	kind: 'commit';
	commit: {rev: string; operation: 'create' | 'update' | 'delete'; collection: string; rkey: string; record?: unknown; cid?: string};
}
export type JetstreamInput = JetstreamCommit | {did: string; kind: 'identity' | 'account'; [key: string]: unknown};

interface Filter {
	collections: string[];
	dids: Set<string>;
	maxBytes: number;
}

export interface SubscriberInfo {
	/** The upgrade request's URL (path and query). */
	url: string;
	hello: boolean;
	collections: string[];
	dids: number;
	closed: boolean;
}

export interface JetstreamServer {
	/** `ws://127.0.0.1:PORT/subscribe` */
	url: string;
	port: number;
	/** Sequences an event (assigns `time_us`), keeps it for replay and sends it to matching subscribers. */
	emit(event: JetstreamInput): number;
	/** Sends a frame as is to every subscriber that said hello (malformed input). */
	raw(frame: string | Buffer): void;
	/** Events older than this are forgotten (default: kept). */
	setWindow(ms: number): void;
	/** While down, upgrades are refused with 503 and open connections are dropped. */
	setDown(down: boolean): void;
	/** Drops every connection (1006-like: no close frame). */
	dropAll(): void;
	subscribers(): SubscriberInfo[];
	/** Every upgrade request's URL, refused ones too. */
	upgrades(): string[];
	/** Resolves once `n` subscribers have said hello (and are open). */
	waitForHello(n?: number, timeoutMs?: number): Promise<void>;
	close(): Promise<void>;
}

const NSID = /^[a-zA-Z]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+(\.\*)?$/;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;

export async function startJetstreamServer(options: {port?: number} = {}): Promise<JetstreamServer> {
	const events: Array<{timeUs: number; json: string; did: string; collection: string | null; at: number}> = [];
	let lastTimeUs = 0;
	let windowMs = Number.POSITIVE_INFINITY;
	let down = false;
	const upgrades: string[] = [];
	const subs = new Set<{socket: WebSocket; info: SubscriberInfo; filter: Filter; requireHello: boolean}>();
	const http = createServer((_req, res) => {
		res.writeHead(404).end();
	});
	const wss = new WebSocketServer({noServer: true, maxPayload: 10 * 1024 * 1024});
	const sockets = new Set<Socket>();
	http.on('connection', s => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});

	const refuse = (socket: Socket, status: number, text: string) => {
		socket.end(`HTTP/1.1 ${status} ${status === 400 ? 'Bad Request' : 'Service Unavailable'}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
	};

	const trim = () => {
		const floor = Date.now() - windowMs;
		while (events.length > 0 && events[0]!.at < floor) events.shift();
	};

	const wants = (filter: Filter, e: {did: string; collection: string | null}) => {
		if (filter.dids.size > 0 && !filter.dids.has(e.did)) return false;
		if (e.collection === null || filter.collections.length === 0) return true;
		return filter.collections.some(c => (c.endsWith('.*') ? e.collection!.startsWith(c.slice(0, -1)) : c === e.collection));
	};

	const parseFilter = (collections: unknown, dids: unknown, maxBytes: unknown): Filter | string => {
		const cs = [...new Set(Array.isArray(collections) ? collections : [])];
		const ds = [...new Set(Array.isArray(dids) ? dids : [])];
		if (cs.length > 100) return 'too many wantedCollections';
		if (ds.length > 10_000) return 'too many wantedDids';
		for (const c of cs) if (typeof c !== 'string' || !NSID.test(c)) return `invalid collection: ${String(c)}`;
		for (const d of ds) if (typeof d !== 'string' || !DID.test(d)) return `invalid did: ${String(d)}`;
		const n = Number(maxBytes);
		return {collections: cs as string[], dids: new Set(ds as string[]), maxBytes: Number.isFinite(n) && n > 0 ? n : 0};
	};

	http.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
		const url = new URL(req.url ?? '/', 'http://x');
		upgrades.push(req.url ?? '');
		if (down) return refuse(socket, 503, 'unavailable');
		if (url.pathname !== '/subscribe') return refuse(socket, 400, 'not found');
		const q = url.searchParams;
		if (q.get('compress') === 'true') return refuse(socket, 400, 'compression is not offered here');
		const filter = parseFilter(q.getAll('wantedCollections'), q.getAll('wantedDids'), q.get('maxMessageSizeBytes'));
		if (typeof filter === 'string') return refuse(socket, 400, filter);
		const cursorText = q.get('cursor');
		let cursor: number | undefined;
		if (cursorText !== null && cursorText !== '') {
			if (!/^\d+$/.test(cursorText)) return refuse(socket, 400, 'invalid cursor');
			cursor = Number(cursorText);
			if (cursor > Date.now() * 1000) cursor = undefined;
		}
		wss.handleUpgrade(req, socket, head, ws => {
			const requireHello = q.get('requireHello') === 'true';
			const sub = {socket: ws, requireHello, filter, info: {url: req.url ?? '', hello: false, collections: filter.collections, dids: filter.dids.size, closed: false}};
			subs.add(sub);
			let started = false;
			const start = () => {
				if (started) return;
				started = true;
				if (cursor !== undefined) {
					trim();
					// Inclusive, silently clamped to what is kept (§6).
					for (const e of events) if (e.timeUs >= cursor && wants(sub.filter, e) && fits(sub.filter, e.json)) ws.send(e.json);
				}
			};
			if (!requireHello) start();
			ws.on('message', (data, isBinary) => {
				if (isBinary) return;
				let message: unknown;
				try {
					message = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : String(Buffer.concat(data as Buffer[])));
				} catch {
					return ws.close(1007, 'invalid JSON');
				}
				const m = message as {type?: unknown; payload?: {wantedCollections?: unknown; wantedDids?: unknown; maxMessageSizeBytes?: unknown}};
				if (m.type !== 'options_update') return;
				const next = parseFilter(m.payload?.wantedCollections, m.payload?.wantedDids, m.payload?.maxMessageSizeBytes ?? sub.filter.maxBytes);
				if (typeof next === 'string') return ws.close(1008, next);
				sub.filter = next;
				sub.info.hello = true;
				sub.info.collections = next.collections;
				sub.info.dids = next.dids.size;
				start();
			});
			ws.on('close', () => {
				sub.info.closed = true;
				subs.delete(sub);
			});
			ws.on('error', () => undefined);
		});
	});

	const fits = (filter: Filter, json: string) => filter.maxBytes === 0 || Buffer.byteLength(json) <= filter.maxBytes;

	await new Promise<void>(resolve => http.listen(options.port ?? 0, '127.0.0.1', resolve));
	const port = (http.address() as AddressInfo).port;

	const live = () => [...subs].filter(s => (s.info.hello || !s.requireHello) && s.socket.readyState === WebSocket.OPEN);

	return {
		url: `ws://127.0.0.1:${port}/subscribe`,
		port,
		emit(event) {
			const timeUs = Math.max(lastTimeUs + 1, Date.now() * 1000);
			lastTimeUs = timeUs;
			const collection = event.kind === 'commit' ? (event).commit.collection : null;
			const json = JSON.stringify({...event, time_us: timeUs});
			events.push({timeUs, json, did: event.did, collection, at: Date.now()});
			trim();
			for (const s of live()) if (wants(s.filter, {did: event.did, collection}) && fits(s.filter, json)) s.socket.send(json);
			return timeUs;
		},
		raw(frame) {
			for (const s of live()) s.socket.send(frame, {binary: Buffer.isBuffer(frame)});
		},
		setWindow(ms) {
			windowMs = ms;
			trim();
		},
		setDown(value) {
			down = value;
			if (value) for (const s of subs) s.socket.terminate();
		},
		dropAll() {
			for (const s of subs) s.socket.terminate();
		},
		subscribers: () => [...subs].map(s => ({...s.info})),
		upgrades: () => [...upgrades],
		async waitForHello(n = 1, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			while (live().filter(s => s.info.hello).length < n) {
				if (Date.now() > until) throw new Error(`jetstream-server: ${n} hello(s) expected, ${live().filter(s => s.info.hello).length} seen`);
				await new Promise(r => setTimeout(r, 20));
			}
		},
		async close() {
			for (const s of subs) s.socket.terminate();
			wss.close();
			for (const s of sockets) s.destroy();
			await new Promise<void>(resolve => http.close(() => resolve()));
		},
	};
}

/** Helpers for the events a followed account makes. */
export const jet = {
	post(did: string, rkey: string, record: Record<string, unknown>, operation: 'create' | 'update' = 'create'): JetstreamCommit {
		return {did, kind: 'commit', commit: {rev: `rev${rkey}`, operation, collection: 'app.bsky.feed.post', rkey, record: {$type: 'app.bsky.feed.post', ...record}, cid: 'bafyreib2rxk3rh6kzwq'}};
	},
	repost(did: string, rkey: string, subject: {uri: string; cid: string}, createdAt: string): JetstreamCommit {
		return {did, kind: 'commit', commit: {rev: `rev${rkey}`, operation: 'create', collection: 'app.bsky.feed.repost', rkey, record: {$type: 'app.bsky.feed.repost', subject, createdAt}, cid: 'bafyreib2rxk3rh6kzwq'}};
	},
	delete(did: string, collection: string, rkey: string): JetstreamCommit {
		return {did, kind: 'commit', commit: {rev: `rev${rkey}`, operation: 'delete', collection, rkey}};
	},
};
