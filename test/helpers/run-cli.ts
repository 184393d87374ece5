import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

export interface CliResult {
	code: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs `node bin/research-feed.js ARGS` as a user would (the compiled dist/, a child process),
 * asynchronously so loopback servers in this process keep serving while it runs.
 */
/**
 * What every spawned CLI of the tests gets (before a test's own variables): no colour, and none of
 * the real services. Unless a test serves them, the paper-metadata services (arXiv API, Semantic
 * Scholar, Crossref) are loopback port 9, which fetch refuses to connect to at all ("bad port":
 * reported on stderr, never fatal); so are the AppView (`add --bluesky` checks a handle there:
 * unreachable is a warning, never fatal) and Jetstream (`watch`).
 */
export const OFFLINE_ENV: Readonly<Record<string, string>> = {
	NO_COLOR: '1',
	RESEARCH_FEED_ARXIV_API: 'http://127.0.0.1:9/api/query',
	RESEARCH_FEED_S2_API: 'http://127.0.0.1:9/graph/v1',
	RESEARCH_FEED_CROSSREF_API: 'http://127.0.0.1:9',
	RESEARCH_FEED_BLUESKY_SERVICE: 'http://127.0.0.1:9',
	RESEARCH_FEED_JETSTREAM: 'ws://127.0.0.1:9/subscribe',
};

export function runCli(args: string[], options: {home?: string; env?: Record<string, string | undefined>; input?: string} = {}): Promise<CliResult> {
	const env: Record<string, string | undefined> = {...process.env, ...OFFLINE_ENV, ...options.env};
	if (options.home) env['RESEARCH_FEED_HOME'] = options.home;
	delete env['DEBUG'];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], {env, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', d => (stdout += d));
		child.stderr.setEncoding('utf8').on('data', d => (stderr += d));
		child.on('error', reject);
		child.on('close', code => resolve({code, stdout, stderr}));
		child.stdin.end(options.input ?? '');
	});
}

/** Parses stdout as JSON, failing with the CLI's own output when it is not. */
export function json<T = unknown>(result: CliResult): T {
	try {
		return JSON.parse(result.stdout) as T;
	} catch {
		throw new Error(`stdout is not JSON (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`);
	}
}
