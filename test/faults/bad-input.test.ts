/**
 * Bad command-line input beyond test/cli/basics.test.ts: each is one line on stderr naming the
 * flag, URL or variable, exit 1, no stack trace, and neither config.json nor cache.db changes.
 */
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

// The cases only read, so they run side by side (each is a process of its own).
describe('bad command-line input', {concurrency: 4}, () => {
	let home: ReturnType<typeof tempHome>;
	before(async () => {
		home = tempHome('rf-badinput-');
		assert.equal((await runCli(['add', 'Leqi Liu', '--feed', 'https://example.org/feed.xml'], {home: home.dir})).code, 0);
		assert.equal((await runCli(['list'], {home: home.dir})).code, 0, 'creates cache.db');
	});
	after(() => home.cleanup());

	const cases: Array<[string, string[], RegExp, Record<string, string>?]> = [
		['javascript: homepage', ['add', 'X', '--homepage', 'javascript:alert(1)'], /^research-feed: --homepage: only http and https URLs are supported, not javascript:$/],
		['data: feed', ['add', 'X', '--feed', 'data:text/html,hi'], /^research-feed: --feed: only http and https URLs are supported, not data:$/],
		['ftp: feed', ['add', 'X', '--feed', 'ftp://example.org/feed'], /^research-feed: --feed: only http and https URLs are supported, not ftp:$/],
		['URL without a host', ['add', 'X', '--homepage', 'http://'], /^research-feed: --homepage: "http:\/\/" is not a valid URL$/],
		['one bad source among good ones', ['add', 'Leqi Liu', '--feed', 'https://ok.example/f', '--homepage', 'file:///etc/passwd'], /--homepage: only http and https/],
		['add without a name', ['add'], /^research-feed: missing required argument 'name'$/],
		['a stray argument', ['list', 'extra'], /^research-feed: too many arguments for 'list'/],
		['unknown flag on refresh', ['refresh', '--everything'], /^research-feed: unknown option '--everything'$/],
		['misspelt command', ['refresh-all'], /^research-feed: unknown command 'refresh-all'/],
		['date in words', ['list', '--since', 'yesterday'], /^research-feed: --since: "yesterday" is neither a duration like 12h, 7d, 2w nor a date YYYY-MM-DD$/],
		['impossible date', ['list', '--since', '2025-02-30'], /^research-feed: --since: "2025-02-30" is not a date/],
		['unknown source kind', ['list', '--source', 'mastodon'], /^research-feed: option '--source <kind>' argument 'mastodon' is invalid/],
		['limit not a number', ['list', '--limit', 'ten'], /^research-feed: --limit: "ten" is not a positive whole number$/],
		['refresh of an unknown researcher', ['refresh', '--researcher', 'Nobody'], /^research-feed: --researcher: no researcher named "Nobody"/],
		['papers of an unknown researcher', ['papers', '--researcher', 'Nobody'], /^research-feed: --researcher: no researcher named "Nobody"/],
		['--home without a folder', ['list', '--home'], /^research-feed: option '--home <dir>' argument missing$/],
		['a malformed fault limit', ['refresh'], /^research-feed: RESEARCH_FEED_HTTP_TIMEOUT_MS: "soon" is not a whole number of at least 1$/, {RESEARCH_FEED_HTTP_TIMEOUT_MS: 'soon'}],
		['a zero source timeout', ['refresh'], /^research-feed: RESEARCH_FEED_SOURCE_TIMEOUT_MS: "0" is not a whole number of at least 1$/, {RESEARCH_FEED_SOURCE_TIMEOUT_MS: '0'}],
	];
	for (const [name, args, message, env] of cases) {
		test(`${name}: one line, exit 1, nothing written`, async () => {
			const config = join(home.dir, 'config.json');
			const cache = join(home.dir, 'cache.db');
			const before = {config: readFileSync(config, 'utf8'), cache: readFileSync(cache)};
			const r = await runCli(args, {home: home.dir, env: env ?? {}});
			assert.equal(r.code, 1, r.stderr);
			assert.equal(r.stdout, '');
			assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
			assert.match(r.stderr.trim(), message);
			assert.equal(readFileSync(config, 'utf8'), before.config, 'config.json untouched');
			assert.deepEqual(readFileSync(cache), before.cache, 'cache.db untouched');
			assert.ok(!existsSync(`${cache}-wal`), 'the cache was not even opened');
		});
	}
});
