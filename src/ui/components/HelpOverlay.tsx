/**
 * `?`: every binding of the keymap table, with where it applies, and a legend for the row glyphs.
 * Drawn instead of the view (Ink has no z-order), scrolled with the movement keys.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {KEYMAP, keyLabels} from '../../keys/keymap.js';
import {viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import {fit, PAPER_BADGE, SOURCE_GLYPH, wrap} from '../format.js';
import {Line} from './Line.js';
import type {Segment} from './Line.js';

const KEYS_WIDTH = 24;

/**
 * The help screen's lines at a width: one binding per entry, descriptions wrapped under
 * themselves, then a legend for the row marks.
 */
export function helpLines(columns: number): Segment[][] {
	const lines: Segment[][] = [];
	const descWidth = Math.max(10, columns - KEYS_WIDTH - 1);
	for (const b of KEYMAP) {
		wrap(b.description, descWidth).forEach((d, i) => {
			const keys = i === 0 ? keyLabels(b.keys).join(' / ') : '';
			lines.push([{text: fit(keys, KEYS_WIDTH) + ' ', style: 'accent'}, {text: d}]);
		});
	}
	lines.push([]);
	lines.push([{text: 'Row marks', style: 'heading'}]);
	lines.push([{text: `${SOURCE_GLYPH.bluesky} Bluesky  ${SOURCE_GLYPH.homepage} homepage  ${SOURCE_GLYPH.feed} feed`, style: 'dim'}]);
	lines.push([{text: `N unread  * starred  ${PAPER_BADGE} mentions a paper`, style: 'dim'}]);
	lines.push([{text: '+2  two other researchers shared its papers too', style: 'dim'}]);
	lines.push([{text: '(author)  the researcher who mentioned the paper wrote it', style: 'dim'}]);
	return lines;
}

export function HelpOverlay({offset, size, color}: {offset: number; size: Size; color: boolean}): ReactElement {
	const height = viewportHeight('help', size);
	const lines = helpLines(size.columns).slice(offset, offset + height);
	return (
		<Box flexDirection="column" height={height + 1} overflow="hidden">
			<Line segments={[{text: 'Keys', style: 'heading'}, {text: '  (Esc, q or ? closes; j/k scroll)', style: 'dim'}]} columns={size.columns} color={color} />
			{lines.map((line, i) => (
				<Line key={offset + i} segments={line} columns={size.columns} color={color} />
			))}
		</Box>
	);
}
