/**
 * The researcher picker (`f`): typing narrows the list, Enter filters the views to the selected
 * researcher; each name shows how many of its items are unread.
 */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {keyFor} from '../../keys/keymap.js';
import {viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {oneLine} from '../format/terminal.js';
import {fit, width} from '../format/width.js';
import {marker} from '../views/TimelineView.js';
import {Line} from './Line.js';
import type {Segment} from './Line.js';

export interface PickerProps {
	/** The names listed: those matching what was typed. */
	names: readonly string[];
	/** What was typed ('' when nothing). */
	filter: string;
	/** Unread items per researcher, by lower-cased name. */
	unread: ReadonlyMap<string, number>;
	cursor: Cursor;
	size: Size;
	color: boolean;
}

/** `12 unread`, right-aligned in this many columns. */
const COUNT_WIDTH = 12;

/** One picker row: marker, name, and its unread count at the right (nothing when all is read). */
export function pickerRow(name: string, unread: number, columns: number, selected: boolean, color: boolean): Segment[] {
	const count = unread > 0 ? `${unread} unread` : '';
	const nameWidth = Math.max(1, columns - 2 - COUNT_WIDTH - 1);
	return [{text: marker(selected, color) + fit(oneLine(name), nameWidth) + ' '}, {text: count.padStart(COUNT_WIDTH), style: 'accent'}];
}

export function Picker({names, filter, unread, cursor, size, color}: PickerProps): ReactElement {
	const height = viewportHeight('picker', size);
	const rows = names.slice(cursor.offset, cursor.offset + height);
	const heading: Segment[] =
		filter === ''
			? [{text: 'Filter by researcher', style: 'heading'}, {text: `  (type to narrow, ${keyFor('open', 'picker')} picks, ${keyFor('back', 'picker')} cancels)`, style: 'dim'}]
			: [
					{text: 'Filter by researcher: ', style: 'heading'},
					{text: `${oneLine(filter)}_`, style: 'bold'},
					{text: `  ${names.length} match${names.length === 1 ? '' : 'es'} (${keyFor('back', 'picker')} clears)`, style: 'dim'},
				];
	const columns = Math.min(size.columns, Math.max(40, 2 + names.reduce((w, n) => Math.max(w, width(oneLine(n))), 0) + 1 + COUNT_WIDTH));
	return (
		<Box flexDirection="column" height={height + 2} overflow="hidden">
			<Line segments={heading} columns={size.columns} color={color} />
			<Line segments={[]} columns={size.columns} color={color} />
			{rows.length === 0 ? <Line segments={[{text: `  No researcher matches "${oneLine(filter)}".`, style: 'dim'}]} columns={size.columns} color={color} /> : null}
			{rows.map((name, i) => {
				const selected = cursor.offset + i === cursor.selected;
				return <Line key={name} segments={pickerRow(name, unread.get(name.toLowerCase()) ?? 0, columns, selected, color)} columns={columns} color={color} selected={selected} />;
			})}
		</Box>
	);
}
