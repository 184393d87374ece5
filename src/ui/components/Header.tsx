/** The top line: the three views (the current one marked) and what the view shows. */
import {Box, Text} from 'ink';
import type {ReactElement} from 'react';
import {VIEWS} from '../../state/types.js';
import type {ViewId} from '../../state/types.js';
import {truncate, width} from '../format/width.js';

const TITLES: Record<ViewId, string> = {timeline: 'Timeline', papers: 'Papers', researchers: 'Researchers'};

export function Header({view, columns, color, title}: {view: ViewId; columns: number; color: boolean; title: string}): ReactElement {
	const tabs = VIEWS.map(v => (v === view && !color ? `[${TITLES[v]}]` : ` ${TITLES[v]} `));
	// The app's name goes first when space runs out; the views never do.
	const lead = columns >= 60 ? 'research-feed ' : '';
	const used = width(lead) + tabs.reduce((n, t) => n + width(t), 0);
	const rest = truncate(title === '' ? '' : `  ${title}`, Math.max(0, columns - used));
	if (used > columns) {
		return <Text wrap="truncate-end">{truncate(lead + tabs.join(''), columns)}</Text>;
	}
	return (
		<Box height={1}>
			<Text wrap="truncate-end">
				<Text bold={color}>{lead}</Text>
				{VIEWS.map((v, i) => (
					<Text key={v} inverse={color && v === view} dimColor={color && v !== view}>
						{tabs[i]}
					</Text>
				))}
				<Text dimColor={color}>{rest}</Text>
			</Text>
		</Box>
	);
}
