/**
 * The full-screen timeline's controller: a plain object, outside React, that owns the UI state and
 * reads the FeedModel. Everything the UI does happens here, synchronously, in one of three ways:
 *
 * - a key: `press(input, key)` takes Ink's input apart into keypresses; each goes through the
 *   keymap (key → command in the current context), the command (src/ui/controller/commands.ts),
 *   and the reducer (src/state/reducer.ts), and the next keypress sees the state it left;
 * - a model change (a refresh, a count taken later): the sync step brings the list lengths and
 *   refresh progress into the state, and keeps the timeline's selection on the item it was on;
 * - a resize.
 *
 * After each, the controller reads what the frame shows (src/ui/controller/snapshot.ts) and tells
 * its subscribers: the App is `useSyncExternalStore(controller)` plus the views.
 */
import type {Key} from 'ink';
import type {FeedModel, Freshness, RefreshProgress} from '../../app/model.js';
import {firstKeypress, NO_KEY} from '../../keys/input.js';
import {keyFor, matchKey, typesText} from '../../keys/keymap.js';
import type {Context} from '../../keys/keymap.js';
import type {Size} from '../../state/layout.js';
import {currentContext, initialState, reducer} from '../../state/reducer.js';
import type {Action, Counts, UiState} from '../../state/types.js';
import {isHttpUrl, MAX_COPY_CHARS, osc52} from '../format/terminal.js';
import {runCommand} from './commands.js';
import type {CommandEnv} from './commands.js';
import {ModelReads} from './model-reads.js';
import {openedFromTimeline, showsList, takeSnapshot} from './snapshot.js';
import type {UiSnapshot} from './snapshot.js';

export interface TuiControllerOptions {
	/** The terminal's size at start; `resize` follows it. */
	size: Size;
	/** Opens an http(s) URL in the browser; a rejection is shown on the status line. */
	openUrl: (url: string) => Promise<void>;
	/** `q` in the timeline and Ctrl-c anywhere. */
	quit: () => void;
	/** Writes an OSC 52 clipboard sequence for the text to the terminal (`y`, `Y`); absent: copying is not possible. */
	copy?: (text: string) => void;
	/**
	 * A failure while handling a key, a resize or a model change (the cache became unreadable):
	 * the owner ends the UI with it. Without one, it is thrown to whoever called.
	 */
	onError?: (error: unknown) => void;
	/** The clock for relative dates (tests pin it). */
	now?: () => Date;
}

/** The timeline's selected item at the last frame: new items arriving above it must not move the selection off it. */
interface Anchor {
	id: string | null;
	selected: number;
}

const systemNow = (): Date => new Date();

function sameCounts(a: Counts, b: Counts): boolean {
	return (Object.keys(a) as (keyof Counts)[]).every(k => a[k] === b[k]);
}

function sameFreshness(a: Freshness, b: Freshness): boolean {
	return a.since === b.since && a.count === b.count && a.lead === b.lead;
}

function sameProgress(a: RefreshProgress, b: RefreshProgress): boolean {
	return a.running === b.running && a.done === b.done && a.total === b.total && a.finishedAt === b.finishedAt && a.results.length === b.results.length;
}

export class TuiController {
	/** The clock the views date rows by. */
	readonly now: () => Date;
	readonly #model: FeedModel;
	readonly #options: TuiControllerOptions;
	readonly #reads: ModelReads;
	readonly #listeners = new Set<() => void>();
	readonly #unsubscribe: () => void;
	#state: UiState;
	#snapshot: UiSnapshot;
	#anchor: Anchor | null = null;
	/** A key is being handled: model changes it causes (marking read) are taken in when it is done. */
	#pressing = false;
	/** A console browser has the terminal: no frames are drawn until `resume`. */
	#suspended = false;

	/** Reads the model for the first frame (which a failure to read aborts). */
	constructor(model: FeedModel, options: TuiControllerOptions) {
		this.#model = model;
		this.#options = options;
		this.now = options.now ?? systemNow;
		this.#reads = new ModelReads(model, this.now);
		this.#state = initialState(options.size);
		this.#snapshot = this.#settle(undefined);
		this.#unsubscribe = model.subscribe(this.#onModelChange);
	}

	/** For `useSyncExternalStore`. */
	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	/** What to draw now; the same object until something changes (for `useSyncExternalStore`). */
	readonly getSnapshot = (): UiSnapshot => this.#snapshot;

	/**
	 * Handles what Ink's `useInput` delivers: one key, or a burst of them ('jj' when a key repeats,
	 * '/rlhf⏎' typed fast, a paste). Each keypress sees the state the previous one left.
	 */
	readonly press = (input: string, key: Key): void => {
		this.#guard(() => {
			this.#pressing = true;
			try {
				this.#handle(input, key);
			} finally {
				this.#pressing = false;
			}
			this.#publish();
		});
	};

	/** Each keypress of the input in turn: keymap (in the context now) → command → reducer. */
	#handle(input: string, key: Key): void {
		// A one-off message lasts until the next key.
		if (this.#state.message !== null) this.#dispatch({type: 'message', text: null});
		let rest = input;
		let restKey = key;
		let unsynced = false;
		while (rest !== '' || restKey !== NO_KEY) {
			const context = currentContext(this.#state);
			const first = firstKeypress(rest, restKey, typesText(context));
			const match = matchKey(first.input, first.key, context);
			if (match !== null) {
				// A keypress after another in one burst navigates lists of the lengths the other left.
				if (unsynced) this.#sync(this.#model.version());
				// The offer to undo A lasts until the next key.
				if (match.command !== 'read.undo' && this.#state.undo !== null) this.#dispatch({type: 'undo-expire'});
				runCommand(match, this.#env(context));
				this.#letGoOfKept();
				unsynced = true;
			}
			rest = first.rest;
			restKey = NO_KEY;
		}
	}

	readonly resize = (size: Size): void => {
		this.#guard(() => {
			this.#dispatch({type: 'resize', size});
			this.#publish();
		});
	};

	/**
	 * A console browser takes the terminal: no frame is drawn (model changes are taken in later)
	 * until `resume`, which draws the whole frame again.
	 */
	suspend(): void {
		this.#suspended = true;
	}

	resume(): void {
		this.#suspended = false;
		this.#guard(() => {
			this.#dispatch({type: 'message', text: 'back from the browser'});
			// A new snapshot object, so the App draws even when nothing changed meanwhile.
			this.#snapshot = {...this.#settle(this.#snapshot)};
			for (const listener of [...this.#listeners]) listener();
		});
	}

	/**
	 * The clock moved on: redraws what shows time (relative dates, the status line's refresh news
	 * fading to its time) and records the frame as the last look (the next session's "new since").
	 */
	readonly tick = (): void => {
		this.#guard(() => {
			this.#model.recordLook();
			this.#snapshot = {...this.#settle(this.#snapshot)};
			for (const listener of [...this.#listeners]) listener();
		});
	};

	/** Stops following the model and drops the subscribers; the last frame drawn is the last look. */
	dispose(): void {
		this.#unsubscribe();
		this.#listeners.clear();
		this.#model.recordLook();
	}

	readonly #onModelChange = (): void => {
		// Changes made by the key being handled are taken in when it is done.
		if (this.#pressing || this.#suspended) return;
		this.#guard(() => this.#publish());
	};

	/** Runs `work`, handing a failure (the cache became unreadable) to the owner when there is one. */
	#guard(work: () => void): void {
		const {onError} = this.#options;
		if (onError === undefined) return work();
		try {
			work();
		} catch (error) {
			onError(error);
		}
	}

	#dispatch(action: Action): void {
		this.#state = reducer(this.#state, action);
	}

	/** What a command may read and do, for a key pressed in `context`. */
	#env(context: Context): CommandEnv {
		// Read when the command asks: the state as the actions it dispatched so far left it.
		const state = (): UiState => this.#state;
		const version = (): number => this.#model.version();
		const reads = this.#reads;
		return {
			context,
			model: this.#model,
			get state() {
				return state();
			},
			get query() {
				return reads.query(state());
			},
			get paperQuery() {
				return reads.paperQuery(state());
			},
			get sources() {
				return reads.sources(state(), version());
			},
			get names() {
				return reads.names(version());
			},
			get mentionsPaper() {
				return reads.mentionsPaper(state(), version());
			},
			dispatch: action => this.#dispatch(action),
			open: url => this.#open(url),
			copy: (url, what) => this.#copy(url, what),
			quit: () => this.#options.quit(),
		};
	}

	#open(url: string): void {
		// Fetched links are hostile: only the web is ever handed to the browser.
		if (!isHttpUrl(url)) {
			this.#dispatch({type: 'message', text: `not opening a link that is not http(s): ${url}`});
			return;
		}
		this.#dispatch({type: 'message', text: `opening ${url}`});
		this.#options.openUrl(url).catch((error: unknown) => {
			this.#guard(() => {
				const why = error instanceof Error ? error.message : String(error);
				this.#dispatch({type: 'message', text: `cannot open (${keyFor('copy.paper')} copies it): ${why}`});
				this.#publish();
			});
		});
	}

	#copy(url: string, what: string): void {
		const copy = this.#options.copy;
		if (!isHttpUrl(url)) return this.#dispatch({type: 'message', text: `not copying a link that is not http(s): ${url}`});
		if (url.length > MAX_COPY_CHARS) return this.#dispatch({type: 'message', text: `not copying a link of ${url.length} characters (at most ${MAX_COPY_CHARS})`});
		if (copy === undefined) return this.#dispatch({type: 'message', text: 'copying needs a terminal'});
		copy(osc52(url));
		this.#dispatch({type: 'message', text: `copied ${what}: ${url}`});
	}

	/**
	 * The unread-only timeline keeps a read item (`keep`) while it is selected; once the selection
	 * is on another row, it goes, and the selection stays on the row it moved to.
	 */
	#letGoOfKept(): void {
		const state = this.#state;
		if (state.keep === null || !state.unreadOnly || !showsList(state, 'timeline')) return;
		const at = state.cursors.timeline.selected;
		const id = this.#model.window(this.#reads.query(state), at, 1)[0]?.id ?? null;
		if (id === state.keep) return;
		this.#anchor = {id, selected: at};
		this.#dispatch({type: 'keep', id: null});
	}

	/** Settles on the model as it is now and, when the frame changed, tells the subscribers. */
	#publish(): void {
		if (this.#suspended) return;
		const next = this.#settle(this.#snapshot);
		if (next === this.#snapshot) return;
		this.#snapshot = next;
		for (const listener of [...this.#listeners]) listener();
	}

	/** The sync step, then the frame's reads (unless neither the state nor the data changed). */
	#settle(last: UiSnapshot | undefined): UiSnapshot {
		const version = this.#model.version();
		this.#sync(version);
		if (last !== undefined && last.state === this.#state && last.version === version) return last;
		const snapshot = takeSnapshot(this.#reads, this.#state, version);
		this.#remember(snapshot);
		return snapshot;
	}

	/**
	 * Brings the list lengths and refresh progress into the state when the model or the query
	 * changed since the last sync, keeping the timeline's selection on the item it was on.
	 */
	#sync(version: number): void {
		const state = this.#state;
		const counts = this.#reads.counts(state, version);
		const progress = this.#model.refreshProgress();
		const fresh = this.#reads.freshness(version, this.#reads.query(state));
		const dataChanged = state.synced.version !== version || state.synced.queryKey !== state.queryKey;
		if (!dataChanged && sameCounts(counts, state.counts) && sameProgress(progress, state.refresh) && sameFreshness(fresh, state.fresh)) return;
		const anchorIndex = dataChanged ? this.#anchorIndex(state) : state.cursors.timeline.selected;
		this.#dispatch({type: 'sync', version, queryKey: state.queryKey, counts, refresh: progress, anchorIndex, fresh});
	}

	/** Where the anchored item is in the timeline's list now, or -1. */
	#anchorIndex(state: UiState): number {
		// A key that moved the selection since the last frame (pressed as a refresh ended) wins:
		// anchoring to the item last drawn would undo it.
		const drawn = this.#anchor;
		const id = openedFromTimeline(state) ?? (drawn !== null && drawn.selected === state.cursors.timeline.selected ? drawn.id : null);
		return id === null ? -1 : this.#model.indexOf(this.#reads.query(state), id);
	}

	/** Remembers the timeline's selected item as this frame shows it (or the item opened from it). */
	#remember(snapshot: UiSnapshot): void {
		const {state} = snapshot;
		const cursor = state.cursors.timeline;
		if (showsList(state, 'timeline')) {
			this.#anchor = {id: snapshot.timeline.rows[cursor.selected - cursor.offset]?.id ?? null, selected: cursor.selected};
			return;
		}
		const opened = openedFromTimeline(state);
		if (opened !== null) this.#anchor = {id: opened, selected: cursor.selected};
	}
}
