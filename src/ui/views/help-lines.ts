/**
 * The `?` screen's text at a width: every binding of the keymap table with its keys, descriptions
 * wrapped under themselves, then a legend for the row marks. Pure: the controller counts these
 * lines (to clamp scrolling) and the overlay draws a screenful of them.
 */
import {KEYMAP, keyLabels} from '../../keys/keymap.js';
import {PAPER_BADGE, SOURCE_GLYPH} from '../format/labels.js';
import {fit, wrap} from '../format/width.js';
import type {Segment} from '../components/Line.js';

const KEYS_WIDTH = 24;

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
