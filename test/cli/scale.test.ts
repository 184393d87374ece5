/**
 * Commands at a size past SQLite's limit on bound variables (32,766): `list --json` with no limit
 * and with `--limit 40000`, `list --search`, `mark-read --all`, `digest`, `papers`, `papers --bibtex`
 * and `export` on a generated cache of
 * 40,000 items (bench/generate.ts, the benchmarks' own generator). Before the id-list pattern
 * (src/store/id-list.ts) these failed with "too many SQL variables".
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {generateHome} from '../../bench/generate.js';
import type {Item} from '../../src/domain/types.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const ITEMS = 40_000;

describe(`commands at ${ITEMS.toLocaleString('en')} cached items`, () => {
	let home: ReturnType<typeof tempHome>;
	let visible = 0;
	/** Every item, as the first test read it. */
	let all: Item[] = [];
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_NOW: '2026-12-01T00:00:00Z'}});

	before(() => {
		home = tempHome('rf-scale-');
		visible = generateHome({dir: home.dir, items: ITEMS, researchers: 200, origin: 'http://127.0.0.1:9', now: new Date('2026-12-01T00:00:00Z')}).visibleItems;
	});
	after(() => home.cleanup());

	test('list --json streams every item, newest first, the same array JSON.stringify would print', async () => {
		const r = await cli(['list', '--json']);
		assert.equal(r.code, 0, r.stderr.slice(0, 500));
		const items = json<Item[]>(r);
		all = items;
		assert.equal(items.length, visible);
		for (let i = 1; i < items.length; i++) {
			const a = items[i - 1]!;
			const b = items[i]!;
			assert.ok(a.date > b.date || (a.date === b.date && a.id > b.id), `order at ${i}`);
		}
		assert.equal(new Set(items.map(i => i.id)).size, items.length, 'no item twice across pages');
		assert.equal(r.stdout, `${JSON.stringify(items, null, 2)}\n`);
	});

	test('list --json --limit 40000 and a filtered list', async () => {
		const limited = json<Item[]>(await cli(['list', '--json', '--limit', '40000']));
		assert.equal(limited.length, Math.min(visible, 40_000));
		const few = json<Item[]>(await cli(['list', '--json', '--limit', '1500', '--source', 'feed']));
		assert.ok(few.length > 1000 && few.every(i => i.source === 'feed'));
	});

	test('list --search through the trigram index and through a scan: every match, and only matches', async () => {
		assert.equal(all.length, visible, 'the first test read every item');
		const text = (i: Item) => [i.researcher, i.title ?? '', i.text, ...i.papers.map(p => p.title ?? '')].join('\n').toLowerCase();
		// A word in a few thousand items, past what the index plan takes (INDEX_WINDOW_MAX: a scan in
		// timeline order), and a rare long-tail one (the trigram index).
		const counts = new Map<string, number>();
		for (const i of all.slice(0, 2000)) for (const w of new Set(i.text.toLowerCase().match(/[a-z]{6,}/g) ?? [])) counts.set(w, (counts.get(w) ?? 0) + 1);
		const ranked = [...counts].sort((a, b) => b[1] - a[1]);
		const common = [...ranked].sort((a, b) => Math.abs(a[1] - 250) - Math.abs(b[1] - 250))[0]![0];
		for (const word of [common, ranked.find(([, n]) => n === 1)![0]]) {
			const r = await cli(['list', '--json', '--search', word]);
			assert.equal(r.code, 0, r.stderr.slice(0, 300));
			const found = json<Item[]>(r);
			const expected = all.filter(i => text(i).includes(word)).map(i => i.id);
			assert.ok(expected.length > 0, word);
			// The search text holds what the items show (and paper metadata, which they do not): at least these.
			const ids = new Set(found.map(i => i.id));
			assert.deepEqual(expected.filter(id => !ids.has(id)), [], `${word}: missed`);
			assert.ok(found.length < expected.length * 1.2 + 5, `${word}: ${found.length} found, ${expected.length} show it`);
		}
	});

	test('mark-read --all marks every unread item in one go and says how many', async () => {
		const unread = json<Item[]>(await cli(['list', '--json', '--unread'])).length;
		assert.ok(unread > 30_000, String(unread));
		const r = await cli(['mark-read', '--all']);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, `Marked ${unread} item(s) read.\n`);
		assert.deepEqual(json(await cli(['list', '--json', '--unread', '--limit', '5'])), []);
	});

	test('digest, papers and papers --bibtex answer', async () => {
		for (const args of [['digest', '--since', '2020-01-01', '--format', 'json'], ['papers', '--json'], ['papers', '--bibtex'], ['export']]) {
			const r = await cli(args);
			assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr.slice(0, 300)}`);
			assert.ok(r.stdout.length > 1000, args.join(' '));
		}
	});
});
