import assert from 'node:assert/strict';
import {test} from 'node:test';
import stringWidth from 'string-width';
import {rng} from '../../../bench/lib/random.js';
import {fitSegments, lineText} from '../../../src/ui/components/Line.js';
import {ONE_COLUMN_TEXT, displayWidth, fit, graphemeWidth, truncate, width, widthUpTo, wrap} from '../../../src/ui/format/width.js';

test('fit and truncate count display columns (CJK, emoji)', () => {
	assert.equal(stringWidth(fit('刘伟', 8)), 8);
	assert.equal(stringWidth(fit('日本語テキストです', 7)), 7);
	assert.equal(fit('abc', 5), 'abc  ');
	assert.equal(truncate('abcdef', 4), 'abc…');
	assert.equal(truncate('📄📄📄', 4), '📄…');
	assert.equal(truncate('x', 0), '');
});

/** The plain definition the bounded versions must agree with: measure everything, cut by grapheme. */
function referenceTruncate(text: string, columns: number): string {
	if (columns <= 0) return '';
	if (stringWidth(text) <= columns) return text;
	let out = '';
	for (const {segment} of new Intl.Segmenter(undefined, {granularity: 'grapheme'}).segment(text)) {
		if (stringWidth(out + segment) > columns - 1) break;
		out += segment;
	}
	return out + '…';
}

test('bounded width and truncation agree with measuring the whole text', () => {
	const pieces = ['a', ' ', '刘', '📄', '👩‍🔬', 'é', 'e\u0301', '\u200d', 'ｱ', '한', '~'];
	let seed = 7;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
	for (let n = 0; n < 300; n++) {
		let text = '';
		const length = next() % 40;
		for (let i = 0; i < length; i++) text += pieces[next() % pieces.length];
		for (const columns of [0, 1, 2, 3, 5, 8, 13, 40]) {
			assert.equal(truncate(text, columns), referenceTruncate(text, columns), `${JSON.stringify(text)} at ${columns}`);
			const w = widthUpTo(text, columns);
			if (stringWidth(text) <= columns) assert.equal(w, stringWidth(text));
			else assert.ok(w > columns, `${JSON.stringify(text)}: ${w} should exceed ${columns}`);
		}
		assert.equal(width(text), stringWidth(text));
	}
});

test('a segment far longer than the line is cut to it (a 40,000-character error list)', () => {
	const long = 'Ada Chen homepage — network error: connection refused; '.repeat(800);
	const fitted = fitSegments([{text: '3 new'}, {text: ` · ${long}`, style: 'error'}], 60);
	assert.equal(stringWidth(lineText(fitted)), 60);
	assert.ok(lineText(fitted).endsWith('…'));
	assert.equal(stringWidth(lineText(fitSegments([{text: '刘威 '.repeat(20_000)}], 61, true))), 61);
});

test('wrap keeps every line within the width, breaking long URLs', () => {
	const text = `日本語の文章と English words https://github.com/HumainLab/Personalized_RLHF/blob/main/README.md 🧵 end`;
	for (const width of [10, 20, 33, 80]) {
		const out = wrap(text, width);
		for (const l of out) assert.ok(stringWidth(l) <= width, `${JSON.stringify(l)} > ${width}`);
		assert.equal(out.join('').replace(/ /g, ''), text.replace(/ /g, ''));
	}
	assert.deepEqual(wrap('a\n\nb', 10), ['a', '', 'b']);
});

test('text with the paper badge is measured and fitted as string-width measures it', () => {
	for (const text of ['📄 ', '📄 Reward hacking — a survey', '📄📄 x', 'Caf\u00e9 📄']) {
		assert.equal(widthUpTo(text, Infinity), stringWidth(text));
		for (const columns of [stringWidth(text), stringWidth(text) + 3]) assert.equal(truncate(text, columns), text);
		const cut = truncate(text, stringWidth(text) - 1);
		assert.ok(cut.endsWith('…') && stringWidth(cut) <= stringWidth(text) - 1, JSON.stringify(cut));
	}
});

test('a one-column word longer than the line breaks into full lines, as grapheme by grapheme', () => {
	const url = 'https://github.com/HumainLab/Personalized_RLHF/blob/main/README.md?q=\u00e9t\u00e9\u2014x';
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	for (const columns of [1, 7, 20, 33]) {
		// What breaking grapheme by grapheme gives: lines of exactly `columns` graphemes, the last one shorter.
		const expected: string[] = [];
		let line = '';
		for (const {segment} of segmenter.segment(url)) {
			if (stringWidth(line + segment) > columns) {
				expected.push(line);
				line = '';
			}
			line += segment;
		}
		expected.push(line);
		assert.deepEqual(wrap(url, columns), expected);
		assert.ok(expected.slice(0, -1).every(l => stringWidth(l) === columns));
	}
});

test('every character of the one-column class is one column to string-width and a grapheme of its own', () => {
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	let checked = 0;
	for (let cp = 0; cp <= 0xffff; cp++) {
		const ch = String.fromCharCode(cp);
		if (!ONE_COLUMN_TEXT.test(ch)) continue;
		checked++;
		assert.equal(stringWidth(ch), 1, `U+${cp.toString(16)}`);
		// Next to a letter, an emoji or another of the class it stays its own grapheme.
		for (const neighbour of ['a', '刘', '📄', 'é', '\u2500']) {
			assert.equal([...segmenter.segment(neighbour + ch)].length, 2, `U+${cp.toString(16)} after ${neighbour}`);
			assert.equal([...segmenter.segment(ch + neighbour)].length, 2, `U+${cp.toString(16)} before ${neighbour}`);
		}
	}
	assert.ok(checked > 900, `${checked} characters`);
	for (const text of ['a\u0301', '刘威', '📄', 'a\u200d', '\u00ad', '\u2028', '\u0483', 'x\ufe0f']) assert.equal(ONE_COLUMN_TEXT.test(text), false, JSON.stringify(text));
});

test('graphemeWidth is string-width for every character, and for graphemes that join more', () => {
	const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
	// Every BMP character alone: the one-column and two-column classes included, each checked.
	for (let cp = 0; cp <= 0xffff; cp++) {
		const ch = String.fromCharCode(cp);
		if (graphemeWidth(ch) !== stringWidth(ch)) assert.fail(`U+${cp.toString(16)}: graphemeWidth ${graphemeWidth(ch)}, string-width ${stringWidth(ch)}`);
	}
	assert.deepEqual(['刘', 'カ', '한', 'Ａ', 'é', '📄'].map(graphemeWidth), [2, 2, 2, 2, 1, 2]);
	assert.equal(graphemeWidth('📄'), stringWidth('📄'));
	// Graphemes that start with one of them but join more stay with string-width.
	for (const text of ['📄\ufe0f', '刘\u0301', 'カ\u3099', '한\u200d', '日\ufe0f', '👩\u200d🔬', '🇫🇷', 'e\u0301']) {
		const [segment] = [...segmenter.segment(text)];
		assert.equal(graphemeWidth(segment!.segment), stringWidth(segment!.segment), JSON.stringify(text));
	}
});

test('displayWidth is string-width for styled rows: badges, colour codes and anything else mixed in', () => {
	// Pieces a drawn row is made of, and ones that must leave the fast path: wide and zero-width
	// characters, emoji that join (VS16, ZWJ, skin tones, flags), hyperlinks, other escapes.
	const pieces = ['a', 'Z', ' ', '·', '—', '…', 'é', 'ß', 'Ω', 'ж', '\u2502', '📄', '\u001b[1m', '\u001b[36m', '\u001b[39m', '\u001b[22m', '\u001b[0m', '\u001b[38;5;208m'];
	const others = ['刘', '日本', 'カナ', '한국', 'Ａ', '刘\u0301', '📄\ufe0f', '👩\u200d🔬', '👍🏽', '🇫🇷', 'e\u0301', '\u200b', '\u001b]8;;https://a.example\u0007x\u001b]8;;\u0007', '\u001b[2K', '\u001b1m', '\t', '\u00ad'];
	const random = rng(7);
	let fast = 0;
	for (let n = 0; n < 3000; n++) {
		const parts: string[] = [];
		const length = Math.floor(random() * 12);
		for (let i = 0; i < length; i++) parts.push(random() < 0.9 ? pieces[Math.floor(random() * pieces.length)]! : others[Math.floor(random() * others.length)]!);
		const text = parts.join('');
		if (!parts.some(p => others.includes(p))) fast++;
		assert.equal(displayWidth(text), stringWidth(text), JSON.stringify(text));
	}
	assert.ok(fast > 1000, `${fast} texts on the fast path`);
});
