/**
 * `research-feed refresh` (the real CLI, a child process) against a home where nearly every
 * source is a different network fault: each fault ends in bounded time, is reported as one line
 * per source (refresh --json, stderr, researchers --json), costs nobody their cached items, and
 * the refresh exits 2.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import type {Item} from '../../src/domain/types.js';
import {leqiFixture, weiFixture} from '../fixtures/bluesky/build.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {writeConfig} from './config-file.js';
import {forbiddenHtml, invalidCidFeed, serverError, startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';
import {startFaultServer, type FaultServer} from './fault-server.js';

interface RefreshJson {
	sources: Array<{researcher: string; source: string; target: string; ok: boolean; newItems: number; error: string | null}>;
}
interface ResearcherJson {
	name: string;
	sources: Array<{kind: string; target: string; lastError: string | null; lastSuccess: string | null; items: number}>;
}

/**
 * Small limits so the whole matrix runs in a few seconds; the defaults are the same mechanism, only
 * slower. Not smaller: 24 sources at once (a 10 MB gzip bomb among them) can hold the child's event
 * loop for a few hundred milliseconds on a busy machine, and a timer that fires late is a flaky test.
 */
export const FAST_ENV = {
	RESEARCH_FEED_HTTP_TIMEOUT_MS: '2000',
	RESEARCH_FEED_HTTP_HEADERS_TIMEOUT_MS: '1000',
	RESEARCH_FEED_HTTP_RETRY_BASE_MS: '20',
	RESEARCH_FEED_HTTP_MAX_WAIT_MS: '1500',
	RESEARCH_FEED_SOURCE_TIMEOUT_MS: '10000',
};

interface Case {
	name: string;
	kind: 'feed' | 'homepage' | 'bluesky';
	target: () => string;
	/** Served healthy on the first refresh (so it has items to lose). */
	warm?: string;
	error: RegExp;
}

describe('refresh against one fault per source', () => {
	let faults: FaultServer;
	let limitedA: FaultServer;
	let limitedB: FaultServer;
	let xrpc: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	let weiDid: string;
	let leqiDid: string;
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {...FAST_ENV, RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url}});

	const cases: Case[] = [
		{name: 'Http 404', kind: 'feed', target: () => faults.at('/status/404'), warm: '/status/404', error: /^HTTP 404 Not Found$/},
		{name: 'Http 500', kind: 'feed', target: () => faults.at('/status/500'), warm: '/status/500', error: /^HTTP 500 Internal Server Error \(3 attempts\)$/},
		{name: 'Retry After', kind: 'feed', target: () => limitedA.at('/retry-after/120'), error: /^HTTP 429 Too Many Requests: 127\.0\.0\.1:\d+ asks to wait 2 min, longer than the 1\.5 s a refresh waits; try again later$/},
		{name: 'Ratelimit Headers', kind: 'feed', target: () => limitedB.at('/ratelimit/600'), error: /^HTTP 429 Too Many Requests: 127\.0\.0\.1:\d+ asks to wait (9|10) min, longer than the 1\.5 s/},
		{name: 'Refused', kind: 'feed', target: () => faults.refusedUrl, error: /^127\.0\.0\.1:\d+: connection refused \(3 attempts\)$/},
		{name: 'Reset', kind: 'feed', target: () => faults.at('/reset'), warm: '/reset', error: /^connection (reset|closed without an answer) \(3 attempts\)$/},
		{name: 'Reset Mid Body', kind: 'feed', target: () => faults.at('/reset-mid-body'), warm: '/reset-mid-body', error: /^connection (reset while reading the body|closed before the whole body arrived) \(3 attempts\)$/},
		{name: 'Truncated', kind: 'feed', target: () => faults.at('/truncated'), warm: '/truncated', error: /^connection (closed before the whole body arrived|reset while reading the body) \(3 attempts\)$/},
		{name: 'Hang', kind: 'homepage', target: () => faults.at('/hang'), error: /^no response within 1 s \(2 attempts\)$/},
		{name: 'Drip', kind: 'feed', target: () => faults.at('/drip'), warm: '/drip', error: /^timed out after 2 s$/},
		{name: 'Redirect Loop', kind: 'feed', target: () => faults.at('/redirect-loop'), error: /^redirect loop at http:\/\/127\.0\.0\.1:\d+\/redirect-loop$/},
		{name: 'Huge Declared', kind: 'homepage', target: () => faults.at('/huge'), error: /^response too large \(300 MB; limit 10 MB\)$/},
		{name: 'Huge Chunked', kind: 'feed', target: () => faults.at('/huge-chunked'), warm: '/huge-chunked', error: /^response too large \(over 10 MB\)$/},
		{name: 'Gzip Bomb', kind: 'homepage', target: () => faults.at('/gzip-bomb'), error: /^response too large \(over 10 MB after decompression\)$/},
		{name: 'Garbage', kind: 'homepage', target: () => faults.at('/garbage'), error: /^not a web page or feed \(the body is binary data\)$/},
		{name: 'Binary', kind: 'feed', target: () => faults.at('/binary'), error: /^not a web page or feed \(content-type image\/png\)$/},
		{name: 'Malformed Xml', kind: 'feed', target: () => faults.at('/malformed.xml'), warm: '/malformed.xml', error: /^not a valid RSS\/Atom\/JSON feed/},
		{name: 'Malformed Json', kind: 'feed', target: () => faults.at('/malformed.json'), error: /^not a valid RSS\/Atom\/JSON feed/},
		{name: 'Lexicon Invalid', kind: 'bluesky', target: () => leqiDid, error: /^invalid response from the server \(Output\/feed\/0\/post\/cid must be a cid string\)$/},
		{name: 'Bsky Not Json', kind: 'bluesky', target: () => 'not-json.bsky.social', error: /^invalid response from the server \(not JSON: SyntaxError/},
		{name: 'Bsky Overloaded', kind: 'bluesky', target: () => 'overloaded.bsky.social', error: /^HTTP 503 InternalServerError: Internal Server Error$/},
		{name: 'Bsky Cdn Block', kind: 'bluesky', target: () => 'blocked.bsky.social', error: /^HTTP 403 Forbidden$/},
	];

	before(async () => {
		[faults, limitedA, limitedB] = await Promise.all([startFaultServer(), startFaultServer(), startFaultServer()]);
		const leqi = await leqiFixture();
		const wei = await weiFixture();
		weiDid = wei.actor.did;
		leqiDid = leqi.actor.did;
		xrpc = await startXrpcServer({actors: [leqi, wei], pageSize: 50});
		home = tempHome('rf-faults-');
		// Written directly (one `add` per researcher would cost a process each).
		writeConfig(home.dir, [
			...cases.map(c => ({name: c.name, sources: [{kind: c.kind, target: c.target()}]})),
			{name: 'Good Feed', sources: [{kind: 'feed', target: faults.at('/ok.xml')}]},
			{name: 'Good Bluesky', sources: [{kind: 'bluesky', target: weiDid}]},
		]);
	});
	after(async () => {
		await Promise.all([faults.close(), limitedA.close(), limitedB.close(), xrpc.close()]);
		home.cleanup();
	});

	test('every fault is one line for its source, nobody loses items, exit 2, in bounded time', async () => {
		// First refresh: the warm sources are healthy and fill the cache.
		for (const c of cases) if (c.warm) faults.healthy(c.warm);
		const first = json<RefreshJson>(await cli(['refresh', '--json']));
		for (const c of cases.filter(c => c.warm)) assert.ok(first.sources.find(s => s.researcher === c.name)!.ok, c.name);
		const before = json<Item[]>(await cli(['list', '--json']));
		assert.ok(before.filter(i => i.source === 'feed').length >= 2 * (cases.filter(c => c.warm).length + 1));

		for (const c of cases) if (c.warm) faults.faulty(c.warm);
		xrpc.injectResponse(leqiDid, invalidCidFeed((await leqiFixture()).feed));
		xrpc.injectResponse('not-json.bsky.social', {status: 200, body: '{"feed": [{"post": ', contentType: 'application/json'});
		xrpc.injectResponse('overloaded.bsky.social', serverError(503));
		xrpc.injectResponse('blocked.bsky.social', forbiddenHtml());

		const start = Date.now();
		const r = await cli(['refresh', '--json']);
		const elapsed = Date.now() - start;
		assert.equal(r.code, 2, r.stderr);
		assert.ok(elapsed < 20_000, `refresh took ${elapsed} ms`);
		assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
		const out = json<RefreshJson>(r);
		const researchers = json<ResearcherJson[]>(await cli(['researchers', '--json']));
		for (const c of cases) {
			const result = out.sources.find(s => s.researcher === c.name);
			assert.ok(result, c.name);
			assert.equal(result.ok, false, `${c.name} should fail`);
			assert.match(result.error!, c.error, c.name);
			assert.ok(!result.error!.includes('\n') && result.error!.length <= 300, `${c.name}: one line`);
			// The same line on stderr, named, and in the researchers view.
			const line = `research-feed: ${c.name} ${c.kind} ${result.target}: ${result.error}`;
			assert.equal(r.stderr.split('\n').filter(l => l === line).length, 1, `${c.name} on stderr:\n${r.stderr}`);
			assert.equal(researchers.find(x => x.name === c.name)!.sources[0]!.lastError, result.error, c.name);
		}
		for (const good of ['Good Feed', 'Good Bluesky']) assert.equal(out.sources.find(s => s.researcher === good)!.ok, true, good);

		// Nobody lost anything: the failed sources keep what the first refresh cached.
		assert.deepEqual(json<Item[]>(await cli(['list', '--json'])), before);
		const db = new Database(join(home.dir, 'cache.db'), {readonly: true});
		try {
			assert.equal(db.pragma('integrity_check', {simple: true}), 'ok');
		} finally {
			db.close();
		}
		// The rate-limited hosts were asked once per refresh: no hammering.
		assert.equal(limitedA.count(), 2, 'Retry-After host asked once per refresh');
		assert.equal(limitedB.count(), 2, 'ratelimit-* host asked once per refresh');
		// Retries only where they can help.
		assert.equal(faults.count('/status/404'), 2, 'one request per refresh for a 404');
		assert.equal(faults.count('/malformed.xml'), 2, 'one request per refresh for a parse error');
		assert.equal(faults.count('/garbage'), 2, 'one request per refresh for binary garbage');
	});
});

describe('offline: many sources on a host that refuses every connection', () => {
	let faults: FaultServer;
	let home: ReturnType<typeof tempHome>;
	before(async () => {
		faults = await startFaultServer();
		home = tempHome('rf-offline-');
	});
	after(async () => {
		await faults.close();
		home.cleanup();
	});

	test('the first sources find out with their retries, the rest fail at once; another host is still fetched', async () => {
		const refused = Array.from({length: 30}, (_, i) => ({name: `Offline ${i}`, sources: [{kind: 'feed' as const, target: faults.refusedUrl.replace('feed.xml', `feed-${i}.xml`)}]}));
		writeConfig(home.dir, [...refused, {name: 'Good Feed', sources: [{kind: 'feed', target: faults.at('/ok.xml')}]}]);
		const r = await runCli(['refresh', '--json'], {home: home.dir, env: FAST_ENV});
		assert.equal(r.code, 2, r.stderr);
		const sources = json<RefreshJson>(r).sources;
		assert.equal(sources.find(s => s.researcher === 'Good Feed')?.ok, true);
		const errors = sources.filter(s => s.researcher.startsWith('Offline')).map(s => s.error ?? '');
		assert.equal(errors.length, 30);
		// The host is named (a Bluesky or bibliography source's target is not the host asked).
		const retried = errors.filter(e => /^127\.0\.0\.1:\d+: connection refused \(3 attempts\)$/.test(e));
		const skipped = errors.filter(e => /^connection refused \(127\.0\.0\.1:\d+ could not be reached just now; not asked again\)$/.test(e));
		// At most one round of the refresh's concurrency (8 requests at a time) waits out its retries.
		assert.ok(retried.length >= 1 && retried.length <= 8, JSON.stringify(errors));
		assert.equal(retried.length + skipped.length, 30, JSON.stringify(errors));
	});
});
