/**
 * Group commit for a refresh's sources. Each source's results are written whole or not at all, as
 * before, but sources share ONE transaction, each in a savepoint of its own (a failing source
 * rolls back to its savepoint and costs the others nothing).
 *
 * Why: an item lands in half a dozen indexes whose keys are random (ids, dates, paper ids), so
 * one source's 200 items dirty over a thousand pages, and every commit appends each dirty page to
 * the WAL again. Sources committed together write a shared page once: the fewer commits, the
 * less is written, as long as the page cache holds the pages the batch changes (refresh-memory.ts).
 *
 * When: a batch waits up to `maxDelayMs` after its first write for others to join, and goes at
 * once when it reaches `maxItems` or when no other write is coming (`moreComing`, asked of the
 * caller: the last sources of a refresh are not held back). A queued write holds its parsed items
 * in memory until it commits, so `maxItems` also bounds that memory and how long the write lock
 * is held. `maxDelayMs` 0: the writes queued in one turn of the event loop go together.
 */
import type {Store} from '../store/store.js';
import {fitPageCache} from './refresh-memory.js';

interface QueuedWrite {
	write: () => void;
	items: number;
	resolve: () => void;
	reject: (error: unknown) => void;
}

export interface WriteBatchOptions {
	/** A batch goes as soon as it holds this many items (a single bigger write goes alone). */
	maxItems?: number;
	/** How long the first write of a batch may wait for others. */
	maxDelayMs?: number;
	/** Whether more writes may still be queued (false: what is queued goes now). */
	moreComing?: () => boolean;
}

export class WriteBatch {
	readonly #store: Store;
	readonly #maxItems: number;
	readonly #maxDelayMs: number;
	readonly #moreComing: () => boolean;
	#queue: QueuedWrite[] = [];
	#queuedItems = 0;
	#immediate: NodeJS.Immediate | undefined;
	#timer: NodeJS.Timeout | undefined;
	/** Callers waiting for the queue to hold less than a batch (see `room`). */
	#waitingForRoom: Array<() => void> = [];

	constructor(store: Store, options: WriteBatchOptions = {}) {
		this.#store = store;
		this.#maxItems = options.maxItems ?? 4000;
		this.#maxDelayMs = options.maxDelayMs ?? 0;
		this.#moreComing = options.moreComing ?? (() => true);
	}

	/**
	 * Runs `write` in a coming shared transaction, in its own savepoint. Settles once that
	 * transaction has committed (rejects with the write's own error, or the commit's).
	 */
	run(write: () => void, items: number): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#queue.push({write, items, resolve, reject});
			this.#queuedItems += items;
			this.nudge();
		});
	}

	/**
	 * Settles once the queue holds less than a full batch: a caller that queues writes faster than
	 * they commit waits here, so what waits in memory stays about one batch, whatever the backlog.
	 */
	room(): Promise<void> {
		if (this.#queuedItems < this.#maxItems) return Promise.resolve();
		return new Promise(resolve => this.#waitingForRoom.push(resolve));
	}

	/** Tells the batch that what `moreComing` answers may have changed: a batch nobody will join goes now. */
	nudge(): void {
		if (this.#queue.length === 0) return;
		if (this.#maxDelayMs === 0 || this.#queuedItems >= this.#maxItems || !this.#moreComing()) {
			this.#flushSoon();
			return;
		}
		this.#timer ??= setTimeout(() => {
			this.#timer = undefined;
			this.#flushSoon();
		}, this.#maxDelayMs);
	}

	/** After the I/O callbacks of this turn of the event loop: every write they queued joins in. */
	#flushSoon(): void {
		if (this.#immediate !== undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#immediate = setImmediate(() => {
			this.#immediate = undefined;
			this.#flush();
			this.nudge();
		});
	}

	#flush(): void {
		const batch: QueuedWrite[] = [];
		let items = 0;
		while (this.#queue.length > 0 && (batch.length === 0 || items + this.#queue[0]!.items <= this.#maxItems)) {
			const next = this.#queue.shift()!;
			batch.push(next);
			items += next.items;
		}
		this.#queuedItems -= items;
		if (this.#queuedItems < this.#maxItems) for (const resolve of this.#waitingForRoom.splice(0)) resolve();
		const outcomes: unknown[] = [];
		try {
			this.#store.transaction(() => {
				for (const queued of batch) {
					try {
						// Nested: a savepoint, rolled back alone if this source's write throws.
						this.#store.db.transaction(queued.write)();
						outcomes.push(undefined);
					} catch (error) {
						outcomes.push(error ?? new Error('write failed'));
					}
				}
			});
		} catch (error) {
			// The transaction itself failed (the cache locked past its timeout, the disk full): nothing landed.
			for (const queued of batch) queued.reject(error);
			return;
		}
		// The file grew: a large import gets a larger page cache (refresh-memory.ts).
		fitPageCache(this.#store);
		batch.forEach((queued, i) => {
			const error = outcomes[i];
			if (error === undefined) queued.resolve();
			else queued.reject(error);
		});
	}
}
