/**
 * Memory stays bounded whatever a server sends: the peak RSS of a real `refresh` (child process)
 * against a 300 MB body, a 1 GB gzip bomb and pages built to blow up the HTML parser is
 * measured with process.resourceUsage().maxRSS (printed by a preload at exit).
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import {sendText} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';
import {writeConfig} from './config-file.js';
import {startFaultServer, type FaultServer} from './fault-server.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));
const PRELOAD = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;
/** Generous: a refresh of one small feed peaks near 100 MB; buffering any of these would be far above. */
const LIMIT_MB = 300;

export function refreshPeakRss(home: string, env: Record<string, string> = {}): Promise<{code: number | null; stderr: string; peakMb: number}> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', PRELOAD, BIN, 'refresh'], {
			env: {...process.env, NO_COLOR: '1', RESEARCH_FEED_HOME: home, ...env},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
		child.on('error', reject);
		child.on('close', code => {
			const kb = Number(/maxrss-kb=(\d+)/.exec(stderr)?.[1] ?? NaN);
			resolve({code, stderr, peakMb: Math.round(kb / 1024)});
		});
	});
}

/** 10 MB of tiny elements: 1.8 GB of DOM if it were parsed. */
const TINY_ELEMENTS = `<html><body><h2>News</h2><ul><li>[05/2025] x</li></ul>${'<p>x</p>'.repeat(1_250_000)}</body></html>`;
/** A million nested elements: minutes of parser time and a stack overflow if it were parsed. */
const DEEP = `<html><body><h2>News</h2>${'<div>'.repeat(1_000_000)}</body></html>`;

describe('memory under hostile bodies', () => {
	let faults: FaultServer;
	before(async () => {
		faults = await startFaultServer();
		faults.route('GET', '/tiny-elements', (_req, res) => sendText(res, 200, TINY_ELEMENTS, 'text/html'));
		faults.route('GET', '/deep', (_req, res) => sendText(res, 200, DEEP, 'text/html'));
	});
	after(() => faults.close());

	const cases: Array<[string, string, RegExp]> = [
		['a 300 MB chunked body', '/huge-chunked', /response too large \(over 10 MB\)/],
		['a gzip bomb (1 MB → 1 GB)', '/gzip-bomb', /response too large \(over 10 MB after decompression\)/],
		['10 MB of tiny elements', '/tiny-elements', /markup has too many elements to read safely/],
		['a million nested elements', '/deep', /markup nested too deeply to read safely/],
	];
	for (const [name, path, error] of cases) {
		test(`${name}: refresh fails that source with one line, peak RSS under ${LIMIT_MB} MB`, async () => {
			const home = tempHome('rf-memory-');
			try {
				writeConfig(home.dir, [{name: 'Hostile', sources: [{kind: 'homepage', target: faults.at(path)}]}]);
				const start = Date.now();
				const r = await refreshPeakRss(home.dir);
				assert.equal(r.code, 2, r.stderr);
				assert.match(r.stderr, error);
				assert.ok(r.peakMb > 0 && r.peakMb < LIMIT_MB, `peak RSS ${r.peakMb} MB`);
				assert.ok(Date.now() - start < 15_000, `${Date.now() - start} ms`);
			} finally {
				home.cleanup();
			}
		});
	}
});
