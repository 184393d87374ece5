import assert from 'node:assert/strict';
import {test} from 'node:test';
import {refreshJobs, sourceOwners} from '../../src/config/owners.js';
import type {ResearcherConfig} from '../../src/domain/types.js';

const feed = (target: string) => ({kind: 'feed' as const, target});
const researchers: ResearcherConfig[] = [
	{name: 'Ada', sources: [feed('https://lab.example/feed.xml')]},
	{name: 'Bo', sources: [feed('https://bo.example/feed.xml'), feed('https://lab.example/feed.xml'), {kind: 'bluesky', target: '@Cy.bsky.social'}]},
	{name: 'Cy', sources: [{kind: 'bluesky', target: 'cy.bsky.social'}]},
	{name: 'Dee', sources: []},
];

test('a source several researchers follow belongs to the first of them in config order', () => {
	assert.deepEqual([...sourceOwners(researchers)], [
		['feed https://lab.example/feed.xml', 'Ada'],
		['feed https://bo.example/feed.xml', 'Bo'],
		['bluesky cy.bsky.social', 'Bo'],
	]);
});

test('a refresh fetches each source once, under its owner; one researcher’s refresh keeps the owners', () => {
	assert.deepEqual(refreshJobs(researchers), [
		{name: 'Ada', sources: [feed('https://lab.example/feed.xml')]},
		{name: 'Bo', sources: [feed('https://bo.example/feed.xml'), {kind: 'bluesky', target: '@Cy.bsky.social'}]},
	]);
	assert.deepEqual(refreshJobs(researchers, 'Bo'), [
		{name: 'Ada', sources: [feed('https://lab.example/feed.xml')]},
		{name: 'Bo', sources: [feed('https://bo.example/feed.xml'), {kind: 'bluesky', target: '@Cy.bsky.social'}]},
	]);
	assert.deepEqual(refreshJobs(researchers, 'Cy'), [{name: 'Bo', sources: [{kind: 'bluesky', target: '@Cy.bsky.social'}]}]);
	assert.deepEqual(refreshJobs(researchers, 'Dee'), []);
});
