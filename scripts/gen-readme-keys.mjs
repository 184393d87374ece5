#!/usr/bin/env node
// Rewrites the README's key table from the keymap (the one table that also drives key handling and
// the `?` screen). Run after changing src/keys/keymap.ts: `npm run build && node scripts/gen-readme-keys.mjs`.
// test/readme.test.ts fails when the README and the keymap disagree.
import {readFileSync, writeFileSync} from 'node:fs';
import {keymapMarkdown} from '../dist/keys/keymap.js';

const file = new URL('../README.md', import.meta.url);
const readme = readFileSync(file, 'utf8');
const start = '<!-- keys:start -->';
const end = '<!-- keys:end -->';
const before = readme.slice(0, readme.indexOf(start) + start.length);
const after = readme.slice(readme.indexOf(end));
writeFileSync(file, `${before}\n${keymapMarkdown().trim()}\n${after}`);
console.log('README key table updated');
