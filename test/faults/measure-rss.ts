/**
 * Prints the peak RSS of `research-feed refresh` (the compiled CLI, one source per run) against
 * each hostile endpoint, measured two ways: GNU time's "Maximum resident set size" when
 * /usr/bin/time exists, and process.resourceUsage().maxRSS printed at exit by a preload.
 * Not part of `npm test` (memory.test.ts asserts the bound); run after `npm run build`:
 *   node --import tsx test/faults/measure-rss.ts
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {sendText} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';
import {writeConfig} from './config-file.js';
import {startFaultServer} from './fault-server.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));
const PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;
const TIME = '/usr/bin/time';

function run(home: string): Promise<{ms: number; selfMb: number; timeMb: number | null; line: string}> {
	const useTime = existsSync(TIME);
	const argv = [process.execPath, '--import', PRELOAD, BIN, 'refresh'];
	const start = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(useTime ? TIME : argv[0]!, useTime ? ['-v', ...argv] : argv.slice(1), {
			env: {...process.env, NO_COLOR: '1', RESEARCH_FEED_HOME: home},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
		child.on('error', reject);
		child.on('close', () => {
			const self = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
			const gnu = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
			const line = /^research-feed: .*$/m.exec(stderr)?.[0] ?? 'ok';
			resolve({ms: Date.now() - start, selfMb: Math.round(self / 1024), timeMb: gnu ? Math.round(Number(gnu) / 1024) : null, line});
		});
	});
}

const faults = await startFaultServer();
faults.route('GET', '/tiny-elements', (_req, res) =>
	sendText(res, 200, `<html><body><h2>News</h2><ul><li>[05/2025] x</li></ul>${'<p>x</p>'.repeat(1_250_000)}</body></html>`, 'text/html'),
);
faults.route('GET', '/deep', (_req, res) => sendText(res, 200, `<html><body><h2>News</h2>${'<div>'.repeat(1_000_000)}</body></html>`, 'text/html'));
faults.route('GET', '/md-bomb', (_req, res) =>
	sendText(res, 200, Array.from({length: 3000}, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'), 'text/markdown'),
);
const cases: Array<[string, 'feed' | 'homepage', string]> = [
	['baseline: a small valid feed', 'feed', '/ok.xml'],
	['300 MB, declared length', 'homepage', '/huge'],
	['300 MB, chunked', 'homepage', '/huge-chunked'],
	['gzip bomb, 1 MB -> 1 GB', 'homepage', '/gzip-bomb'],
	['10 MB of tiny elements', 'homepage', '/tiny-elements'],
	['a million nested elements', 'homepage', '/deep'],
	['9 MB of nested Markdown lists', 'homepage', '/md-bomb'],
];
process.stdout.write('| body | peak RSS (GNU time) | peak RSS (maxRSS) | time | reported as |\n| --- | --- | --- | --- | --- |\n');
for (const [name, kind, path] of cases) {
	const home = tempHome('rf-rss-');
	try {
		writeConfig(home.dir, [{name: 'X', sources: [{kind, target: faults.at(path)}]}]);
		const r = await run(home.dir);
		process.stdout.write(`| ${name} | ${r.timeMb ?? '-'} MB | ${r.selfMb} MB | ${(r.ms / 1000).toFixed(1)} s | ${r.line.replace(/^research-feed: X \w+ \S+: /, '')} |\n`);
	} finally {
		home.cleanup();
	}
}
await faults.close();
