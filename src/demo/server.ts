/**
 * The in-process loopback server behind `research-feed demo`: a tiny Bluesky AppView over the
 * bundled snapshot and a homepage, so the demo runs through the real adapters with no network.
 */
import {readFileSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

interface Snapshot {
	actors: Array<{profile: {did: string; handle: string}; feed: unknown[]}>;
}

const ASSETS = new URL('../../assets/demo/', import.meta.url);
const PAGE_SIZE = 25;

export interface DemoServer {
	url: string;
	homepageUrl: string;
	close(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
	const snapshot = JSON.parse(readFileSync(new URL('bluesky.json', ASSETS), 'utf8')) as Snapshot;
	const homepage = readFileSync(new URL('weiliu.md', ASSETS));
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const send = (status: number, type: string, body: string | Buffer) => {
			res.writeHead(status, {'content-type': type});
			res.end(body);
		};
		const json = (status: number, body: unknown) => send(status, 'application/json', JSON.stringify(body));
		const actorParam = (url.searchParams.get('actor') ?? '').toLowerCase();
		const actor = snapshot.actors.find(a => a.profile.did === actorParam || a.profile.handle === actorParam);
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
			default:
				return json(404, {error: 'NotFound', message: 'not in the demo snapshot'});
		}
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		homepageUrl: `${url}/weiliu/about.md`,
		close: () =>
			new Promise(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
