import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {PaperMeta} from '../../src/domain/types.js';
import {bibtexKeys, type BibPaper, formatBibtex} from '../../src/parse/bibtex.js';
import {RECORDS} from '../fixtures/arxiv/papers.js';
import {latexText, readBibtex} from '../helpers/bibtex-reader.js';

function fromRecord(r: (typeof RECORDS)[keyof typeof RECORDS]): BibPaper {
	const title = r.title.replace(/\s+/g, ' ').trim();
	const authors = r.authors.map(a => (typeof a === 'string' ? a : a.name));
	const meta: PaperMeta = {
		id: `arxiv:${r.id}`,
		title,
		authors,
		abstract: r.summary.trim(),
		category: r.primaryCategory,
		published: new Date(r.published).toISOString(),
		updated: new Date(r.updated).toISOString(),
		version: r.version,
		doi: r.doi?.toLowerCase() ?? null,
		journalRef: r.journalRef ?? null,
	};
	return {id: meta.id, url: `https://arxiv.org/abs/${r.id}`, title, authors, meta};
}

describe('formatBibtex', () => {
	const papers: BibPaper[] = [
		...Object.values(RECORDS).map(fromRecord),
		{id: 'openreview:rH4cKq9ZtW', url: 'https://openreview.net/forum?id=rH4cKq9ZtW', title: 'Reward Hacking Under Distribution Shift in RLHF', authors: []},
		{id: 'doi:10.1007/978-3-030-32236-6_12', url: 'https://doi.org/10.1007/978-3-030-32236-6_12', title: null, authors: []},
		// Same first author, year and first word as ExPO: the key must still be unique.
		{...fromRecord(RECORDS.expo), id: 'arxiv:2507.09999', url: 'https://arxiv.org/abs/2507.09999'},
	];
	const out = formatBibtex(papers);
	const entries = readBibtex(out);

	test('parses back: one entry per paper, unique keys, in order', () => {
		assert.equal(entries.length, papers.length);
		assert.deepEqual(
			entries.map(e => e.key),
			['zhou2025expo', 'li2024personalized', 'yuan2024common', 'rafailov2023direct', 'martins1999made', 'liu2025braces', 'openreviewrh4ckq9ztw', 'doi101007978303032236612', 'zhou2025expob'],
		);
		assert.ok(entries.every(e => e.type === 'misc' && /^[a-z0-9]+$/.test(e.key)));
	});

	test('arXiv fields: title, authors, year, eprint, archivePrefix, primaryClass, url', () => {
		const expo = entries[0]!;
		assert.equal(latexText(expo.fields['title']!), 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning');
		assert.equal(expo.fields['title']!.startsWith('{'), true, 'double braces keep capitals');
		assert.deepEqual(latexText(expo.fields['author']!).split(' and '), ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi']);
		assert.equal(expo.fields['year'], '2025');
		assert.equal(expo.fields['eprint'], '2507.02834');
		assert.equal(expo.fields['archiveprefix'], 'arXiv');
		assert.equal(expo.fields['primaryclass'], 'cs.LG');
		assert.equal(expo.fields['url'], 'https://arxiv.org/abs/2507.02834');
		assert.equal(entries[4]!.fields['eprint'], 'hep-th/9901001');
		assert.equal(latexText(entries[3]!.fields['note']!), 'NeurIPS 2023');
	});

	test('specials are escaped and come back unchanged', () => {
		const special = entries[5]!;
		assert.equal(latexText(special.fields['title']!), 'Braces {and} 100% of $\\alpha$_1 & #tags ~ ^ in "Titles" and Backslash \\ Too');
		// "Ann and Bob Group" is one author: braced so "and" does not split it.
		assert.match(special.fields['author']!, /Serre and \{Ann and Bob Group\}$/);
		assert.equal(special.fields['doi'], '10.1234/special.2025');
		assert.equal(entries[7]!.fields['doi'], '10.1007/978-3-030-32236-6_12', 'verbatim fields are not LaTeX-escaped');
		assert.equal(entries[7]!.fields['title'], undefined, 'no title known, no title field');
	});

	test('keys are stable whatever the order of the papers', () => {
		const keys = bibtexKeys(papers);
		assert.deepEqual(bibtexKeys([...papers].reverse()), keys);
	});
});
