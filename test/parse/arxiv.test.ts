import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import {ArxivParseError, parseArxivResponse} from '../../src/parse/arxiv.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/arxiv/${name}`, import.meta.url), 'utf8');

describe('parseArxivResponse', () => {
	test('reads entries: versioned ids, authors, abstract, primary category, first-version date', async () => {
		const out = await parseArxivResponse(fixture('expo-oldstyle.xml'));
		assert.equal(out.totalResults, 2);
		assert.deepEqual(out.errors, []);
		assert.deepEqual(out.entries[0], {
			id: 'arxiv:2507.02834',
			title: 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning',
			authors: ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi'],
			abstract:
				'Recent advances in large language models have been driven by reinforcement learning (RL)-style post-training, which improves reasoning by optimizing model outputs based on reward or preference signals. We propose Self-Explanation Policy Optimization (ExPO).',
			category: 'cs.LG',
			published: '2025-07-03T17:41:42.000Z',
			updated: '2025-07-21T09:02:11.000Z',
			version: 2,
			doi: null,
			journalRef: null,
		});
		const old = out.entries[1]!;
		assert.equal(old.id, 'arxiv:hep-th/9901001');
		assert.deepEqual(old.authors, ['André F. T. Martins', 'Søren Kierkegaard']);
		assert.equal(old.category, 'hep-th');
	});

	test('the error entry for a malformed id names the id', async () => {
		const out = await parseArxivResponse(fixture('error-malformed-id.xml'));
		assert.deepEqual(out.entries, []);
		assert.deepEqual(out.errors, [{rawId: '1234.123456', message: 'incorrect id format for 1234.123456'}]);
	});

	test('another namespace prefix for the arxiv extension still works', async () => {
		const xml = fixture('expo-oldstyle.xml').replaceAll('arxiv:', 'ax:').replaceAll('xmlns:arxiv=', 'xmlns:ax=');
		const out = await parseArxivResponse(xml);
		assert.equal(out.entries[0]!.category, 'cs.LG');
	});

	test('escape sequences in fetched text are removed', async () => {
		const xml = fixture('expo-oldstyle.xml').replace('ExPO: Unlocking', 'ExPO:\u001b]0;pwned\u0007 Unlocking');
		const out = await parseArxivResponse(xml);
		assert.equal(out.entries[0]!.title, 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning');
	});

	test('not a feed: one-line ArxivParseError', async () => {
		for (const body of ['<html><body>Rate exceeded</body></html>', '<feed xmlns="http://www.w3.org/2005/Atom"><entry>', '', '{"json": true}']) {
			await assert.rejects(parseArxivResponse(body), (e: unknown) => e instanceof ArxivParseError && !e.message.includes('\n'));
		}
	});
});
