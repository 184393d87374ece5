import {Box} from 'ink';
import type {ReactElement} from 'react';
import {Line} from './Line.js';
import type {Segment} from './Line.js';

export interface DetailPaneProps {
	/** Lines already cut to the pane (one per row; missing rows are drawn blank so the rule runs full height). */
	lines: ReadonlyArray<readonly Segment[]>;
	width: number;
	height: number;
	color: boolean;
	hyperlinks: boolean;
}

/** The right-hand pane of wide layouts (timeline and papers): a dim rule, then the selected entry's detail. */
export function DetailPane({lines, width, height, color, hyperlinks}: DetailPaneProps): ReactElement {
	return (
		<Box flexDirection="column" width={width + 1} height={height}>
			{Array.from({length: height}, (_, i) => (
				<Line key={i} segments={[{text: '│ ', style: 'dim'}, ...(lines[i] ?? [])]} columns={width + 1} color={color} hyperlinks={hyperlinks} />
			))}
		</Box>
	);
}
