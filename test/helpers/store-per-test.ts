import {join} from 'node:path';
import {afterEach, beforeEach} from 'node:test';
import {Store} from '../../src/store/store.js';
import {tempHome} from './temp-home.js';

/**
 * A fresh cache in a temporary home for each test of the enclosing `describe`, closed and removed
 * after it. Call at the top of the describe; the returned function gives the current test's Store.
 */
export function storePerTest(): () => Store {
	let home: ReturnType<typeof tempHome> | undefined;
	let store: Store | undefined;
	beforeEach(() => {
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
	});
	afterEach(() => {
		store?.close();
		home?.cleanup();
	});
	return () => {
		if (store === undefined) throw new Error('storePerTest: no test is running');
		return store;
	};
}
