/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Renders the App (over a controller over a MemoryModel or a SqliteModel) with
 * ink-testing-library, with helpers to press keys and wait for frames (polling, never sleeping
 * blindly).
 */
import type {Key} from 'ink';
import {render} from 'ink-testing-library';
import {App} from '../../src/ui/App.js';
import type {FeedModel} from '../../src/app/model.js';
import {TuiController} from '../../src/ui/controller/tui-controller.js';
import {NOW} from './fixtures.js';
import {KEYS, sequence} from './terminal-keys.js';

export {KEYS, NOW};

export interface RenderOptions {
	columns?: number;
	rows?: number;
	color?: boolean;
	hyperlinks?: boolean;
	openUrl?: (url: string) => Promise<void>;
}

const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve));

export async function renderApp(model: FeedModel, options: RenderOptions = {}) {
	const opened: string[] = [];
	let quits = 0;
	const openUrl =
		options.openUrl ??
		((url: string) => {
			opened.push(url);
			return Promise.resolve();
		});
	const controller = new TuiController(model, {
		size: {columns: options.columns ?? 100, rows: options.rows ?? 24},
		openUrl,
		quit: () => {
			quits += 1;
		},
		now: () => NOW,
	});
	// What Ink hands the controller, key by key (wrapped before the App subscribes to keys).
	const received: Array<[string, Key]> = [];
	const handle = controller.press;
	Object.assign(controller, {
		press: (input: string, key: Key) => {
			received.push([input, key]);
			handle(input, key);
		},
	});
	const r = render(<App controller={controller} color={options.color ?? false} hyperlinks={options.hyperlinks ?? false} />);
	// The text of the frame: without colour, search matches are still set off by bold and underline
	// codes (SGR), which tests of what is written read past; rawFrame keeps them.
	const rawFrame = (): string => r.lastFrame() ?? '';
	const frame = (): string => rawFrame().replace(/\u001b\[[0-9;]*m/g, '');

	/** Polls the last frame until `check` holds; fails with the frame when it never does. */
	async function waitFor(check: (frame: string) => boolean, what = 'frame condition', timeoutMs = 3000): Promise<string> {
		const start = Date.now();
		for (;;) {
			const f = frame();
			if (check(f)) {
				// One more turn so Ink's input listener (a passive effect) is subscribed again.
				await tick();
				return f;
			}
			if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
			await new Promise(resolve => setTimeout(resolve, 5));
		}
	}

	async function resize(columns: number, rows: number): Promise<void> {
		Object.defineProperty(r.stdout, 'columns', {value: columns, configurable: true});
		Object.defineProperty(r.stdout, 'rows', {value: rows, configurable: true});
		r.stdout.emit('resize');
		await waitFor(f => f.split('\n').length === rows - 1 && f.split('\n').every(l => l.length <= columns), `a ${columns}x${rows} frame`);
	}

	/** Types keys (names from KEYS, or literal text) one at a time, letting the app render between. */
	async function press(...keys: string[]): Promise<void> {
		for (const k of keys) {
			await tick();
			r.stdin.write(sequence(k));
			await tick();
		}
	}

	await tick();
	if (options.columns !== undefined || options.rows !== undefined) await resize(options.columns ?? 100, options.rows ?? 24);
	return {...r, controller, received, frame, rawFrame, waitFor, press, resize, opened, quits: () => quits};
}

/** The frame's lines. */
export function lines(frame: string): string[] {
	return frame.split('\n');
}

/** The selected row under NO_COLOR: the line starting with the `>` marker. */
export function selectedLine(frame: string): string | undefined {
	return lines(frame).find(l => l.startsWith('> '));
}
