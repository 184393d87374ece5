/**
 * The statement cache (`statement` in store/db.ts) and the cache-file version the store's memos
 * are keyed on (`cacheVersion`). Sharing a compiled statement must stay invisible to its callers,
 * and `db.prepare` keeps meaning what better-sqlite3 says it means.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {cacheVersion, openDb, statement} from '../../src/store/db.js';
import {tempHome} from '../helpers/temp-home.js';

function withDb(run: (db: ReturnType<typeof openDb>, file: string) => void): void {
	const home = tempHome();
	const file = join(home.dir, 'cache.db');
	const db = openDb(file);
	try {
		db.exec('CREATE TABLE t (x INTEGER)');
		for (let x = 1; x <= 3; x++) db.prepare('INSERT INTO t (x) VALUES (?)').run(x);
		run(db, file);
	} finally {
		db.close();
		home.cleanup();
	}
}

test('statement compiles a text once per connection; db.prepare compiles every time', () => {
	withDb(db => {
		const sql = 'SELECT x FROM t ORDER BY x';
		assert.equal(statement(db, sql), statement(db, sql));
		assert.notEqual(statement(db, sql), statement(db, 'SELECT x FROM t ORDER BY x DESC'));
		assert.notEqual(db.prepare(sql), db.prepare(sql), 'prepare is not patched');
		assert.notEqual(db.prepare(sql), statement(db, sql));
	});
});

test('a reused statement comes back without the modes its last caller set', () => {
	withDb(db => {
		const sql = 'SELECT x FROM t ORDER BY x';
		assert.deepEqual(statement(db, sql).pluck().all(), [1, 2, 3]);
		assert.deepEqual(statement(db, sql).all(), [{x: 1}, {x: 2}, {x: 3}]);
		assert.deepEqual(statement(db, sql).raw().get(), [1]);
		assert.deepEqual(statement(db, sql).get(), {x: 1});
	});
});

test('a statement still iterating is never handed out again', () => {
	withDb(db => {
		const sql = 'SELECT x FROM t ORDER BY x';
		const outer = statement(db, sql);
		const seen: Array<[number, number[]]> = [];
		for (const row of outer.iterate() as Iterable<{x: number}>) {
			const inner = statement(db, sql);
			assert.notEqual(inner, outer);
			seen.push([row.x, inner.pluck().all() as number[]]);
		}
		assert.deepEqual(seen, [
			[1, [1, 2, 3]],
			[2, [1, 2, 3]],
			[3, [1, 2, 3]],
		]);
	});
});

test('the cache is bounded: past its size, statements are compiled afresh', () => {
	withDb(db => {
		const first = statement(db, 'SELECT 0');
		for (let i = 1; i <= 600; i++) statement(db, `SELECT ${i}`);
		assert.notEqual(statement(db, 'SELECT 0'), first);
		assert.equal(statement(db, 'SELECT 0').pluck().get(), 0);
	});
});

test('cacheVersion moves with this connection’s writes and another’s commits, not with reads', () => {
	withDb((db, file) => {
		const before = cacheVersion(db);
		statement(db, 'SELECT COUNT(*) FROM t').get();
		assert.equal(cacheVersion(db), before, 'a read changes nothing');
		statement(db, 'INSERT INTO t (x) VALUES (?)').run(4);
		const written = cacheVersion(db);
		assert.notEqual(written, before, 'this connection wrote');
		const other = openDb(file);
		try {
			other.prepare('INSERT INTO t (x) VALUES (5)').run();
		} finally {
			other.close();
		}
		assert.notEqual(cacheVersion(db), written, 'another connection committed');
	});
});
