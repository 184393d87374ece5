import assert from 'node:assert/strict';
import {test} from 'node:test';
import {memoLast} from '../../../src/ui/controller/memo-last.js';

test('memoLast computes again only when an argument changes (Object.is), and keeps only the last call', () => {
	let calls = 0;
	const query = {search: 'x'};
	const read = memoLast((version: number, q: {search: string}) => {
		calls += 1;
		return [version, q.search];
	});
	const first = read(1, query);
	assert.equal(read(1, query), first, 'the same result object');
	assert.equal(calls, 1);
	assert.notEqual(read(1, {search: 'x'}), first, 'another object is another argument');
	read(2, query);
	read(1, query);
	assert.equal(calls, 4, 'only the last call is remembered');
	const nan = memoLast((n: number) => ({n}));
	assert.equal(nan(NaN), nan(NaN), 'NaN is NaN, as for React');
});
