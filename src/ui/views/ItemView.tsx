/**
 * An open item, full screen, scrolled by line. The lines come from `itemLines` (laid out once per
 * item and width by the controller, which also needs their count to clamp scrolling).
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import type {Size} from '../../state/layout.js';
import {viewportHeight} from '../../state/layout.js';
import {Line} from '../components/Line.js';
import {markMatches} from '../format/matches.js';
import {goneText} from './empty-texts.js';
import type {TextLine} from './item-lines.js';

export interface ItemViewProps {
	/** null when the item no longer exists (removed researcher). */
	lines: TextLine[] | null;
	offset: number;
	size: Size;
	color: boolean;
	hyperlinks: boolean;
	/** The live filter's text: its matches are highlighted. */
	search?: string;
}

/** The lines on screen, from `offset`, with the search's matches split out for highlighting. */
export function visibleItemLines(lines: readonly TextLine[] | null, offset: number, height: number, search: string): TextLine[] {
	if (lines === null) return [[{text: goneText('item', 'item')}]];
	return lines.slice(offset, offset + height).map(l => markMatches(l, search));
}

export function ItemView({lines, offset, size, color, hyperlinks, search = ''}: ItemViewProps): ReactElement {
	const height = viewportHeight('item', size);
	const visible = visibleItemLines(lines, offset, height, search);
	return (
		<Box flexDirection="column" height={height} overflow="hidden">
			{visible.map((line, i) => (
				<Line key={offset + i} segments={line} columns={size.columns} color={color} hyperlinks={hyperlinks} />
			))}
		</Box>
	);
}
