import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

describe('CLI basics', () => {
	let home: ReturnType<typeof tempHome>;
	before(() => {
		home = tempHome();
	});
	after(() => home.cleanup());

	test('--help and --version', async () => {
		const help = await runCli(['--help'], {home: home.dir});
		assert.equal(help.code, 0);
		for (const command of ['add', 'remove', 'researchers', 'refresh', 'list', 'papers', 'demo']) assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
		const version = await runCli(['--version'], {home: home.dir});
		assert.equal(version.code, 0);
		const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string};
		assert.equal(version.stdout.trim(), pkg.version);
	});

	test('add, researchers, remove (names case-insensitive), config.json in the home', async () => {
		let r = await runCli(['add', 'Leqi Liu', '--bluesky', '@LeqiLiu.bsky.social'], {home: home.dir});
		assert.equal(r.code, 0, r.stderr);
		r = await runCli(['add', 'leqi liu', '--homepage', 'https://leqiliu.github.io/', '--feed', 'https://example.org/feed.xml'], {home: home.dir});
		assert.equal(r.code, 0, r.stderr);
		const listed = json<Array<{name: string; sources: Array<{kind: string; target: string}>}>>(await runCli(['researchers', '--json'], {home: home.dir}));
		assert.deepEqual(listed.map(x => x.name), ['Leqi Liu']);
		assert.deepEqual(listed[0]!.sources.map(s => `${s.kind} ${s.target}`), [
			'bluesky leqiliu.bsky.social',
			'homepage https://leqiliu.github.io/',
			'feed https://example.org/feed.xml',
		]);
		const config = JSON.parse(readFileSync(join(home.dir, 'config.json'), 'utf8')) as {researchers: unknown[]};
		assert.equal(config.researchers.length, 1);
		r = await runCli(['remove', 'LEQI LIU'], {home: home.dir});
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(json(await runCli(['researchers', '--json'], {home: home.dir})), []);
	});

	test('--home wins over RESEARCH_FEED_HOME', async () => {
		const other = tempHome();
		try {
			await runCli(['--home', other.dir, 'add', 'Wei Liu'], {home: home.dir});
			const inOther = json<unknown[]>(await runCli(['researchers', '--json', '--home', other.dir]));
			assert.equal(inOther.length, 1);
			const inEnv = json<Array<{name: string}>>(await runCli(['researchers', '--json'], {home: home.dir}));
			assert.ok(!inEnv.some(x => x.name === 'Wei Liu'));
		} finally {
			other.cleanup();
		}
	});

	const bad: Array<[string, string[], RegExp]> = [
		['unknown command', ['frobnicate'], /unknown command/],
		['unknown flag', ['list', '--bogus'], /unknown option '--bogus'/],
		['non-http homepage', ['add', 'X', '--homepage', 'file:///etc/passwd'], /--homepage: only http and https/],
		['invalid URL', ['add', 'X', '--feed', 'not a url'], /--feed: "not a url" is not a valid URL/],
		['bad handle', ['add', 'X', '--bluesky', 'not a handle!'], /--bluesky: "not a handle!" is not a Bluesky handle/],
		['bad date', ['list', '--since', '2025-13-01'], /--since: "2025-13-01" is not a date/],
		['bad limit', ['list', '--limit', '0'], /--limit: "0" is not a positive whole number/],
		['unknown researcher', ['list', '--researcher', 'Nobody'], /no researcher named "Nobody"/],
		['remove unknown', ['remove', 'Nobody'], /remove: no researcher named "Nobody"/],
	];
	for (const [name, args, message] of bad) {
		test(`bad input: ${name} → one line on stderr, exit 1, nothing written`, async () => {
			const before = readFileSync(join(home.dir, 'config.json'), 'utf8');
			const r = await runCli(args, {home: home.dir});
			assert.equal(r.code, 1);
			assert.match(r.stderr, message);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
			assert.equal(readFileSync(join(home.dir, 'config.json'), 'utf8'), before);
		});
	}

	test('a hand-edited config with a wrong type: one line naming file and field, exit 1, file untouched', async () => {
		const h = tempHome();
		try {
			const file = join(h.dir, 'config.json');
			const broken = JSON.stringify({researchers: [{name: 42, sources: []}]}, null, 2);
			writeFileSync(file, broken);
			const r = await runCli(['list'], {home: h.dir});
			assert.equal(r.code, 1);
			assert.match(r.stderr, /config\.json: invalid config: researchers\.0\.name must be string/);
			assert.equal(r.stderr.trim().split('\n').length, 1);
			assert.equal(readFileSync(file, 'utf8'), broken);
			writeFileSync(file, '{"researchers": [');
			const r2 = await runCli(['researchers'], {home: h.dir});
			assert.equal(r2.code, 1);
			assert.match(r2.stderr, /config\.json: not valid JSON/);
			assert.equal(readFileSync(file, 'utf8'), '{"researchers": [');
		} finally {
			h.cleanup();
		}
	});
});
