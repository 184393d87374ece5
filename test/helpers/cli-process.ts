/**
 * A long-running `node bin/research-feed.js …` (`watch`), read line by line as it prints: tests
 * wait for a line, send it signals, and collect its exit.
 */
import {type ChildProcess, spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {OFFLINE_ENV} from './run-cli.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

export interface CliProcess {
	child: ChildProcess;
	stdoutLines: () => string[];
	stderr: () => string;
	/** Resolves with the first stdout line after `from` (an index into stdoutLines) that matches. */
	waitForLine: (match: (line: string) => boolean, options?: {from?: number; timeoutMs?: number}) => Promise<string>;
	waitForStderr: (match: RegExp, timeoutMs?: number) => Promise<void>;
	/** SIGINT (or `signal`), then the exit code. */
	stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function startCli(args: string[], options: {home: string; env?: Record<string, string>}): CliProcess {
	const env: Record<string, string | undefined> = {...process.env, ...OFFLINE_ENV, RESEARCH_FEED_HOME: options.home, ...options.env};
	delete env['DEBUG'];
	const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	const waiters = new Set<() => void>();
	const wake = () => {
		for (const w of waiters) w();
	};
	child.stdout.setEncoding('utf8').on('data', (d: string) => {
		out += d;
		wake();
	});
	child.stderr.setEncoding('utf8').on('data', (d: string) => {
		err += d;
		wake();
	});
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	const lines = () => out.split('\n').slice(0, -1);
	const until = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
		new Promise((resolve, reject) => {
			const tick = () => {
				const found = check();
				if (found === undefined) return;
				clearTimeout(timer);
				waiters.delete(tick);
				resolve(found);
			};
			const timer = setTimeout(() => {
				waiters.delete(tick);
				reject(new Error(`${what} did not come within ${timeoutMs} ms\nstdout:\n${out}\nstderr:\n${err}`));
			}, timeoutMs);
			waiters.add(tick);
			tick();
		});
	return {
		child,
		stdoutLines: lines,
		stderr: () => err,
		waitForLine: (match, {from = 0, timeoutMs = 15_000} = {}) => until(() => lines().slice(from).find(match), timeoutMs, 'the line'),
		waitForStderr: (match, timeoutMs = 15_000) => until(() => (match.test(err) ? true : undefined), timeoutMs, `stderr ${match}`).then(() => undefined),
		async stop(signal = 'SIGINT') {
			if (child.exitCode === null) child.kill(signal);
			return exited;
		},
	};
}
