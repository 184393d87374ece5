import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {extractHomepage} from '../../../src/parse/homepage/index.js';

function keyOf(item: string, url = 'https://me.example.org/'): string {
	const x = extractHomepage({text: `<h2>News</h2><ul>${item}</ul>`, url});
	assert.equal(x.news.length, 1, item);
	return x.news[0]!.key;
}

describe('news entry keys', () => {
	const base = '<li>2025.05: Our paper <a href="https://arxiv.org/abs/2505.00001">Lumen</a> was accepted by ICML 2025!</li>';

	it('are stable across fetches and across date spellings of the same day/month', () => {
		assert.equal(keyOf(base), keyOf(base));
		assert.match(keyOf(base), /^news:[0-9a-f]{20}$/);
		assert.equal(keyOf(base), keyOf('<li><em>[05/2025]</em> — Our paper Lumen was accepted by ICML 2025!</li>'));
		assert.equal(keyOf(base), keyOf('<li>May 2025: Our paper Lumen was accepted by ICML 2025!</li>'));
	});

	it('survive cosmetic edits: punctuation, emoji, case, whitespace, links, smart quotes', () => {
		assert.equal(keyOf(base), keyOf('<li>2025.05: 🎉🎉 our   paper LUMEN was accepted by <a href="https://icml.cc">ICML</a> 2025.</li>'));
		assert.equal(keyOf('<li>2025.05: Tutorial on “data” -- slides</li>'), keyOf('<li>2025.05: Tutorial on "data" – slides</li>'));
	});

	it('survive text appended after the first 12 words ("[Update: …]")', () => {
		const long = '<li>2025.05: We release a new benchmark for multimodal agents with many realistic tasks and tools.</li>';
		const updated = '<li>2025.05: We release a new benchmark for multimodal agents with many realistic tasks and tools. [Update: accepted to NeurIPS!]</li>';
		assert.equal(keyOf(long), keyOf(updated));
	});

	it('change when the date or the opening words change', () => {
		assert.notEqual(keyOf(base), keyOf(base.replace('2025.05', '2025.04')));
		assert.notEqual(keyOf(base), keyOf(base.replace('2025.05', '2025.05.02')));
		assert.notEqual(keyOf(base), keyOf(base.replace('Our paper', 'Our two papers')));
	});

	it('do not depend on the page URL (the homepage and its /news/ page share entries)', () => {
		assert.equal(keyOf(base, 'https://me.example.org/'), keyOf(base, 'https://me.example.org/news/'));
	});

	it('differ for same-date entries sharing their opening words; verbatim repeats collapse', () => {
		const a = '<li>2025.05: We release a new benchmark for multimodal agents with many realistic tasks: VisionArena.</li>';
		const b = '<li>2025.05: We release a new benchmark for multimodal agents with many realistic tasks: CodeArena.</li>';
		const x = extractHomepage({text: `<h2>News</h2><ul>${a}${b}${a}</ul>`, url: 'https://me.example.org/'});
		assert.equal(x.news.length, 2);
		assert.notEqual(x.news[0]!.key, x.news[1]!.key);
	});
});
