/**
 * The two bottom lines: refresh progress or its summary (or a one-off message) with the filter
 * state, then the key hint for what the keys do now (or the search line while typing).
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {RefreshProgress} from '../../app/model.js';
import {keyFor, keyHint} from '../../keys/keymap.js';
import type {Context} from '../../keys/keymap.js';
import {viewportHeight} from '../../state/layout.js';
import type {UiState} from '../../state/types.js';
import {LIVE_SEARCH_MIN, searchPending, topScreen} from '../../state/types.js';
import {agoText} from '../format/dates.js';
import {oneLine} from '../format/terminal.js';
import {width} from '../format/width.js';
import {Line} from './Line.js';
import type {Segment} from './Line.js';

/** Failures named on the status line; the rest are counted (the sources view lists every error). */
const FAILURES_NAMED = 2;

/** How long a finished refresh's news stays on the status line before it fades to its time. */
export const REFRESH_NEWS_MS = 60_000;

/** `12:04`, local time: the status line speaks of today. */
function clock(date: Date): string {
	return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * What the last refresh did and when, never stale progress: `refreshing…` (until the sources are
 * counted), `refreshing 3/7`, then for a minute `refreshed 12:04 · 3 new · 1 failed: Wei Liu
 * homepage — HTTP 500`, then `last refresh 12:04 · 3 min ago` (still `· 1 failed`); null before any
 * refresh. Offline, every source fails: two are named and the rest counted, `+919 more
 * (Researchers view)`.
 */
export function refreshSummary(p: RefreshProgress, now: Date = new Date()): Segment[] | null {
	if (p.running) return [{text: p.total > 0 ? `refreshing ${p.done}/${p.total}` : 'refreshing…', style: 'warn'}];
	if (p.finishedAt === null) return null;
	const at = new Date(p.finishedAt);
	const fresh = p.results.reduce((n, r) => n + r.newItems, 0);
	const failed = p.results.filter(r => !r.ok);
	const age = now.getTime() - at.getTime();
	if (age >= REFRESH_NEWS_MS) {
		const out: Segment[] = [{text: `last refresh ${clock(at)} · ${agoText(at, now)}`, style: 'dim'}];
		if (failed.length > 0) out.push({text: ` · ${failed.length} failed (Researchers view)`, style: 'error'});
		return out;
	}
	const out: Segment[] = [
		{text: `refreshed ${clock(at)} · `, style: 'dim'},
		{text: `${fresh} new`, style: fresh > 0 ? 'ok' : 'dim'},
	];
	if (failed.length > 0) {
		const named = failed.slice(0, FAILURES_NAMED).map(f => `${oneLine(f.researcher)} ${f.source} — ${oneLine(f.error ?? 'failed')}`);
		if (failed.length > FAILURES_NAMED) named.push(`+${failed.length - FAILURES_NAMED} more (Researchers view)`);
		const why = named.join('; ');
		out.push({text: ` · ${failed.length} failed: ${why}`, style: 'error'});
	}
	return out;
}

/** What the views are filtered by: `Leqi Liu · unread · /liu` (`own papers` in the papers view). */
export function filterSummary(state: UiState): string {
	const parts: string[] = [];
	if (state.researcher !== null) parts.push(oneLine(state.researcher));
	if (state.unreadOnly) parts.push('unread');
	if (state.starredOnly) parts.push('starred');
	if (state.ownOnly && state.view === 'papers') parts.push('own papers');
	if (state.search !== '' && !state.searching) parts.push(`/${oneLine(state.search)}`);
	return parts.join(' · ');
}

/** Where the selection is: `12/340`, or the lines shown of an item. */
export function position(state: UiState, context: Context): string {
	const {counts} = state;
	const of = (selected: number, count: number): string => (count === 0 ? '0/0' : `${selected + 1}/${count}`);
	const top = topScreen(state);
	switch (context) {
		case 'item': {
			if (top?.kind !== 'item' || counts.item === 0) return '';
			const end = Math.min(counts.item, top.offset + viewportHeight('item', state.size));
			return `lines ${top.offset + 1}-${end}/${counts.item}`;
		}
		case 'mentions':
			return top?.kind === 'mentions' ? of(top.cursor.selected, counts.mentions) : '';
		case 'help':
		case 'picker':
		case 'link':
			return '';
		case 'timeline':
		case 'papers':
		case 'researchers':
			return of(state.cursors[context].selected, counts[context]);
		case 'search':
			return of(state.cursors[state.view].selected, counts[state.view]);
		default: {
			const never: never = context;
			return never;
		}
	}
}

export interface StatusLineProps {
	state: UiState;
	context: Context;
	columns: number;
	color: boolean;
	/** The clock the refresh news fades by. */
	now?: Date;
}

export function StatusLine({state, context, columns, color, now = new Date()}: StatusLineProps): ReactElement {
	const right = [filterSummary(state), position(state, context)].filter(s => s !== '').join('  ');
	const left: Segment[] = state.message !== null ? [{text: oneLine(state.message), style: 'warn'}] : (refreshSummary(state.refresh, now) ?? []);
	const leftWidth = Math.max(0, columns - width(right) - 1);
	const pending = searchPending(state) ? `  filters from ${LIVE_SEARCH_MIN} characters (${keyFor('search.accept', 'search')}: now)` : '';
	const hint: Segment[] = state.linkInput !== null
		? [
				{text: `open link #${state.linkInput}_`, style: 'bold'},
				{text: `  ${keyHint('link', Math.max(0, columns - state.linkInput.length - 16))}`, style: 'dim'},
			]
		: state.searching
		? [
				{text: `/${oneLine(state.search)}_`, style: 'bold'},
				{text: pending, style: 'warn'},
				{text: `  ${keyHint('search', Math.max(0, columns - state.search.length - pending.length - 4))}`, style: 'dim'},
			]
		: [{text: keyHint(context, columns), style: 'dim'}];
	return (
		<Box flexDirection="column" height={2}>
			<Box flexDirection="row" height={1}>
				<Box width={leftWidth}>
					<Line segments={left} columns={leftWidth} color={color} />
				</Box>
				<Box width={columns - leftWidth} justifyContent="flex-end">
					<Line segments={[{text: right, style: 'accent'}]} columns={columns - leftWidth} color={color} />
				</Box>
			</Box>
			<Line segments={hint} columns={columns} color={color} />
		</Box>
	);
}
