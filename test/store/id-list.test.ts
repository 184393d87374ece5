/**
 * The id-list pattern (src/store/id-list.ts): any number of ids in one bound parameter, and no
 * statement in src/ that binds a placeholder per id (those fail past SQLite's 32,766 variables).
 */
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';
import Database from 'better-sqlite3';
import {idsIn, idsParam} from '../../src/store/id-list.js';

test('50,000 ids in one parameter select exactly those rows', () => {
	const db = new Database(':memory:');
	db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
	const insert = db.prepare('INSERT INTO t (id) VALUES (?)');
	db.transaction(() => {
		for (let i = 0; i < 60_000; i++) insert.run(`id${i}`);
	})();
	const wanted = Array.from({length: 50_000}, (_, i) => `id${i * 2}`).filter(id => Number(id.slice(2)) < 60_000);
	const row = db.prepare(`SELECT COUNT(*) AS n FROM t WHERE ${idsIn('id')}`).get(idsParam([...wanted, 'not-there'])) as {n: number};
	assert.equal(row.n, wanted.length);
	db.close();
});

test('no statement in src/ builds a placeholder per id', () => {
	const root = fileURLToPath(new URL('../../src/', import.meta.url));
	const offenders: string[] = [];
	const walk = (dir: string): void => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(name) && /\.map\(\(\) => '\?'\)/.test(readFileSync(path, 'utf8'))) offenders.push(path);
		}
	};
	walk(root);
	assert.deepEqual(offenders, []);
});
