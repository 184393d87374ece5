import assert from 'node:assert/strict';
import {test} from 'node:test';
import {firstKeypress, NO_KEY} from '../../src/keys/input.js';

/** Takes a whole run apart the way the App does. */
function pieces(input: string, typing: (i: number) => boolean = () => false) {
	const out: {input: string; key: string[]}[] = [];
	let rest = input;
	let key = NO_KEY;
	while (rest !== '') {
		const first = firstKeypress(rest, key, typing(out.length));
		out.push({input: first.input, key: Object.entries(first.key).filter(([, v]) => v === true).map(([k]) => k)});
		rest = first.rest;
		key = NO_KEY;
	}
	return out;
}

test('a repeated key is as many keypresses', () => {
	assert.deepEqual(pieces('jjk'), [
		{input: 'j', key: []},
		{input: 'j', key: []},
		{input: 'k', key: []},
	]);
});

test('control characters in a run are the keys they stand for', () => {
	assert.deepEqual(pieces('\t\r\u007f\u0004G'), [
		{input: '', key: ['tab']},
		{input: '', key: ['return']},
		{input: '', key: ['delete']},
		{input: 'd', key: ['ctrl']},
		{input: 'G', key: ['shift']},
	]);
});

test('while typing, text stays whole and Enter ends it', () => {
	assert.deepEqual(pieces('Leqi Liu\rj', i => i < 2), [
		{input: 'Leqi Liu', key: []},
		{input: '', key: ['return']},
		{input: 'j', key: []},
	]);
});

test('emoji and CJK are not split', () => {
	assert.deepEqual(
		pieces('👩‍🔬日').map(p => p.input),
		['👩‍🔬', '日'],
	);
});

test('keys Ink already recognised pass through untouched', () => {
	const up = {...NO_KEY, upArrow: true};
	assert.deepEqual(firstKeypress('', up, false), {input: '', key: up, rest: ''});
	const ctrl = {...NO_KEY, ctrl: true};
	assert.deepEqual(firstKeypress('c', ctrl, true), {input: 'c', key: ctrl, rest: ''});
});
