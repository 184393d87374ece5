/**
 * One terminal line made of styled segments, cut to a width before Ink sees it, so a line can
 * never wrap into two (which would make the frame taller than the terminal).
 */
import {Text} from 'ink';
import {memo} from 'react';
import type {ReactElement} from 'react';
import {hyperlink} from '../format/terminal.js';
import {truncate, widthUpTo} from '../format/width.js';

export type Style =
	| 'plain'
	| 'bold'
	| 'dim'
	| 'accent'
	| 'error'
	| 'ok'
	| 'warn'
	| 'title'
	| 'heading'
	| 'quote'
	| 'alt'
	| 'link';

export interface Segment {
	text: string;
	style?: Style;
	/** Makes the segment an OSC 8 hyperlink where the terminal supports them. */
	url?: string;
	/** Text the search matched: highlighted, also without colour (underline). */
	match?: boolean;
}

/** Segments cut to `columns` display columns in total; padded with spaces to it when `pad`. */
export function fitSegments(segments: readonly Segment[], columns: number, pad = false): Segment[] {
	const out: Segment[] = [];
	let used = 0;
	for (const s of segments) {
		const w = widthUpTo(s.text, columns - used);
		if (used + w <= columns) {
			out.push(s);
			used += w;
			continue;
		}
		const room = columns - used;
		if (room > 0) {
			const cut = truncate(s.text, room);
			out.push({...s, text: cut});
			used += widthUpTo(cut, room);
		}
		break;
	}
	if (pad && used < columns) out.push({text: ' '.repeat(columns - used)});
	return out;
}

/** The plain text of a line (what a test or a screen reader sees). */
export function lineText(segments: readonly Segment[]): string {
	return segments.map(s => s.text).join('');
}

interface StyleProps {
	bold?: boolean;
	dimColor?: boolean;
	italic?: boolean;
	underline?: boolean;
	color?: string;
}

function styleProps(style: Style | undefined): StyleProps {
	switch (style ?? 'plain') {
		case 'bold':
		case 'title':
			return {bold: true};
		case 'heading':
			return {bold: true, underline: true};
		case 'dim':
			return {dimColor: true};
		case 'accent':
			return {color: 'cyan'};
		case 'error':
			return {color: 'red'};
		case 'ok':
			return {color: 'green'};
		case 'warn':
			return {color: 'yellow'};
		case 'quote':
			return {dimColor: true};
		case 'alt':
			return {italic: true, dimColor: true};
		case 'link':
			return {color: 'blue', underline: true};
		default:
			return {};
	}
}

export interface LineProps {
	segments: readonly Segment[];
	columns: number;
	/** Colour and styles on; off for NO_COLOR. */
	color: boolean;
	hyperlinks?: boolean;
	/** Inverse video across the whole width (the selected row). */
	selected?: boolean;
	/** Bold across the line (unread rows). */
	strong?: boolean;
}

/**
 * A search match in colour: reversed, yellow, bold and underlined (on the selected row, reversed
 * already, the colour and underline set it apart).
 */
function matchProps(selected: boolean): StyleProps & {inverse?: boolean} {
	return {inverse: !selected, bold: true, underline: true, color: 'yellow'};
}

/**
 * A search match without colour (NO_COLOR): bold and underlined, which are not colours. Written as
 * SGR codes here because the styling library turns every style off with colour; Ink measures the
 * text without them, so widths stay what fitSegments made them.
 */
function plainMatch(text: string): string {
	return `\u001b[1;4m${text}\u001b[22;24m`;
}

function LineView({segments, columns, color, hyperlinks = false, selected = false, strong = false}: LineProps): ReactElement {
	const fitted = fitSegments(segments, columns, selected);
	const text = fitted.length === 0 ? ' ' : undefined;
	return (
		<Text wrap="truncate-end" inverse={color && selected} bold={color && strong}>
			{text}
			{fitted.map((s, i) => (
				<Text key={i} {...(color ? styleProps(s.style) : {})} {...(s.match === true && color ? matchProps(selected) : {})}>
					{s.match === true && !color ? plainMatch(s.text) : s.url !== undefined ? hyperlink(s.url, s.text, hyperlinks) : s.text}
				</Text>
			))}
		</Text>
	);
}

/** Memoised: a row whose segments (the same array) and flags did not change is not redrawn by React. */
export const Line = memo(LineView);
