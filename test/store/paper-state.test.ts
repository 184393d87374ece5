import assert from 'node:assert/strict';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import type {ItemDraft} from '../../src/domain/types.js';
import {upsertItems} from '../../src/store/items.js';
import {alsoSharedBy} from '../../src/store/paper-meta.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

function draft(id: string, papers: string[], extra: Partial<ItemDraft> = {}): ItemDraft {
	return {
		id,
		kind: 'post',
		date: '2025-07-20T00:00:00.000Z',
		datePrecision: 'instant',
		title: null,
		text: id,
		url: `https://example.org/${id}`,
		posts: [],
		links: [],
		papers: papers.map(p => ({id: p, url: `https://example.org/${p}`, title: null})),
		...extra,
	};
}

describe('Store: one paper, read once everywhere; "also shared by"', () => {
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	beforeEach(() => {
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
		const put = (researcher: string, drafts: ItemDraft[]) =>
			store.transaction(() => upsertItems(store.db, {researcher, source: 'bluesky', sourceKey: `bluesky ${researcher}`, now: '2025-07-20T00:00:00.000Z'}, drafts));
		put('Leqi Liu', [draft('l1', ['arxiv:2507.02834', 'arxiv:2402.05133']), draft('l2', ['arxiv:2507.02834']), draft('l3', [])]);
		put('Wei Liu', [draft('w1', ['arxiv:2507.02834'])]);
		put('Mira Chen', [draft('m1', ['arxiv:2402.05133']), draft('m2', ['arxiv:2507.02834'], {hidden: 'reply'})]);
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	test('setPaperRead marks every item mentioning the paper, and only those', () => {
		assert.deepEqual(store.setPaperRead('arxiv:2507.02834', true), ['l1', 'l2', 'm2', 'w1']);
		assert.deepEqual(['l1', 'l2', 'l3', 'w1', 'm1'].map(id => store.getItem(id)!.read), [true, true, false, true, false]);
		assert.equal(store.isPaperRead('arxiv:2507.02834'), true);
		assert.equal(store.isPaperRead('arxiv:2402.05133'), false, 'm1 mentions it and is unread');
		store.setRead('w1', false);
		assert.equal(store.isPaperRead('arxiv:2507.02834'), false);
		store.setPaperRead('arxiv:2507.02834', false);
		assert.equal(store.getItem('l2')!.read, false);
		assert.deepEqual(store.setPaperRead('arxiv:0000.00000', true), []);
	});

	test('alsoSharedBy: other researchers who mentioned the item’s papers, with which papers', () => {
		assert.deepEqual(store.alsoSharedBy('l1'), [
			{researcher: 'Mira Chen', papers: ['arxiv:2402.05133']},
			{researcher: 'Wei Liu', papers: ['arxiv:2507.02834']},
		]);
		assert.deepEqual(store.alsoSharedBy('l1', {includeHidden: true}), [
			{researcher: 'Mira Chen', papers: ['arxiv:2507.02834', 'arxiv:2402.05133']},
			{researcher: 'Wei Liu', papers: ['arxiv:2507.02834']},
		]);
		assert.deepEqual(store.alsoSharedBy('l2'), [{researcher: 'Wei Liu', papers: ['arxiv:2507.02834']}], 'the same researcher’s other item does not count');
		assert.deepEqual(store.alsoSharedBy('l3'), []);
		const many = alsoSharedBy(store.db, ['l1', 'w1', 'l3']);
		assert.deepEqual([...many.keys()].sort(), ['l1', 'w1']);
		assert.deepEqual(many.get('w1')!.map(a => a.researcher), ['Leqi Liu']);
	});
});
