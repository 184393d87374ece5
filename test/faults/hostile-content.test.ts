/**
 * Hostile content end to end: a homepage, a feed and a Bluesky post full of terminal escapes,
 * bidi and zero-width tricks, scripts, non-http links and disguised links are refreshed by the
 * real CLI from loopback servers; what `list --json`, `list` and `researchers` print is clean.
 */
import assert from 'node:assert/strict';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Item} from '../../src/domain/types.js';
import {HOSTILE_TEXT, leqiFixture} from '../fixtures/bluesky/build.js';
import {sendText, startServer, type LoopbackServer} from '../helpers/loopback-server.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';
import {writeConfig} from './config-file.js';

const ESC = '\u001b';
const BEL = '\u0007';
/** Everything that must never reach a terminal: C0 (but \t \n), DEL, C1, bidi controls, invisible formatting. */
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;
/** ZWJ is fine only inside an emoji sequence; this content has none. */
const ZWJ = /\u200d/u;

const TRAPS = [
	`${ESC}]52;c;cm0gLXJmIH4=${BEL}`, // OSC 52: write "rm -rf ~" to the clipboard
	`${ESC}]0;owned${BEL}`, // OSC 0: window title
	`${ESC}[2J${ESC}[31m`, // CSI: clear screen, red
	'\u009b31m', // 8-bit CSI
	'\u009d2;title\u009c', // 8-bit OSC
	'\u202egnp.exe\u202c', // right-to-left override
	'\u2066isolate\u2069',
	'pay\u200bpal', // zero-width space
	'zero\u200dwidth\ufeff',
].join(' ');

const BIG = 'A'.repeat(150_000);

const HOMEPAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Eve ${TRAPS}</title>
<script>document.title = 'script in head'</script><style>body { color: red }</style></head><body>
<h2>News</h2>
<ul>
<li>[05/2025] Talk ${TRAPS} at NeurIPS. <a href="https://evil.example/login">paypal.com</a>
 <a href="javascript:alert(1)">js link</a> <a href="data:text/html,x">data link</a> <a href="file:///etc/passwd">file link</a>
 <a href="https://ok.example.org/">a real link</a><script>alert('script text')</script><style>.x { color: red }</style></li>
<li>[04/2025] A very long entry: ${BIG} end.</li>
</ul></body></html>`;

function allStrings(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) for (const v of value) allStrings(v, out);
	else if (value && typeof value === 'object') for (const v of Object.values(value)) allStrings(v, out);
	return out;
}

describe('hostile content, end to end', () => {
	let web: LoopbackServer;
	let xrpc: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: xrpc.url}});

	before(async () => {
		const leqi = await leqiFixture();
		xrpc = await startXrpcServer({actors: [leqi], pageSize: 50});
		web = await startServer();
		web.route('GET', '/eve/', (_req, res) => sendText(res, 200, HOMEPAGE, 'text/html; charset=utf-8'));
		const feed = readFileSync(new URL('../fixtures/feeds/hostile.xml', import.meta.url));
		web.route('GET', '/feed.xml', (_req, res) => sendText(res, 200, feed, 'application/rss+xml'));
		home = tempHome('rf-hostile-');
		writeConfig(home.dir, [
			{name: 'Eve', sources: [{kind: 'homepage', target: `${web.url}/eve/`}, {kind: 'feed', target: `${web.url}/feed.xml`}]},
			{name: 'Leqi Liu', sources: [{kind: 'bluesky', target: leqi.actor.did}]},
		]);
		const r = await cli(['refresh']);
		assert.equal(r.code, 0, r.stderr);
		assert.doesNotMatch(r.stderr, FORBIDDEN, 'refresh progress is clean too');
	});
	after(async () => {
		await Promise.all([web.close(), xrpc.close()]);
		home.cleanup();
	});

	test('list --json: every string is free of controls, bidi and zero-width characters', async () => {
		const items = json<Item[]>(await cli(['list', '--json']));
		assert.ok(items.some(i => i.source === 'homepage') && items.some(i => i.source === 'feed') && items.some(i => i.source === 'bluesky'));
		for (const s of allStrings(items)) {
			assert.doesNotMatch(s, FORBIDDEN, JSON.stringify(s.slice(0, 200)));
			assert.doesNotMatch(s, ZWJ);
		}
		// The visible words survive; the sequences' payloads do not.
		const talk = items.find(i => i.text.startsWith('Talk'))!;
		assert.match(talk.text, /gnp\.exe/);
		assert.match(talk.text, /paypal/);
		assert.doesNotMatch(talk.text, /cm0gLXJmIH4|owned|2;title|31m/);
		const post = items.find(i => i.source === 'bluesky' && i.text.startsWith('Weekend reading list'))!;
		assert.ok(HOSTILE_TEXT.includes('\u001b'));
		assert.equal(post.text, 'Weekend reading list  is up (slides in red) fdp.txt');
	});

	test('script and style content is never text; only http(s) links survive', async () => {
		const items = json<Item[]>(await cli(['list', '--json']));
		for (const item of items) {
			assert.doesNotMatch(item.text, /alert\(|script text|script in head|color: ?red|document\.cookie/, item.text.slice(0, 200));
			for (const link of item.links) assert.match(link.url, /^https?:\/\//);
			assert.match(item.url, /^https?:\/\//);
			for (const p of item.posts) assert.match(p.url, /^https?:\/\//);
		}
		const talk = items.find(i => i.text.startsWith('Talk'))!;
		assert.deepEqual(talk.links.map(l => new URL(l.url).host).sort(), ['evil.example', 'ok.example.org']);
		const article = items.find(i => i.source === 'feed')!;
		assert.match(article.url, /^https:\/\//, 'a javascript: item link falls back to an http(s) URL');
	});

	test('a link whose text names another host is flagged where it is shown', async () => {
		const items = json<Item[]>(await cli(['list', '--json']));
		const talk = items.find(i => i.text.startsWith('Talk'))!;
		assert.deepEqual(talk.links.find(l => l.url.startsWith('https://evil.example/')), {url: 'https://evil.example/login', text: 'paypal.com [⚠ goes to evil.example]'});
		assert.equal(talk.links.find(l => l.url.startsWith('https://ok.example.org/'))!.text, 'a real link', 'ordinary link text is left alone');
		const article = items.find(i => i.source === 'feed')!;
		assert.equal(article.links.find(l => l.url === 'https://evil.example/login')?.text, 'https://paypal.com/login [⚠ goes to evil.example]');
	});

	test('an oversized item is cut to a sane length with a marker', async () => {
		const items = json<Item[]>(await cli(['list', '--json']));
		const long = items.find(i => i.text.startsWith('A very long entry'))!;
		assert.ok(long.text.length <= 100_000 + 20, `${long.text.length} characters`);
		assert.match(long.text, /… \[truncated\]$/);
	});

	test('the human views print no control characters either', async () => {
		for (const args of [['list'], ['researchers'], ['papers']]) {
			const r = await cli(args);
			assert.equal(r.code, 0, r.stderr);
			assert.doesNotMatch(r.stdout, FORBIDDEN, args.join(' '));
			assert.doesNotMatch(r.stdout, ZWJ);
		}
	});
});

describe('nothing fetched reaches a shell', () => {
	test('no module of src/ runs a shell: only open-url spawns (shell: false, the URL as one argument), watch --exec spawns the user’s command (shell: false, JSON on stdin) and the refresh forks our own entry', () => {
		const root = new URL('../../src/', import.meta.url);
		const files: string[] = [];
		const walk = (dir: string): void => {
			for (const entry of readdirSync(dir, {withFileTypes: true})) {
				const path = join(dir, entry.name);
				if (entry.isDirectory()) walk(path);
				else if (/\.tsx?$/.test(entry.name)) files.push(path);
			}
		};
		walk(root.pathname);
		const childProcess: string[] = [];
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			assert.doesNotMatch(text, /shell:\s*true|(?<![.\w])eval\s*\(|new Function\s*\(/, file);
			// Any mention of the module as a string: a static or dynamic import, a require, a createRequire.
			if (/['"](node:)?child_process['"]/.test(text)) childProcess.push(file.slice(root.pathname.length));
		}
		// cli/exec-queue.ts: `watch --exec CMD ARG…` runs the user's own command (shell: false); fetched
		// content reaches it only as JSON on its stdin, never as an argument.
		assert.deepEqual(childProcess.sort(), ['app/refresh-process.ts', 'cli/exec-queue.ts', 'net/open-url.ts'], 'only the link opener, the refresh process and watch --exec touch child_process');
		// fork runs a Node module of ours, never a shell; its only argument is our own JSON of paths.
		// Both load the module when they first start a process (the timeline's first frame needs none),
		// and use one function of it each: the lines that name it, and every use of what they load.
		const loading = "const childProcesses = (): typeof ChildProcesses => createRequire(import.meta.url)('node:child_process') as typeof ChildProcesses;";
		const naming = (text: string): string[] => text.split('\n').filter(line => /['"](node:)?child_process['"]/.test(line));
		const uses = (text: string): string[] => [...text.matchAll(/childProcesses\(\)(\.\w+\()?/g)].map(m => m[0]);
		const refresh = readFileSync(new URL('app/refresh-process.ts', root), 'utf8');
		assert.deepEqual(naming(refresh), ["import type * as ChildProcesses from 'node:child_process';", loading]);
		assert.deepEqual(uses(refresh), ['childProcesses().fork(']);
		assert.match(refresh, /childProcesses\(\)\.fork\(options\.entry \?\? childEntry\(\), \[JSON\.stringify\(options\.paths\)\]/);
		const opener = readFileSync(new URL('net/open-url.ts', root), 'utf8');
		assert.deepEqual(naming(opener), ["import type {ChildProcess} from 'node:child_process';", "import type * as ChildProcesses from 'node:child_process';", loading]);
		assert.deepEqual(uses(opener), ['childProcesses().spawn(', 'childProcesses().spawn('], 'spawn only: no exec, no shell string');
		assert.match(opener, /shell: false/);
		assert.doesNotMatch(opener, /shell: (?!false)/);
	});
});
