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

test('the limit is real: a placeholder per id fails past it, the one-parameter list does not', () => {
	const db = new Database(':memory:');
	db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
	const ids = Array.from({length: 40_000}, (_, i) => `id${i}`);
	// The pattern the scan below forbids in src/, built here to show why.
	const perId = `SELECT COUNT(*) FROM t WHERE id IN (${ids.map(() => '?').join(', ')})`;
	assert.throws(() => db.prepare(perId).get(...ids), /too many SQL variables/);
	assert.equal(db.prepare(`SELECT COUNT(*) FROM t WHERE ${idsIn('id')}`).pluck().get(idsParam(ids)), 0);
	db.close();
});

/** Ways of writing one placeholder per element: `.map(() => '?')`, `.map(_ => "?")`, `.fill('?')`, `'?, '.repeat(n)`. */
const PER_ID = [/\.map\(\s*\(?\s*\w*\s*\)?\s*=>\s*(['"`])\?\1\s*\)/, /\.fill\(\s*(['"`])\?\1\s*\)/, /(['"`])\?,\s*\1\.repeat\(/, /(['"`])\?\1\.repeat\(/];

test('the scan knows every way of writing it', () => {
	for (const line of [`ids.map(() => '?').join(',')`, 'ids.map(_ => "?")', 'ids.map((id) => `?`)', "new Array(n).fill('?')", "'?, '.repeat(n - 1)", "'?'.repeat(n)"]) {
		assert.ok(PER_ID.some(re => re.test(line)), line);
	}
	assert.ok(!PER_ID.some(re => re.test("ids.map(id => `${id}?`)")));
});

test('no statement in src/ (store, app, cli, anywhere) builds a placeholder per id', () => {
	const root = fileURLToPath(new URL('../../src/', import.meta.url));
	const offenders: string[] = [];
	let files = 0;
	const walk = (dir: string): void => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else if (/\.tsx?$/.test(name)) {
				files++;
				const text = readFileSync(path, 'utf8');
				if (PER_ID.some(re => re.test(text))) offenders.push(path);
			}
		}
	};
	walk(root);
	assert.ok(files > 100, `walked ${files} files`);
	assert.deepEqual(offenders, []);
});
