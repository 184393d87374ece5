/**
 * The timeline: one row per item, only the visible rows fetched (`model.window`), and on a wide
 * terminal the selected item's detail beside the list.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {Item} from '../../domain/types.js';
import {isWide, splitWidths, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {BADGE_WIDTH, DATE_WIDTH, fit, formatListDate, KIND_WIDTH, kindLabel, oneLine, PAPER_BADGE, SOURCE_GLYPH} from '../format.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {itemLines} from './item-lines.js';

export interface RowOptions {
	selected: boolean;
	color: boolean;
	now: Date;
}

/** The marker column: `>` on the selected row when there is no inverse video to show it. */
export function marker(selected: boolean, color: boolean): string {
	return selected && !color ? '> ' : '  ';
}

/** Flag columns: `N` unread, `*` starred. */
export function flags(unread: boolean, starred: boolean): string {
	return (unread ? 'N' : ' ') + (starred ? '*' : ' ');
}

export function researcherWidth(columns: number): number {
	return Math.max(8, Math.min(18, Math.floor(columns * 0.15)));
}

/** Title, else the first line of the text. */
export function headline(item: Item): string {
	if (item.title !== null && item.title.trim() !== '') return oneLine(item.title);
	const first = item.text.split('\n').find(l => l.trim() !== '') ?? '';
	return oneLine(first);
}

/** One timeline row: marker, flags, date, researcher, source glyph, kind, paper badge, headline. */
export function timelineRow(item: Item, columns: number, options: RowOptions): Segment[] {
	const {selected, color, now} = options;
	return [
		{text: marker(selected, color) + flags(!item.read, item.starred) + ' '},
		{text: fit(formatListDate(item.date, item.datePrecision, now), DATE_WIDTH) + ' ', style: 'dim'},
		{text: fit(oneLine(item.researcher), researcherWidth(columns)) + ' ', style: 'accent'},
		{text: SOURCE_GLYPH[item.source] + ' ' + fit(kindLabel(item.kind), KIND_WIDTH) + ' ', style: 'dim'},
		{text: (item.papers.length > 0 ? PAPER_BADGE : ' '.repeat(BADGE_WIDTH)) + ' '},
		{text: headline(item)},
	];
}

export interface TimelineViewProps {
	/** The visible rows only, from `model.window(query, cursor.offset, height)`. */
	rows: readonly Item[];
	cursor: Cursor;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	now: Date;
	/** Why the list is empty, when it is. */
	emptyText: string;
}

export function TimelineView(props: TimelineViewProps): ReactElement {
	const {rows, cursor, size, color, hyperlinks, now} = props;
	const height = viewportHeight('timeline', size);
	const wide = isWide(size);
	const {list: listWidth, detail: detailWidth} = wide ? splitWidths(size.columns) : {list: size.columns, detail: 0};
	const selectedItem = rows[cursor.selected - cursor.offset];
	// The detail pane: a rule and a space, then the item laid out in what is left.
	const detail = wide && selectedItem !== undefined ? itemLines(selectedItem, detailWidth - 1, now) : [];
	return (
		<Box flexDirection="row" height={height} overflow="hidden">
			<Box flexDirection="column" width={listWidth} height={height} overflow="hidden">
				{rows.length === 0 ? (
					<Line segments={[{text: '  ' + props.emptyText, style: 'dim'}]} columns={listWidth} color={color} />
				) : (
					rows.map((item, i) => {
						const selected = cursor.offset + i === cursor.selected;
						return (
							<Line
								key={item.id}
								segments={timelineRow(item, listWidth, {selected, color, now})}
								columns={listWidth}
								color={color}
								selected={selected}
								strong={!item.read}
							/>
						);
					})
				)}
			</Box>
			{wide ? (
				<Box flexDirection="column" width={detailWidth + 1} height={height} overflow="hidden">
					{Array.from({length: height}, (_, i) => {
						const line = detail[i] ?? [];
						return (
							<Line key={i} segments={[{text: '│ ', style: 'dim'}, ...line]} columns={detailWidth + 1} color={color} hyperlinks={hyperlinks} />
						);
					})}
				</Box>
			) : null}
		</Box>
	);
}
