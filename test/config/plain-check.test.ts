/**
 * The start-up fast path's check (plain-check.ts) against conf, the judge it stands in for, on
 * many generated config files, valid and not: whatever the fast path accepts, conf accepts with
 * the same values (defaults included), and it accepts every valid file that has nothing unusual
 * (addresses of another shape, keys beside ours) for conf to decide. Seeded: a failure names the
 * seed and the file.
 */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import Conf from 'conf';
import {plainlyValid} from '../../src/config/plain-check.js';
import {configSchema, type StoredConfig} from '../../src/config/schema.js';
import {tempHome} from '../helpers/temp-home.js';

/** Small, fast, seeded: the same seed makes the same files. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Generates one config file's content; `unusual` says conf, not the fast path, may be the one to accept it. */
class Generator {
	unusual = false;
	constructor(readonly r: () => number) {}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.r() * list.length)]!;
	}
	chance(p: number): boolean {
		return this.r() < p;
	}

	anyValue(): unknown {
		return this.pick([null, true, false, 0, 1, -1, 1.5, 8, 30, '', 'x', 'é', '😀', [], {}, [1], {a: 1}, ['x']]);
	}

	/** Addresses both sides must accept. */
	plainUrl(): string {
		return this.pick([
			'https://public.api.bsky.app',
			'http://127.0.0.1:8080/xrpc',
			'https://export.arxiv.org/api/query',
			'https://export.arxiv.org/api/query?search_query=all:rlhf&max_results=10',
			'http://localhost:9/a%20b/c',
			"https://a.example/x-y_z.~!$&'()*+,;=:@/",
		]);
	}

	/** Addresses of every other shape: some conf accepts (the fast path may leave those to it), some nobody does. */
	otherUrl(): string {
		this.unusual = true;
		if (this.chance(0.5)) return `${this.pick(['https://', 'http://', 'HTTPS://', 'ftp://', 'mailto:', '', 'https:'])}${this.randomText()}`;
		return this.pick([
			'https://a.example/{x}',
			'https://a.example/b#c',
			'https://a.example/b#c#d',
			'https://a.example/%zz',
			'https://a.example/a b',
			'https://a.example/|',
			'https://a.example/\\',
			'https://a.example/[x]',
			'https://[::1]:8080/',
			'https://例え.jp/',
			'https://a.example:99999/',
			'https://user@a.example/',
			'ftp://files.example.org/',
			'mailto:someone@example.org',
			'urn:isbn:0451450523',
			'not a url',
			'https://',
			'',
		]);
	}

	randomText(): string {
		const alphabet = 'ab-._~%20:/?#[]@!$&\'()*+,;={}|\\^`"<> é😀\u0000\t';
		let s = '';
		const n = Math.floor(this.r() * 12);
		for (let i = 0; i < n; i++) s += this.pick([...alphabet]);
		return s;
	}

	url(): unknown {
		if (this.chance(0.05)) return this.anyValue();
		return this.chance(0.6) ? this.plainUrl() : this.otherUrl();
	}

	source(): unknown {
		if (this.chance(0.04)) return this.anyValue();
		const s: Record<string, unknown> = {};
		if (!this.chance(0.04)) s['kind'] = this.chance(0.9) ? this.pick(['bluesky', 'homepage', 'feed']) : this.pick(['rss', 'Feed', 3, null]);
		if (!this.chance(0.04)) s['target'] = this.chance(0.9) ? this.pick(['leqiliu.bsky.social', 'did:plc:abc', 'https://a.example/feed.xml', 'x']) : this.pick(['', 7, null]);
		if (this.chance(0.03)) s[this.pick(['note', 'url', 'Kind'])] = 'x';
		return s;
	}

	researcher(): unknown {
		if (this.chance(0.04)) return this.anyValue();
		const r: Record<string, unknown> = {};
		if (!this.chance(0.04)) r['name'] = this.chance(0.9) ? this.pick(['Leqi Liu', 'Wei Liu', 'É', '😀']) : this.pick(['', 1, null, ['x']]);
		if (!this.chance(0.04)) r['sources'] = this.chance(0.95) ? Array.from({length: Math.floor(this.r() * 3)}, () => this.source()) : this.anyValue();
		if (this.chance(0.03)) r[this.pick(['homepage', 'Name'])] = 'x';
		return r;
	}

	config(): unknown {
		if (this.chance(0.03)) {
			// Not our shape at all: `{a: 1}` is conf's to judge (keys beside ours), the rest nobody's.
			this.unusual = true;
			return this.anyValue();
		}
		const c: Record<string, unknown> = {};
		if (this.chance(0.8)) c['researchers'] = this.chance(0.95) ? Array.from({length: Math.floor(this.r() * 4)}, () => this.researcher()) : this.anyValue();
		if (this.chance(0.5)) {
			const b: Record<string, unknown> = {};
			if (this.chance(0.5)) b['service'] = this.url();
			if (this.chance(0.4)) b['showReplies'] = this.chance(0.9) ? this.pick([true, false]) : this.pick(['true', 0, null]);
			if (this.chance(0.4)) b['firstFetchDepth'] = this.pick([1, 200, 2000, 0, 2001, 1.5, -5, '200', null]);
			if (this.chance(0.03)) b['handle'] = 'x';
			c['bluesky'] = this.chance(0.95) ? b : this.anyValue();
		}
		if (this.chance(0.4)) c['arxiv'] = this.chance(0.95) ? (this.chance(0.7) ? {api: this.url()} : {}) : this.anyValue();
		if (this.chance(0.4)) c['refreshMinutes'] = this.pick([1, 2.5, 30, 1440, 1e6, 0, 0.5, -3, '30', null, true]);
		if (this.chance(0.4)) c['concurrency'] = this.pick([1, 8, 64, 0, 65, 2.5, -1, '8', true, null]);
		if (this.chance(0.05)) {
			// conf keeps keys of its own beside ours; the fast path leaves any such file to conf.
			this.unusual = true;
			c[this.pick(['extra', '__internal__', 'Researchers'])] = this.anyValue();
		}
		return c;
	}
}

describe('the fast config check agrees with conf', () => {
	let home: ReturnType<typeof tempHome>;
	let file: string;
	let conf: Conf<StoredConfig>;

	before(() => {
		home = tempHome('rf-plain-check-');
		file = join(home.dir, 'config.json');
		writeFileSync(file, '{}');
		conf = new Conf<StoredConfig>({cwd: home.dir, configName: 'config', projectName: 'research-feed', schema: configSchema, clearInvalidConfig: false, accessPropertiesByDotNotation: false});
	});
	after(() => home.cleanup());

	/** conf's verdict on `text` as config.json: the values it reads (defaults filled in), or undefined when it refuses the file. */
	function confReads(text: string): Record<string, unknown> | undefined {
		writeFileSync(file, text);
		try {
			// conf's store has no prototype; compare plain objects.
			return {...conf.store};
		} catch (error) {
			if (error instanceof Error && error.message.startsWith('Config schema violation:')) return undefined;
			throw error;
		}
	}

	test('on generated config files, valid and invalid', () => {
		const seed = Number(process.env['RF_TEST_SEED'] ?? 14);
		const g = new Generator(random(seed));
		let accepted = 0;
		let refused = 0;
		for (let i = 0; i < 1500; i++) {
			g.unusual = false;
			const text = JSON.stringify(g.config());
			const fast = plainlyValid(JSON.parse(text));
			const byConf = confReads(text);
			const where = `seed ${seed}, file ${i}: ${text}`;
			if (fast !== undefined) {
				assert.ok(byConf !== undefined, `the fast path accepted what conf refuses (${where})`);
				assert.deepEqual(fast, byConf, `the fast path read other values than conf (${where})`);
			} else if (byConf !== undefined) {
				assert.ok(g.unusual, `the fast path refused a plain valid file (${where})`);
			}
			if (byConf === undefined) refused++;
			else accepted++;
		}
		// The generator must exercise both sides, or the agreement above proves little.
		assert.ok(accepted >= 300 && refused >= 300, `accepted ${accepted}, refused ${refused}`);
	});

	test('on addresses of every shape: the fast path never accepts one conf refuses', () => {
		const g = new Generator(random(1414));
		for (let i = 0; i < 600; i++) {
			const url = g.chance(0.2) ? g.plainUrl() : g.otherUrl();
			const text = JSON.stringify({bluesky: {service: url}, arxiv: {api: url}});
			if (plainlyValid(JSON.parse(text)) !== undefined) assert.ok(confReads(text) !== undefined, `conf refuses ${JSON.stringify(url)}`);
		}
	});

	test('defaults: a file that leaves everything out reads as the schema says', () => {
		assert.deepEqual(plainlyValid({}), {
			researchers: [],
			bluesky: {},
			arxiv: {},
			dblp: {},
			orcid: {},
			openalex: {},
			semanticscholar: {},
			crossref: {},
			papers: {},
			refreshMinutes: 30,
			concurrency: 8,
		});
		assert.deepEqual(plainlyValid({}), confReads('{}'));
	});
});
