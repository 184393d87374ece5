import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {NO_KEY} from '../../src/keys/input.js';
import {KEYMAP, keyFor, keyHint, keyLabels, keymapMarkdown, keysFor, matchKey, typesText} from '../../src/keys/keymap.js';
import type {CommandId, Context} from '../../src/keys/keymap.js';

/** What Ink's useInput hands a handler for a key written as the table writes it. */
function ink(name: string): [string, Key] {
	const named: Record<string, Partial<Key>> = {
		up: {upArrow: true},
		down: {downArrow: true},
		pagedown: {pageDown: true},
		pageup: {pageUp: true},
		home: {home: true},
		end: {end: true},
		return: {return: true},
		escape: {escape: true, meta: true},
		tab: {tab: true},
		backspace: {backspace: true},
	};
	if (name in named) return ['', {...NO_KEY, ...named[name]}];
	if (name.startsWith('ctrl+')) return [name.slice(5), {...NO_KEY, ctrl: true}];
	if (name === 'space') return [' ', NO_KEY];
	return [name, {...NO_KEY, shift: /[A-Z]/.test(name)}];
}

function command(name: string, context: Context): CommandId | undefined {
	const [input, key] = ink(name);
	return matchKey(input, key, context)?.command;
}

// The contract's Keys table, key by key.
const CONTRACT: [string, Context, CommandId][] = [
	['j', 'timeline', 'move.down'],
	['down', 'timeline', 'move.down'],
	['k', 'timeline', 'move.up'],
	['up', 'timeline', 'move.up'],
	['g', 'timeline', 'move.first'],
	['home', 'timeline', 'move.first'],
	['G', 'timeline', 'move.last'],
	['end', 'timeline', 'move.last'],
	['pagedown', 'timeline', 'page.down'],
	['ctrl+d', 'timeline', 'page.down'],
	['space', 'timeline', 'page.down'],
	['pageup', 'timeline', 'page.up'],
	['ctrl+u', 'timeline', 'page.up'],
	['return', 'timeline', 'open'],
	['escape', 'item', 'back'],
	['q', 'item', 'back'],
	['o', 'timeline', 'open.browser'],
	['o', 'item', 'open.browser'],
	['/', 'timeline', 'search.start'],
	['escape', 'search', 'search.cancel'],
	['n', 'timeline', 'search.next'],
	['N', 'timeline', 'search.prev'],
	['tab', 'timeline', 'view.next'],
	['tab', 'papers', 'view.next'],
	['f', 'timeline', 'filter.researcher'],
	['u', 'timeline', 'filter.unread'],
	['m', 'timeline', 'toggle.read'],
	['s', 'timeline', 'toggle.star'],
	['r', 'timeline', 'refresh'],
	['?', 'timeline', 'help'],
	['q', 'timeline', 'quit'],
	['q', 'papers', 'back'],
	['ctrl+c', 'timeline', 'quit.force'],
	['ctrl+c', 'item', 'quit.force'],
	['ctrl+c', 'search', 'quit.force'],
];

for (const [name, context, expected] of CONTRACT) {
	test(`${name} in ${context} → ${expected}`, () => {
		assert.equal(command(name, context), expected);
	});
}

test('1–9 open link N in an open item, and nothing in the timeline', () => {
	for (let n = 1; n <= 9; n++) {
		const [input, key] = ink(String(n));
		assert.deepEqual(matchKey(input, key, 'item'), {command: 'open.link', digit: n});
		assert.equal(matchKey(input, key, 'timeline'), null);
	}
});

test('while typing a search, letters are text, not commands', () => {
	for (const letter of ['j', 'q', 'o', 'n', '/', '?', 'G']) {
		const [input, key] = ink(letter);
		assert.deepEqual(matchKey(input, key, 'search'), {command: 'search.type', text: letter});
	}
	assert.equal(command('return', 'search'), 'search.accept');
	assert.equal(command('backspace', 'search'), 'search.delete');
	// A paste arrives as one input.
	assert.deepEqual(matchKey('Leqi Liu', NO_KEY, 'search'), {command: 'search.type', text: 'Leqi Liu'});
	// Control characters never reach the query.
	assert.equal(matchKey('\u0007', NO_KEY, 'search'), null);
	// Where the table binds the pseudo key 'text', a run of printable keys is one piece of text.
	assert.equal(typesText('search'), true);
	assert.equal(typesText('timeline'), false);
});

test('a paste is never taken for a command outside the search line', () => {
	assert.equal(matchKey('jjj', NO_KEY, 'timeline'), null);
});

test('no key means two things in one context', () => {
	const contexts: Context[] = ['timeline', 'papers', 'researchers', 'item', 'mentions', 'picker', 'help', 'search'];
	for (const context of contexts) {
		const seen = new Map<string, CommandId>();
		for (const b of KEYMAP) {
			if (!b.contexts.includes(context)) continue;
			for (const k of b.keys) {
				const before = seen.get(k);
				assert.ok(before === undefined || before === b.command, `${k} in ${context}: ${before} and ${b.command}`);
				seen.set(k, b.command);
			}
		}
	}
});

test('the README table lists every binding with every key', () => {
	const md = keymapMarkdown();
	assert.match(md, /^\| key \| action \|\n\| --- \| --- \|\n/);
	for (const b of KEYMAP) {
		for (const label of keyLabels(b.keys)) assert.ok(md.includes(`\`${label}\``), `README lacks ${label}`);
		assert.ok(md.includes(b.description), `README lacks "${b.description}"`);
	}
	// The contract's spellings.
	for (const label of ['j', '↓', 'k', '↑', 'g', 'Home', 'G', 'End', 'PgDn', 'Ctrl-d', 'Space', 'PgUp', 'Ctrl-u', 'Enter', 'Esc', 'q', 'o', '1–9', '/', 'n', 'N', 'Tab', 'f', 'u', 'm', 's', 'r', '?', 'Ctrl-c']) {
		assert.ok(md.includes(`\`${label}\``), `README lacks \`${label}\``);
	}
	assert.equal(md.split('\n').filter(l => l.startsWith('| `')).length, KEYMAP.length);
});

test('the key hint fits the width and always keeps "? help"', () => {
	for (const width of [40, 60, 80, 200]) {
		const hint = keyHint('timeline', width);
		assert.ok(hint.length <= width, `${hint.length} > ${width}`);
		assert.ok(hint.endsWith('? help'));
	}
	assert.match(keyHint('timeline'), /j\/k move · Enter open · q quit · o browser/);
	assert.match(keyHint('item'), /1–9 link/);
	assert.match(keyHint('papers'), /q back/);
});

test('prose takes the keys it names from the table', () => {
	assert.equal(keyFor('back'), 'Esc');
	assert.deepEqual(keysFor('back', 'help'), ['Esc', 'q'], 'every binding of the command in the context, in table order');
	assert.equal(keyFor('search.accept', 'search'), 'Enter');
	assert.equal(keyFor('move.down', 'help'), 'j');
	assert.equal(keysFor('open.link', 'item').join(), '1–9');
	assert.throws(() => keyFor('open.link', 'timeline'), /no key is bound to open\.link in timeline/);
});
