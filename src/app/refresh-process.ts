/**
 * Runs one refresh in a child process (refresh-child.ts) and relays what it reports. The timeline
 * keeps its thread for keys and its heap for the cache it shows (see refresh-child.ts for why).
 */
import type * as ChildProcesses from 'node:child_process';
import {createRequire} from 'node:module';
import {fileURLToPath} from 'node:url';
import type {SourceResult} from '../domain/types.js';
import {cleanInline} from '../parse/sanitize.js';
import {isRefreshChildMessage, type RefreshChildPaths} from './refresh-messages.js';

export interface RefreshProcessOptions {
	paths: RefreshChildPaths;
	/** The child's environment: the command's own (the demo points it at its loopback server). */
	env: NodeJS.ProcessEnv;
	onResult: (result: SourceResult, done: number, total: number) => void;
	/** arXiv metadata arrived after the sources were done. */
	onEnriched?: (papers: number) => void;
	/** Quitting: the child is told to stop and is not waited for. */
	signal?: AbortSignal;
	/** Default: refresh-child.js beside this module (refresh-child.ts when run from source). */
	entry?: string;
}

/**
 * node:child_process, loaded when the first refresh starts: the timeline starts it after its first
 * frame, which has no use for the module (a few milliseconds of Node's own start-up work).
 */
const childProcesses = (): typeof ChildProcesses => createRequire(import.meta.url)('node:child_process') as typeof ChildProcesses;

/** Kept of the child's stderr: the end says why it died. */
const STDERR_KEEP = 4096;

export function childEntry(): string {
	const self = fileURLToPath(import.meta.url);
	// From source (tests under tsx) the sibling is a .ts file; built, it is .js (dist/app/, or the
	// bundle's folder, where the build puts refresh-child.js beside the chunks).
	return fileURLToPath(new URL(self.endsWith('.ts') ? './refresh-child.ts' : './refresh-child.js', import.meta.url));
}

/** Resolves with every source's result once the sources are over (metadata may follow through onEnriched). */
export function refreshInChildProcess(options: RefreshProcessOptions): Promise<SourceResult[]> {
	return new Promise((resolve, reject) => {
		if (options.signal?.aborted) return resolve([]);
		const child = childProcesses().fork(options.entry ?? childEntry(), [JSON.stringify(options.paths)], {
			env: options.env,
			// Never the terminal: the timeline owns it.
			stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
			serialization: 'json',
		});
		let stderr = '';
		child.stderr?.setEncoding('utf8');
		child.stderr?.on('data', (chunk: string) => {
			stderr = (stderr + chunk).slice(-STDERR_KEEP);
		});
		const seen: SourceResult[] = [];
		let settled = false;
		const settle = (fn: () => void): void => {
			if (settled) return;
			settled = true;
			fn();
		};
		const onAbort = (): void => {
			// The child saves nothing half-way (a transaction per source) and stops on its own when the
			// channel closes; the timeline's exit does not wait for it.
			if (child.connected) child.disconnect();
			child.unref();
			child.stderr?.destroy();
			settle(() => resolve(seen));
		};
		options.signal?.addEventListener('abort', onAbort, {once: true});
		child.on('message', (message: unknown) => {
			if (!isRefreshChildMessage(message)) return;
			switch (message.type) {
				case 'result':
					seen.push(message.result);
					options.onResult(message.result, message.done, message.total);
					break;
				case 'done':
					settle(() => resolve(message.results));
					break;
				case 'enriched':
					options.onEnriched?.(message.papers);
					break;
				case 'failed':
					settle(() => reject(new Error(message.error)));
					break;
			}
		});
		child.on('error', error => settle(() => reject(error)));
		child.on('exit', (code, signal) => {
			options.signal?.removeEventListener('abort', onAbort);
			const last = cleanInline(stderr.trim().split('\n').at(-1) ?? '');
			const how = signal === null ? `exited with status ${code}` : `was killed by ${signal}`;
			settle(() => reject(new Error(`the refresh process ${how}${last ? `: ${last}` : ''}`)));
		});
	});
}

/**
 * The timeline's refreshes, one child each. A child lives on after reporting 'done' while it
 * fetches arXiv metadata (one request per 3 s, up to a quarter of a minute); a refresh that starts
 * meanwhile ends that child first, so that two never share arXiv's allowance or write the same
 * papers. The new child takes over whatever metadata is still missing.
 */
export function childRefresher(base: Omit<RefreshProcessOptions, 'onResult' | 'signal'> & {signal?: AbortSignal}) {
	let last: AbortController | undefined;
	return (onResult: RefreshProcessOptions['onResult'], options: {skipLiveBluesky?: boolean} = {}): Promise<SourceResult[]> => {
		last?.abort();
		const run = new AbortController();
		last = run;
		const signal = base.signal ? AbortSignal.any([base.signal, run.signal]) : run.signal;
		const paths = options.skipLiveBluesky ? {...base.paths, skipLiveBluesky: true} : base.paths;
		return refreshInChildProcess({...base, paths, signal, onResult});
	};
}
