/** The researcher picker (`f`): Enter filters the views to the selected researcher. */
import {Box} from 'ink';
import type {ReactElement} from 'react';
import {keyFor} from '../../keys/keymap.js';
import {viewportHeight} from '../../state/layout.js';
import type {Size} from '../../state/layout.js';
import type {Cursor} from '../../state/types.js';
import {oneLine} from '../format/terminal.js';
import {marker} from '../views/TimelineView.js';
import {Line} from './Line.js';

export function Picker({names, cursor, size, color}: {names: readonly string[]; cursor: Cursor; size: Size; color: boolean}): ReactElement {
	const height = viewportHeight('picker', size);
	const rows = names.slice(cursor.offset, cursor.offset + height);
	return (
		<Box flexDirection="column" height={height + 2} overflow="hidden">
			<Line segments={[{text: 'Filter by researcher', style: 'heading'}, {text: `  (${keyFor('open', 'picker')} picks, ${keyFor('back', 'picker')} cancels)`, style: 'dim'}]} columns={size.columns} color={color} />
			<Line segments={[]} columns={size.columns} color={color} />
			{rows.map((name, i) => {
				const selected = cursor.offset + i === cursor.selected;
				return <Line key={name} segments={[{text: marker(selected, color) + oneLine(name)}]} columns={size.columns} color={color} selected={selected} />;
			})}
		</Box>
	);
}
