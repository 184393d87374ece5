/**
 * The timeline: one row per item, only the visible rows fetched (`model.window`), and on a wide
 * terminal the selected item's detail beside the list.
 */
import {Box} from 'ink';
import {useRef} from 'react';
import type {ReactElement} from 'react';
import type {AlsoShared, Item} from '../../domain/types.js';
import {isWide, splitWidths, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, formatListDate, shortWhen} from '../format/dates.js';
import {BADGE_WIDTH, KIND_WIDTH, kindLabel, PAPER_BADGE, repostAuthor, SOURCE_GLYPH} from '../format/labels.js';
import {markMatches} from '../format/matches.js';
import {oneLine} from '../format/terminal.js';
import {fit, width} from '../format/width.js';
import {DetailPane} from '../components/DetailPane.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {itemLines} from './item-lines.js';
import type {ItemPaperInfo} from './item-lines.js';

export interface RowOptions {
	selected: boolean;
	color: boolean;
	now: Date;
	/** How many other researchers shared the item's papers: `+N` at the end of the row. */
	others?: number;
	/** The live filter's text: its matches in the headline are highlighted. */
	search?: string;
}

/** Rows narrower than this leave the `+N` marker out: the headline needs the room more. */
const SHARED_MARK_MIN_COLUMNS = 60;

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
	const head: Segment[] = [
		{text: marker(selected, color) + flags(!item.read, item.starred) + ' '},
		{text: fit(formatListDate(item.date, item.datePrecision, now), DATE_WIDTH) + ' ', style: 'dim'},
		{text: fit(oneLine(item.researcher), researcherWidth(columns)) + ' ', style: 'accent'},
		{text: SOURCE_GLYPH[item.source] + ' ' + fit(kindLabel(item.kind), KIND_WIDTH) + ' ', style: 'dim'},
		{text: (item.papers.length > 0 ? PAPER_BADGE : ' '.repeat(BADGE_WIDTH)) + ' '},
	];
	const others = options.others ?? 0;
	const search = options.search ?? '';
	const author = repostAuthor(item);
	// A repost says whose post it is before the post's words: "Mira Chen: Our paper…".
	const by = author === null ? '' : `${oneLine(author.name)}: `;
	const line = (room: number): Segment[] => {
		const text = fit(by + headline(item), Math.max(0, room));
		const parts: Segment[] = by !== '' && text.startsWith(by) ? [{text: by, style: 'accent'}, {text: text.slice(by.length)}] : [{text}];
		return markMatches(
			parts.filter(p => p.text !== ''),
			search,
		);
	};
	const used = head.reduce((n, s) => n + width(s.text), 0);
	if (others <= 0 || columns < SHARED_MARK_MIN_COLUMNS) return [...head, ...line(columns - used)];
	// "Also shared by" N others, right-aligned so the headlines still line up.
	const mark = ` +${others}`;
	return [...head, ...line(columns - used - mark.length), {text: mark, style: 'accent'}];
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
	/** Other researchers who shared the rows' papers, by item id. */
	shared?: ReadonlyMap<string, readonly AlsoShared[]>;
	/** What the model knows about the selected item's papers, for the detail pane. */
	detailInfo?: ItemPaperInfo;
	/** The live filter's text, highlighted in the rows and the detail pane. */
	search?: string;
	/** The "new since you last looked" divider: below this many rows of the list, and since when (ISO). */
	divider?: {at: number; since: string} | null;
}

/** The divider's line: `── ↑ new since you last looked (18:02) ─────`. */
export function dividerLine(since: string, now: Date, columns: number): Segment[] {
	const label = `── ↑ new since you last looked (${shortWhen(new Date(since), now)}) `;
	return [{text: fit(label + '─'.repeat(Math.max(0, columns - width(label))), columns), style: 'warn'}];
}

/** Lines of abstract the detail pane previews per paper (the item view shows it all). */
const DETAIL_ABSTRACT_LINES = 6;

/**
 * A row's segments, kept per item object while nothing they show changes: moving the selection
 * then hands unchanged rows the same segments, and the memoised Line skips them. Dates are keyed
 * by the minute (relative ages are shown to the minute). Bound: one entry per Item object still
 * alive (a WeakMap; the model hands out the same objects within a rows version). Invalidated by a
 * new Item object (the model's rowsVersion moved) or another width, selection, colour, count of
 * other sharers or minute.
 */
function useRowCache(): (item: Item, columns: number, options: RowOptions) => Segment[] {
	const cache = useRef(new WeakMap<Item, {key: string; segments: Segment[]}>());
	return (item, columns, options) => {
		const key = `${columns}|${options.selected}|${options.color}|${options.others ?? 0}|${Math.floor(options.now.getTime() / 60_000)}|${options.search ?? ''}`;
		const hit = cache.current.get(item);
		if (hit?.key === key) return hit.segments;
		const segments = timelineRow(item, columns, options);
		cache.current.set(item, {key, segments});
		return segments;
	};
}

export function TimelineView(props: TimelineViewProps): ReactElement {
	const {rows, cursor, size, color, hyperlinks, now} = props;
	const rowSegments = useRowCache();
	const height = viewportHeight('timeline', size);
	const wide = isWide(size);
	// The divider takes a row where it falls on screen (the reducer keeps the selection a row short
	// of the bottom while there is one, so the row it pushes off is never the selected one).
	const dividerRow = props.divider == null ? -1 : props.divider.at - cursor.offset;
	const showDivider = dividerRow >= 0 && dividerRow < height && dividerRow <= rows.length;
	const shown = showDivider && rows.length >= height ? rows.slice(0, Math.max(0, height - 1)) : rows;
	const {list: listWidth, detail: detailWidth} = wide ? splitWidths(size.columns) : {list: size.columns, detail: 0};
	const selectedItem = rows[cursor.selected - cursor.offset];
	// The detail pane: a rule and a space, then the item laid out in what is left.
	const search = props.search ?? '';
	const detail =
		wide && selectedItem !== undefined
			? itemLines(selectedItem, detailWidth - 1, now, {...props.detailInfo, abstractLines: DETAIL_ABSTRACT_LINES}).map(l => markMatches(l, search))
			: [];
	return (
		<Box flexDirection="row" height={height}>
			<Box flexDirection="column" width={listWidth} height={height}>
				{rows.length === 0 ? (
					<Line segments={[{text: '  ' + props.emptyText, style: 'dim'}]} columns={listWidth} color={color} />
				) : (
					shown.flatMap((item, i) => {
						const selected = cursor.offset + i === cursor.selected;
						const divider =
							showDivider && i === dividerRow && props.divider != null ? [<Line key="divider" segments={dividerLine(props.divider.since, now, listWidth)} columns={listWidth} color={color} />] : [];
						return [
							...divider,
							<Line
								key={item.id}
								segments={rowSegments(item, listWidth, {selected, color, now, search, others: props.shared?.get(item.id)?.length ?? 0})}
								columns={listWidth}
								color={color}
								selected={selected}
								strong={!item.read}
							/>,
						];
					})
				)}
				{showDivider && props.divider != null && dividerRow === shown.length ? (
					<Line key="divider" segments={dividerLine(props.divider.since, now, listWidth)} columns={listWidth} color={color} />
				) : null}
			</Box>
			{wide ? (
				<DetailPane lines={detail} width={detailWidth} height={height} color={color} hyperlinks={hyperlinks} />
			) : null}
		</Box>
	);
}
