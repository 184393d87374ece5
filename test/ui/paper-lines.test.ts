import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Paper, PaperMeta} from '../../src/domain/types.js';
import {lineText} from '../../src/ui/components/Line.js';
import {alsoSharedText, fitLines, mentionSummary, metaSummary, paperInfoLines} from '../../src/ui/views/paper-lines.js';

const paper: Paper = {
	id: 'arxiv:2402.05133',
	url: 'https://arxiv.org/abs/2402.05133',
	title: 'P-RLHF',
	authors: ['Xinyu Li', 'Leqi Liu'],
	ids: ['arxiv:2402.05133'],
	venue: null,
	mentions: [
		{item: 'a', researcher: 'Wei Liu', source: 'homepage', date: '2025-07-23T00:00:00.000Z', own: false},
		{item: 'b', researcher: 'Leqi Liu', source: 'bluesky', date: '2025-07-22T00:00:00.000Z', own: false},
		{item: 'c', researcher: 'Leqi Liu', source: 'bluesky', date: '2025-07-21T00:00:00.000Z', own: true},
	],
};

const meta: PaperMeta = {
	id: paper.id,
	title: 'P-RLHF',
	authors: ['Xinyu Li', 'Leqi Liu'],
	abstract: 'one two three four five six seven eight nine ten eleven twelve',
	category: 'cs.CL',
	published: '2024-02-07T18:00:00Z',
	updated: null,
	version: 3,
	doi: null,
	journalRef: 'NeurIPS 2024',
};

const text = (lines: ReturnType<typeof paperInfoLines>) => lines.map(lineText);

test('mentionSummary: each researcher and source once, newest first, own ones marked', () => {
	assert.equal(mentionSummary(paper), "Wei Liu's homepage, Leqi Liu on Bluesky (author)");
});

test('alsoSharedText: only the researchers who shared this paper', () => {
	const shared = [
		{researcher: 'Mira Chen', papers: ['arxiv:1']},
		{researcher: 'Wei Liu', papers: ['arxiv:1', 'arxiv:2']},
	];
	assert.equal(alsoSharedText('arxiv:1', shared), 'also shared by Mira Chen, Wei Liu');
	assert.equal(alsoSharedText('arxiv:2', shared), 'also shared by Wei Liu');
	assert.equal(alsoSharedText('arxiv:3', shared), null);
});

test('metaSummary and paperInfoLines: authors, category and dates, the abstract wrapped and indented', () => {
	assert.equal(metaSummary(meta), 'cs.CL · first version 2024-02-07 · v3 · NeurIPS 2024');
	assert.equal(metaSummary({...meta, category: null, published: null, version: 1, journalRef: null}), null);
	assert.deepEqual(text(paperInfoLines(paper, meta, 30, {indent: '  '})), [
		'  Xinyu Li, Leqi Liu',
		'  cs.CL · first version',
		'  2024-02-07 · v3 · NeurIPS',
		'  2024',
		'  one two three four five six',
		'  seven eight nine ten eleven',
		'  twelve',
	]);
	const cut = text(paperInfoLines(paper, meta, 30, {indent: '  ', abstractLines: 2}));
	assert.deepEqual(cut.slice(-2), ['  one two three four five six', '  seven eight nine ten eleven…']);
	assert.ok(cut.every(l => l.length <= 30));
});

test('paperInfoLines without metadata: nothing in the item view, a plain word in the papers view', () => {
	assert.deepEqual(paperInfoLines({id: paper.id, authors: []}, undefined, 80), []);
	assert.deepEqual(text(paperInfoLines({id: paper.id, authors: []}, undefined, 80, {explainMissing: true})), [
		'authors unknown',
		'No abstract yet (arXiv metadata not fetched).',
	]);
	assert.deepEqual(text(paperInfoLines({id: 'doi:10.1/x', authors: []}, undefined, 80, {explainMissing: true})).slice(1), ['No abstract (not an arXiv paper).']);
});

test('fitLines: what does not fit is counted on the last line', () => {
	const all = Array.from({length: 5}, (_, i) => [{text: `line ${i}`}]);
	assert.deepEqual(fitLines(all, 5, 20).map(lineText), ['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
	assert.deepEqual(fitLines(all, 3, 20).map(lineText), ['line 0', 'line 1', '… 3 more lines']);
	assert.deepEqual(fitLines(all, 0, 20), []);
});
