/**
 * Papers: one row per paper, most recently mentioned first, with who mentioned it where
 * ("Leqi Liu on Bluesky, Wei Liu's homepage"). Read and star flags are those of its items.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {FeedModel} from '../../app/model.js';
import type {Paper} from '../../domain/types.js';
import {viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, fit, formatListDate, mentionPhrase, oneLine, truncate, width} from '../format.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {flags, marker} from './TimelineView.js';

/** "Leqi Liu on Bluesky, Wei Liu's homepage": each researcher and source once, newest first. */
export function mentionSummary(paper: Paper): string {
	const seen = new Set<string>();
	const phrases: string[] = [];
	for (const m of paper.mentions) {
		const phrase = mentionPhrase(oneLine(m.researcher), m.source);
		if (seen.has(phrase)) continue;
		seen.add(phrase);
		phrases.push(phrase);
	}
	return phrases.join(', ');
}

export function paperTitle(paper: Paper): string {
	return paper.title !== null && paper.title.trim() !== '' ? oneLine(paper.title) : paper.id;
}

/** A paper's read/star state is its items': unread while any is unread, starred while any is starred. */
export function paperFlags(model: FeedModel, paper: Paper): {unread: boolean; starred: boolean} {
	let unread = false;
	let starred = false;
	for (const m of paper.mentions) {
		const item = model.item(m.item);
		if (item === undefined) continue;
		unread ||= !item.read;
		starred ||= item.starred;
	}
	return {unread, starred};
}

const HEAD_WIDTH = 5;

/**
 * The width of the "who mentioned it" column for these rows: as wide as the widest of them needs,
 * at most 40% of the row, so titles and mentions line up from row to row.
 */
export function whoColumnWidth(papers: readonly Paper[], columns: number): number {
	const rest = columns - HEAD_WIDTH - DATE_WIDTH - 1;
	const widest = papers.reduce((w, p) => Math.max(w, width(mentionSummary(p))), 0);
	return Math.max(12, Math.min(widest, Math.floor(rest * 0.4)));
}

export function paperRow(
	paper: Paper,
	columns: number,
	o: {selected: boolean; color: boolean; now: Date; unread: boolean; starred: boolean; whoWidth?: number},
): Segment[] {
	const newest = paper.mentions[0];
	const date = newest === undefined ? '' : formatListDate(newest.date, 'instant', o.now);
	const head = marker(o.selected, o.color) + flags(o.unread, o.starred) + ' ';
	const rest = columns - HEAD_WIDTH - DATE_WIDTH - 1;
	const whoWidth = o.whoWidth ?? whoColumnWidth([paper], columns);
	const who = truncate(mentionSummary(paper), whoWidth);
	const titleWidth = Math.max(10, rest - whoWidth - 2);
	return [
		{text: head},
		{text: fit(date, DATE_WIDTH) + ' ', style: 'dim'},
		{text: fit(paperTitle(paper), titleWidth) + '  '},
		{text: who, style: 'accent'},
	];
}

export interface PapersViewProps {
	model: FeedModel;
	papers: readonly Paper[];
	cursor: Cursor;
	size: Size;
	color: boolean;
	now: Date;
	emptyText: string;
}

export function PapersView({model, papers, cursor, size, color, now, emptyText}: PapersViewProps): ReactElement {
	const height = viewportHeight('papers', size);
	const rows = papers.slice(cursor.offset, cursor.offset + height);
	const whoWidth = whoColumnWidth(rows, size.columns);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{rows.length === 0 ? (
				<Line segments={[{text: '  ' + emptyText, style: 'dim'}]} columns={size.columns} color={color} />
			) : (
				rows.map((paper, i) => {
					const selected = cursor.offset + i === cursor.selected;
					const f = paperFlags(model, paper);
					return (
						<Line
							key={paper.id}
							segments={paperRow(paper, size.columns, {selected, color, now, whoWidth, ...f})}
							columns={size.columns}
							color={color}
							selected={selected}
							strong={f.unread}
						/>
					);
				})
			)}
		</Box>
	);
}
