import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {pageCacheKib, REFRESH_PAGE_CACHE_KIB} from '../../src/refresh/refresh-memory.js';
import {WriteBatch} from '../../src/refresh/write-batch.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

function withStore(fn: (store: Store) => Promise<void>): Promise<void> {
	const home = tempHome();
	const store = new Store(join(home.dir, 'cache.db'));
	return fn(store).finally(() => {
		store.close();
		home.cleanup();
	});
}

const put = (store: Store, key: string) => () => {
	store.db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?)').run(key, 'v');
};
const keys = (store: Store): string[] => (store.db.prepare(`SELECT key FROM app_state WHERE key LIKE 'wb.%' ORDER BY key`).pluck().all() as string[]);

test('writes queued in one turn share a transaction; a failing one is rolled back alone and rejects with its own error', () =>
	withStore(async store => {
		const batch = new WriteBatch(store);
		let transactions = 0;
		const original = store.transaction.bind(store);
		store.transaction = <T>(fn: () => T): T => {
			transactions++;
			return original(fn);
		};
		const failing = () => {
			put(store, 'wb.half')();
			throw new Error('the source broke halfway');
		};
		const results = await Promise.allSettled([batch.run(put(store, 'wb.a'), 1), batch.run(failing, 1), batch.run(put(store, 'wb.b'), 1)]);
		assert.deepEqual(
			results.map(r => r.status),
			['fulfilled', 'rejected', 'fulfilled'],
		);
		assert.match(String((results[1] as PromiseRejectedResult).reason), /broke halfway/);
		// The failing write's first row went with its savepoint; the others landed.
		assert.deepEqual(keys(store), ['wb.a', 'wb.b']);
		assert.equal(transactions, 1);
	}));

test('a batch holds at most maxItems (a bigger write goes alone), the rest follow in later transactions', () =>
	withStore(async store => {
		const batch = new WriteBatch(store, {maxItems: 10});
		let transactions = 0;
		const original = store.transaction.bind(store);
		store.transaction = <T>(fn: () => T): T => {
			transactions++;
			return original(fn);
		};
		await Promise.all([batch.run(put(store, 'wb.1'), 4), batch.run(put(store, 'wb.2'), 5), batch.run(put(store, 'wb.3'), 30), batch.run(put(store, 'wb.4'), 0)]);
		assert.deepEqual(keys(store), ['wb.1', 'wb.2', 'wb.3', 'wb.4']);
		assert.equal(transactions, 3);
	}));

test('when the transaction itself fails (the cache is locked), every write of the batch rejects and nothing lands', () =>
	withStore(async store => {
		const other = new Store(store.db.name);
		other.db.pragma('busy_timeout = 0');
		store.db.pragma('busy_timeout = 0');
		other.db.prepare('BEGIN IMMEDIATE').run();
		try {
			const batch = new WriteBatch(store);
			const results = await Promise.allSettled([batch.run(put(store, 'wb.x'), 1), batch.run(put(store, 'wb.y'), 1)]);
			assert.deepEqual(
				results.map(r => r.status),
				['rejected', 'rejected'],
			);
			assert.match(String((results[0] as PromiseRejectedResult).reason), /locked|busy/i);
		} finally {
			other.db.prepare('ROLLBACK').run();
			other.close();
		}
		assert.deepEqual(keys(store), []);
	}));

test('the page cache follows the cache file: 4 MB for a small one, a quarter of a large one, at most 64 MB', () => {
	assert.equal(pageCacheKib(0), REFRESH_PAGE_CACHE_KIB.least);
	assert.equal(pageCacheKib(10 * 2 ** 20), REFRESH_PAGE_CACHE_KIB.least);
	assert.equal(pageCacheKib(128 * 2 ** 20), 32_768);
	assert.equal(pageCacheKib(2 * 2 ** 30), REFRESH_PAGE_CACHE_KIB.most);
});

test('with a delay, writes gather until it passes, and go at once when nothing more is coming or the batch is full', () =>
	withStore(async store => {
		let coming = true;
		const batch = new WriteBatch(store, {maxItems: 100, maxDelayMs: 60_000, moreComing: () => coming});
		let transactions = 0;
		const original = store.transaction.bind(store);
		store.transaction = <T>(fn: () => T): T => {
			transactions++;
			return original(fn);
		};
		const first = batch.run(put(store, 'wb.1'), 10);
		// Several turns of the event loop later, still gathering (the delay is a minute).
		for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
		assert.equal(transactions, 0);
		assert.deepEqual(keys(store), []);
		const second = batch.run(put(store, 'wb.2'), 10);
		coming = false;
		batch.nudge();
		await Promise.all([first, second]);
		assert.equal(transactions, 1);
		assert.deepEqual(keys(store), ['wb.1', 'wb.2']);
		// A full batch does not wait for the delay either.
		coming = true;
		await batch.run(put(store, 'wb.3'), 150);
		assert.equal(transactions, 2);
	}));

test('with a short delay, a lone write commits once it has passed', () =>
	withStore(async store => {
		const batch = new WriteBatch(store, {maxItems: 100, maxDelayMs: 30, moreComing: () => true});
		const started = performance.now();
		await batch.run(put(store, 'wb.late'), 1);
		assert.ok(performance.now() - started >= 25, 'committed before the delay passed');
		assert.deepEqual(keys(store), ['wb.late']);
	}));

test('room: a full queue holds its callers back until a batch commits', () =>
	withStore(async store => {
		let coming = true;
		const batch = new WriteBatch(store, {maxItems: 10, maxDelayMs: 60_000, moreComing: () => coming});
		await batch.room();
		const first = batch.run(put(store, 'wb.r1'), 6);
		await batch.room();
		const second = batch.run(put(store, 'wb.r2'), 6);
		let roomy = false;
		const room = batch.room().then(() => (roomy = true));
		// The queue holds 12 items: a batch goes at once (full), and only then is there room.
		assert.equal(roomy, false);
		await Promise.all([first, room]);
		assert.equal(roomy, true);
		// What is left waits for its delay, or for nothing more to come.
		coming = false;
		batch.nudge();
		await second;
		assert.deepEqual(keys(store), ['wb.r1', 'wb.r2']);
	}));
