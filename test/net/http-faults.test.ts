/**
 * The HTTP client against one misbehaving loopback endpoint at a time: every fault ends in
 * bounded time with one readable message, and retries happen only where they can help. Waits the
 * client decides on (backoff, Retry-After, the unreachable-host window) are proven on a fake clock
 * where real time adds nothing; each kind keeps a real-time test here or in test/refresh/rate-limit.
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {UNREACHABLE_MS} from '../../src/net/host-gate.js';
import {createHttpClient, DEFAULT_LIMITS, HttpError, type HttpLimits} from '../../src/net/http.js';
import {startFaultServer, type FaultServer} from '../faults/fault-server.js';
import {FakeClock} from '../helpers/fake-clock.js';

const FAST: Partial<HttpLimits> = {headersTimeoutMs: 300, totalTimeoutMs: 600, retries: 2, retryBaseMs: 20, maxRetryWaitMs: 1500, maxBodyBytes: 1024 * 1024};

async function failure(promise: Promise<unknown>): Promise<{error: HttpError; ms: number}> {
	const start = Date.now();
	try {
		await promise;
	} catch (error) {
		assert.ok(error instanceof HttpError, `expected HttpError, got ${String(error)}`);
		return {error, ms: Date.now() - start};
	}
	assert.fail('expected the request to fail');
}

describe('HTTP client under network faults', () => {
	let server: FaultServer;
	before(async () => {
		server = await startFaultServer();
	});
	after(() => server.close());

	const client = () => createHttpClient(FAST);

	test('4xx answers come back once, unretried', async () => {
		for (const status of [403, 404, 410]) {
			const response = await client().get({url: server.at(`/status/${status}`)});
			assert.equal(response.status, status);
			assert.equal(response.attempts, 1);
			assert.equal(server.count(`/status/${status}`), 1);
		}
	});

	test('5xx is retried with backoff, a bounded number of times (real time)', async () => {
		const response = await client().get({url: server.at('/status/503')});
		assert.equal(response.status, 503);
		assert.equal(response.attempts, 3);
		assert.equal(server.count('/status/503'), 3);
		const times = server.requests.filter(r => r.path === '/status/503').map(r => r.time);
		assert.ok(times[1]! - times[0]! >= 10 && times[2]! - times[1]! >= 20, `backoff between attempts: ${times.join(', ')}`);
		const flaky = await client().get({url: server.at('/flaky/1')});
		assert.equal(flaky.status, 200, 'a transient 503 heals on retry');
		assert.equal(flaky.attempts, 2);
		assert.equal((await client().get({url: server.at('/status/501')})).attempts, 1, '501 Not Implemented is not transient');
	});

	test('connection refused: retried, then one line', async () => {
		const {error, ms} = await failure(client().get({url: server.refusedUrl}));
		assert.equal(error.message, 'connection refused (3 attempts)');
		assert.ok(ms < 5000, `${ms} ms`);
	});

	test('backoff is 0.5–1 s, then 1–2 s, jittered by the random source (fake clock: no waiting)', async () => {
		const limits = {...FAST, retryBaseMs: DEFAULT_LIMITS.retryBaseMs};
		for (const [random, expected] of [
			[0, [500, 1000]],
			[0.9999, [1000, 2000]],
		] as const) {
			const clock = new FakeClock(Date.now());
			await failure(createHttpClient(limits, {clock, random: () => random}).get({url: server.refusedUrl}));
			assert.deepEqual(clock.sleeps, expected, `network failure, random ${random}`);
		}
		// A 5xx waits its backoff in the host's gate, so every request to that host waits with it.
		server.reset();
		const clock = new FakeClock(Date.now());
		const response = await createHttpClient(limits, {clock, random: () => 0}).get({url: server.at('/status/503')});
		assert.equal(response.attempts, 3);
		assert.deepEqual(clock.sleeps, [500, 1000], 'HTTP 503');
	});

	test('a host that failed every attempt is not asked again by the same client for a while; other hosts are', async () => {
		const http = client();
		assert.equal((await failure(http.get({url: server.refusedUrl}))).error.message, 'connection refused (3 attempts)');
		const again = await failure(http.get({url: server.refusedUrl.replace('/feed.xml', '/other.xml')}));
		assert.match(again.error.message, /^connection refused \(127\.0\.0\.1:\d+ could not be reached just now; not asked again\)$/);
		assert.equal(again.error.transient, false, 'not retried either');
		assert.equal((await http.get({url: server.at('/status/200')})).status, 200, 'another host is unaffected');
		// A new client (the next refresh) tries again.
		assert.equal((await failure(client().get({url: server.refusedUrl}))).error.message, 'connection refused (3 attempts)');
	});

	test('an unreachable host is asked again a minute later (fake clock)', async () => {
		const clock = new FakeClock(Date.now());
		const http = createHttpClient(FAST, {clock, random: () => 0});
		assert.equal((await failure(http.get({url: server.refusedUrl}))).error.message, 'connection refused (3 attempts)');
		clock.advance(UNREACHABLE_MS - 1000);
		assert.match((await failure(http.get({url: server.refusedUrl}))).error.message, /not asked again\)$/);
		clock.advance(1000);
		assert.equal((await failure(http.get({url: server.refusedUrl}))).error.message, 'connection refused (3 attempts)');
	});

	test('reset before the answer and in the middle of the body', async () => {
		server.reset();
		const before = await failure(client().get({url: server.at('/reset')}));
		assert.match(before.error.message, /^connection (reset|closed without an answer) \(3 attempts\)$/);
		assert.equal(server.count('/reset'), 3);
		const mid = await failure(client().get({url: server.at('/reset-mid-body')}));
		assert.match(mid.error.message, /^connection (reset while reading the body|closed before the whole body arrived) \(3 attempts\)$/);
	});

	test('a truncated body (content-length larger than sent) is an error, not a short document', async () => {
		const {error} = await failure(client().get({url: server.at('/truncated')}));
		assert.match(error.message, /^connection (closed before the whole body arrived|reset while reading the body) \(3 attempts\)$/);
	});

	test('a server that never answers: the headers timeout, one retry', async () => {
		server.reset();
		const {error, ms} = await failure(client().get({url: server.at('/hang')}));
		assert.equal(error.message, 'no response within 300 ms (2 attempts)');
		assert.equal(server.count('/hang'), 2, 'timeouts are retried once only');
		assert.ok(ms >= 600 && ms < 5000, `${ms} ms`);
	});

	test('a server that drips a byte a second: the whole-request deadline', async () => {
		const {error, ms} = await failure(createHttpClient({...FAST, retries: 0}).get({url: server.at('/drip')}));
		assert.equal(error.message, 'timed out after 600 ms');
		assert.ok(ms >= 590 && ms < 5000, `${ms} ms`);
	});

	test('a request that used the whole deadline is not tried again, whatever retries allow', async () => {
		server.reset();
		const {error, ms} = await failure(createHttpClient({...FAST, retries: 2}).get({url: server.at('/drip')}));
		assert.equal(error.message, 'timed out after 600 ms');
		assert.equal(server.count('/drip'), 1);
		assert.ok(ms < 1500, `${ms} ms: one deadline, not two`);
	});

	test('a slow but steady body is not cut by the headers timeout', async () => {
		// Headers at once, the body 500 ms later: longer than the headers timeout, well within the deadline.
		const response = await createHttpClient({...FAST, headersTimeoutMs: 300, totalTimeoutMs: 5000, retries: 0}).get({url: server.at('/slow-body')});
		assert.equal(response.status, 200);
		assert.match(new TextDecoder().decode(response.body), /Healthy two/);
	});

	test('redirects: loops, endless chains and non-http targets stop at once', async () => {
		assert.match((await failure(client().get({url: server.at('/redirect-loop')}))).error.message, /^redirect loop at http:\/\/127\.0\.0\.1:\d+\/redirect-loop$/);
		assert.equal((await failure(client().get({url: server.at('/redirect-chain/1')}))).error.message, 'too many redirects (more than 5)');
		assert.equal((await failure(client().get({url: server.at('/redirect-file')}))).error.message, 'refusing non-http(s) URL: file:');
	});

	test('a body of hundreds of MB: refused from its length, or cut while streaming', async () => {
		const declared = await failure(client().get({url: server.at('/huge')}));
		assert.equal(declared.error.message, 'response too large (300 MB; limit 1 MB)');
		const chunked = await failure(client().get({url: server.at('/huge-chunked')}));
		assert.equal(chunked.error.message, 'response too large (over 1 MB)');
		assert.ok((server.sent.get('/huge-chunked') ?? 0) < 50 * 1024 * 1024, 'the client stopped reading long before the end');
	});

	test('a gzip bomb: the cap applies to the decompressed bytes', async () => {
		const {error, ms} = await failure(client().get({url: server.at('/gzip-bomb')}));
		assert.equal(error.message, 'response too large (over 1 MB after decompression)');
		assert.ok(ms < 5000, `${ms} ms`);
	});

	test('the fetch() handed to @atproto/api has the same limits and retries', async () => {
		server.reset();
		const f = client().fetch;
		const ok = await f(server.at('/ok.xml'));
		assert.equal(ok.status, 200);
		assert.match(await ok.text(), /Healthy one/);
		assert.equal((await f(server.at('/status/502'))).status, 502);
		assert.equal(server.count('/status/502'), 3);
		await assert.rejects(f(server.at('/gzip-bomb')), /response too large/);
		await assert.rejects(f(server.at('/hang')), /no response within/);
	});

	test('an abort from the caller stops a request at once and is not retried', async () => {
		server.reset();
		const controller = new AbortController();
		const pending = failure(createHttpClient({...FAST, headersTimeoutMs: 5000, totalTimeoutMs: 5000}).get({url: server.at('/hang'), signal: controller.signal}));
		setTimeout(() => controller.abort(), 100);
		const {error, ms} = await pending;
		assert.equal(error.message, 'request aborted');
		assert.ok(ms < 3000, `${ms} ms`);
		assert.equal(server.count('/hang'), 1);
	});
});

describe('HTTP client and rate limits', () => {
	let server: FaultServer;
	before(async () => {
		server = await startFaultServer();
	});
	after(() => server.close());

	// The real-time twin (the wait measured on the server) is in test/refresh/rate-limit.test.ts.
	test('429 with a short Retry-After: waits that long, then retries (fake clock)', async () => {
		server.reset();
		const clock = new FakeClock(Date.now());
		const response = await createHttpClient({...FAST, retries: 1, maxRetryWaitMs: 2000}, {clock, random: () => 0}).get({url: server.at('/retry-after/1')});
		assert.equal(response.status, 429, 'still limited after the allowed retries');
		assert.equal(server.count('/retry-after/1'), 2);
		assert.deepEqual(clock.sleeps, [1000], 'Retry-After: 1, and our own backoff (10 ms) does not add to it');
	});

	// Real time: test/faults/refresh-faults.test.ts runs the same fault through the CLI.
	test('429 asking for longer than the cap fails at once with a clear line, one request (fake clock)', async () => {
		server.reset();
		const clock = new FakeClock(Date.now());
		const http = createHttpClient(FAST, {clock});
		const {error} = await failure(http.get({url: server.at('/retry-after/120')}));
		assert.match(error.message, /^HTTP 429 Too Many Requests: 127\.0\.0\.1:\d+ asks to wait 2 min, longer than the 1\.5 s a refresh waits; try again later$/);
		assert.deepEqual(clock.sleeps, [], 'no sleeping');
		assert.equal(server.count('/retry-after/120'), 1);
		// Every later request to that host, in this client, fails without being sent.
		const again = await failure(http.get({url: server.at('/ok.xml')}));
		assert.match(again.error.message, /asks to wait .* more/);
		assert.equal(server.count('/ok.xml'), 0, 'the host was not asked again');
		assert.deepEqual(clock.sleeps, []);
	});

	test('the AppView ratelimit-* headers (reset in unix seconds) are honoured the same way (real time)', async () => {
		server.reset();
		const http = createHttpClient(FAST);
		const {error} = await failure(http.get({url: server.at('/ratelimit/300')}));
		assert.match(error.message, /^HTTP 429 Too Many Requests: 127\.0\.0\.1:\d+ asks to wait (4|5) min/);
		assert.equal(server.count('/ratelimit'), 1);
		const response = await createHttpClient({...FAST, retries: 1, maxRetryWaitMs: 3000}).get({url: server.at('/ratelimit/1')});
		assert.equal(response.status, 429);
		assert.equal(server.count('/ratelimit/1'), 2, 'one retry after the reset');
	});
});
