/**
 * Which papers a metadata service is asked about next (pendingLookups): never-asked papers first,
 * then the failed and the due, newest ids first; and the statements behind it read only what they
 * return, so a cache with 100,000 papers waiting answers a batch of 100 without reading them all.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {type MetaService, pendingLookups, pendingLookupsSql, recordLookups} from '../../src/store/paper-lookups.js';
import {storePerTest} from '../helpers/store-per-test.js';

const NOW = '2025-08-01T00:00:00.000Z';

describe('pending metadata lookups', () => {
	const store = storePerTest();

	function papers(ids: readonly string[]): void {
		const insert = store().db.prepare('INSERT INTO papers (id, url) VALUES (?, ?)');
		store().transaction(() => {
			for (const id of ids) insert.run(id, `https://example.org/${id}`);
		});
	}

	function asked(service: MetaService, ids: readonly string[], status: 'ok' | 'invalid' | 'missing' | 'failed', retryAfter: string | null = null): void {
		store().transaction(() => recordLookups(store().db, service, ids, {status, retryAfter}, NOW));
	}

	test('never asked first, then the failed and the due missing ones, each newest id first; ok, invalid and not-yet-due are left', () => {
		papers(['arxiv:2401.00001', 'arxiv:2401.00002', 'arxiv:2401.00003', 'arxiv:2401.00004', 'arxiv:2401.00005', 'arxiv:2401.00006', 'arxiv:2401.00007', 'doi:10.1/a', 'acl:2024.acl-long.1', 'openreview:abc']);
		asked('arxiv', ['arxiv:2401.00007'], 'failed');
		asked('arxiv', ['arxiv:2401.00006'], 'missing', '2025-07-31T00:00:00.000Z');
		asked('arxiv', ['arxiv:2401.00005'], 'missing', '2025-08-02T00:00:00.000Z');
		asked('arxiv', ['arxiv:2401.00004'], 'ok');
		asked('arxiv', ['arxiv:2401.00003'], 'invalid');
		asked('s2', ['arxiv:2401.00002'], 'ok');
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 10), ['arxiv:2401.00002', 'arxiv:2401.00001', 'arxiv:2401.00007', 'arxiv:2401.00006']);
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 3), ['arxiv:2401.00002', 'arxiv:2401.00001', 'arxiv:2401.00007'], 'the limit cuts the second group');
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 1), ['arxiv:2401.00002']);
		// Semantic Scholar takes arXiv ids, DOIs and ACL ids; an OpenReview id goes nowhere.
		assert.deepEqual(pendingLookups(store().db, 's2', NOW, 20), [
			'doi:10.1/a',
			'arxiv:2401.00007',
			'arxiv:2401.00006',
			'arxiv:2401.00005',
			'arxiv:2401.00004',
			'arxiv:2401.00003',
			'arxiv:2401.00001',
			'acl:2024.acl-long.1',
		]);
		assert.deepEqual(pendingLookups(store().db, 'arxiv', '2025-08-03T00:00:00.000Z', 10).slice(2), ['arxiv:2401.00007', 'arxiv:2401.00006', 'arxiv:2401.00005'], 'due later');
	});

	test('skipped ids, papers stored after a rowid, and a given set of papers', () => {
		papers(['arxiv:2401.00001', 'arxiv:2401.00002', 'arxiv:2401.00003']);
		const after = store().db.prepare('SELECT max(rowid) AS n FROM papers').get() as {n: number};
		papers(['arxiv:2301.00009', 'arxiv:2301.00008']);
		asked('arxiv', ['arxiv:2301.00008'], 'failed');
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 2, {skip: new Set(['arxiv:2401.00003'])}), ['arxiv:2401.00002', 'arxiv:2401.00001']);
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 10, {afterRowid: after.n}), ['arxiv:2301.00009', 'arxiv:2301.00008']);
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 10, {only: ['arxiv:2401.00001', 'arxiv:2301.00008', 'arxiv:9999.99999']}), ['arxiv:2401.00001', 'arxiv:2301.00008']);
		assert.deepEqual(pendingLookups(store().db, 'arxiv', NOW, 10, {only: []}), []);
	});

	test("the statements walk the papers' key or the index of waiting lookups: no sort of every paper", () => {
		papers(['arxiv:2401.00001']);
		const plan = (sql: string): string =>
			(store().db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({now: NOW, limit: 1, after: 0, only: '[]'}) as Array<{detail: string}>).map(r => r.detail).join('\n');
		for (const service of ['arxiv', 's2'] as const) {
			const [never, again] = pendingLookupsSql(service, {after: false, only: false}).map(plan);
			assert.match(never!, /SCAN p USING COVERING INDEX sqlite_autoindex_papers_1/, never);
			assert.doesNotMatch(never!, /TEMP B-TREE/, never);
			assert.match(again!, /USING INDEX paper_lookups_waiting/, again);
			// Papers stored since the last scan (a refresh's pokes): by rowid, never the whole key.
			const [sinceNever, sinceAgain] = pendingLookupsSql(service, {after: true, only: false}).map(plan);
			assert.match(sinceNever!, /SEARCH p USING INTEGER PRIMARY KEY \(rowid>\?\)/, sinceNever);
			assert.match(sinceAgain!, /USING INDEX paper_lookups_waiting/, sinceAgain);
		}
	});
});
