/**
 * `?`: every binding of the keymap table, with where it applies, and a legend for the row glyphs.
 * Drawn instead of the view (Ink has no z-order), scrolled with the movement keys.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {keyFor, keysFor} from '../../keys/keymap.js';
import {viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import {helpLines} from '../views/help-lines.js';
import {Line} from './Line.js';

/** `Esc, q or ?`: a list of keys as prose. */
function orList(keys: readonly string[]): string {
	return keys.length <= 1 ? keys.join('') : `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
}

/** How to leave and scroll the help screen: `(Esc, q or ? closes; j/k scroll)`. */
function helpHeading(): string {
	const closes = orList([...keysFor('back', 'help'), keyFor('help', 'help')]);
	return `  (${closes} closes; ${keyFor('move.down', 'help')}/${keyFor('move.up', 'help')} scroll)`;
}

export function HelpOverlay({offset, size, color}: {offset: number; size: Size; color: boolean}): ReactElement {
	const height = viewportHeight('help', size);
	const lines = helpLines(size.columns).slice(offset, offset + height);
	return (
		<Box flexDirection="column" height={height + 1} overflow="hidden">
			<Line segments={[{text: 'Keys', style: 'heading'}, {text: helpHeading(), style: 'dim'}]} columns={size.columns} color={color} />
			{lines.map((line, i) => (
				<Line key={offset + i} segments={line} columns={size.columns} color={color} />
			))}
		</Box>
	);
}
