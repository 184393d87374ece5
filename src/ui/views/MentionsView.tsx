/**
 * A paper's mentions (Enter on a paper): the paper, then one row per item that mentioned it.
 * Enter opens the item, `o` the paper.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {FeedModel} from '../../app/model.js';
import type {Paper} from '../../domain/types.js';
import {MENTIONS_HEADER_ROWS, viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {DATE_WIDTH, fit, formatListDate, KIND_WIDTH, kindLabel, oneLine, SOURCE_GLYPH} from '../format.js';
import {Line} from '../components/Line.js';
import type {Segment} from '../components/Line.js';
import {flags, headline, marker, researcherWidth} from './TimelineView.js';
import {paperTitle} from './PapersView.js';

export interface MentionsViewProps {
	model: FeedModel;
	paper: Paper | undefined;
	cursor: Cursor;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	now: Date;
}

export function MentionsView({model, paper, cursor, size, color, hyperlinks, now}: MentionsViewProps): ReactElement {
	const height = viewportHeight('mentions', size);
	const columns = size.columns;
	if (paper === undefined) {
		return (
			<Box height={height + MENTIONS_HEADER_ROWS}>
				<Line segments={[{text: 'This paper is no longer in the cache. Esc goes back.'}]} columns={columns} color={color} />
			</Box>
		);
	}
	const header: Segment[][] = [
		[{text: paperTitle(paper), style: 'title'}],
		[{text: `${paper.id} · `, style: 'dim'}, {text: paper.url, style: 'link', url: paper.url}],
		[{text: paper.authors.length > 0 ? paper.authors.map(oneLine).join(', ') : 'authors unknown', style: 'dim'}],
		[{text: `Mentioned ${paper.mentions.length} time${paper.mentions.length === 1 ? '' : 's'}:`, style: 'heading'}],
	];
	const rows = paper.mentions.slice(cursor.offset, cursor.offset + height);
	return (
		<Box flexDirection="column" height={height + MENTIONS_HEADER_ROWS} overflow="hidden">
			{header.slice(0, MENTIONS_HEADER_ROWS).map((line, i) => (
				<Line key={`h${i}`} segments={line} columns={columns} color={color} hyperlinks={hyperlinks} />
			))}
			{rows.map((m, i) => {
				const selected = cursor.offset + i === cursor.selected;
				const item = model.item(m.item);
				const segments: Segment[] = [
					{text: marker(selected, color) + flags(item !== undefined && !item.read, item?.starred ?? false) + ' '},
					{text: fit(formatListDate(m.date, item?.datePrecision ?? 'instant', now), DATE_WIDTH) + ' ', style: 'dim'},
					{text: fit(oneLine(m.researcher), researcherWidth(columns)) + ' ', style: 'accent'},
					{text: SOURCE_GLYPH[m.source] + ' ' + fit(item ? kindLabel(item.kind) : '', KIND_WIDTH) + ' ', style: 'dim'},
					{text: (m.own ? 'own ' : '    ') + (item ? headline(item) : '(item gone)')},
				];
				return <Line key={`${m.item}-${i}`} segments={segments} columns={columns} color={color} selected={selected} strong={item !== undefined && !item.read} />;
			})}
		</Box>
	);
}
