/**
 * Opens a link in the user's browser: `$BROWSER URL` when BROWSER is set (spawned without a
 * shell, the URL as one argument), else the platform opener (the `open` package). Only http(s)
 * URLs are ever opened, and no fetched text ever reaches a shell.
 *
 * A failure is the caller's to show: an opener that cannot start, or exits non-zero within a short
 * wait (xdg-open on a box without a display does, at once), rejects with the reason. A console
 * browser (lynx, w3m, …) gets the terminal, as newsboat hands it over: the UI lets go of it, the
 * browser runs in the foreground with our stdio, and the UI takes it back when the browser exits.
 */
import type {ChildProcess} from 'node:child_process';
import type * as ChildProcesses from 'node:child_process';
import {createRequire} from 'node:module';
import {basename} from 'node:path';

/** node:child_process, loaded when a link is first opened: the timeline's first frame has no use for it. */
const childProcesses = (): typeof ChildProcesses => createRequire(import.meta.url)('node:child_process') as typeof ChildProcesses;

/** The terminal as the full-screen UI holds it, lent to a console browser. */
export interface TerminalLease {
	/** The UI stops drawing and reading keys, and leaves the alternate screen. */
	release(): Promise<void>;
	/** The UI takes the terminal back: alternate screen, raw keys, the whole frame drawn again. */
	reclaim(): void;
}

/** Browsers that draw in the terminal, by the command's basename. */
export const CONSOLE_BROWSERS: ReadonlySet<string> = new Set(['lynx', 'w3m', 'links', 'elinks', 'browsh', 'carbonyl']);

/**
 * How long an opener has to fail. xdg-open and `open` hand the URL on and exit within tens of
 * milliseconds; a browser started directly keeps running, and after this wait it is taken to work.
 */
export const OPENER_WAIT_MS = 1500;

function httpUrl(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
	} catch {
		return null;
	}
}

/**
 * The command and arguments for `BROWSER`: the value split on whitespace (`firefox --new-tab`),
 * with `%s` replaced by the URL if present (the xdg convention), else the URL appended.
 */
export function browserCommand(browser: string, url: string): {command: string; args: string[]} | null {
	const words = browser.trim().split(/\s+/).filter(w => w !== '');
	const [command, ...rest] = words;
	if (command === undefined) return null;
	const args = rest.some(w => w.includes('%s')) ? rest.map(w => w.replaceAll('%s', url)) : [...rest, url];
	return {command, args};
}

/** Whether `command` draws in the terminal: a known console browser, or any with RESEARCH_FEED_BROWSER_TERMINAL=1. */
export function isConsoleBrowser(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
	if (env['RESEARCH_FEED_BROWSER_TERMINAL'] === '1') return true;
	return CONSOLE_BROWSERS.has(basename(command).toLowerCase().replace(/\.exe$/, ''));
}

/** `w3m exited with status 3`, `xdg-open was killed by SIGTERM`. */
function exitText(command: string, code: number | null, signal: NodeJS.Signals | null): string {
	const name = basename(command);
	return code !== null ? `${name} exited with status ${code}` : `${name} was killed by ${signal ?? 'a signal'}`;
}

function startError(command: string, error: NodeJS.ErrnoException): Error {
	const why = error.code === 'ENOENT' ? 'not found' : error.code === 'EACCES' ? 'not executable' : error.message;
	return new Error(`cannot start ${command}: ${why}`);
}

/**
 * Settles when a started opener has shown whether it works: it exits 0 (resolves) or non-zero
 * (rejects with why), fails to start (rejects), or is still running after `waitMs` (resolves, and
 * is left to run on its own).
 */
function watchOpener(child: ChildProcess, command: string, waitMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
			clearTimeout(timer);
			child.unref();
			if (code === 0) resolve();
			else reject(new Error(exitText(command, code, signal)));
		};
		// The wait holds the program up to `waitMs` (the `open` package hands over its opener unreferenced).
		child.ref();
		const timer = setTimeout(() => {
			child.unref();
			resolve();
		}, waitMs);
		child.once('error', error => {
			clearTimeout(timer);
			reject(startError(command, error));
		});
		if (child.exitCode !== null || child.signalCode !== null) settle(child.exitCode, child.signalCode);
		else child.once('exit', settle);
	});
}

function spawnDetached(command: string, args: string[], env: NodeJS.ProcessEnv, waitMs: number): Promise<void> {
	let child: ChildProcess;
	try {
		child = childProcesses().spawn(command, args, {detached: true, stdio: 'ignore', shell: false, env});
	} catch (error) {
		return Promise.reject(error instanceof Error ? error : new Error(String(error)));
	}
	return watchOpener(child, command, waitMs);
}

/** Runs a console browser in the foreground on our terminal, lent by the UI for as long as it runs. */
async function runInTerminal(command: string, args: string[], env: NodeJS.ProcessEnv, terminal: TerminalLease): Promise<void> {
	await terminal.release();
	try {
		const {code, signal} = await new Promise<{code: number | null; signal: NodeJS.Signals | null}>((resolve, reject) => {
			const child = childProcesses().spawn(command, args, {stdio: 'inherit', shell: false, env});
			child.once('error', error => reject(startError(command, error)));
			child.once('exit', (exitCode, exitSignal) => resolve({code: exitCode, signal: exitSignal}));
		});
		if (code !== 0) throw new Error(exitText(command, code, signal));
	} finally {
		terminal.reclaim();
	}
}

export interface OpenUrlOptions {
	/** The terminal, for a console browser; without it one cannot be run. */
	terminal?: TerminalLease;
	/** How long an opener has to fail (OPENER_WAIT_MS). */
	waitMs?: number;
}

/** Opens an http(s) URL; rejects (never throws synchronously) when it cannot, saying why. */
export async function openUrl(url: string, env: NodeJS.ProcessEnv = process.env, options: OpenUrlOptions = {}): Promise<void> {
	const safe = httpUrl(url);
	if (safe === null) throw new Error(`refusing to open a URL that is not http(s): ${url}`);
	const waitMs = options.waitMs ?? OPENER_WAIT_MS;
	const browser = env['BROWSER'];
	if (browser !== undefined && browser.trim() !== '') {
		const cmd = browserCommand(browser, safe);
		if (cmd !== null) {
			if (!isConsoleBrowser(cmd.command, env)) return spawnDetached(cmd.command, cmd.args, env, waitMs);
			if (options.terminal === undefined) throw new Error(`${basename(cmd.command)} runs in the terminal, and none is at hand`);
			return runInTerminal(cmd.command, cmd.args, env, options.terminal);
		}
	}
	let child: ChildProcess;
	try {
		// Loaded when a link is opened without BROWSER: the package and the modules it imports are no
		// business of the first frame.
		const {default: open} = await import('open');
		child = await open(safe, {wait: false});
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`no browser could be started (${reason}); set BROWSER`);
	}
	const opener = typeof child.spawnfile === 'string' && child.spawnfile !== '' ? child.spawnfile : 'the platform opener';
	try {
		await watchOpener(child, opener, waitMs);
	} catch (error) {
		// A box without a display (SSH, a server): the opener has nowhere to open it.
		throw new Error(`${error instanceof Error ? error.message : String(error)}; no browser here? set BROWSER`);
	}
}
