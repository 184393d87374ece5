/**
 * Inputs built to make a parser take minutes or gigabytes (found while writing the fault suite):
 * each is now refused with one line or handled in linear time. Every case below took between
 * 20 seconds and an out-of-memory crash before the bounds were added.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {extractHomepage} from '../../src/parse/homepage/index.js';
import {markdownToHtml} from '../../src/parse/homepage/markdown.js';
import {htmlToText} from '../../src/parse/html-text.js';
import {MAX_ELEMENTS, MAX_NESTING, markupTooComplex} from '../../src/parse/markup-guard.js';
import {papersInText} from '../../src/parse/paper-ids.js';
import {readFileSync, readdirSync} from 'node:fs';

function timed<T>(fn: () => T): {value: T; ms: number} {
	const start = performance.now();
	const value = fn();
	return {value, ms: performance.now() - start};
}

describe('markup guard', () => {
	test('real pages and feeds pass', () => {
		for (const dir of ['homepages', 'feeds']) {
			const base = new URL(`../fixtures/${dir}/`, import.meta.url);
			for (const file of readdirSync(base)) assert.equal(markupTooComplex(readFileSync(new URL(file, base), 'utf8')), null, file);
		}
	});

	test('deep nesting, too many elements and hostile fragments are named in one line, in linear time', () => {
		const deep = timed(() => markupTooComplex('<div>'.repeat(2_000_000)));
		assert.equal(deep.value, `markup nested too deeply to read safely (over ${MAX_NESTING} levels)`);
		const many = timed(() => markupTooComplex('<p>x</p>'.repeat(1_250_000)));
		assert.equal(many.value, `markup has too many elements to read safely (over ${MAX_ELEMENTS})`);
		const wide = timed(() => markupTooComplex(`${'<span>'.repeat(900)}${'<i></i>'.repeat(40_000)}`));
		assert.equal(wide.value, 'markup too deeply nested throughout to read safely');
		assert.equal(markupTooComplex('<p>x</p>'.repeat(6_000), {maxTopLevel: 5_000}), 'markup has too many top-level elements to read safely (over 5000)');
		for (const t of [deep, many, wide]) assert.ok(t.ms < 1000, `${t.ms} ms`);
	});

	test('tags in comments, CDATA, scripts (any case) and unfinished tags do not count', () => {
		const hidden = `<!-- ${'<div>'.repeat(5000)} --><![CDATA[${'<div>'.repeat(5000)}]]><script>${'<div>'.repeat(5000)}</SCRIPT><p>ok</p>`;
		assert.equal(markupTooComplex(hidden), null);
		assert.equal(markupTooComplex('<a'.repeat(1_000_000)), null);
		assert.match(markupTooComplex(`<script></Script>${'<div>'.repeat(MAX_NESTING + 1)}`) ?? '', /nested too deeply/, 'a mixed-case end tag does not hide what follows');
	});

	test('the parsers refuse such markup instead of hanging', () => {
		assert.throws(() => htmlToText('<div>'.repeat(200_000)), /nested too deeply/);
		const fragment = timed(() => assert.throws(() => htmlToText('<p>x</p>'.repeat(100_000)), /too many top-level elements/));
		assert.ok(fragment.ms < 1000);
	});
});

describe('linear-time text scans', () => {
	test('a 150 KB token in a news entry (paper-id scan was quadratic: 24 s)', () => {
		const {value, ms} = timed(() =>
			extractHomepage({
				text: `<html><body><h2>News</h2><ul><li>[05/2025] Talk.</li><li>[04/2025] ${'A'.repeat(150_000)} end.</li></ul></body></html>`,
				url: 'https://x.example/',
				contentType: 'text/html',
			}),
		);
		assert.equal(value.news.length, 2);
		assert.ok(ms < 3000, `${ms} ms`);
		for (const s of ['A'.repeat(500_000), 'a.'.repeat(250_000), 'a-'.repeat(250_000)]) assert.ok(timed(() => papersInText(s)).ms < 500);
		assert.deepEqual(
			papersInText('see arxiv.org/abs/2507.02834 and https://doi.org/10.1145/3597503.3639187').map(p => p.id),
			['arxiv:2507.02834', 'doi:10.1145/3597503.3639187'],
			'mentions are still found',
		);
	});

	test('hostile Markdown: unmatched emphasis, deep lists, deep quotes', () => {
		const cases = [
			'*a '.repeat(100_000), // quadratic in marked: 20 s for 60 KB
			'_a '.repeat(100_000),
			Array.from({length: 3000}, (_, i) => `${' '.repeat(i * 2)}- x`).join('\n'), // 9 MB: out of memory in marked
			`${'> '.repeat(100_000)}x`,
		];
		for (const src of cases) {
			const {ms} = timed(() => markdownToHtml(src));
			assert.ok(ms < 2000, `${ms} ms for ${JSON.stringify(src.slice(0, 20))}`);
		}
		assert.match(markdownToHtml('# News\n\n- [05/2025] **Talk** at _NeurIPS_\n'), /<strong>Talk<\/strong> at <em>NeurIPS<\/em>/, 'ordinary Markdown is unchanged');
	});
});
