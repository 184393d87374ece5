/**
 * The SQL rendering of `list --json` (src/store/item-json.ts) at a few thousand items: the bytes
 * equal JSON.stringify of the items read through the object path, and the statements it compiles
 * bind a fixed number of parameters, never one per item.
 */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {toJson} from '../../src/cli/commands/list.js';
import type {ItemDraft} from '../../src/domain/types.js';
import {itemJsonRows} from '../../src/store/item-json.js';
import {upsertItems} from '../../src/store/items.js';
import {storePerTest} from '../helpers/store-per-test.js';

const ITEMS = 3_000;

function draft(n: number): ItemDraft {
	const id = `item-${String(n).padStart(5, '0')}`;
	return {
		id,
		kind: n % 3 === 0 ? 'thread' : 'post',
		// Many share a date: the order then falls to the id.
		date: new Date(Date.UTC(2025, 0, 1) + Math.floor(n / 3) * 3_600_000).toISOString(),
		datePrecision: 'instant',
		title: n % 5 === 0 ? `Title "${n}"` : null,
		text: `text ${n}\twith "quotes" and a \\ and ünïcödé ✓`,
		url: `https://example.org/${id}`,
		posts: n % 3 === 0 ? [{uri: `at://x/${n}`, url: `https://bsky.app/${n}`, createdAt: '2025-01-01T00:00:00.000Z', text: `post\n${n}`}] : [],
		links: n % 2 === 0 ? [{url: `https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}`, text: 'paper'}] : [],
		papers: n % 2 === 0 ? [{id: `arxiv:2501.${String(n).padStart(5, '0')}`, url: `https://arxiv.org/abs/2501.${String(n).padStart(5, '0')}`, title: n % 4 === 0 ? null : `Paper ${n}`}] : [],
	};
}

describe('item-json: list --json rendered in SQL', () => {
	const storeOf = storePerTest();

	test(`${ITEMS.toLocaleString('en')} items: the bytes of JSON.stringify, from statements with a fixed number of parameters`, () => {
		const store = storeOf();
		store.transaction(() =>
			upsertItems(store.db, {researcher: 'Leqi Liu', source: 'bluesky', sourceKey: 'bluesky leqi', now: '2025-08-01T00:00:00.000Z'}, Array.from({length: ITEMS}, (_, n) => draft(n))),
		);
		for (let n = 0; n < ITEMS; n += 7) store.setRead(`item-${String(n).padStart(5, '0')}`, true);
		const compiled: string[] = [];
		const prepare = store.db.prepare.bind(store.db);
		store.db.prepare = ((sql: string) => {
			compiled.push(sql);
			return prepare(sql);
		});
		const rendered = (filter: Parameters<typeof itemJsonRows>[1], limit: number) => {
			const rows = [...itemJsonRows(store.db, filter, limit)];
			return rows.length === 0 ? '[]' : `[\n${Buffer.concat(rows.flatMap((r, i) => (i === 0 ? [r] : [Buffer.from(',\n'), r]))).toString('utf8')}\n]`;
		};
		const all = rendered({}, Number.POSITIVE_INFINITY);
		store.db.prepare = prepare;
		assert.equal(all, JSON.stringify(store.listItems({}, 0, ITEMS + 1).map(toJson), null, 2));
		assert.equal((JSON.parse(all) as unknown[]).length, ITEMS);
		assert.equal(rendered({unread: true}, 100), JSON.stringify(store.listItems({unread: true}, 0, 100).map(toJson), null, 2));
		assert.equal(rendered({}, 0), '[]');
		assert.ok(compiled.length > 0, 'the rendering compiled its statement through this connection');
		for (const sql of compiled) assert.ok((sql.match(/\?/g) ?? []).length <= 4, `one parameter per item? ${sql.slice(0, 200)}`);
	});
});
