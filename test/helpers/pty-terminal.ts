/**
 * Runs a command in a real pseudo-terminal (node-pty) and keeps what a user would see on screen
 * by feeding its output into a headless xterm.js terminal. Used by the end-to-end TUI test and
 * the start-up benchmark.
 */
import xtermHeadless from '@xterm/headless';
import * as pty from 'node-pty';

const {Terminal} = xtermHeadless;

export interface PtyTerminal {
	/** The visible screen, one string per row, trailing spaces trimmed. */
	screen(): string[];
	/** Everything the program wrote, raw. */
	output(): string;
	/** What a user sees in one cell: its characters and the attributes that change how they look. */
	cell(x: number, y: number): {chars: string; inverse: boolean; bold: boolean; underline: boolean; fg: number} | undefined;
	write(data: string): void;
	resize(cols: number, rows: number): void;
	/** Resolves when `predicate(screen)` holds; rejects with the screen after `timeoutMs`. */
	waitFor(predicate: (screen: string[]) => boolean, timeoutMs?: number): Promise<void>;
	exited: Promise<{exitCode: number; signal?: number}>;
	/** The program's process id. */
	pid: number;
	kill(): void;
}

export const KEYS = {
	down: '\u001b[B',
	up: '\u001b[A',
	enter: '\r',
	escape: '\u001b',
	tab: '\t',
	end: '\u001b[F',
	home: '\u001b[H',
	ctrlC: '\u0003',
} as const;

export function spawnInPty(
	command: string,
	args: string[],
	options: {cols?: number; rows?: number; env?: Record<string, string | undefined>; cwd?: string} = {},
): PtyTerminal {
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 30;
	const term = new Terminal({cols, rows, allowProposedApi: true});
	let raw = '';
	const child = pty.spawn(command, args, {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? process.cwd(),
		// A variable set to undefined in options.env is left out, not passed as the text "undefined".
		// Never the real Jetstream: a test that wants live Bluesky passes its loopback one.
		env: Object.fromEntries(Object.entries({...process.env, TERM: 'xterm-256color', RESEARCH_FEED_JETSTREAM: 'ws://127.0.0.1:9/subscribe', ...options.env}).filter(([, v]) => v !== undefined)),
	});
	let pending = Promise.resolve();
	child.onData(data => {
		raw += data;
		pending = pending.then(() => new Promise<void>(resolve => term.write(data, resolve)));
	});
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => child.onExit(resolve));
	const screen = () => {
		const buffer = term.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < term.rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines;
	};
	return {
		pid: child.pid,
		screen,
		output: () => raw,
		cell: (x, y) => {
			const c = term.buffer.active.getLine(term.buffer.active.viewportY + y)?.getCell(x);
			if (c === undefined) return undefined;
			return {chars: c.getChars(), inverse: c.isInverse() !== 0, bold: c.isBold() !== 0, underline: c.isUnderline() !== 0, fg: c.isFgDefault() ? -1 : c.getFgColor()};
		},
		write: data => child.write(data),
		resize: (c, r) => {
			child.resize(c, r);
			term.resize(c, r);
		},
		async waitFor(predicate, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				await pending;
				if (predicate(screen())) return;
				if (Date.now() > deadline) throw new Error(`timed out waiting; screen was:\n${screen().join('\n')}`);
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		exited,
		kill: () => child.kill(),
	};
}
