/**
 * A TuiController over a model, without Ink: keys pressed as Ink would hand them over, what the
 * next frame would show read from the snapshot.
 */
import type {FeedModel, PaperRow, SourceStatus} from '../../../src/app/model.js';
import type {Item} from '../../../src/domain/types.js';
import {topScreen} from '../../../src/state/types.js';
import type {UiState} from '../../../src/state/types.js';
import type {UiSnapshot} from '../../../src/ui/controller/snapshot.js';
import {TuiController} from '../../../src/ui/controller/tui-controller.js';
import {NOW} from '../fixtures.js';
import {inkInputs, sequence} from '../terminal-keys.js';

export interface ControllerOptions {
	columns?: number;
	rows?: number;
	openUrl?: (url: string) => Promise<void>;
}

export type Harness = ReturnType<typeof startController>;

export function startController(model: FeedModel, options: ControllerOptions = {}) {
	const opened: string[] = [];
	/** What `y`/`Y` wrote to the terminal (OSC 52 sequences). */
	const copied: string[] = [];
	let quits = 0;
	let frames = 0;
	const controller = new TuiController(model, {
		size: {columns: options.columns ?? 100, rows: options.rows ?? 24},
		openUrl:
			options.openUrl ??
			((url: string) => {
				opened.push(url);
				return Promise.resolve();
			}),
		quit: () => {
			quits += 1;
		},
		copy: sequence => {
			copied.push(sequence);
		},
		now: () => NOW,
	});
	controller.subscribe(() => {
		frames += 1;
	});
	const snapshot = (): UiSnapshot => controller.getSnapshot();
	const state = (): UiState => snapshot().state;
	return {
		controller,
		snapshot,
		state,
		opened,
		copied,
		quits: () => quits,
		/** How often subscribers were told of a new frame. */
		frames: () => frames,
		/**
		 * Presses keys (names from KEYS, or literal text), each as one chunk of terminal input: a
		 * chunk of plain text ('jjj', '/rlhf\r') reaches the controller whole, as Ink delivers it.
		 */
		press(...keys: string[]): void {
			for (const k of keys) for (const [input, key] of inkInputs(sequence(k))) controller.press(input, key);
		},
		/** The timeline's selected row as the frame shows it. */
		selectedItem(): Item | undefined {
			const {state, timeline} = snapshot();
			const cursor = state.cursors.timeline;
			return timeline.rows[cursor.selected - cursor.offset];
		},
		/** The papers view's selected row as the frame shows it. */
		selectedPaper(): PaperRow | undefined {
			const {state, papers} = snapshot();
			const cursor = state.cursors.papers;
			return papers.rows[cursor.selected - cursor.offset];
		},
		/** The researchers view's selected source. */
		selectedSource(): SourceStatus | undefined {
			const {state, sources} = snapshot();
			return sources[state.cursors.researchers.selected];
		},
		/** The id of the open item, if an item is on top. */
		openItem(): string | undefined {
			const top = topScreen(state());
			return top?.kind === 'item' ? top.id : undefined;
		},
		/** The text of the timeline rows on screen (their text, or title when they have one). */
		rowTexts(): string[] {
			return snapshot().timeline.rows.map(r => r.title ?? r.text);
		},
		/** The selected timeline row's position as the status line shows it: `3/30`. */
		position(): string {
			const s = state();
			return `${s.cursors.timeline.selected + 1}/${s.counts.timeline}`;
		},
	};
}
