/**
 * Papers: one row per paper, most recently mentioned first, with who mentioned it where
 * ("Leqi Liu on Bluesky (author), Wei Liu's homepage"). Read and star flags are those its items
 * share. Only the visible rows are read (`model.paperWindow`); on a wide terminal the selected
 * paper's authors and abstract show beside the list.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {PaperRow} from '../../app/model.js';
import type {Paper, PaperMeta} from '../../domain/types.js';
import {isWide, splitWidths, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, formatListDate} from '../format/dates.js';
import {oneLine} from '../format/terminal.js';
import {fit, width, wrap} from '../format/width.js';
import {DetailPane} from '../components/DetailPane.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {fitLines, fitMentionSummary, mentionSummary, paperInfoLines} from './paper-lines.js';
import {flags, marker} from './TimelineView.js';

export {mentionSummary};

export function paperTitle(paper: Paper): string {
	return paper.title !== null && paper.title.trim() !== '' ? oneLine(paper.title) : paper.id;
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
	const date = newest === undefined ? '' : formatListDate(newest.date, newest.datePrecision ?? 'instant', o.now);
	const head = marker(o.selected, o.color) + flags(o.unread, o.starred) + ' ';
	const rest = columns - HEAD_WIDTH - DATE_WIDTH - 1;
	const whoWidth = o.whoWidth ?? whoColumnWidth([paper], columns);
	const who = fitMentionSummary(paper, whoWidth);
	const titleWidth = Math.max(10, rest - whoWidth - 2);
	return [
		{text: head},
		{text: fit(date, DATE_WIDTH) + ' ', style: 'dim'},
		{text: fit(paperTitle(paper), titleWidth) + '  '},
		{text: who, style: 'accent'},
	];
}

/** The detail pane: the paper, who mentioned it where, then its authors, category, dates and abstract. */
export function paperDetailLines(paper: Paper, meta: PaperMeta | undefined, columns: number): Segment[][] {
	const lines: Segment[][] = wrap(paperTitle(paper), columns).map((l): Segment[] => [{text: l, style: 'title'}]);
	lines.push(...wrap(`${paper.id} · ${paper.url}`, columns).map((l): Segment[] => [{text: l, style: 'dim', url: paper.url}]));
	lines.push([]);
	const n = paper.mentions.length;
	lines.push(...wrap(`Mentioned ${n} time${n === 1 ? '' : 's'}: ${mentionSummary(paper)}`, columns).map((l): Segment[] => [{text: l, style: 'accent'}]));
	lines.push([]);
	lines.push(...paperInfoLines(paper, meta, columns, {explainMissing: true}));
	return lines;
}

export interface PapersViewProps {
	/** The visible rows only, from `model.paperWindow(query, cursor.offset, height)`. */
	rows: readonly PaperRow[];
	cursor: Cursor;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	now: Date;
	emptyText: string;
	/** arXiv metadata of the selected paper, for the detail pane on a wide terminal. */
	selectedMeta?: PaperMeta | undefined;
}

export function PapersView({rows, cursor, size, color, hyperlinks, now, emptyText, selectedMeta}: PapersViewProps): ReactElement {
	const height = viewportHeight('papers', size);
	const wide = isWide(size);
	const {list: listWidth, detail: detailWidth} = wide ? splitWidths(size.columns) : {list: size.columns, detail: 0};
	const whoWidth = whoColumnWidth(rows, listWidth);
	const selectedPaper = rows[cursor.selected - cursor.offset];
	// A rule and a space, then the paper in what is left.
	const detail = wide && selectedPaper !== undefined ? fitLines(paperDetailLines(selectedPaper, selectedMeta, detailWidth - 1), height, detailWidth - 1) : [];
	return (
		<Box flexDirection="row" height={height}>
			<Box flexDirection="column" width={listWidth} height={height}>
				{rows.length === 0 ? (
					<Line segments={[{text: '  ' + emptyText, style: 'dim'}]} columns={listWidth} color={color} />
				) : (
					rows.map((paper, i) => {
						const selected = cursor.offset + i === cursor.selected;
						return (
							<Line
								key={paper.id}
								segments={paperRow(paper, listWidth, {selected, color, now, whoWidth, unread: !paper.read, starred: paper.starred})}
								columns={listWidth}
								color={color}
								selected={selected}
								strong={!paper.read}
							/>
						);
					})
				)}
			</Box>
			{wide ? (
				<DetailPane lines={detail} width={detailWidth} height={height} color={color} hyperlinks={hyperlinks} />
			) : null}
		</Box>
	);
}
