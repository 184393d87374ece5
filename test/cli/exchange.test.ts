import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const fixture = (name: string) => new URL(`../fixtures/opml/${name}`, import.meta.url).pathname;
const xml2js = createRequire(import.meta.url)('xml2js') as {parseStringPromise(xml: string): Promise<unknown>};

interface Researcher {
	name: string;
	sources: Array<{kind: string; target: string}>;
}
const shape = (rs: Researcher[]) => rs.map(r => ({name: r.name, sources: r.sources.map(s => ({kind: s.kind, target: s.target}))}));

describe('export and import (OPML 2.0, JSON)', () => {
	let home: ReturnType<typeof tempHome>;
	let original: Researcher[];
	const NOW = '2025-07-24T09:30:00.000Z';
	const cli = (args: string[], dir = home.dir) => runCli(args, {home: dir, env: {RESEARCH_FEED_NOW: NOW}});

	before(async () => {
		home = tempHome();
		const adds = [
			['add', 'Leqi Liu', '--bluesky', 'leqiliu.bsky.social', '--homepage', 'https://leqiliu.github.io/', '--feed', 'https://leqiliu.github.io/feed.xml'],
			['add', 'André Martins', '--feed', 'https://example.org/feed?a=1&b=2', '--bluesky', 'did:plc:am4r5t6i7n8s2a3b4c5d6e7f'],
			['add', 'Dr. "Q" O\'Neil <x> & co'],
			['add', 'Wei Liu', '--homepage', 'https://weiliu.example/~wei/', '--bluesky', 'weiliu.bsky.social'],
		];
		for (const args of adds) assert.equal((await cli(args)).code, 0);
		original = shape(json<Researcher[]>(await cli(['researchers', '--json'])));
	});
	after(() => home.cleanup());

	test('OPML export: OPML 2.0 with typed outlines; feeds as rss with xmlUrl', async () => {
		const r = await cli(['export']);
		assert.equal(r.code, 0, r.stderr);
		const doc = (await xml2js.parseStringPromise(r.stdout)) as {
			opml: {$: {version: string}; head: Array<{dateCreated: string[]}>; body: Array<{outline: Array<{$: Record<string, string>; outline?: Array<{$: Record<string, string>}>}>}>};
		};
		assert.equal(doc.opml.$.version, '2.0');
		assert.equal(doc.opml.head[0]!.dateCreated[0], 'Thu, 24 Jul 2025 09:30:00 GMT');
		const leqi = doc.opml.body[0]!.outline[0]!;
		assert.deepEqual({...leqi.$}, {text: 'Leqi Liu', title: 'Leqi Liu', type: 'researcher'});
		assert.deepEqual(
			leqi.outline!.map(o => ({...o.$})),
			[
				{text: 'Leqi Liu', title: 'Leqi Liu', type: 'bluesky', target: 'leqiliu.bsky.social', htmlUrl: 'https://bsky.app/profile/leqiliu.bsky.social', xmlUrl: 'https://bsky.app/profile/leqiliu.bsky.social/rss'},
				{text: 'Leqi Liu', title: 'Leqi Liu', type: 'homepage', url: 'https://leqiliu.github.io/', htmlUrl: 'https://leqiliu.github.io/'},
				{text: 'Leqi Liu', title: 'Leqi Liu', type: 'rss', xmlUrl: 'https://leqiliu.github.io/feed.xml'},
			],
		);
		assert.match(r.stdout, /xmlUrl="https:\/\/example\.org\/feed\?a=1&amp;b=2"/);
		assert.match(r.stdout, /text="Dr\. &quot;Q&quot; O'Neil &lt;x&gt; &amp; co"/);
	});

	for (const format of ['opml', 'json'] as const) {
		test(`${format}: round trip into an empty home without loss; importing twice adds nothing`, async () => {
			const exported = await cli(['export', '--format', format]);
			assert.equal(exported.code, 0, exported.stderr);
			const file = join(home.dir, `export.${format}`);
			writeFileSync(file, exported.stdout);
			const other = tempHome();
			try {
				const r = await cli(['import', file], other.dir);
				assert.equal(r.code, 0, r.stderr);
				assert.match(r.stdout, /4 researcher\(s\) and 7 source\(s\) added/);
				assert.deepEqual(shape(json<Researcher[]>(await cli(['researchers', '--json'], other.dir))), original);
				const config = readFileSync(join(other.dir, 'config.json'), 'utf8');
				const again = await cli(['import', file], other.dir);
				assert.equal(again.code, 0, again.stderr);
				assert.match(again.stdout, /0 researcher\(s\) and 0 source\(s\) added, 7 source\(s\) already present/);
				assert.equal(readFileSync(join(other.dir, 'config.json'), 'utf8'), config);
				// And the export of the import is the same document.
				assert.equal((await cli(['export', '--format', format], other.dir)).stdout, exported.stdout);
			} finally {
				other.cleanup();
			}
		});
	}

	test("a newsboat export: each feed a researcher named by the feed's title", async () => {
		const other = tempHome();
		try {
			const r = await cli(['import', fixture('newsboat.opml')], other.dir);
			assert.equal(r.code, 0, r.stderr);
			assert.deepEqual(shape(json<Researcher[]>(await cli(['researchers', '--json'], other.dir))), [
				{name: "Lil'Log", sources: [{kind: 'feed', target: 'https://lilianweng.github.io/index.xml'}]},
				{name: 'arg min', sources: [{kind: 'feed', target: 'https://www.argmin.net/feed'}]},
				{name: 'Jörg Müller: Notes', sources: [{kind: 'feed', target: 'https://example.org/blog/atom.xml?tag=ml&lang=en'}]},
			]);
			const again = await cli(['import', fixture('newsboat.opml')], other.dir);
			assert.match(again.stdout, /0 researcher\(s\) and 0 source\(s\) added, 3 source\(s\) already present/);
		} finally {
			other.cleanup();
		}
	});

	test('nested folders and categories: feeds found at any depth; folders are not researchers; unusable outlines named', async () => {
		const other = tempHome();
		try {
			assert.equal((await cli(['add', 'Leqi Liu', '--feed', 'https://leqiliu.github.io/feed.xml'], other.dir)).code, 0);
			const r = await cli(['import', fixture('nested-categories.opml')], other.dir);
			assert.equal(r.code, 0, r.stderr);
			assert.deepEqual(shape(json<Researcher[]>(await cli(['researchers', '--json'], other.dir))), [
				{name: 'Leqi Liu', sources: [{kind: 'feed', target: 'https://leqiliu.github.io/feed.xml'}]},
				{name: 'Distill', sources: [{kind: 'feed', target: 'https://distill.pub/rss.xml'}]},
				{name: 'Jay Alammar', sources: [{kind: 'feed', target: 'https://jalammar.github.io/feed.xml'}]},
				{name: 'Wei Liu', sources: [{kind: 'bluesky', target: 'weiliu.bsky.social'}]},
			]);
			assert.match(r.stdout, /3 researcher\(s\) and 3 source\(s\) added, 1 source\(s\) already present, 3 outline\(s\) skipped/);
			assert.match(r.stderr, /skipped feed "Local file": not an http\(s\) URL/);
			assert.match(r.stderr, /skipped "Podcasts": neither a feed nor a researcher/);
		} finally {
			other.cleanup();
		}
	});

	test('a first list from a feed reader: a Bluesky RSS becomes a Bluesky source, one person one researcher', async () => {
		const other = tempHome();
		try {
			const r = await cli(['import', fixture('grouping.opml')], other.dir);
			assert.equal(r.code, 0, r.stderr);
			const names = json<Researcher[]>(await cli(['researchers', '--json'], other.dir)).map(x => [x.name, x.sources.map(s => s.kind)]);
			assert.deepEqual(names.slice(0, 3), [
				['Leqi Liu', ['bluesky', 'feed']],
				['Jay Alammar', ['feed', 'feed']],
				['medium.com/@alice', ['feed']],
			]);
			assert.ok(names.some(([name]) => name === 'weiliu.bsky.social'));
		} finally {
			other.cleanup();
		}
	});

	test('5,000 outlines import in one write of config.json; add, rename and remove stay quick beside them', async () => {
		const other = tempHome();
		try {
			const file = join(other.dir, 'big.opml');
			const outlines = Array.from({length: 5000}, (_, i) => `<outline text="Person ${i}" type="rss" xmlUrl="https://site${i}.example/feed.xml"/>`);
			writeFileSync(file, `<?xml version="1.0"?><opml version="2.0"><head/><body>${outlines.join('\n')}</body></opml>`);
			const timed = async (args: string[]) => {
				const start = Date.now();
				const r = await cli(args, other.dir);
				assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
				return Date.now() - start;
			};
			// One write for the file, not one per outline: the bound leaves room for Node's start on a busy machine.
			const importMs = await timed(['import', file]);
			assert.ok(importMs < 6000, `import took ${importMs} ms`);
			for (const args of [
				['add', 'Person 4000', '--feed', 'https://more.example/feed.xml'],
				['rename', 'Person 4000', 'P. 4000'],
				['remove', 'P. 4000'],
			]) {
				const ms = await timed(args);
				assert.ok(ms < 4000, `${args[0]} took ${ms} ms`);
			}
			const config = JSON.parse(readFileSync(join(other.dir, 'config.json'), 'utf8')) as {researchers: Researcher[]};
			assert.equal(config.researchers.length, 4999);
			assert.equal(config.researchers[0]!.name, 'Person 0');
		} finally {
			other.cleanup();
		}
	});

	const bad: Array<[string, () => string, RegExp]> = [
		['truncated XML', () => fixture('truncated.opml'), /truncated\.opml: not well-formed XML \(Unclosed root tag/],
		['an RSS feed, not OPML', () => fixture('not-opml.xml'), /not-opml\.xml: not OPML \(the root element is not <opml>\)/],
		['an unknown source kind in JSON', () => fixture('bad-kind.json'), /bad-kind\.json: researchers\[0\]\.sources\[0\]\.kind must be bluesky, homepage or feed/],
		['a missing file', () => join(home.dir, 'nope.opml'), /nope\.opml: no such file/],
		[
			'a directory',
			() => {
				const dir = join(home.dir, 'a-dir');
				mkdirSync(dir, {recursive: true});
				return dir;
			},
			/a-dir: not a file/,
		],
		[
			'plain text',
			() => {
				const file = join(home.dir, 'notes.txt');
				writeFileSync(file, 'just some notes\n');
				return file;
			},
			/notes\.txt: neither OPML nor a research-feed JSON export/,
		],
		[
			'invalid JSON',
			() => {
				const file = join(home.dir, 'broken.json');
				writeFileSync(file, '{"researchers": [');
				return file;
			},
			/broken\.json: not valid JSON/,
		],
	];
	for (const [name, file, message] of bad) {
		test(`bad file: ${name} → one line naming the file, exit 1, nothing written`, async () => {
			const before = readFileSync(join(home.dir, 'config.json'), 'utf8');
			const r = await cli(['import', file()]);
			assert.equal(r.code, 1);
			assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
			assert.match(r.stderr, /^research-feed: import: /);
			assert.match(r.stderr, message);
			assert.equal(readFileSync(join(home.dir, 'config.json'), 'utf8'), before);
		});
	}
});
