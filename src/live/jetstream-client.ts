/**
 * Jetstream connections (the v1 `/subscribe` wire, /work/shared/reference/jetstream.md §2–§7) over
 * `ws`. The followed DIDs never go in the URL (public hosts refuse long URLs): each connection asks
 * `requireHello=true` and sends its DIDs and collections in one `options_update`, again after every
 * reconnect and whenever its share of the DIDs changes. At most 10,000 DIDs per connection; more
 * take more connections. Frames go to `onFrame` as text: parsing and trusting them is not this
 * file's business. Dropped or refused connections come back with exponential backoff and jitter.
 */
import WebSocket from 'ws';

/** Jetstream's limit per subscriber (its `options_update` refuses more with close 1008). */
export const MAX_DIDS_PER_CONNECTION = 10_000;

export interface JetstreamClientOptions {
	/** `ws:` or `wss:` URL of `/subscribe` (its own query, if any, is kept). */
	url: string;
	collections: readonly string[];
	/** Asked at each (re)connection: where to replay from (`time_us`), or undefined for the live tail. */
	cursor: () => number | undefined;
	/** Events past this size are skipped by the server (and by us, should one come anyway). */
	maxMessageBytes: number;
	onFrame: (text: string) => void;
	/** Every connection is open (`up`), or one is not and why. Called on changes only. */
	onState: (up: boolean, reason: string | null) => void;
	/** Backoff bounds (defaults 1 s and 60 s); tests shorten them. */
	backoffMs?: {min: number; max: number};
	/** A connection that hears nothing (not even the server's 30 s ping) this long is dead. */
	idleMs?: number;
}

const HEALTHY_MS = 60_000;

/** One connection per chunk of at most 10,000 DIDs, kept in sorted order so a change moves few of them. */
export class JetstreamClient {
	readonly #o: JetstreamClientOptions;
	#connections: Connection[] = [];
	#down = new Map<Connection, string>();
	#reported: {up: boolean; reason: string | null} | undefined;
	#closed = false;

	constructor(options: JetstreamClientOptions) {
		this.#o = options;
	}

	/** Subscribes to exactly these DIDs: connections are added, told their new share, or closed. */
	setDids(dids: Iterable<string>): void {
		if (this.#closed) return;
		const sorted = [...new Set(dids)].sort();
		const chunks: string[][] = [];
		for (let i = 0; i < sorted.length; i += MAX_DIDS_PER_CONNECTION) chunks.push(sorted.slice(i, i + MAX_DIDS_PER_CONNECTION));
		for (const [i, chunk] of chunks.entries()) {
			const existing = this.#connections[i];
			if (existing) existing.subscribe(chunk);
			else this.#connections.push(new Connection(this.#o, chunk, (c, reason) => this.#state(c, reason)));
		}
		for (const gone of this.#connections.splice(chunks.length)) {
			gone.close();
			this.#down.delete(gone);
		}
		this.#report();
	}

	get connections(): number {
		return this.#connections.length;
	}

	/** Every connection is open (false with none: nothing is live). */
	get up(): boolean {
		return this.#connections.length > 0 && this.#down.size === 0 && this.#connections.every(c => c.open);
	}

	close(): void {
		this.#closed = true;
		for (const c of this.#connections) c.close();
		this.#connections = [];
	}

	#state(connection: Connection, reason: string | null): void {
		if (reason === null) this.#down.delete(connection);
		else this.#down.set(connection, reason);
		this.#report();
	}

	#report(): void {
		if (this.#closed || this.#connections.length === 0) return;
		const up = this.up;
		const reason = up ? null : ([...this.#down.values()][0] ?? null);
		// Still connecting: nothing to say yet. Afterwards only a change is said (once, not per retry).
		if (!up && reason === null) return;
		if (this.#reported?.up === up) return;
		this.#reported = {up, reason};
		this.#o.onState(up, reason);
	}
}

class Connection {
	readonly #o: JetstreamClientOptions;
	#dids: string[];
	#socket: WebSocket | undefined;
	#attempt = 0;
	#openedAt = 0;
	#retry: NodeJS.Timeout | undefined;
	#idle: NodeJS.Timeout | undefined;
	#closed = false;
	open = false;

	constructor(
		options: JetstreamClientOptions,
		dids: string[],
		readonly onState: (connection: Connection, reason: string | null) => void,
	) {
		this.#o = options;
		this.#dids = dids;
		this.#connect();
	}

	subscribe(dids: string[]): void {
		const same = dids.length === this.#dids.length && dids.every((d, i) => d === this.#dids[i]);
		this.#dids = dids;
		if (!same && this.open) this.#hello();
	}

	close(): void {
		this.#closed = true;
		clearTimeout(this.#retry);
		clearTimeout(this.#idle);
		this.#socket?.removeAllListeners();
		this.#socket?.on('error', () => undefined);
		this.#socket?.terminate();
		this.#socket = undefined;
	}

	#connect(): void {
		if (this.#closed) return;
		let socket: WebSocket;
		try {
			socket = new WebSocket(subscribeUrl(this.#o), {
				// Big enough for any event we keep plus our own bound's margin; a larger frame ends the
				// connection (1009), which the backoff then handles.
				maxPayload: Math.max(1024 * 1024, this.#o.maxMessageBytes * 4),
				handshakeTimeout: 15_000,
				// No permessage-deflate: a DID-filtered stream is a trickle, and compression costs memory per socket.
				perMessageDeflate: false,
			});
		} catch (error) {
			this.#failed(error instanceof Error ? error.message : String(error));
			return;
		}
		this.#socket = socket;
		let reason: string | null = null;
		socket.on('open', () => {
			this.open = true;
			this.#openedAt = Date.now();
			this.#hello();
			this.#alive();
			this.onState(this, null);
		});
		socket.on('message', (data, isBinary) => {
			this.#alive();
			// Compressed (binary) frames are never asked for; a text frame is one event.
			if (isBinary) return;
			this.#o.onFrame(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
		});
		socket.on('ping', () => this.#alive());
		socket.on('unexpected-response', (_request, response) => {
			reason = `HTTP ${response.statusCode ?? '?'}`;
			response.resume();
			socket.terminate();
		});
		socket.on('error', error => {
			reason ??= describe(error);
		});
		socket.on('close', (code, why) => {
			const text = why.toString('utf8').slice(0, 200);
			this.#failed(reason ?? (this.open ? `closed (${code}${text ? ` ${text}` : ''})` : `closed before opening (${code})`));
		});
	}

	#hello(): void {
		const payload = {wantedCollections: this.#o.collections, wantedDids: this.#dids, maxMessageSizeBytes: this.#o.maxMessageBytes};
		this.#socket?.send(JSON.stringify({type: 'options_update', payload}));
	}

	#alive(): void {
		clearTimeout(this.#idle);
		this.#idle = setTimeout(() => this.#socket?.terminate(), this.#o.idleMs ?? 90_000);
		this.#idle.unref();
	}

	#failed(reason: string): void {
		clearTimeout(this.#idle);
		this.#socket?.removeAllListeners();
		this.#socket?.on('error', () => undefined);
		this.#socket = undefined;
		if (this.open && Date.now() - this.#openedAt > HEALTHY_MS) this.#attempt = 0;
		this.open = false;
		if (this.#closed) return;
		this.onState(this, reason);
		const {min, max} = this.#o.backoffMs ?? {min: 1000, max: 60_000};
		const step = Math.min(max, min * 2 ** this.#attempt++);
		// Full jitter over the upper half: many clients dropped at once do not come back at once.
		this.#retry = setTimeout(() => this.#connect(), step / 2 + Math.random() * (step / 2));
		this.#retry.unref();
	}
}

function subscribeUrl(o: JetstreamClientOptions): string {
	const url = new URL(o.url);
	for (const c of o.collections) url.searchParams.append('wantedCollections', c);
	url.searchParams.set('requireHello', 'true');
	url.searchParams.set('maxMessageSizeBytes', String(o.maxMessageBytes));
	const cursor = o.cursor();
	if (cursor !== undefined) url.searchParams.set('cursor', String(cursor));
	return url.toString();
}

function describe(error: Error): string {
	const code = (error as {code?: string}).code;
	return code ? `${code}${error.message.includes(code) ? '' : ` ${error.message}`}` : error.message;
}
