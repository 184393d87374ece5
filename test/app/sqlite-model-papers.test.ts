import assert from 'node:assert/strict';
import {afterEach, beforeEach, describe, test} from 'node:test';
import type {PaperQuery} from '../../src/app/model.js';
import {SqliteModel} from '../../src/app/sqlite-model.js';
import {MemoryModel} from '../helpers/memory-model.js';
import {EXPO, OPENREVIEW, type PaperStore, paperDraft, PRLHF, PRLHF_META, seededPaperStore} from '../helpers/paper-store.js';

const ids = (papers: Array<{id: string}>) => papers.map(p => p.id);

describe('SqliteModel: papers', () => {
	let s: PaperStore;
	let model: SqliteModel;
	beforeEach(() => {
		s = seededPaperStore();
		s.store.savePaperMeta([PRLHF_META], '2025-07-25T00:00:00.000Z');
		model = new SqliteModel({store: s.store, researchers: () => [], showReplies: false});
	});
	afterEach(() => s.close());

	test('paperCount and paperWindow: windows of the list, with the read and star state the items share', () => {
		assert.equal(model.paperCount({}), 3);
		const rows = model.paperWindow({}, 0, 2);
		assert.deepEqual(ids(rows), [PRLHF, EXPO]);
		assert.equal(rows[0]?.title, PRLHF_META.title);
		assert.deepEqual([rows[0]?.read, rows[0]?.starred], [false, false]);
		assert.deepEqual(ids(model.paperWindow({}, 2, 5)), [OPENREVIEW]);
		assert.deepEqual(model.paperWindow({}, 0, 0), []);
		assert.deepEqual(ids(model.paperWindow({ownOnly: true}, 0, 5)), [PRLHF]);
		assert.equal(model.paperCount({ownOnly: true, researcher: 'Leqi Liu'}), 1);
		assert.equal(model.paperCount({search: 'zachary'}), 1);
	});

	test('setPaperRead: every item mentioning the paper, one change, one notification', () => {
		let calls = 0;
		model.subscribe(() => calls++);
		const before = model.version();
		model.setPaperRead(PRLHF, true);
		assert.equal(calls, 1);
		assert.equal(model.version(), before + 1);
		assert.deepEqual([model.item('l1')?.read, model.item('w1')?.read], [true, true]);
		assert.equal(model.paper(PRLHF)?.read, true);
		assert.equal(s.store.isPaperRead(PRLHF), true);
		model.setPaperStarred(PRLHF, true);
		assert.equal(model.paperWindow({}, 0, 1)[0]?.starred, true);
		model.setPaperRead(PRLHF, false);
		assert.equal(model.item('w1')?.read, false);
	});

	test('counts follow the data: a refresh that adds a paper is counted again', () => {
		assert.equal(model.paperCount({}), 3);
		s.put('Wei Liu', [paperDraft('w2', '2025-07-26T00:00:00.000Z', ['arxiv:2501.00001'])], 'homepage');
		assert.equal(model.paperCount({}), 3, 'cached until the model hears of a change');
		model.dataChanged();
		assert.equal(model.paperCount({}), 4);
		assert.deepEqual(ids(model.paperWindow({}, 0, 1)), ['arxiv:2501.00001']);
	});

	test('paper, paperMeta and alsoSharedBy', () => {
		assert.deepEqual(model.paper(EXPO)?.mentions.map(m => m.item), ['l1'], 'replies to others left out');
		assert.equal(model.paper('arxiv:0000.00000'), undefined);
		const metas = model.paperMeta([PRLHF, EXPO]);
		assert.deepEqual([...metas.keys()], [PRLHF]);
		assert.equal(metas.get(PRLHF)?.abstract, PRLHF_META.abstract);
		const shared = model.alsoSharedBy(['l1', 'w1', 'm2']);
		assert.deepEqual(shared.get('l1'), [{researcher: 'Wei Liu', papers: [PRLHF]}]);
		assert.deepEqual(shared.get('w1'), [{researcher: 'Leqi Liu', papers: [PRLHF]}]);
		assert.equal(shared.has('m2'), false);
		const withReplies = new SqliteModel({store: s.store, researchers: () => [], showReplies: true});
		assert.deepEqual(withReplies.alsoSharedBy(['l1']).get('l1')?.map(a => a.researcher), ['Mira Chen', 'Wei Liu']);
		assert.deepEqual(ids(withReplies.paperWindow({}, 0, 5)), [EXPO, PRLHF, OPENREVIEW]);
	});

	test('the in-memory model used by the UI tests answers the same queries the same way', () => {
		const items = s.store.listItems({includeHidden: true}, 0, 100);
		const memory = new MemoryModel(items, {paperInfo: {[PRLHF]: PRLHF_META}});
		const queries: PaperQuery[] = [{}, {ownOnly: true}, {researcher: 'wei liu'}, {search: 'lipton'}, {search: 'mira'}, {search: 'link text of arxiv:2507'}, {ownOnly: true, researcher: 'Wei Liu'}, {unreadOnly: true}];
		for (const q of queries) {
			assert.equal(memory.paperCount(q), model.paperCount(q), JSON.stringify(q));
			assert.deepEqual(memory.paperWindow(q, 0, 10), model.paperWindow(q, 0, 10), JSON.stringify(q));
		}
		assert.deepEqual(memory.alsoSharedBy(['l1', 'w1', 'm2']), model.alsoSharedBy(['l1', 'w1', 'm2']));
	});

	test('windows that overlap hand back the same Item objects (kept rows are not redrawn) until the data changes', () => {
		const first = model.window({}, 0, 3);
		const scrolled = model.window({}, 1, 3);
		assert.ok(first.length === 3 && scrolled.length >= 2);
		assert.equal(scrolled[0], first[1], 'the same object for the same row');
		assert.equal(scrolled[1], first[2]);
		const sharedBefore = model.alsoSharedBy(first.map(i => i.id));
		model.setRead(first[1]!.id, true);
		const after = model.window({}, 1, 3);
		assert.notEqual(after[0], first[1], 'a read toggle reads the rows again');
		assert.equal(after[0]?.read, true);
		assert.deepEqual(model.alsoSharedBy(first.map(i => i.id)), sharedBefore, 'who else shared is the same answer, read again');
		// A refresh brings a new researcher sharing a paper: the cached answer is not kept.
		const withPaper = after.find(i => i.papers.length > 0) ?? first.find(i => i.papers.length > 0)!;
		const others = model.alsoSharedBy([withPaper.id]).get(withPaper.id)?.length ?? 0;
		s.put('Zoe New', [paperDraft('z1', '2025-07-27T00:00:00.000Z', [withPaper.papers[0]!.id])], 'homepage');
		model.dataChanged();
		assert.equal(model.alsoSharedBy([withPaper.id]).get(withPaper.id)?.length ?? 0, others + 1);
	});
});
