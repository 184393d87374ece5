/**
 * `n` / `N` without a search: the nearest unread item of a timeline filter after or before a given
 * item, in timeline order (newest first). A seek in the timeline's order from the item, so the
 * cost is the rows passed over, not the depth of the item.
 */
import {type Db, statement} from './db.js';
import {type ItemFilter, whereClause} from './items.js';

/** Direction 1: older than `fromId` (down the list); -1: newer (up). Without `fromId`: from the top (1) or the bottom (-1). */
export function nextUnread(db: Db, filter: ItemFilter, fromId: string | null, direction: 1 | -1): string | null {
	const {keep: _keep, ...rest} = filter;
	const where = whereClause({...rest, unread: true});
	const parts = [`SELECT i.id FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}`];
	const params = [...where.params];
	const from = fromId === null ? undefined : (statement(db, 'SELECT date, id FROM items WHERE id = ?').get(fromId) as {date: string; id: string} | undefined);
	if (from !== undefined) {
		parts.push(direction === 1 ? 'AND (i.date, i.id) < (?, ?)' : 'AND (i.date, i.id) > (?, ?)');
		params.push(from.date, from.id);
	}
	parts.push(direction === 1 ? 'ORDER BY i.date DESC, i.id DESC LIMIT 1' : 'ORDER BY i.date ASC, i.id ASC LIMIT 1');
	const id = statement(db, parts.join(' '))
		.pluck()
		.get(...params) as string | undefined;
	return id ?? null;
}
