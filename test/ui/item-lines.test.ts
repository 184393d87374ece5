import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {itemLines, numberLinks} from '../../src/ui/views/item-lines.js';
import {lineText} from '../../src/ui/components/Line.js';
import {makeItem} from '../helpers/memory-model.js';

const NOW = new Date('2025-07-23T12:00:00.000Z');

test('link numbers follow each URL in the text, once, at a URL boundary', () => {
	const links = [
		{url: 'https://a.org', text: ''},
		{url: 'https://a.org/x', text: ''},
	];
	assert.equal(numberLinks('see https://a.org/x and https://a.org.', links), 'see https://a.org/x [2] and https://a.org [1].');
	assert.equal(numberLinks('no links here', links), 'no links here');
});

test('item lines never exceed the width, even for long URLs and CJK text', () => {
	const item = makeItem({
		title: '論文タイトル '.repeat(10),
		text: 'x',
		posts: [
			{uri: 'a', url: 'https://bsky.app/a', createdAt: '2025-07-23T09:00:00.000Z', text: `長い投稿 ${'https://example.org/' + 'a'.repeat(150)}`},
			{uri: 'b', url: 'https://bsky.app/b', createdAt: '2025-07-23T09:01:00.000Z', text: '> quoted 引用'},
		],
		links: [{url: 'https://example.org/' + 'a'.repeat(150), text: 'example'}],
		papers: [{id: 'doi:10.1/x', url: 'https://doi.org/10.1/x', title: null}],
	});
	for (const width of [20, 40, 79]) {
		for (const line of itemLines(item, width, NOW)) {
			assert.ok(stringWidth(lineText(line)) <= width, `${JSON.stringify(lineText(line))} > ${width}`);
		}
	}
	const text = itemLines(item, 60, NOW).map(lineText).join('\n');
	assert.match(text, /📄 doi:10\.1\/x/, 'a paper without a title shows its id');
	assert.match(text, /│ quoted 引用/);
});

test('the Bluesky parser’s quote, card and alt-text lines are set off and marked', () => {
	const text = [
		'Look at this',
		'[link card] Personalized RLHF — code and data <https://github.com/HumainLab/Personalized_RLHF>',
		'[image: a plot of reward against steps]',
		'[quote Wei Liu @wei.example]',
		'> the quoted text',
		'> [image: a figure]',
		'> > a quote inside the quote',
	].join('\n');
	const out = itemLines(makeItem({text, posts: [], links: [{url: 'https://github.com/HumainLab/Personalized_RLHF', text: ''}]}), 100, NOW).map(lineText);
	assert.ok(out.includes('Look at this'));
	assert.ok(out.includes('│ [link card] Personalized RLHF — code and data <https://github.com/HumainLab/Personalized_RLHF [1]>'), out.join('\n'));
	assert.ok(out.includes('▫ [image: a plot of reward against steps]'));
	assert.ok(out.includes('│ [quote Wei Liu @wei.example]'));
	assert.ok(out.includes('│ the quoted text'));
	assert.ok(out.includes('│ [image: a figure]'));
	assert.ok(out.includes('│ │ a quote inside the quote'));
});

test('a paper item shows its authors and venue from the bibliography, and everything said about the paper', () => {
	const item = makeItem({
		kind: 'paper',
		source: 'dblp',
		title: 'Identity Theft in AI Conference Peer Review',
		text: 'Lena Okafor, Ravi Shah · AAAI · 2026',
		posts: [],
		papers: [{id: 'arxiv:2508.04024', url: 'https://arxiv.org/abs/2508.04024', title: 'Identity Theft in AI Conference Peer Review'}],
	});
	const meta = new Map([
		[
			'arxiv:2508.04024',
			{id: 'arxiv:2508.04024', title: null, authors: ['Lena Okafor', 'Ravi Shah'], abstract: null, category: null, published: null, updated: null, version: null, doi: null, journalRef: null, venue: 'AAAI'},
		],
	]);
	const mentions = [
		{researcher: 'Leqi Liu', source: 'bluesky' as const, kind: 'thread' as const, date: '2025-07-22T17:09:02.114Z', datePrecision: 'instant' as const, text: '1/4 We show that reviewers …'},
		{researcher: 'Wei Liu', source: 'homepage' as const, kind: 'news' as const, date: '2025-05-01T00:00:00.000Z', datePrecision: 'month' as const, text: 'Paper accepted at AAAI'},
	];
	const out = itemLines(item, 100, NOW, {meta, mentions}).map(lineText).join('\n');
	assert.match(out, /DBLP · paper/);
	assert.match(out, /Lena Okafor, Ravi Shah/);
	assert.match(out, /AAAI/);
	assert.match(out, /Mentioned \(2\)/);
	assert.match(out, /Leqi Liu on Bluesky, thread, .*2025.*: 1\/4 We show that reviewers/);
	assert.match(out, /Wei Liu's homepage, news, May 2025: Paper accepted at AAAI/);
	assert.doesNotMatch(itemLines(item, 100, NOW, {meta}).map(lineText).join('\n'), /Mentioned/);
});
