/**
 * The orchestrator with the real HTTP client and the real Bluesky adapter against a loopback
 * AppView that rate-limits: waits it is asked for are honoured (within the cap) for every source
 * on that host, longer ones fail at once without asking again, and a source past its own
 * deadline gives up without costing the others.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {createHttpClient, type HttpLimits} from '../../src/net/http.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {loadAdapters} from '../../src/sources/index.js';
import {sourceKey} from '../../src/domain/identity.js';
import {getSourceState} from '../../src/store/sources.js';
import {Store} from '../../src/store/store.js';
import {leqiFixture, weiFixture} from '../fixtures/bluesky/build.js';
import {tempHome} from '../helpers/temp-home.js';
import {NSID, rateLimited, startXrpcServer, xrpcPath, type XrpcServer} from '../helpers/xrpc-server.js';
import {startFaultServer, type FaultServer} from '../faults/fault-server.js';

const FAST: Partial<HttpLimits> = {headersTimeoutMs: 2000, totalTimeoutMs: 3000, retries: 2, retryBaseMs: 20, maxRetryWaitMs: 2000};

describe('rate limits and deadlines through the orchestrator', () => {
	let xrpc: XrpcServer;
	let faults: FaultServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	let leqi: Awaited<ReturnType<typeof leqiFixture>>;
	let wei: Awaited<ReturnType<typeof weiFixture>>;
	let researchers: ResearcherConfig[];

	before(async () => {
		leqi = await leqiFixture();
		wei = await weiFixture();
		xrpc = await startXrpcServer({actors: [leqi, wei], pageSize: 4});
		faults = await startFaultServer();
		researchers = [
			{name: 'Leqi Liu', sources: [{kind: 'bluesky', target: leqi.actor.did}]},
			{name: 'Wei Liu', sources: [{kind: 'bluesky', target: wei.actor.did}]},
		];
	});
	after(async () => {
		await Promise.all([xrpc.close(), faults.close()]);
	});
	beforeEach(() => {
		home = tempHome('rf-ratelimit-');
		store = new Store(join(home.dir, 'cache.db'));
		xrpc.clearInjections();
		xrpc.reset();
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	async function refresh(list: ResearcherConfig[], limits: Partial<HttpLimits> = FAST, sourceTimeoutMs?: number) {
		const settings = {...(await Config.open(home.dir, {write: false})).settings({RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url}), concurrency: 1};
		return refreshSources({
			researchers: list,
			store,
			http: createHttpClient(limits),
			settings,
			adapters: await loadAdapters(list.flatMap(r => r.sources.map(s => s.kind))),
			...(sourceTimeoutMs === undefined ? {} : {sourceTimeoutMs}),
		});
	}

	test('a short Retry-After is waited out, for every source on the host, and then all succeed', async () => {
		xrpc.injectResponse(leqi.actor.did, {status: 429, body: {error: 'RateLimitExceeded', message: 'Rate Limit Exceeded'}, headers: {'retry-after': '1'}, times: 1});
		const results = await refresh(researchers);
		assert.deepEqual(results.map(r => [r.researcher, r.ok, r.error]), [['Leqi Liu', true, null], ['Wei Liu', true, null]]);
		const feed = xrpc.requests.filter(r => r.path === xrpcPath(NSID.getAuthorFeed));
		const gap = feed[1]!.time - feed[0]!.time;
		assert.ok(gap >= 950, `the retry came ${gap} ms after the 429 (asked: 1 s)`);
		assert.ok(store.countItems({}) > 0);
	});

	test('ratelimit-reset beyond the cap: the first 429 fails its source at once, nobody asks the host again', async () => {
		xrpc.injectResponse('*', {...rateLimited({resetEpochSeconds: Math.floor(Date.now() / 1000) + 600}), times: 1});
		const start = Date.now();
		const results = await refresh(researchers);
		assert.ok(Date.now() - start < 3000, 'no sleeping');
		assert.equal(xrpc.count('/xrpc/'), 1, 'one request in all');
		for (const r of results) {
			assert.equal(r.ok, false);
			assert.match(r.error!, /^HTTP 429 Too Many Requests: 127\.0\.0\.1:\d+ asks to wait (9|10) min( more)?, longer than the 2 s a refresh waits; try again later$/);
		}
		assert.equal(getSourceState(store.db, sourceKey(researchers[0]!.sources[0]!))!.lastError, results[0]!.error, 'recorded for the researchers view');
	});

	test('a page that says ratelimit-remaining: 0 stops the next page from being asked for', async () => {
		const firstPage = {feed: leqi.feed.slice(0, 2), cursor: 'page-2'};
		xrpc.injectResponse(leqi.actor.did, {
			status: 200,
			body: firstPage,
			headers: {'ratelimit-limit': '3000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.floor(Date.now() / 1000) + 300)},
			nsid: NSID.getAuthorFeed,
			times: 1,
		});
		const [result] = await refresh(researchers.slice(0, 1));
		assert.equal(result!.ok, false);
		assert.match(result!.error!, /^rate limit used up: 127\.0\.0\.1:\d+ asks to wait (4|5) min more/);
		assert.equal(xrpc.count('/xrpc/'), 1);
		assert.equal(store.countItems({}), 0, 'a source that failed half-way saves nothing');
	});

	test('a source past its own deadline gives up; the others are unaffected', async () => {
		const list: ResearcherConfig[] = [
			{name: 'Hangs', sources: [{kind: 'homepage', target: faults.at('/hang')}]},
			{name: 'Fine', sources: [{kind: 'feed', target: faults.at('/ok.xml')}]},
		];
		const start = Date.now();
		const results = await refresh(list, {...FAST, headersTimeoutMs: 60_000, totalTimeoutMs: 60_000}, 300);
		assert.ok(Date.now() - start < 5000, `${Date.now() - start} ms`);
		assert.deepEqual(results.map(r => [r.researcher, r.ok, r.error]), [
			['Hangs', false, 'gave up after 300 ms (the source did not finish in time)'],
			['Fine', true, null],
		]);
		assert.equal(store.countItems({researcher: 'Fine'}), 2);
	});

	test('cancelled (the user quit) while sources wait their turn: no request is started and nothing is left unhandled', async () => {
		const list: ResearcherConfig[] = [
			{name: 'Hangs', sources: [{kind: 'homepage', target: faults.at('/hang')}]},
			...researchers,
		];
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			const quitting = new AbortController();
			setTimeout(() => quitting.abort(), 200);
			const settings = {...(await Config.open(home.dir, {write: false})).settings({RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url}), concurrency: 1};
			const results = await refreshSources({
				researchers: list,
				store,
				http: createHttpClient({...FAST, headersTimeoutMs: 60_000, totalTimeoutMs: 60_000}),
				settings,
				adapters: await loadAdapters(['homepage', 'bluesky']),
				signal: quitting.signal,
			});
			assert.deepEqual(results.map(r => [r.researcher, r.ok, r.error]), [
				['Hangs', false, 'refresh cancelled'],
				['Leqi Liu', false, 'refresh cancelled'],
				['Wei Liu', false, 'refresh cancelled'],
			]);
			assert.equal(xrpc.count('/xrpc/'), 0, 'the sources queued behind the cancelled one never asked');
			await new Promise(resolve => setTimeout(resolve, 300));
			assert.deepEqual(unhandled, []);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	});
});
