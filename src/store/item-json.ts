import type {Db} from './db.js';
import {statement} from './db.js';
import {type ItemFilter, plannedWhere} from './items.js';

/**
 * `list --json` rendered by SQLite: the items of a filter, newest first, as the exact bytes of
 * `JSON.stringify(items, null, 2)` (the contract's fields in its order), item by item.
 *
 * Why in SQL: reading 300,000 items into objects (JSON.parse of each item's posts and links), then
 * printing them back with JSON.stringify and encoding that text as UTF-8 again cost more than
 * reading the rows. SQLite quotes the columns with `json_quote` (the same escapes as
 * JSON.stringify: `\"`, `\\`, `\b \f \n \r \t`, `\u00XX` in lower case, nothing else) and indents
 * the stored posts and links with `json_pretty` (their JSON was written by JSON.stringify, and
 * json_pretty keeps each string's escapes as written). Each item comes back as a blob of UTF-8:
 * no JS string per item, no re-encoding.
 */

const NL = 'char(10)';

/** `"name": value` at the item's field indent (4 spaces), with the comma unless it is the last. */
function field(name: string, value: string, last = false): string {
	return `'    "${name}": ', ${value}, '${last ? '' : ','}' || ${NL}`;
}

/** Stored compact JSON (posts, links) re-indented to sit at an item field's depth. */
function nested(column: string): string {
	return `replace(json_pretty(${column}, '  '), ${NL}, ${NL} || '    ')`;
}

/** A paper of the item's `papers` (its mention order), at depth 3: the object at 6 spaces, its fields at 8. */
const PAPER = `concat('      {' || ${NL} || '        "id": ', json_quote(p.id), ',' || ${NL} || '        "url": ', json_quote(p.url),
	',' || ${NL} || '        "title": ', json_quote(COALESCE(pm.title, p.title, m.title)), ${NL} || '      }')`;

/** The item's papers as hydrate() lists them: by mention position, the metadata title first; `[]` when none (`||` keeps the NULL of no rows, concat() would not). */
const PAPERS = `COALESCE((SELECT '[' || ${NL} || group_concat(${PAPER}, ',' || ${NL} ORDER BY m.position) || ${NL} || '    ]'
	FROM mentions m JOIN papers p ON p.id = m.paper_id LEFT JOIN paper_meta pm ON pm.paper_id = p.id AND pm.status = 'ok'
	WHERE m.item_id = i.id), '[]')`;

const bool = (column: string): string => `CASE WHEN ${column} = 1 THEN 'true' ELSE 'false' END`;

/** One item as an element of the pretty-printed array: the object at 2 spaces, its fields at 4. */
export const ITEM_JSON = `concat('  {' || ${NL},
	${field('id', 'json_quote(i.id)')},
	${field('researcher', 'json_quote(i.researcher)')},
	${field('source', 'json_quote(i.source)')},
	${field('kind', 'json_quote(i.kind)')},
	${field('date', 'json_quote(i.date)')},
	${field('datePrecision', 'json_quote(i.date_precision)')},
	${field('title', 'json_quote(i.title)')},
	${field('text', 'json_quote(i.text)')},
	${field('url', 'json_quote(i.url)')},
	${field('posts', nested('i.posts'))},
	${field('links', nested('i.links'))},
	${field('papers', PAPERS)},
	${field('read', bool('s.read'))},
	${field('starred', bool('s.starred'), true)},
	'  }')`;

/**
 * The items of `filter`, newest first, at most `limit` (all when Infinity), each as its rendered
 * bytes. ONE statement read row by row: the keys subquery chooses the rows exactly as listItems
 * does (same WHERE and order), and the outer query renders them in that order; SQLite walks the
 * timeline index and sorts nothing (where the filter needs a sort, only the keys are sorted), so
 * memory stays bounded however many items there are. The open statement keeps one read snapshot
 * until the last row: a refresh committing meanwhile is not half seen (the pages read before were
 * separate snapshots).
 */
export function itemJsonRows(db: Db, filter: ItemFilter, limit: number): IterableIterator<Buffer> {
	const where = plannedWhere(db, filter);
	return statement(
		db,
		`SELECT CAST(${ITEM_JSON} AS BLOB)
		FROM (SELECT i.rowid AS rid, i.date AS date, i.id AS id FROM items i LEFT JOIN item_state s ON s.item_id = i.id
			${where.sql} ORDER BY i.date DESC, i.id DESC LIMIT ?) AS k
		CROSS JOIN items i ON i.rowid = k.rid LEFT JOIN item_state s ON s.item_id = i.id
		ORDER BY k.date DESC, k.id DESC`,
	)
		.pluck()
		.iterate(...where.params, Number.isFinite(limit) ? Math.max(0, limit) : -1) as IterableIterator<Buffer>;
}
