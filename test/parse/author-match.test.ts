import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {authorMatches, nameTokens} from '../../src/parse/author-match.js';

describe('authorMatches', () => {
	const yes: Array<[string, string]> = [
		['Leqi Liu', 'Leqi Liu'],
		['Leqi Liu', 'Liu, Leqi'],
		['Leqi Liu', 'Liu Leqi'],
		['Leqi Liu', 'L. Liu'],
		['Leqi Liu', 'LEQI LIU'],
		['leqi liu', 'Leqi M. Liu'],
		['Liu Leqi', 'Leqi Liu'],
		['Andre Martins', 'André F. T. Martins'],
		['André Martins', 'A. Martins'],
		['Soren Kierkegaard', 'Søren Kierkegaard'],
		['Jean-Pierre Serre', 'J.-P. Serre'],
		['Mihaela van der Schaar', 'M. van der Schaar'],
		["Alexander D'Amour", 'Alexander D’Amour'],
		['Zachary Lipton', 'Zachary C. Lipton'],
		['Guy Steele', 'Guy L. Steele, Jr.'],
	];
	const no: Array<[string, string]> = [
		['Leqi Liu', 'Wei Liu'],
		['Leqi Liu', 'Leqi Lin'],
		['Wei Liu', 'Liu Leqi'],
		['Leqi', 'Leqi Liu'],
		['Leqi Liu', 'Liu'],
		['Amy Zhang', 'Zhang'],
		['', 'Leqi Liu'],
	];
	for (const [researcher, author] of yes) test(`"${researcher}" is "${author}"`, () => assert.equal(authorMatches(researcher, author), true));
	for (const [researcher, author] of no) test(`"${researcher}" is not "${author}"`, () => assert.equal(authorMatches(researcher, author), false));

	test('tokens: accents, case, comma order, suffixes', () => {
		assert.deepEqual(nameTokens('Liu, Leqi'), ['leqi', 'liu']);
		assert.deepEqual(nameTokens('Ł. Ødegård Jr.'), ['l', 'odegard']);
	});
});
