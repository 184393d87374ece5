/**
 * Group commit for a refresh's sources. Each source's results are written whole or not at all, as
 * before, but sources that finish while the event loop is busy share ONE transaction, each in a
 * savepoint of its own (a failing source rolls back to its savepoint and costs the others nothing).
 *
 * Why: an item lands in half a dozen indexes whose keys are random (ids, dates, paper ids), so
 * one source's 200 items dirty over a thousand pages, and every commit appends each dirty page to
 * the WAL again. Sources committed together write a shared page once. The batch grows by itself
 * when writing is the bottleneck (more sources finish while a batch is being written) and stays
 * one source when it is not; `maxItems` bounds how long the write lock is held.
 */
import type {Store} from '../store/store.js';
import {fitPageCache} from './refresh-memory.js';

interface QueuedWrite {
	write: () => void;
	items: number;
	resolve: () => void;
	reject: (error: unknown) => void;
}

export class WriteBatch {
	readonly #store: Store;
	readonly #maxItems: number;
	#queue: QueuedWrite[] = [];
	#scheduled = false;

	constructor(store: Store, maxItems = 4000) {
		this.#store = store;
		this.#maxItems = maxItems;
	}

	/**
	 * Runs `write` in the next shared transaction, in its own savepoint. Settles once that
	 * transaction has committed (rejects with the write's own error, or the commit's).
	 */
	run(write: () => void, items: number): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#queue.push({write, items, resolve, reject});
			this.#schedule();
		});
	}

	#schedule(): void {
		if (this.#scheduled || this.#queue.length === 0) return;
		this.#scheduled = true;
		// After the I/O callbacks of this turn of the event loop: every source they finished joins in.
		// (Waiting longer for bigger batches bought nothing: past a few sources, the cost is each
		// statement's own journal of the index pages it touches, not the commits.)
		setImmediate(() => {
			this.#scheduled = false;
			this.#flush();
			this.#schedule();
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
