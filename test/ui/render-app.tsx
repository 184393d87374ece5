/** @jsxRuntime automatic */
/** @jsxImportSource react */
/**
 * Renders the App over a MemoryModel with ink-testing-library, with helpers to press keys and
 * wait for frames (polling, never sleeping blindly).
 */
import {render} from 'ink-testing-library';
import {App} from '../../src/ui/App.js';
import type {FeedModel} from '../../src/app/model.js';

export const NOW = new Date('2025-07-23T12:00:00.000Z');

/** Escape sequences a terminal sends for named keys. */
export const KEYS = {
	up: '\u001b[A',
	down: '\u001b[B',
	pageup: '\u001b[5~',
	pagedown: '\u001b[6~',
	home: '\u001b[H',
	end: '\u001b[F',
	return: '\r',
	escape: '\u001b',
	tab: '\t',
	backspace: '\u007f',
	delete: '\u001b[3~',
	space: ' ',
	'ctrl+d': '\u0004',
	'ctrl+u': '\u0015',
	'ctrl+c': '\u0003',
} as const;

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
		(async (url: string) => {
			opened.push(url);
		});
	const r = render(
		<App
			model={model}
			openUrl={openUrl}
			color={options.color ?? false}
			hyperlinks={options.hyperlinks ?? false}
			now={() => NOW}
			onQuit={() => {
				quits += 1;
			}}
		/>,
	);
	const frame = (): string => r.lastFrame() ?? '';

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
			r.stdin.write(k in KEYS ? KEYS[k as keyof typeof KEYS] : k);
			await tick();
		}
	}

	await tick();
	if (options.columns !== undefined || options.rows !== undefined) await resize(options.columns ?? 100, options.rows ?? 24);
	return {...r, frame, waitFor, press, resize, opened, quits: () => quits};
}

/** The frame's lines. */
export function lines(frame: string): string[] {
	return frame.split('\n');
}

/** The selected row under NO_COLOR: the line starting with the `>` marker. */
export function selectedLine(frame: string): string | undefined {
	return lines(frame).find(l => l.startsWith('> '));
}
