/**
 * Adapters loaded while the refresh runs (sources/index.ts adapterLoads): the sources of a kind
 * whose adapter is ready start at once, whatever another kind's load is doing, and a kind whose
 * adapter fails to load fails its own sources, each with one line, and no other. The real feed
 * adapter and HTTP client against a loopback server.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {createHttpClient} from '../../src/net/http.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {adapterLoads} from '../../src/sources/index.js';
import type {SourceAdapter} from '../../src/sources/types.js';
import {Store} from '../../src/store/store.js';
import {type LoopbackServer, sendText, startServer} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:blog</id>
<updated>2025-07-20T00:00:00Z</updated><entry><id>https://blog.example.org/1</id><title>A post</title>
<link href="https://blog.example.org/1"/><updated>2025-07-10T00:00:00Z</updated><content type="text">Text.</content></entry></feed>`;

describe('refresh: adapters that are still loading', () => {
	let server: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;

	before(async () => {
		server = await startServer();
		server.route('GET', '/feed/*', (_req, res) => sendText(res, 200, ATOM, 'application/atom+xml; charset=utf-8'));
	});
	after(() => server.close());
	beforeEach(() => {
		home = tempHome('rf-adapter-loads-');
		store = new Store(join(home.dir, 'cache.db'));
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	const researchers = (): ResearcherConfig[] => [
		{name: 'Ada Sky', sources: [{kind: 'bluesky', target: 'ada.example'}]},
		{name: 'Bo Feed', sources: [{kind: 'feed', target: `${server.url}/feed/1.xml`}]},
		{name: 'Cy Feed', sources: [{kind: 'feed', target: `${server.url}/feed/2.xml`}]},
	];

	test("feeds are fetched and saved while the Bluesky adapter is still loading; Bluesky's source runs once it has loaded", async () => {
		const settings = (await Config.open(home.dir, {write: false})).settings({});
		let release!: (adapter: SourceAdapter) => void;
		const bluesky = new Promise<SourceAdapter>(resolve => (release = resolve));
		const order: string[] = [];
		const results = await refreshSources({
			researchers: researchers(),
			store,
			http: createHttpClient({retries: 0}),
			settings: {...settings, concurrency: 1},
			adapters: {...adapterLoads(['feed']), bluesky},
			onResult: (result, done, total) => {
				order.push(result.researcher);
				// The Bluesky adapter arrives only once both feeds are saved: had its source held its
				// place in the queue, this refresh would never end.
				if (done === 2 && total === 3) release({fetch: () => Promise.resolve({items: []})});
			},
		});
		assert.deepEqual([order.slice(0, 2).sort(), order[2]], [['Bo Feed', 'Cy Feed'], 'Ada Sky']);
		assert.deepEqual(
			results.map(r => [r.researcher, r.ok, r.newItems]),
			[
				['Ada Sky', true, 0],
				['Bo Feed', true, 1],
				['Cy Feed', true, 1],
			],
			'results in the configured order',
		);
	});

	test("an adapter that fails to load fails its kind's sources, each named, and no other", async () => {
		const settings = (await Config.open(home.dir, {write: false})).settings({});
		const broken = Promise.reject(new Error('cannot load the Bluesky client'));
		const results = await refreshSources({
			researchers: researchers(),
			store,
			http: createHttpClient({retries: 0}),
			settings,
			adapters: {...adapterLoads(['feed']), bluesky: broken},
		});
		assert.deepEqual(
			results.map(r => [r.researcher, r.ok, r.error]),
			[
				['Ada Sky', false, 'cannot load the Bluesky client'],
				['Bo Feed', true, null],
				['Cy Feed', true, null],
			],
		);
	});
});
