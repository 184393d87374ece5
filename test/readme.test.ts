import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {keymapMarkdown} from '../src/keys/keymap.js';

test('the README key table is the keymap table (regenerate with scripts/gen-readme-keys.mjs)', () => {
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const table = readme.slice(readme.indexOf('<!-- keys:start -->') + '<!-- keys:start -->'.length, readme.indexOf('<!-- keys:end -->'));
	assert.equal(table.trim(), keymapMarkdown().trim());
});

test('the README gives the install and test commands CI uses', () => {
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	assert.match(readme, /npm install/);
	assert.match(readme, /npm test/);
});
