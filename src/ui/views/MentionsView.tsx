/**
 * A paper's mentions (Enter on a paper): the paper, one row per item that mentioned it (own
 * mentions marked), and under the list its authors, category, dates and abstract. Enter opens
 * the item, `o` the paper.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {PaperRow} from '../../app/model.js';
import type {Item, PaperMeta} from '../../domain/types.js';
import {bodyHeight, MENTIONS_HEADER_ROWS, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, formatListDate} from '../format/dates.js';
import {KIND_WIDTH, kindLabel, SOURCE_GLYPH} from '../format/labels.js';
import {oneLine} from '../format/terminal.js';
import {fit} from '../format/width.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {goneText} from './empty-texts.js';
import {fitLines, paperInfoLines} from './paper-lines.js';
import {flags, headline, marker, researcherWidth} from './TimelineView.js';
import {paperTitle} from './PapersView.js';

export interface MentionsViewProps {
	paper: PaperRow | undefined;
	/** The items of the mentions on screen, by id (absent: gone from the cache). */
	items: ReadonlyMap<string, Item>;
	/** The paper's arXiv metadata, if known. */
	meta: PaperMeta | undefined;
	cursor: Cursor;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	now: Date;
}

export function MentionsView({paper, items, meta, cursor, size, color, hyperlinks, now}: MentionsViewProps): ReactElement {
	const body = bodyHeight(size);
	const height = viewportHeight('mentions', size);
	const columns = size.columns;
	if (paper === undefined) {
		return (
			<Box height={body}>
				<Line segments={[{text: goneText('paper', 'mentions')}]} columns={columns} color={color} />
			</Box>
		);
	}
	const header: Segment[][] = [
		[{text: paperTitle(paper), style: 'title'}],
		[{text: `${paper.id} · `, style: 'dim'}, {text: paper.url, style: 'link', url: paper.url}],
		[{text: `Mentioned ${paper.mentions.length} time${paper.mentions.length === 1 ? '' : 's'}:`, style: 'heading'}],
	];
	const rows = paper.mentions.slice(cursor.offset, cursor.offset + height);
	// Under the rows shown (a short list leaves more room), a rule and what arXiv says about the paper.
	const room = Math.max(0, body - MENTIONS_HEADER_ROWS - rows.length - 1);
	const info = fitLines(paperInfoLines(paper, meta, columns, {explainMissing: true}), room, columns);
	return (
		<Box flexDirection="column" height={body} overflow="hidden">
			{header.slice(0, MENTIONS_HEADER_ROWS).map((line, i) => (
				<Line key={`h${i}`} segments={line} columns={columns} color={color} hyperlinks={hyperlinks} />
			))}
			{rows.map((m, i) => {
				const selected = cursor.offset + i === cursor.selected;
				const item = items.get(m.item);
				const segments: Segment[] = [
					{text: marker(selected, color) + flags(item !== undefined && !item.read, item?.starred ?? false) + ' '},
					{text: fit(formatListDate(m.date, item?.datePrecision ?? 'instant', now), DATE_WIDTH) + ' ', style: 'dim'},
					{text: fit(oneLine(m.researcher), researcherWidth(columns)) + ' ', style: 'accent'},
					{text: SOURCE_GLYPH[m.source] + ' ' + fit(item ? kindLabel(item.kind) : '', KIND_WIDTH) + ' ', style: 'dim'},
					...(m.own ? [{text: '(author) ', style: 'accent' as const}] : []),
					{text: item ? headline(item) : '(item gone)'},
				];
				return <Line key={`${m.item}-${i}`} segments={segments} columns={columns} color={color} selected={selected} strong={item !== undefined && !item.read} />;
			})}
			{room > 0 ? <Line segments={[{text: '─'.repeat(columns), style: 'dim'}]} columns={columns} color={color} /> : null}
			{info.map((line, i) => (
				<Line key={`i${i}`} segments={line} columns={columns} color={color} />
			))}
		</Box>
	);
}
