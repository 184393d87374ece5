/**
 * Damaged state through the real CLI: caches that are not databases, are corrupt or come from a
 * newer version are moved aside and rebuilt; a cache that is merely unusable is never moved; a
 * `kill -9` in the middle of a refresh leaves a consistent cache (each source all or nothing);
 * two instances at once both work, without duplicates or SQLITE_BUSY.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import type {Item} from '../../src/domain/types.js';
import {schemaVersion} from '../../src/store/db.js';
import {sendText, startServer, type LoopbackServer} from '../helpers/loopback-server.js';
import {json, runCli, type CliResult} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {writeConfig} from './config-file.js';
import {RSS_OK} from './fault-server.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));
const BIG_FEED_ENTRIES = 500;
/** Three big feeds: their saves, one transaction each, fill most of a refresh's last 100 ms or so. */
const BIG = ['a', 'b', 'c'];

/** A feed of `n` entries (the parser's maximum is 500): one source whose save is a sizeable transaction. */
function bigFeed(n: number, tag: string): string {
	const items = Array.from(
		{length: n},
		(_, i) =>
			`<item><title>${tag} entry ${i}</title><link>https://big.example/${tag}/${i}</link><guid>${tag}-${i}</guid>` +
			`<pubDate>${new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toUTCString()}</pubDate><description>Entry ${i} of the big feed ${'text '.repeat(40)}</description></item>`,
	);
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>https://big.example/</link><description>d</description>${items.join('')}</channel></rss>`;
}

/** The CLI as a child process we can signal; resolves like runCli. */
function startCli(args: string[], home: string): {child: ReturnType<typeof spawn>; stderr: () => string; done: Promise<CliResult>} {
	const env: Record<string, string | undefined> = {...process.env, NO_COLOR: '1', RESEARCH_FEED_HOME: home};
	delete env['DEBUG'];
	const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
	child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
	const done = new Promise<CliResult>(resolve => child.on('close', code => resolve({code, stdout, stderr})));
	return {child, stderr: () => stderr, done};
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
	const start = Date.now();
	while (!condition()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not reached in time');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

function integrity(home: string): string {
	const db = new Database(join(home, 'cache.db'), {readonly: true});
	try {
		return db.pragma('integrity_check', {simple: true}) as string;
	} finally {
		db.close();
	}
}

describe('damaged caches through the CLI', () => {
	let web: LoopbackServer;
	before(async () => {
		web = await startServer();
		web.route('GET', '/ok.xml', (_req, res) => sendText(res, 200, RSS_OK, 'application/rss+xml'));
	});
	after(() => web.close());

	const damage: Array<[string, (file: string) => void, RegExp]> = [
		['a file that is not a database', file => writeFileSync(file, 'just some text, not SQLite\n'.repeat(200)), /file is not a database/],
		[
			'a database from a newer research-feed',
			file => {
				const db = new Database(file);
				db.pragma(`user_version = ${schemaVersion() + 3}`);
				db.close();
			},
			/written by a newer research-feed \(schema \d+, this one knows \d+\)/,
		],
		[
			'a database with a damaged schema page',
			file => {
				const db = new Database(file);
				db.pragma('journal_mode = DELETE');
				for (let i = 0; i < 50; i++) db.exec(`CREATE TABLE t${i} (x TEXT)`);
				db.close();
				const bytes = readFileSync(file);
				bytes.fill(0xab, 100, 4096);
				writeFileSync(file, bytes);
			},
			/database disk image is malformed/,
		],
	];
	for (const [name, spoil, why] of damage) {
		test(`${name}: moved aside with one message, then rebuilt by refresh`, async () => {
			const home = tempHome('rf-damaged-');
			try {
				writeConfig(home.dir, [{name: 'Ok', sources: [{kind: 'feed', target: `${web.url}/ok.xml`}]}]);
				const file = join(home.dir, 'cache.db');
				spoil(file);
				const original = readFileSync(file);
				const list = await runCli(['list', '--json'], {home: home.dir});
				assert.equal(list.code, 0, list.stderr);
				assert.deepEqual(json(list), []);
				const lines = list.stderr.trim().split('\n');
				assert.equal(lines.length, 1, list.stderr);
				assert.match(lines[0]!, why);
				assert.match(lines[0]!, /^research-feed: .*cache\.db: .*; moved it to .*cache\.db\.broken-[\dTZ-]+ and started a new cache \(run `research-feed refresh` to fill it\)$/);
				const aside = readdirSync(home.dir).filter(f => /^cache\.db\.broken-[\dTZ-]+$/.test(f));
				assert.equal(aside.length, 1);
				assert.deepEqual(readFileSync(join(home.dir, aside[0]!)), original, 'the damaged file is kept as it was');
				const refresh = await runCli(['refresh'], {home: home.dir});
				assert.equal(refresh.code, 0, refresh.stderr);
				assert.equal(json<Item[]>(await runCli(['list', '--json'], {home: home.dir})).length, 2);
				assert.equal(integrity(home.dir), 'ok');
			} finally {
				home.cleanup();
			}
		});
	}

	test('a cache that cannot be opened (a directory in its place) is reported, never moved', async () => {
		const home = tempHome('rf-damaged-');
		try {
			writeConfig(home.dir, []);
			mkdirSync(join(home.dir, 'cache.db'));
			const r = await runCli(['list'], {home: home.dir});
			assert.equal(r.code, 1);
			assert.match(r.stderr, /^research-feed: .*cache\.db: unable to open database file\n$/);
			assert.ok(existsSync(join(home.dir, 'cache.db')));
			assert.deepEqual(
				readdirSync(home.dir).filter(f => f.includes('broken')),
				[],
			);
		} finally {
			home.cleanup();
		}
	});
});

describe('crashes and concurrent instances', () => {
	let web: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	/** Requests to /slow wait this long before the answer (per test). */
	let slowMs = 0;
	const timers: NodeJS.Timeout[] = [];
	/** When a big feed was last served (the kill test aims at the parse-and-save that follows). */
	let servedAt = 0;
	before(async () => {
		web = await startServer();
		for (const tag of BIG) {
			const body = bigFeed(BIG_FEED_ENTRIES, tag);
			web.route('GET', `/big/${tag}.xml`, (_req, res) => {
				servedAt = Date.now();
				sendText(res, 200, body, 'application/rss+xml');
			});
		}
		web.route('GET', '/ok.xml', (_req, res) => sendText(res, 200, RSS_OK, 'application/rss+xml'));
		web.route('GET', '/slow.xml', (_req, res) => {
			const timer = setTimeout(() => sendText(res, 200, RSS_OK.replaceAll('fine-', 'slow-'), 'application/rss+xml'), slowMs);
			timers.push(timer);
		});
	});
	after(async () => {
		for (const t of timers) clearTimeout(t);
		await web.close();
	});

	function setUp(): void {
		home = tempHome('rf-crash-');
		writeConfig(home.dir, [
			...BIG.map(tag => ({name: `Big ${tag}`, sources: [{kind: 'feed' as const, target: `${web.url}/big/${tag}.xml`}]})),
			{name: 'Quick', sources: [{kind: 'feed', target: `${web.url}/ok.xml`}]},
			{name: 'Slow', sources: [{kind: 'feed', target: `${web.url}/slow.xml`}]},
		]);
	}
	const ALL = BIG.length * BIG_FEED_ENTRIES + 4;

	test('kill -9 while a source is still being fetched: the cache is consistent and the next refresh completes', async () => {
		setUp();
		try {
			slowMs = 60_000; // never answers within this test
			const run = startCli(['refresh'], home.dir);
			await until(() => (run.stderr().match(/^\[\d\/5\] /gm) ?? []).length === 4, 15_000);
			run.child.kill('SIGKILL');
			assert.equal((await run.done).code, null, 'killed');
			assert.equal(integrity(home.dir), 'ok');
			const items = json<Item[]>(await runCli(['list', '--json'], {home: home.dir}));
			for (const tag of BIG) assert.equal(items.filter(i => i.researcher === `Big ${tag}`).length, BIG_FEED_ENTRIES);
			assert.equal(items.filter(i => i.researcher === 'Quick').length, 2);
			assert.equal(items.filter(i => i.researcher === 'Slow').length, 0);
			slowMs = 0;
			const again = await runCli(['refresh', '--json'], {home: home.dir});
			assert.equal(again.code, 0, again.stderr);
			assert.equal(json<Item[]>(await runCli(['list', '--json'], {home: home.dir})).length, ALL);
		} finally {
			home.cleanup();
		}
	});

	test('kill -9 at arbitrary moments during the saves: every source is all or nothing', async t => {
		setUp();
		try {
			slowMs = 0;
			// Kill points from just after the big feeds are served (they are being parsed) to when their
			// saves are done: some land before, some inside, some after the transactions.
			const outcomes = new Set<string>();
			for (const delay of [100, 200, 300, 400]) {
				servedAt = 0;
				const run = startCli(['refresh'], home.dir);
				await until(() => servedAt !== 0, 15_000);
				await new Promise(resolve => setTimeout(resolve, servedAt + delay - Date.now()));
				run.child.kill('SIGKILL');
				await run.done;
				assert.equal(integrity(home.dir), 'ok', `after a kill at +${delay} ms`);
				const db = new Database(join(home.dir, 'cache.db'), {readonly: true});
				try {
					for (const tag of BIG) {
						const n = (db.prepare(`SELECT COUNT(*) AS n FROM items WHERE researcher = ?`).get(`Big ${tag}`) as {n: number}).n;
						assert.ok(n === 0 || n === BIG_FEED_ENTRIES, `Big ${tag} is all or nothing, found ${n}`);
						outcomes.add(`${tag}:${n}`);
					}
				} finally {
					db.close();
				}
				// Start the next round from an empty cache, so every round has saves to interrupt.
				rmSync(join(home.dir, 'cache.db'));
				rmSync(join(home.dir, 'cache.db-wal'), {force: true});
				rmSync(join(home.dir, 'cache.db-shm'), {force: true});
			}
			t.diagnostic(`big feeds found after each kill (source:items): ${[...outcomes].sort().join(' ')}`);
			const final = await runCli(['refresh'], {home: home.dir});
			assert.equal(final.code, 0, final.stderr);
			const items = json<Item[]>(await runCli(['list', '--json'], {home: home.dir}));
			assert.equal(items.length, ALL);
			assert.equal(new Set(items.map(i => i.id)).size, items.length, 'no duplicates');
		} finally {
			home.cleanup();
		}
	});

	test('two refreshes and a list at once: all succeed, no SQLITE_BUSY, no duplicates', async () => {
		setUp();
		try {
			slowMs = 800; // the first refresh holds on to the slow source while the others write
			const first = startCli(['refresh', '--json'], home.dir);
			const second = startCli(['refresh', '--json'], home.dir);
			const lists: Array<Promise<CliResult>> = [];
			for (let i = 0; i < 3; i++) {
				await new Promise(resolve => setTimeout(resolve, 150));
				lists.push(runCli(['list', '--json'], {home: home.dir}));
			}
			const results = [await first.done, await second.done, ...(await Promise.all(lists))];
			for (const r of results) {
				assert.equal(r.code, 0, r.stderr);
				assert.doesNotMatch(r.stderr, /SQLITE_BUSY|database is locked/i);
			}
			const items = json<Item[]>(await runCli(['list', '--json'], {home: home.dir}));
			assert.equal(items.length, ALL);
			assert.equal(new Set(items.map(i => i.id)).size, items.length, 'no duplicates');
			assert.equal(integrity(home.dir), 'ok');
		} finally {
			home.cleanup();
		}
	});
});
