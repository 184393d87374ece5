import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {parseSince} from '../../src/cli/commands/digest.js';
import {escapeMarkdown, isNewSince} from '../../src/papers/digest.js';

describe('digest rules', () => {
	const since = new Date('2025-07-17T12:00:00.000Z');
	const until = new Date('2025-07-24T12:00:00.000Z');
	const cases: Array<[string, string, 'instant' | 'day' | 'month' | 'year' | 'seen', boolean]> = [
		['a post in the window', '2025-07-20T08:00:00.000Z', 'instant', true],
		['a post before it', '2025-07-17T11:59:59.999Z', 'instant', false],
		['a post after "now"', '2025-07-24T12:00:00.001Z', 'instant', false],
		['a day that ends inside the window', '2025-07-17T00:00:00.000Z', 'day', true],
		['news of this month ([07/2025])', '2025-07-01T00:00:00.000Z', 'month', true],
		['news of last month ([06/2025])', '2025-06-01T00:00:00.000Z', 'month', false],
		['news of this year', '2025-01-01T00:00:00.000Z', 'year', true],
		['news of last year', '2024-01-01T00:00:00.000Z', 'year', false],
		['a publication first seen in the window', '2025-07-18T00:00:00.000Z', 'seen', true],
		['a publication first seen before it', '2025-07-01T00:00:00.000Z', 'seen', false],
	];
	for (const [name, date, datePrecision, expected] of cases) test(`${name}: ${expected ? 'new' : 'not new'}`, () => assert.equal(isNewSince({date, datePrecision}, since, until), expected));

	test('--since: durations back from now, or a day', () => {
		const now = new Date('2025-07-24T12:00:00.000Z');
		assert.equal(parseSince('7d', now).toISOString(), '2025-07-17T12:00:00.000Z');
		assert.equal(parseSince('2w', now).toISOString(), '2025-07-10T12:00:00.000Z');
		assert.equal(parseSince('12h', now).toISOString(), '2025-07-24T00:00:00.000Z');
		assert.equal(parseSince('2025-07-01', now).toISOString(), '2025-07-01T00:00:00.000Z');
		for (const bad of ['7', 'd7', '2025-02-30', 'yesterday', '-1d']) assert.throws(() => parseSince(bad, now), /--since/);
	});

	test('Markdown escaping of fetched text', () => {
		assert.equal(escapeMarkdown('a_b *c* [d](e) <img> `x` | ~'), 'a\\_b \\*c\\* \\[d\\](e) \\<img\\> \\`x\\` \\| \\~');
	});
});
