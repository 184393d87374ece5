/**
 * Runs the full-screen timeline: alternate screen in, `<App>` rendered, a background refresh on
 * launch and every `refreshMinutes`, and the terminal restored on every way out (quit, Ctrl-c,
 * a signal, an exception). Resolves when the user quits; the exit status is the caller's.
 */
import {render} from 'ink';
import type {FeedModel} from '../app/model.js';
import {App} from './App.js';
import {TuiController} from './controller/tui-controller.js';
import {colorEnabled, hyperlinksSupported} from './format/terminal.js';
import {sizeOf} from './terminal-size.js';

/**
 * The terminal, lent to a console browser (lynx, w3m): while it is out the UI draws nothing and
 * reads no key; when it comes back the whole frame is drawn again.
 */
export interface TerminalLease {
	release(): Promise<void>;
	reclaim(): void;
}

export interface RunTuiOptions {
	/** Opens an http(s) URL in the browser; a console browser borrows the terminal through `terminal`. */
	openUrl: (url: string, terminal: TerminalLease) => Promise<void>;
	/** Minutes between automatic refreshes; 0 or less turns them off. */
	refreshMinutes: number;
	/** Refresh once on launch (default true). */
	refreshOnStart?: boolean;
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	/** For NO_COLOR and hyperlink support; defaults to process.env. */
	env?: NodeJS.ProcessEnv;
}

const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[2J\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';
const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';
/** Two of Ink's throttle intervals (a render, then its write), with room to spare. */
const INK_FLUSH_MS = 100;
const CLEAR = '\u001b[2J\u001b[H';
/** How often the screen's times are brought up to date. */
const CLOCK_MS = 30_000;

export async function runTui(model: FeedModel, options: RunTuiOptions): Promise<void> {
	const stdout = options.stdout ?? process.stdout;
	const stdin = options.stdin ?? process.stdin;
	const env = options.env ?? process.env;

	let restored = false;
	const restore = (): void => {
		if (restored) return;
		restored = true;
		try {
			stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
		} catch {
			// The terminal is gone; nothing left to restore.
		}
	};

	// Redraw from a clean screen when the size really changes: Ink only clears when the width
	// shrinks, and a terminal may leave fragments of the old frame otherwise. Prepended so the
	// clear lands before Ink redraws.
	let lastSize = `${stdout.columns}x${stdout.rows}`;
	// A console browser has the terminal (see lease below).
	let lent = false;
	const onResize = (): void => {
		if (lent) return;
		const size = `${stdout.columns}x${stdout.rows}`;
		if (size === lastSize) return;
		lastSize = size;
		stdout.write(CLEAR);
	};

	stdout.write(ENTER_ALT_SCREEN);
	// `exit` covers process.exit; the exception monitor runs before Node prints an uncaught
	// error, so the trace lands on the normal screen instead of vanishing with the alternate one.
	process.once('exit', restore);
	process.once('uncaughtExceptionMonitor', restore);
	stdout.prependListener('resize', onResize);

	let timer: NodeJS.Timeout | undefined;
	let clock: NodeJS.Timeout | undefined;
	let instance: ReturnType<typeof render> | undefined;
	let controller: TuiController | undefined;
	let failure: {error: unknown} | undefined;
	const onSignal = (signal: NodeJS.Signals): void => {
		// Ctrl-c in a console browser reaches our process group too: it is the browser's.
		if (lent && signal === 'SIGINT') return;
		instance?.unmount();
		restore();
		removeSignalHandlers();
		// Die of the same signal, as the default handler would have.
		process.kill(process.pid, signal);
	};
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	const removeSignalHandlers = (): void => {
		for (const s of signals) process.off(s, onSignal);
	};
	for (const s of signals) process.on(s, onSignal);

	// Ink reads keys through 'readable' listeners on stdin; lending the terminal takes them off (and
	// stops reading the terminal, so no key meant for the browser is eaten here) and puts them back.
	// Ink redraws on 'resize' by itself: while the browser has the screen, nobody hears of one, and
	// a size that changed meanwhile is announced once the terminal is back.
	type Listener = (...args: unknown[]) => void;
	let keyListeners: Listener[] = [];
	let resizeListeners: Listener[] = [];
	const lease: TerminalLease = {
		release: async () => {
			lent = true;
			controller?.suspend();
			keyListeners = stdin.listeners('readable') as Listener[];
			for (const listener of keyListeners) stdin.removeListener('readable', listener);
			resizeListeners = stdout.listeners('resize') as Listener[];
			for (const listener of resizeListeners) stdout.removeListener('resize', listener);
			if (stdin.isTTY) stdin.setRawMode(false);
			// Ink may still draw a frame it was asked for (its renders and writes are each throttled to
			// 30 a second): let it land on our screen, not the browser's. Meanwhile the stream notes that
			// nobody reads it, so that, paused, it stops reading the terminal.
			await new Promise(resolve => setTimeout(resolve, INK_FLUSH_MS));
			stdin.pause();
			stdout.write(SHOW_CURSOR + LEAVE_ALT_SCREEN);
		},
		reclaim: () => {
			if (!lent) return;
			stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
			if (stdin.isTTY) stdin.setRawMode(true);
			for (const listener of keyListeners) stdin.addListener('readable', listener);
			keyListeners = [];
			for (const listener of resizeListeners) stdout.addListener('resize', listener);
			resizeListeners = [];
			lent = false;
			if (`${stdout.columns}x${stdout.rows}` !== lastSize) stdout.emit('resize');
			lastSize = `${stdout.columns}x${stdout.rows}`;
			// A new frame (it says the browser is done), which Ink draws whole on the cleared screen.
			controller?.resume();
		},
	};

	try {
		const color = colorEnabled(env);
		const hyperlinks = hyperlinksSupported(env, Boolean(stdout.isTTY));
		// Reads the cache for the first frame; Ink draws it as soon as it renders.
		controller = new TuiController(model, {
			size: sizeOf(stdout),
			openUrl: url => options.openUrl(url, lease),
			copy: sequence => {
				if (!lent) stdout.write(sequence);
			},
			quit: () => instance?.unmount(),
			// The cache became unreadable: the app ends and runTui rejects with the error.
			onError: error => {
				failure ??= {error};
				instance?.unmount();
			},
		});
		instance = render(<App controller={controller} color={color} hyperlinks={hyperlinks} />, {
			stdout,
			stdin,
			// Ctrl-c is a key in the keymap (quit from anywhere), so it goes through the same exit path.
			exitOnCtrlC: false,
		});
		// Cached items are on screen first; the network comes after.
		if (options.refreshOnStart !== false) model.refresh();
		if (options.refreshMinutes > 0) {
			timer = setInterval(() => model.refresh(), options.refreshMinutes * 60_000);
			timer.unref();
		}
		// Relative times ("3 min ago") move on, and the frame on screen is the last look so far.
		const ticking = controller;
		clock = setInterval(() => ticking.tick(), CLOCK_MS);
		clock.unref();
		await instance.waitUntilExit();
		if (failure !== undefined) throw failure.error;
	} finally {
		if (timer !== undefined) clearInterval(timer);
		if (clock !== undefined) clearInterval(clock);
		removeSignalHandlers();
		stdout.off('resize', onResize);
		instance?.unmount();
		controller?.dispose();
		restore();
		process.off('exit', restore);
		process.off('uncaughtExceptionMonitor', restore);
	}
}
