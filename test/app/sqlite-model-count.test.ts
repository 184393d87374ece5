/**
 * SqliteModel.count over a real cache: exact counts, and the live search's shortcut for a query
 * typed one character further (the shorter query's count stands in until the exact one is taken,
 * after the frame, with one notification).
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {SqliteModel} from '../../src/app/sqlite-model.js';
import {type PaperStore, paperDraft, paperStore} from '../helpers/paper-store.js';

const nextTurn = () => new Promise(resolve => setImmediate(resolve));

describe('SqliteModel.count', () => {
	let s: PaperStore;
	before(() => {
		s = paperStore();
		// 2600 items say "alpha", 600 of them "alphabet"; 50 say "omega".
		const drafts = Array.from({length: 2650}, (_, i) =>
			paperDraft(`i${i}`, new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), [], {text: i < 600 ? `the alphabet ${i}` : i < 2600 ? `alpha ${i}` : `omega ${i}`}),
		);
		s.put('Ada', drafts);
	});
	after(() => s.close());

	test('a search typed further shows the shorter search count at once, then the exact count with one notification', async () => {
		const model = new SqliteModel({store: s.store, researchers: () => [], showReplies: false});
		let heard = 0;
		model.subscribe(() => heard++);
		assert.equal(model.count({search: 'alp'}), 2600, 'no shorter query known: exact');
		const version = model.version();
		assert.equal(model.count({search: 'alphab'}), 2600, 'the bound from "alp"');
		assert.equal(heard, 0);
		await nextTurn();
		assert.equal(heard, 1);
		assert.ok(model.version() > version, 'the version moves so the UI reads the count again');
		assert.equal(model.count({search: 'alphab'}), 600);
		// The rows of the longer search are exact all along.
		assert.equal(model.window({search: 'alphab'}, 0, 1000).length, 600);
	});

	test('only the newest owed count is taken; small counts and unrelated queries are exact at once', async () => {
		const model = new SqliteModel({store: s.store, researchers: () => [], showReplies: false});
		let heard = 0;
		model.subscribe(() => heard++);
		assert.equal(model.count({search: 'alp'}), 2600);
		assert.equal(model.count({search: 'alph'}), 2600);
		assert.equal(model.count({search: 'alpha'}), 2600);
		await nextTurn();
		assert.equal(heard, 1, 'one count taken, for the newest query');
		assert.equal(model.count({search: 'alpha'}), 2600);
		assert.equal(model.count({search: 'alphabet'}), 2600, 'bound by "alpha"');
		await nextTurn();
		assert.equal(model.count({search: 'alphabet'}), 600);
		// The tightest bound known: "alphabet" (600), though "alpha" is what makes counting slow.
		assert.equal(model.count({search: 'alphabet 1'}), 600);
		await nextTurn();
		assert.equal(model.count({search: 'alphabet 1'}), 111);
		assert.equal(model.count({search: 'omeg'}), 50, 'its shorter search matched few: exact at once');
		assert.equal(model.count({search: 'ome'}), 50, 'not a longer form of any counted query');
		assert.equal(model.count({search: 'alpha', researcher: 'Nobody'}), 0, 'other filters: exact');
	});

	test('a count still owed when the cache closes is dropped quietly', async () => {
		const own = paperStore();
		own.put('Ada', Array.from({length: 2100}, (_, i) => paperDraft(`a${i}`, new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(), [], {text: `alpha ${i}`})));
		const model = new SqliteModel({store: own.store, researchers: () => [], showReplies: false});
		let heard = 0;
		model.subscribe(() => heard++);
		assert.equal(model.count({search: 'alp'}), 2100);
		assert.equal(model.count({search: 'alph'}), 2100);
		own.close();
		await nextTurn();
		assert.equal(heard, 0);
	});
});
