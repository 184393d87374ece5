/**
 * The text measuring and wrapping the bundle gives Ink (src/ui/ink/) answer as Ink's own modules
 * do, and their caches stay bounded however many distinct texts are drawn.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import inkMeasureText from '../../../node_modules/ink/build/measure-text.js';
import inkWrapText from '../../../node_modules/ink/build/wrap-text.js';
import inkWidestLine from 'widest-line';
import {boundedMemo} from '../../../src/ui/ink/bounded-cache.js';
import measureText from '../../../src/ui/ink/measure-text.js';
import widestLine from '../../../src/ui/ink/widest-line.js';
import wrapText from '../../../src/ui/ink/wrap-text.js';

const TEXTS = [
	'',
	'plain',
	'two\nlines, the second longer',
	'刘威 — 📄 arXiv:2507.01234',
	'\u001b[1mbold\u001b[22m and \u001b[36mcyan\u001b[39m text that runs past the edge of a narrow box',
	'👩‍🔬 e\u0301t\u00e9 Ωμέγα\n\n',
	'a long unbroken token: https://arxiv.org/abs/2507.01234v2?context=cs.LG',
];
const TYPES = ['wrap', 'truncate', 'truncate-end', 'truncate-middle', 'truncate-start'] as const;

test('widest-line and measure-text answer as Ink’s', () => {
	for (const text of TEXTS) {
		assert.equal(widestLine(text), inkWidestLine(text), JSON.stringify(text));
		assert.deepEqual(measureText(text), inkMeasureText(text), JSON.stringify(text));
		// Asked again: the cached answer is the same.
		assert.deepEqual(measureText(text), inkMeasureText(text), JSON.stringify(text));
	}
});

test('wrap-text answers as Ink’s for every wrap type and width', () => {
	for (const text of TEXTS.filter(t => t !== '')) {
		for (const type of TYPES) {
			for (const width of [1, 5, 12, 40]) {
				assert.equal(wrapText(text, width, type), inkWrapText(text, width, type), `${type} ${width} ${JSON.stringify(text)}`);
			}
		}
	}
});

test('a bounded memo computes once per key and forgets everything at its cap', () => {
	let computed = 0;
	const memo = boundedMemo(key => {
		computed++;
		return key.length;
	}, 3);
	memo('a');
	memo('a');
	memo('bb');
	memo('ccc');
	assert.equal(computed, 3);
	memo('dddd'); // full: emptied, then this one kept
	memo('a');
	assert.equal(computed, 5);
	memo('dddd');
	assert.equal(computed, 5);
});
