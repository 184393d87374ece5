import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {configSchema, NESTED_DEFAULTS} from '../src/config/schema.js';
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

test('the README settings table gives the defaults config/schema.ts gives', () => {
	const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
	const documented = new Map([...readme.matchAll(/^\| `([\w.]+)` \| `([^`]*)` \|/gm)].map(m => [m[1]!, m[2]!]));
	const expected: Record<string, unknown> = {
		'bluesky.service': NESTED_DEFAULTS.blueskyService,
		'bluesky.jetstream': NESTED_DEFAULTS.jetstream,
		'bluesky.showReplies': NESTED_DEFAULTS.showReplies,
		'bluesky.firstFetchDepth': NESTED_DEFAULTS.firstFetchDepth,
		'arxiv.api': NESTED_DEFAULTS.arxivApi,
		'arxiv.site': NESTED_DEFAULTS.arxivSite,
		'dblp.api': NESTED_DEFAULTS.dblpApi,
		'orcid.api': NESTED_DEFAULTS.orcidApi,
		'openalex.api': NESTED_DEFAULTS.openalexApi,
		'semanticscholar.api': NESTED_DEFAULTS.semanticScholarApi,
		'crossref.api': NESTED_DEFAULTS.crossrefApi,
		'papers.recentDays': NESTED_DEFAULTS.recentDays,
		refreshMinutes: configSchema.refreshMinutes.default,
		concurrency: configSchema.concurrency.default,
	};
	for (const [key, value] of Object.entries(expected)) assert.equal(documented.get(key), String(value), key);
});
