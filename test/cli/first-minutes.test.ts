/**
 * Issue 17's "first ten minutes" through bin/research-feed.js with a fresh RESEARCH_FEED_HOME:
 * help that names the files and variables in use, `add` saying where it saved and checking a
 * Bluesky handle (profile URLs too) with the AppView, one line per failed source and "offline?"
 * once, `list --since 7d`, `rename` (merging), `remove NAME --feed URL`, `mark-read` and
 * `completion`. Every bad input: one line on stderr, exit 1, config and cache unchanged.
 */
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {HELP_ENV_VARS} from '../../src/cli/help-text.js';
import type {Item} from '../../src/domain/types.js';
import {DEFAULT_LIMITS} from '../../src/net/http.js';
import {DEFAULT_SOURCE_TIMEOUT_MS} from '../../src/refresh/limits.js';
import {HANDLES, leqiFixture} from '../fixtures/bluesky/build.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {json, runCli, type CliResult} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {serverError, startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

const NOW = '2025-07-24T12:00:00Z';
const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

interface Researcher {
	name: string;
	sources: Array<{kind: string; target: string; items: number; lastError: string | null}>;
}

/** An Atom feed with one entry per date (the entry's title is `${tag} ${date}`). */
function atom(tag: string, dates: readonly string[]): string {
	const entries = dates.map(
		(date, i) => `<entry><title>${tag} ${date.slice(0, 10)}</title><id>urn:${tag}:${i}</id><link href="https://${tag}.example/${i}"/>
		<published>${date}</published><updated>${date}</updated><summary>Entry ${i} of ${tag}</summary></entry>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${tag}</title><id>urn:${tag}</id><updated>${dates[0]}</updated>${entries.join('\n')}</feed>`;
}

/** A loopback port nothing listens on (connection refused). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as {port: number}).port;
	await new Promise(resolve => server.close(resolve));
	return port;
}

/** What a command must leave alone: config.json and cache.db, byte for byte. */
function snapshot(home: string): {config: string; cache: Buffer | null} {
	const cache = join(home, 'cache.db');
	return {config: readFileSync(join(home, 'config.json'), 'utf8'), cache: existsSync(cache) ? readFileSync(cache) : null};
}

function assertOneLine(r: CliResult, message: RegExp): void {
	assert.equal(r.code, 1, `exit 1: ${r.stderr}`);
	assert.equal(r.stdout, '');
	assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
	assert.match(r.stderr.trim(), message);
	assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
}

describe('first ten minutes: help names the files and the environment', () => {
	let home: ReturnType<typeof tempHome>;
	before(() => {
		home = tempHome();
	});
	after(() => home.cleanup());

	test('--help, help and help COMMAND name config.json and cache.db in use, and every variable', async () => {
		const fresh = join(home.dir, 'not-yet');
		const root = await runCli(['--help'], {home: fresh});
		assert.equal(root.code, 0, root.stderr);
		assert.ok(root.stdout.includes(`config  ${join(fresh, 'config.json')}\n`), root.stdout);
		assert.ok(root.stdout.includes(`cache   ${join(fresh, 'cache.db')}\n`), root.stdout);
		assert.match(root.stdout, /Files \(RESEARCH_FEED_HOME\)/);
		for (const name of HELP_ENV_VARS) assert.match(root.stdout, new RegExp(`^  ${name} `, 'm'), name);
		for (const command of ['add', 'remove', 'rename', 'list', 'mark-read', 'completion', 'help']) assert.match(root.stdout, new RegExp(`^  ${command} `, 'm'), command);
		assert.doesNotMatch(root.stdout, /__complete-names/, 'the hidden command stays hidden');
		assert.ok(!existsSync(fresh), 'help creates nothing');

		const help = await runCli(['help'], {home: fresh});
		assert.equal(help.code, 0);
		assert.equal(help.stdout, root.stdout, '`help` is --help');
		for (const command of ['list', 'add', 'mark-read']) {
			const viaHelp = await runCli(['help', command], {home: fresh});
			const viaFlag = await runCli([command, '--help'], {home: fresh});
			assert.equal(viaHelp.code, 0);
			assert.equal(viaHelp.stdout, viaFlag.stdout, `help ${command} is ${command} --help`);
			assert.ok(viaHelp.stdout.includes(join(fresh, 'config.json')), command);
			assert.match(viaHelp.stdout, /RESEARCH_FEED_NOW/);
		}

		const other = join(home.dir, 'other');
		const flagged = await runCli(['--home', other, 'list', '--help'], {home: fresh});
		assert.match(flagged.stdout, /Files \(--home\)/);
		assert.ok(flagged.stdout.includes(`config  ${join(other, 'config.json')}`), flagged.stdout);

		const platform = await runCli(['--help'], {env: {RESEARCH_FEED_HOME: '', XDG_CONFIG_HOME: join(home.dir, 'xdg-config'), XDG_DATA_HOME: join(home.dir, 'xdg-data')}});
		assert.ok(platform.stdout.includes(`config  ${join(home.dir, 'xdg-config', 'research-feed', 'config.json')}`), platform.stdout);
		assert.ok(platform.stdout.includes(`cache   ${join(home.dir, 'xdg-data', 'research-feed', 'cache.db')}`), platform.stdout);
	});

	test('the variables the help lists are those src/ reads, with the defaults the code has', () => {
		const read = new Set<string>();
		const walk = (dir: string): void => {
			for (const entry of readdirSync(dir, {withFileTypes: true})) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else for (const m of readFileSync(path, 'utf8').matchAll(/RESEARCH_FEED_[A-Z0-9_]*[A-Z0-9]\b/g)) read.add(m[0]);
			}
		};
		walk(fileURLToPath(new URL('../../src', import.meta.url)));
		const listed = new Set(HELP_ENV_VARS);
		for (const name of read) assert.ok(listed.has(name), `${name} is read by src/ but not in the help`);
		const help = spawnSync(process.execPath, [BIN, '--help'], {encoding: 'utf8', env: {...process.env, RESEARCH_FEED_HOME: '/nonexistent-rf'}}).stdout;
		const defaults: Array<[string, number]> = [
			['RESEARCH_FEED_HTTP_HEADERS_TIMEOUT_MS', DEFAULT_LIMITS.headersTimeoutMs],
			['RESEARCH_FEED_HTTP_TIMEOUT_MS', DEFAULT_LIMITS.totalTimeoutMs],
			['RESEARCH_FEED_HTTP_MAX_BYTES', DEFAULT_LIMITS.maxBodyBytes],
			['RESEARCH_FEED_HTTP_MAX_REDIRECTS', DEFAULT_LIMITS.maxRedirects],
			['RESEARCH_FEED_HTTP_RETRIES', DEFAULT_LIMITS.retries],
			['RESEARCH_FEED_HTTP_RETRY_BASE_MS', DEFAULT_LIMITS.retryBaseMs],
			['RESEARCH_FEED_HTTP_MAX_WAIT_MS', DEFAULT_LIMITS.maxRetryWaitMs],
			['RESEARCH_FEED_SOURCE_TIMEOUT_MS', DEFAULT_SOURCE_TIMEOUT_MS],
		];
		for (const [name, value] of defaults) assert.match(help, new RegExp(`^  ${name} .*\\(${value}\\)$`, 'm'), name);
	});

	test('help of an unknown command: one line, exit 1', async () => {
		assertOneLine(await runCli(['help', 'frobnicate'], {home: home.dir}), /^research-feed: help: unknown command 'frobnicate' \(commands: .*mark-read.*\)$/);
	});
});

describe('first ten minutes: add checks a Bluesky handle with the AppView', () => {
	let xrpc: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url, RESEARCH_FEED_HTTP_RETRY_BASE_MS: '10', ...env}});

	before(async () => {
		xrpc = await startXrpcServer({actors: [await leqiFixture()]});
		home = tempHome();
	});
	after(async () => {
		await xrpc.close();
		home.cleanup();
	});

	test('a profile URL as people copy it; the handle is resolved; add says where it saved', async () => {
		const r = await cli(['add', 'Leqi Liu', '--bluesky', `https://bsky.app/profile/${HANDLES.leqi.toUpperCase()}`]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stderr, '');
		assert.equal(r.stdout, `Added Leqi Liu with bluesky ${HANDLES.leqi}.\nSaved to ${join(home.dir, 'config.json')}.\n`);
		const asked = xrpc.requests.filter(q => q.path === '/xrpc/com.atproto.identity.resolveHandle');
		assert.equal(asked.length, 1);
		assert.equal(asked[0]!.url.searchParams.get('handle'), HANDLES.leqi);

		const did = await cli(['add', 'Someone', '--bluesky', 'bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx/']);
		assert.equal(did.code, 0, did.stderr);
		const researchers = json<Researcher[]>(await cli(['researchers', '--json']));
		assert.deepEqual(
			researchers.map(x => [x.name, x.sources.map(s => `${s.kind} ${s.target}`)]),
			[
				['Leqi Liu', [`bluesky ${HANDLES.leqi}`]],
				['Someone', ['bluesky did:plc:abcdefghijklmnopqrstuvwx']],
			],
		);
		const again = await cli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi]);
		assert.equal(again.stdout, 'Leqi Liu already has these sources; nothing changed.\n', 'nothing saved, nothing said about saving');
	});

	test('a handle no account has: one line at add, exit 1, nothing written', async () => {
		const before = snapshot(home.dir);
		const r = await cli(['add', 'Nobody', '--bluesky', 'no-such-person.bsky.social', '--feed', 'https://example.org/feed.xml']);
		assertOneLine(r, /^research-feed: --bluesky: no Bluesky account has the handle no-such-person\.bsky\.social \(127\.0\.0\.1:\d+ could not resolve it\); check the spelling/);
		assert.deepEqual(snapshot(home.dir), before);
		const fresh = tempHome();
		try {
			const first = await runCli(['add', 'Nobody', '--bluesky', 'https://bsky.app/profile/no-such-person.bsky.social'], {home: fresh.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url}});
			assertOneLine(first, /no Bluesky account has the handle no-such-person\.bsky\.social/);
			assert.deepEqual(readdirSync(fresh.dir), [], 'nothing written in the fresh home');
		} finally {
			fresh.cleanup();
		}
	});

	test('an AppView that cannot answer: a warning naming the host, the handle saved as given', async () => {
		xrpc.injectResponse('*', {...serverError(502), nsid: 'com.atproto.identity.resolveHandle'});
		try {
			const r = await cli(['add', 'Ines', '--bluesky', HANDLES.ines]);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stderr, /^research-feed: warning: could not check the Bluesky handle ines-ortega\.bsky\.social \(127\.0\.0\.1:\d+: HTTP 502 Bad Gateway: Internal Server Error\); saved as given/);
			assert.doesNotMatch(r.stderr, /offline\?/, 'the AppView answered: not offline');
			assert.match(r.stdout, /^Added Ines with bluesky ines-ortega\.bsky\.social\.\nSaved to /);
		} finally {
			xrpc.clearInjections();
		}
		const port = await closedPort();
		const offline = await cli(['add', 'Ines', '--bluesky', 'ines2.bsky.social'], {RESEARCH_FEED_BLUESKY_SERVICE: `http://127.0.0.1:${port}`});
		assert.equal(offline.code, 0, offline.stderr);
		assert.equal(offline.stderr.split('\n').filter(Boolean).length, 1, offline.stderr);
		assert.match(offline.stderr, new RegExp(`could not check the Bluesky handle ines2\\.bsky\\.social \\(127\\.0\\.0\\.1:${port}: connection refused \\(2 attempts\\); offline\\?\\)`));
	});

	const bad: Array<[string, string[], RegExp]> = [
		['a post URL', ['add', 'X', '--bluesky', 'https://bsky.app/profile/a.bsky.social/post/3abc'], /^research-feed: --bluesky: ".*" is not a Bluesky handle .* or profile URL/],
		['a profile URL without a handle', ['add', 'X', '--bluesky', 'https://bsky.app/profile/not_a_handle'], /^research-feed: --bluesky: ".*" is not a profile URL naming a handle or DID \(it names "not_a_handle"\)$/],
		['a name with a newline', ['add', 'Two\nLines'], /^research-feed: add: NAME must be one line of text/],
	];
	for (const [name, args, message] of bad) {
		test(`bad input: ${name}`, async () => {
			const before = snapshot(home.dir);
			assertOneLine(await cli(args), message);
			assert.deepEqual(snapshot(home.dir), before);
		});
	}
});

describe('first ten minutes: refresh, list --since, rename, remove a source, mark-read', () => {
	let web: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	let refused: string;
	const cliIn = (dir: string, args: string[], env: Record<string, string> = {}) =>
		runCli(args, {home: dir, env: {RESEARCH_FEED_NOW: NOW, RESEARCH_FEED_HTTP_RETRY_BASE_MS: '10', ...env}});
	const cli = (args: string[], env: Record<string, string> = {}) => cliIn(home.dir, args, env);
	const items = async (args: string[] = [], dir = home.dir) => json<Item[]>(await cliIn(dir, ['list', '--json', ...args]));
	/** Ada (two feeds) and Bo Chen (one), refreshed. */
	const setUp = async (dir: string) => {
		for (const args of [
			['add', 'Ada', '--feed', `${web.url}/ada.xml`, '--feed', `${web.url}/ada-lab.xml`],
			['add', 'Bo Chen', '--feed', `${web.url}/bo.xml`],
		]) {
			assert.equal((await cliIn(dir, args)).code, 0);
		}
		const r = await cliIn(dir, ['refresh']);
		assert.equal(r.code, 0, r.stderr);
	};

	before(async () => {
		web = await startServer();
		web.route('GET', '/ada.xml', staticRoute({body: atom('ada', ['2025-07-23T08:00:00Z', '2025-07-20T08:00:00Z', '2025-07-10T08:00:00Z', '2025-06-01T08:00:00Z']), contentType: 'application/atom+xml'}));
		web.route('GET', '/ada-lab.xml', staticRoute({body: atom('adalab', ['2025-07-22T08:00:00Z', '2025-07-01T08:00:00Z']), contentType: 'application/atom+xml'}));
		web.route('GET', '/bo.xml', staticRoute({body: atom('bo', ['2025-07-24T06:00:00Z', '2025-07-15T08:00:00Z']), contentType: 'application/atom+xml'}));
		refused = `http://127.0.0.1:${await closedPort()}`;
		home = tempHome();
		await setUp(home.dir);
	});
	after(async () => {
		await web.close();
		home.cleanup();
	});

	test('a failed source is one line; every source unreachable says "offline?" once', async () => {
		const offline = tempHome();
		try {
			writeFileSync(
				join(offline.dir, 'config.json'),
				JSON.stringify({researchers: [{name: 'One', sources: [{kind: 'feed', target: `${refused}/one.xml`}]}, {name: 'Two', sources: [{kind: 'bluesky', target: 'two.bsky.social'}]}]}),
			);
			const r = await runCli(['refresh'], {home: offline.dir, env: {RESEARCH_FEED_HTTP_RETRY_BASE_MS: '10', RESEARCH_FEED_BLUESKY_SERVICE: refused}});
			assert.equal(r.code, 2, r.stderr);
			const host = refused.replace('http://', '');
			for (const name of ['One', 'Two']) {
				const lines = r.stderr.split('\n').filter(l => l.includes(name));
				assert.equal(lines.filter(l => /connection refused/.test(l)).length, 1, `${name}'s error once:\n${r.stderr}`);
				assert.equal(lines.filter(l => l.startsWith(`research-feed: ${name} `)).length, 1, r.stderr);
			}
			const two = r.stderr.split('\n').find(l => l.startsWith('research-feed: Two bluesky two.bsky.social: '));
			assert.ok(two?.includes(host), `the AppView is named: ${two}`);
			assert.match(r.stderr, /^\[\d\/2\] One · feed .*: failed \(see below\)$/m);
			assert.equal(r.stderr.match(/offline\?/g)?.length, 1, r.stderr);
			assert.ok(r.stderr.includes(`2 source(s), 0 new item(s), 2 failed (no host could be reached: ${host}; offline?).\n`), r.stderr);

			// One source that answers: not offline.
			writeFileSync(
				join(offline.dir, 'config.json'),
				JSON.stringify({researchers: [{name: 'One', sources: [{kind: 'feed', target: `${refused}/one.xml`}]}, {name: 'Bo', sources: [{kind: 'feed', target: `${web.url}/bo.xml`}]}]}),
			);
			const mixed = await runCli(['refresh', '--json'], {home: offline.dir, env: {RESEARCH_FEED_HTTP_RETRY_BASE_MS: '10'}});
			assert.equal(mixed.code, 2);
			assert.doesNotMatch(mixed.stderr, /offline\?/);
			const out = json<{sources: Array<Record<string, unknown>>}>(mixed);
			assert.deepEqual(Object.keys(out.sources[0]!), ['researcher', 'source', 'target', 'ok', 'newItems', 'error'], 'refresh --json keeps the contract fields');
		} finally {
			offline.cleanup();
		}
	});

	test('list --since takes 12h, 7d, 2w like digest, and a day', async () => {
		const dates = async (since: string) => (await items(['--since', since])).map(i => i.date.slice(0, 10));
		assert.deepEqual(await dates('12h'), ['2025-07-24']);
		assert.deepEqual(await dates('7d'), ['2025-07-24', '2025-07-23', '2025-07-22', '2025-07-20']);
		assert.deepEqual(await dates('2w'), ['2025-07-24', '2025-07-23', '2025-07-22', '2025-07-20', '2025-07-15']);
		assert.deepEqual(await dates('2025-07-20'), await dates('5d'));
		assert.deepEqual(await dates('2025-07-10'), [...(await dates('2w')), '2025-07-10']);
		const human = await cli(['list', '--since', '1w']);
		assert.equal(human.code, 0);
		assert.equal(human.stdout.trim().split('\n').length, 4);
	});

	test('rename: config and cache; into an existing name it merges', async () => {
		const own = tempHome();
		try {
			await setUp(own.dir);
			const run = (args: string[]) => cliIn(own.dir, args);
			const before = await items([], own.dir);
			const ada = before.filter(i => i.researcher === 'Ada');
			assert.equal(ada.length, 6);
			assert.equal((await run(['mark-read', '--researcher', 'Ada', '--before', '2025-07-21'])).stdout, 'Marked 4 item(s) of Ada dated before 2025-07-21 00:00 UTC read.\n');
			const read = (await items([], own.dir)).filter(i => i.researcher === 'Ada').map(i => i.read);

			const r = await run(['rename', 'ada', 'Ada Lovelace']);
			assert.equal(r.code, 0, r.stderr);
			assert.equal(r.stdout, `Renamed Ada to Ada Lovelace.\nSaved to ${join(own.dir, 'config.json')}.\n`);
			const renamed = await items(['--researcher', 'ada lovelace'], own.dir);
			assert.deepEqual(renamed.map(i => i.id), ada.map(i => i.id), 'the same items, ids unchanged');
			assert.ok(renamed.every(i => i.researcher === 'Ada Lovelace'));
			assert.deepEqual(renamed.map(i => i.read), read, 'read state kept');
			assert.deepEqual((await items(['--search', 'ada lovelace'], own.dir)).map(i => i.id), ada.map(i => i.id), 'the search text has the new name');
			const researchers = json<Researcher[]>(await run(['researchers', '--json']));
			assert.deepEqual(researchers.map(x => [x.name, x.sources.map(s => s.items)]), [['Ada Lovelace', [4, 2]], ['Bo Chen', [2]]]);
			assertOneLine(await run(['list', '--researcher', 'Ada']), /no researcher named "Ada"/);

			const merged = await run(['rename', 'Ada Lovelace', 'bo chen']);
			assert.equal(merged.code, 0, merged.stderr);
			assert.match(merged.stdout, /^Merged Ada Lovelace into Bo Chen; 2 source\(s\) added: feed .*\/ada\.xml, feed .*\/ada-lab\.xml\.\n/);
			assert.deepEqual(json<Researcher[]>(await run(['researchers', '--json'])).map(x => [x.name, x.sources.length]), [['Bo Chen', 3]]);
			const all = await items([], own.dir);
			assert.deepEqual(all.map(i => i.id), before.map(i => i.id));
			assert.ok(all.every(i => i.researcher === 'Bo Chen'));
			assert.equal((await items(['--researcher', 'Bo Chen', '--unread'], own.dir)).length, 4, 'read state kept through the merge');
			assert.equal((await run(['refresh'])).code, 0, 'the merged sources refresh under the new name');
			assert.deepEqual((await items([], own.dir)).map(i => [i.id, i.researcher]), all.map(i => [i.id, i.researcher]), 'no duplicates after a refresh');
		} finally {
			own.cleanup();
		}
	});

	test('remove NAME --feed URL: that source and its items go, the researcher stays', async () => {
		const r = await cli(['remove', 'ADA', '--feed', `${web.url}/ada-lab.xml/`]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, `Removed feed ${web.url}/ada-lab.xml from Ada, with its cached items.\n`);
		const researchers = json<Researcher[]>(await cli(['researchers', '--json']));
		assert.deepEqual(researchers.map(x => [x.name, x.sources.map(s => s.target)]), [['Ada', [`${web.url}/ada.xml`]], ['Bo Chen', [`${web.url}/bo.xml`]]]);
		const left = await items(['--researcher', 'Ada']);
		assert.equal(left.length, 4);
		assert.ok(left.every(i => i.title?.startsWith('ada ')), 'the lab feed’s items are gone');
	});

	test('remove: a feed another researcher follows too keeps its items, filed under that researcher', async () => {
		const own = tempHome();
		try {
			const run = (args: string[]) => cliIn(own.dir, args);
			assert.equal((await run(['add', 'Ada', '--feed', `${web.url}/ada-lab.xml`])).code, 0);
			assert.equal((await run(['add', 'Bo Chen', '--feed', `${web.url}/bo.xml`, '--feed', `${web.url}/ada-lab.xml`])).code, 0);
			assert.equal((await run(['refresh'])).code, 0);
			const lab = (await items([], own.dir)).filter(i => i.title?.startsWith('adalab '));
			assert.equal(lab.length, 2);
			assert.equal((await run(['remove', 'Ada'])).code, 0);
			const after = (await items(['--researcher', 'Bo Chen'], own.dir)).filter(i => i.title?.startsWith('adalab '));
			assert.deepEqual(after.map(i => [i.id, i.researcher]), lab.map(i => [i.id, 'Bo Chen']));
			assert.equal((await run(['remove', 'bo chen', '--feed', `${web.url}/ada-lab.xml`])).code, 0);
			assert.deepEqual((await items([], own.dir)).map(i => i.title?.slice(0, 3)), ['bo ', 'bo '], 'now nobody follows it: its items go');
		} finally {
			own.cleanup();
		}
	});

	test('mark-read: in bulk, by researcher, source and date; prints how many', async () => {
		const unread = async (args: string[] = []) => (await items(['--unread', ...args])).length;
		const all = (await items()).length;
		assert.equal((await cli(['mark-read', '--all', '--researcher', 'Ada'])).code, 0);
		assert.ok((await items(['--researcher', 'Ada'])).every(i => i.read));
		const before = await unread();
		assert.equal(before, 2);
		const bo = await cli(['mark-read', '--source', 'feed', '--before', '7d']);
		assert.equal(bo.code, 0, bo.stderr);
		assert.equal(bo.stdout, 'Marked 1 item(s) from feed dated before 2025-07-17 12:00 UTC read.\n');
		assert.equal(await unread(), before - 1);
		const none = await cli(['mark-read', '--before', '2025-07-01']);
		assert.equal(none.stdout, 'No unread items dated before 2025-07-01 00:00 UTC; nothing changed.\n');
		const rest = await cli(['mark-read', '--all']);
		assert.equal(rest.stdout, `Marked ${before - 1} item(s) read.\n`);
		assert.equal(await unread(), 0);
		assert.equal((await items()).length, all, 'nothing else changed');
	});

	test('completion scripts: commands, flags, researcher names from __complete-names', async () => {
		const names = await cli(['__complete-names']);
		assert.equal(names.code, 0, names.stderr);
		assert.equal(names.stdout, 'Ada\nBo Chen\n');
		for (const shell of ['bash', 'zsh', 'fish']) {
			const r = await cli(['completion', shell]);
			assert.equal(r.code, 0, r.stderr);
			for (const word of ['mark-read', 'rename', '--researcher', '--since', '--before', '__complete-names', 'openalex']) assert.ok(r.stdout.includes(word), `${shell}: ${word}`);
			assert.equal(r.stderr, '');
		}
		const bash = (await cli(['completion', 'bash'])).stdout;
		assert.equal(spawnSync('bash', ['-n'], {input: bash}).status, 0, 'bash reads the script');
		// Complete as bash would, with `research-feed` on the PATH running this checkout against this home.
		const binDir = join(home.dir, 'bin');
		mkdirSync(binDir, {recursive: true});
		writeFileSync(join(binDir, 'research-feed'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
		chmodSync(join(binDir, 'research-feed'), 0o755);
		const complete = (line: string[]): string[] => {
			const script = `${bash}\nCOMP_WORDS=(${line.map(w => `'${w}'`).join(' ')}); COMP_CWORD=${line.length - 1}; _research_feed; printf '%s\\n' "\${COMPREPLY[@]}"`;
			const out = spawnSync('bash', ['-c', script], {encoding: 'utf8', env: {...process.env, PATH: `${binDir}:${process.env['PATH']}`, RESEARCH_FEED_HOME: home.dir}});
			assert.equal(out.status, 0, out.stderr);
			return out.stdout.split('\n').filter(Boolean);
		};
		assert.deepEqual(complete(['research-feed', 'ma']), ['mark-read']);
		assert.deepEqual(complete(['research-feed', 'list', '--researcher', 'B']), ['Bo\\ Chen']);
		assert.deepEqual(complete(['research-feed', 'rename', '']), ['Ada', 'Bo\\ Chen']);
		assert.deepEqual(complete(['research-feed', 'list', '--source', 'or']), ['orcid']);
		assert.deepEqual(complete(['research-feed', 'mark-read', '--b']), ['--before']);
		assert.deepEqual(complete(['research-feed', 'completion', '']), ['bash', 'zsh', 'fish']);
		assert.deepEqual(complete(['research-feed', 'add', 'Ada', '--feed', '']), [], 'a URL is not guessed');
	});

	const bad: Array<[string, string[], RegExp]> = [
		['list --since in words', ['list', '--since', 'yesterday'], /^research-feed: --since: "yesterday" is neither a duration like 12h, 7d, 2w nor a date YYYY-MM-DD$/],
		['list --since an impossible day', ['list', '--since', '2025-02-30'], /^research-feed: --since: "2025-02-30" is not a date in the form YYYY-MM-DD$/],
		['rename an unknown researcher', ['rename', 'Nobody', 'Somebody'], /^research-feed: rename: no researcher named "Nobody"/],
		['rename to an empty name', ['rename', 'Ada', '  '], /^research-feed: rename: NEW-NAME must not be empty$/],
		['rename to the same name', ['rename', 'Ada', 'Ada'], /^research-feed: rename: Ada is already called "Ada"; nothing to change$/],
		['rename without NEW-NAME', ['rename', 'Ada'], /^research-feed: missing required argument 'new-name'$/],
		['remove a source it does not have', ['remove', 'Ada', '--feed', 'https://example.org/other.xml'], /^research-feed: remove: Ada has no feed https:\/\/example\.org\/other\.xml \(its sources: feed http:\/\/127\.0\.0\.1:\d+\/ada\.xml\)$/],
		['remove a source of another kind', ['remove', 'Bo Chen', '--homepage', 'https://example.org/'], /^research-feed: remove: Bo Chen has no homepage https:\/\/example\.org\//],
		['remove with a bad URL', ['remove', 'Ada', '--feed', 'not a url'], /^research-feed: --feed: "not a url" is not a valid URL$/],
		['remove a source of an unknown researcher', ['remove', 'Nobody', '--feed', 'https://example.org/f'], /^research-feed: remove: no researcher named "Nobody"/],
		['mark-read without a scope', ['mark-read'], /^research-feed: mark-read: say which items: --before YYYY-MM-DD\|7d .* or --all$/],
		['mark-read with both', ['mark-read', '--all', '--before', '7d'], /^research-feed: mark-read: give --before or --all, not both$/],
		['mark-read --before in words', ['mark-read', '--before', 'last week'], /^research-feed: --before: "last week" is neither a duration/],
		['mark-read of an unknown researcher', ['mark-read', '--all', '--researcher', 'Nobody'], /^research-feed: --researcher: no researcher named "Nobody"/],
		['mark-read of an unknown source kind', ['mark-read', '--all', '--source', 'mastodon'], /^research-feed: option '--source <kind>' argument 'mastodon' is invalid/],
		['completion for an unknown shell', ['completion', 'tcsh'], /^research-feed: command-argument value 'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish\.$/],
		['completion without a shell', ['completion'], /^research-feed: missing required argument 'shell'$/],
		['a bad RESEARCH_FEED_NOW with a relative --since', ['list', '--since', '7d'], /^research-feed: RESEARCH_FEED_NOW: "soon" is not a date$/],
	];
	for (const [name, args, message] of bad) {
		test(`bad input: ${name} → one line, exit 1, config and cache unchanged`, async () => {
			const before = snapshot(home.dir);
			const env: Record<string, string> = name.includes('RESEARCH_FEED_NOW') ? {RESEARCH_FEED_NOW: 'soon'} : {};
			assertOneLine(await cli(args, env), message);
			assert.deepEqual(snapshot(home.dir), before);
		});
	}
});
