/**
 * The origin every source of a generated home points at, for the TUI benchmarks: the launch
 * refresh finds nothing new. Homepages and feeds answer 304 to a conditional request (the
 * generator stored their ETags); the Bluesky AppView answers an author feed with no posts, so the
 * adapter rebuilds the source's items from the posts it stored, as it does when nothing is new.
 * Each answer waits `latencyMs`, like a remote server.
 */
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface StubOrigin {
	url: string;
	requests: number;
	close(): Promise<void>;
}

export async function startStubOrigin(latencyMs = 50): Promise<StubOrigin> {
	let requests = 0;
	const server: Server = createServer((req, res) => {
		requests++;
		setTimeout(() => {
			const path = req.url ?? '/';
			if (path.startsWith('/xrpc/app.bsky.feed.getAuthorFeed')) {
				const body = JSON.stringify({feed: []});
				res.writeHead(200, {'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body)});
				res.end(body);
			} else if (req.headers['if-none-match']) {
				res.writeHead(304, {etag: String(req.headers['if-none-match'])});
				res.end();
			} else {
				res.writeHead(404, {'content-type': 'text/plain', 'content-length': 9});
				res.end('not found');
			}
		}, latencyMs);
	});
	server.keepAliveTimeout = 5000;
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const origin: StubOrigin = {
		url: `http://127.0.0.1:${port}`,
		get requests() {
			return requests;
		},
		set requests(n: number) {
			requests = n;
		},
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	return origin;
}
