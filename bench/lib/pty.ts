/**
 * A pseudo-terminal for timing the TUI. Unlike test/helpers/pty-terminal.ts (which parses output
 * into a screen as it arrives), this one only timestamps raw output chunks while a measurement
 * runs: a harness busy emulating a terminal on a 2-core machine would steal CPU from the program
 * being measured and delay its own clock readings. The screen is rebuilt afterwards, by replaying
 * the chunks into a headless xterm, to find the first chunk after which the frame was complete.
 */
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';

const {Terminal} = xtermHeadless;

export interface Chunk {
	/** performance.now() when the harness received it. */
	t: number;
	data: string;
}

export interface TimedPty {
	/** performance.now() just before the process was spawned. */
	spawnedAt: number;
	pid: number;
	chunks: Chunk[];
	/** All output since index `from` of `chunks`, joined. */
	textSince(from: number): string;
	write(data: string): void;
	/** Resolves with the chunk at which `test(textSinceFrom)` first holds; rejects after timeoutMs. */
	waitForText(from: number, test: (text: string) => boolean, timeoutMs?: number): Promise<Chunk>;
	exited: Promise<{exitCode: number; signal?: number}>;
	kill(signal?: string): void;
}

export function spawnTimed(
	command: string,
	args: string[],
	options: {cols: number; rows: number; env: Record<string, string | undefined>; cwd?: string},
): TimedPty {
	const chunks: Chunk[] = [];
	let waiter: (() => void) | undefined;
	const spawnedAt = performance.now();
	const child = pty.spawn(command, args, {
		name: 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd ?? process.cwd(),
		env: {...process.env, TERM: 'xterm-256color', RESEARCH_FEED_JETSTREAM: 'ws://127.0.0.1:9/subscribe', ...options.env},
	});
	child.onData(data => {
		chunks.push({t: performance.now(), data});
		waiter?.();
	});
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => child.onExit(resolve));
	const textSince = (from: number): string => {
		let s = '';
		for (let i = from; i < chunks.length; i++) s += chunks[i]!.data;
		return s;
	};
	return {
		spawnedAt,
		pid: child.pid,
		chunks,
		textSince,
		write: data => child.write(data),
		waitForText(from, test, timeoutMs = 30_000) {
			return new Promise((resolve, reject) => {
				// Checked incrementally: the text up to each chunk, so the reported chunk is the first that satisfies.
				let text = '';
				let next = from;
				const check = (): boolean => {
					while (next < chunks.length) {
						text += chunks[next]!.data;
						next++;
						if (test(text)) {
							clearTimeout(timer);
							waiter = undefined;
							resolve(chunks[next - 1]!);
							return true;
						}
					}
					return false;
				};
				const timer = setTimeout(() => {
					waiter = undefined;
					reject(new Error(`timed out after ${timeoutMs} ms waiting for output; got ${JSON.stringify(text.slice(-400))}`));
				}, timeoutMs);
				if (!check()) waiter = () => void check();
			});
		},
		exited,
		kill: signal => {
			try {
				child.kill(signal);
			} catch {
				// Already gone.
			}
		},
	};
}

/** Replays chunks into a headless terminal; `after(i)` gives the screen after chunk i. */
export async function replay(chunks: readonly Chunk[], cols: number, rows: number, stopWhen: (screen: string[]) => boolean): Promise<number> {
	const term = new Terminal({cols, rows, allowProposedApi: true});
	try {
		for (let i = 0; i < chunks.length; i++) {
			await new Promise<void>(resolve => term.write(chunks[i]!.data, resolve));
			if (stopWhen(screenOf(term))) return i;
		}
		return -1;
	} finally {
		term.dispose();
	}
}

export function screenOf(term: InstanceType<typeof Terminal>): string[] {
	const buffer = term.buffer.active;
	const lines: string[] = [];
	for (let y = 0; y < term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
	return lines;
}

/** The screen after all of `chunks`. */
export async function finalScreen(chunks: readonly Chunk[], cols: number, rows: number): Promise<string[]> {
	const term = new Terminal({cols, rows, allowProposedApi: true});
	try {
		for (const c of chunks) await new Promise<void>(resolve => term.write(c.data, resolve));
		return screenOf(term);
	} finally {
		term.dispose();
	}
}

/** Peak resident set size of a live process so far (Linux: VmHWM), in bytes; null when unknown. */
export async function peakRss(pid: number): Promise<number | null> {
	try {
		const {readFile} = await import('node:fs/promises');
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
		return m ? Number(m[1]) * 1024 : null;
	} catch {
		return null;
	}
}

/**
 * Samples the peak RSS (VmHWM) of pid's child processes every `everyMs` until stopped: the TUI's
 * refresh runs in a child that has exited by the time anyone could read its figures once.
 * Returns the largest peak seen (null if no child was ever seen). Linux only.
 */
export function sampleChildPeakRss(pid: number, everyMs = 25): {stop: () => Promise<number | null>} {
	let peak: number | null = null;
	let busy = Promise.resolve();
	const sample = async (): Promise<void> => {
		const {readFile} = await import('node:fs/promises');
		let children: number[] = [];
		try {
			children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim().split(/\s+/).filter(Boolean).map(Number);
		} catch {
			return;
		}
		for (const child of children) {
			const rss = await peakRss(child);
			if (rss !== null && (peak === null || rss > peak)) peak = rss;
		}
	};
	const timer = setInterval(() => {
		busy = busy.then(sample);
	}, everyMs);
	return {
		stop: async () => {
			clearInterval(timer);
			await busy;
			return peak;
		},
	};
}
