/**
 * Researchers: each researcher's sources with their last successful fetch, item counts and
 * state; under the list, the selected source's last error in full.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {SourceStatus} from '../../app/model.js';
import {researcherDetailHeight, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, formatFullDate, formatListDate, relativeAge} from '../format/dates.js';
import {oneLine} from '../format/terminal.js';
import {fit, fitRight, wrap} from '../format/width.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {marker, researcherWidth} from './TimelineView.js';

/** Whether the last attempt failed (an error newer than the last success). */
export function failing(s: SourceStatus): boolean {
	return s.lastError !== null && (s.lastSuccess === null || (s.lastAttempt ?? '') > s.lastSuccess);
}

export function sourceRow(s: SourceStatus, columns: number, o: {selected: boolean; color: boolean; now: Date}): Segment[] {
	const state: Segment = failing(s)
		? {text: fit('failed', 7), style: 'error'}
		: s.lastSuccess === null
			? {text: fit('never', 7), style: 'warn'}
			: {text: fit('ok', 7), style: 'ok'};
	const last = s.lastSuccess === null ? '-' : formatListDate(s.lastSuccess, 'instant', o.now);
	const fixed = 2 + researcherWidth(columns) + 1 + 9 + 7 + DATE_WIDTH + 1 + 9;
	return [
		{text: marker(o.selected, o.color)},
		{text: fit(oneLine(s.researcher), researcherWidth(columns)) + ' ', style: 'accent'},
		{text: fit(s.source, 8) + ' ', style: 'dim'},
		state,
		{text: fit(last, DATE_WIDTH) + ' ', style: 'dim'},
		{text: fitRight(`${s.itemCount} items`, 9) + ' '},
		{text: fit(oneLine(s.target), Math.max(10, columns - fixed - 1))},
	];
}

function when(iso: string | null, now: Date): string {
	if (iso === null) return 'never';
	const age = relativeAge(new Date(iso), now);
	const suffix = age === null ? '' : age === 'now' ? ' (just now)' : ` (${age} ago)`;
	return formatFullDate(iso, 'instant') + suffix;
}

/** The selected source in full: target, fetch times, and the last error, wrapped (never cut short while it fits). */
export function sourceDetail(s: SourceStatus | undefined, columns: number, height: number, now: Date): Segment[][] {
	if (s === undefined || height <= 0) return [];
	const lines: Segment[][] = [
		[{text: `${oneLine(s.researcher)} · ${s.source} · `, style: 'bold'}, {text: oneLine(s.target), url: s.target}],
		[{text: `last success ${when(s.lastSuccess, now)} · ${s.itemCount} items`, style: 'dim'}],
		[{text: `last attempt ${when(s.lastAttempt, now)}`, style: 'dim'}],
	];
	if (s.lastError !== null) {
		for (const l of wrap(`last error: ${s.lastError}`, columns)) lines.push([{text: l, style: failing(s) ? 'error' : 'dim'}]);
	}
	if (lines.length <= height) return lines;
	// Too long for the pane: say so on the last line rather than silently dropping the rest.
	return [...lines.slice(0, height - 1), [{text: `… ${lines.length - height + 1} more lines (widen or heighten the terminal)`, style: 'dim'}]];
}

export interface ResearchersViewProps {
	sources: readonly SourceStatus[];
	cursor: Cursor;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	now: Date;
	emptyText: string;
}

export function ResearchersView({sources, cursor, size, color, hyperlinks, now, emptyText}: ResearchersViewProps): ReactElement {
	const height = viewportHeight('researchers', size);
	const detailHeight = researcherDetailHeight(size);
	const rows = sources.slice(cursor.offset, cursor.offset + height);
	const detail = sourceDetail(sources[cursor.selected], size.columns, Math.max(0, detailHeight - 1), now);
	return (
		<Box flexDirection="column" height={height + detailHeight} overflow="hidden">
			<Box flexDirection="column" height={height} overflow="hidden">
				{rows.length === 0 ? (
					<Line segments={[{text: '  ' + emptyText, style: 'dim'}]} columns={size.columns} color={color} />
				) : (
					rows.map((s, i) => {
						const selected = cursor.offset + i === cursor.selected;
						return (
							<Line
								key={`${s.researcher}|${s.source}|${s.target}`}
								segments={sourceRow(s, size.columns, {selected, color, now})}
								columns={size.columns}
								color={color}
								selected={selected}
							/>
						);
					})
				)}
			</Box>
			{detailHeight > 0 ? (
				<Box flexDirection="column" height={detailHeight} overflow="hidden">
					<Line segments={[{text: '─'.repeat(size.columns), style: 'dim'}]} columns={size.columns} color={color} />
					{detail.map((line, i) => (
						<Line key={i} segments={line} columns={size.columns} color={color} hyperlinks={hyperlinks} />
					))}
				</Box>
			) : null}
		</Box>
	);
}
