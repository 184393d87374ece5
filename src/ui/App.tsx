/**
 * The root component: draws the controller's snapshot and hands it the keys and the terminal's
 * size. What a key does is the controller's business (src/ui/controller/), not this file's.
 */
import {Box, useInput} from 'ink';
import type {ReactElement} from 'react';
import {useSyncExternalStore} from 'react';
import type {Context} from '../keys/keymap.js';
import {bodyHeight, frameHeight} from '../state/layout.js';
import {activeSearch, dividerAt, pickerNames, topScreen} from '../state/types.js';
import {shortWhen} from './format/dates.js';
import type {UiState} from '../state/types.js';
import {Header} from './components/Header.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {Picker} from './components/Picker.js';
import {filterSummary, StatusLine} from './components/StatusLine.js';
import type {UiSnapshot} from './controller/snapshot.js';
import type {TuiController} from './controller/tui-controller.js';
import {useTerminalResize} from './terminal-size.js';
import {papersEmpty, sourcesEmpty, timelineEmpty} from './views/empty-texts.js';
import {ItemView} from './views/ItemView.js';
import {MentionsView} from './views/MentionsView.js';
import {PapersView} from './views/PapersView.js';
import {ResearchersView} from './views/ResearchersView.js';
import {TimelineView} from './views/TimelineView.js';

export interface AppProps {
	controller: TuiController;
	/** False under NO_COLOR: no colour or styles, the selected row marked with `>`. */
	color?: boolean;
	/** Whether to emit OSC 8 hyperlinks. */
	hyperlinks?: boolean;
}

/** How the views draw: colour, hyperlinks, and the time relative dates count from. */
interface Look {
	color: boolean;
	hyperlinks: boolean;
	now: Date;
}

export function App({controller, color = true, hyperlinks = false}: AppProps): ReactElement {
	const snapshot = useSyncExternalStore(controller.subscribe, controller.getSnapshot, controller.getSnapshot);
	useInput(controller.press);
	useTerminalResize(controller.resize);
	const {state, context} = snapshot;
	const {size} = state;
	const look: Look = {color, hyperlinks, now: controller.now()};
	return (
		// No overflow="hidden" here or on the hot list views: Ink then slices every line of the frame
		// (a third of a frame's cost). Views draw exactly their height in lines already cut to width.
		<Box flexDirection="column" width={size.columns} height={frameHeight(size)}>
			<Header view={state.view} columns={size.columns} color={color} title={withLive(headerTitle(state, context, look.now), state.refresh.live)} />
			<Box flexDirection="column" height={bodyHeight(size)}>
				{body(snapshot, look)}
			</Box>
			<StatusLine state={state} context={context} columns={size.columns} color={color} now={look.now} />
		</Box>
	);
}

/** The screen under the header: an overlay, else the top screen, else the view. */
function body({state, names, unread, timeline, papers, sources, mentions, item}: UiSnapshot, {color, hyperlinks, now}: Look): ReactElement {
	const {size} = state;
	const top = topScreen(state);
	if (state.help !== null) return <HelpOverlay offset={state.help.offset} size={size} color={color} />;
	if (state.picker !== null) {
		return <Picker names={pickerNames(names, state.pickerFilter)} filter={state.pickerFilter} unread={unread} cursor={state.picker} size={size} color={color} />;
	}
	if (top?.kind === 'item') return <ItemView lines={item} offset={top.offset} size={size} color={color} hyperlinks={hyperlinks} search={activeSearch(state)} />;
	if (top?.kind === 'mentions') {
		return <MentionsView paper={mentions.paper} items={mentions.items} meta={mentions.meta} cursor={top.cursor} size={size} color={color} hyperlinks={hyperlinks} now={now} />;
	}
	const filtered = filterSummary(state) !== '' || state.search !== '';
	switch (state.view) {
		case 'timeline':
			return (
				<TimelineView
					rows={timeline.rows}
					cursor={state.cursors.timeline}
					size={size}
					color={color}
					hyperlinks={hyperlinks}
					now={now}
					emptyText={timelineEmpty({filtered, anyResearcher: names.length > 0, refreshing: state.refresh.running})}
					shared={timeline.shared}
					detailInfo={timeline.detailInfo}
					search={activeSearch(state)}
					divider={dividerOf(state)}
				/>
			);
		case 'papers':
			return (
				<PapersView
					rows={papers.rows}
					cursor={state.cursors.papers}
					size={size}
					color={color}
					hyperlinks={hyperlinks}
					now={now}
					emptyText={papersEmpty({ownOnly: state.ownOnly, filtered, unreadOnly: state.unreadOnly})}
					selectedMeta={papers.selectedMeta}
				/>
			);
		case 'researchers':
			return (
				<ResearchersView
					sources={sources}
					cursor={state.cursors.researchers}
					size={size}
					color={color}
					hyperlinks={hyperlinks}
					now={now}
					emptyText={sourcesEmpty(filtered)}
				/>
			);
		default: {
			const never: never = state.view;
			return never;
		}
	}
}

/** Where the timeline's "new since you last looked" divider goes, if anywhere. */
function dividerOf(state: UiState): {at: number; since: string} | null {
	const at = dividerAt(state);
	return at === null || state.fresh.since === null ? null : {at, since: state.fresh.since};
}

/** `7 new since 18:02`: what arrived since the last session, or '' when nothing did. */
function freshTitle(state: UiState, now: Date): string {
	const {count, since} = state.fresh;
	return count > 0 && since !== null ? `${count} new since ${shortWhen(new Date(since), now)}` : '';
}

/** The live stream's state after the view's title: `live`, or why not. */
function withLive(title: string, live: string | undefined): string {
	if (live === undefined) return title;
	return title === '' ? live : `${title} · ${live}`;
}

function headerTitle(state: UiState, context: Context, now: Date): string {
	switch (context) {
		case 'item':
			return '› item';
		case 'mentions':
			return '› paper mentions';
		case 'help':
			return '› help';
		case 'picker':
			return '› pick a researcher';
		default:
			return state.search !== '' && state.searching ? '› search' : freshTitle(state, now);
	}
}
