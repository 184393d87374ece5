/**
 * What each command does: reducer actions, plus the model calls and browser opens that are not the
 * reducer's business. One entry per command of the keymap, called by the controller with the UI
 * state as the previous key left it, so a command acts on the rows the user sees.
 *
 * Adding a key is a row in the keymap (src/keys/keymap.ts), an entry in COMMANDS below and, when it
 * changes the UI state, an action and its case in the reducer (src/state/reducer.ts).
 */
import type {FeedModel, PaperQuery, PaperRow, SourceStatus, TimelineQuery} from '../../app/model.js';
import type {Item} from '../../domain/types.js';
import {keyFor} from '../../keys/keymap.js';
import type {CommandId, Context, KeyMatch} from '../../keys/keymap.js';
import {stepIndex} from '../../state/reducer.js';
import {pickerNames} from '../../state/types.js';
import type {Action, UiState} from '../../state/types.js';

/** What a command acts on and with: the controller's state, the model, and the outside world. */
export interface CommandEnv {
	/** The UI state now: every action dispatched is applied at once. */
	readonly state: UiState;
	/** Where the key was pressed. */
	readonly context: Context;
	readonly model: FeedModel;
	/** What the timeline lists. */
	readonly query: TimelineQuery;
	/** What the papers view lists (read a window at a time, like the timeline). */
	readonly paperQuery: PaperQuery;
	/** The sources list as shown (filtered). */
	readonly sources: readonly SourceStatus[];
	readonly names: readonly string[];
	/** The paper whose mentions are open, if any. */
	readonly mentionsPaper: PaperRow | undefined;
	readonly dispatch: (action: Action) => void;
	/** Opens an http(s) URL in the browser and reports the outcome on the status line. */
	readonly open: (url: string) => void;
	readonly quit: () => void;
}

function timelineItem(env: CommandEnv, index = env.state.cursors.timeline.selected): Item | undefined {
	if (env.state.counts.timeline === 0) return undefined;
	return env.model.window(env.query, index, 1)[0];
}

function openScreenItem(env: CommandEnv): Item | undefined {
	const top = env.state.screens[env.state.screens.length - 1];
	return top?.kind === 'item' ? env.model.item(top.id) : undefined;
}

function selectedPaper(env: CommandEnv): PaperRow | undefined {
	if (env.state.counts.papers === 0) return undefined;
	return env.model.paperWindow(env.paperQuery, env.state.cursors.papers.selected, 1)[0];
}

function selectedMentionItem(env: CommandEnv): Item | undefined {
	const top = env.state.screens[env.state.screens.length - 1];
	if (top?.kind !== 'mentions' || env.mentionsPaper === undefined) return undefined;
	const mention = env.mentionsPaper.mentions[top.cursor.selected];
	return mention && env.model.item(mention.item);
}

/** The items a read/star toggle applies to in this context. */
function targetItems(env: CommandEnv): Item[] {
	switch (env.context) {
		case 'timeline': {
			const item = timelineItem(env);
			return item ? [item] : [];
		}
		case 'item': {
			const item = openScreenItem(env);
			return item ? [item] : [];
		}
		case 'mentions': {
			const item = selectedMentionItem(env);
			return item ? [item] : [];
		}
		default:
			return [];
	}
}

/** Reading a paper once reads it everywhere: every item that mentions it, in one change. */
function markPaperRead(env: CommandEnv, paper: PaperRow): void {
	if (!paper.read) env.model.setPaperRead(paper.id, true);
}

/** m / s on a paper: its read or star state is shared by every item that mentions it. */
function togglePaper(env: CommandEnv, flag: 'read' | 'star'): void {
	const paper = selectedPaper(env);
	if (paper === undefined) return;
	const value = flag === 'read' ? !paper.read : !paper.starred;
	if (flag === 'read') env.model.setPaperRead(paper.id, value);
	else env.model.setPaperStarred(paper.id, value);
	env.dispatch({type: 'toggled', flag, value, count: new Set(paper.mentions.map(m => m.item)).size});
}

function openItem(env: CommandEnv, item: Item, timelineIndex?: number): void {
	if (!item.read) env.model.setRead(item.id, true);
	env.dispatch(timelineIndex === undefined ? {type: 'open-item', id: item.id} : {type: 'open-item', id: item.id, timelineIndex});
}

/** `o`: the first paper's canonical URL, else the item's own. */
export function browserUrl(item: Item): string {
	return item.papers[0]?.url ?? item.url;
}

function open(env: CommandEnv): void {
	const {state, dispatch} = env;
	switch (env.context) {
		case 'timeline': {
			const item = timelineItem(env);
			if (item) openItem(env, item);
			return;
		}
		case 'papers': {
			const paper = selectedPaper(env);
			if (paper === undefined) return;
			markPaperRead(env, paper);
			dispatch({type: 'open-mentions', paperId: paper.id, count: paper.mentions.length});
			return;
		}
		case 'mentions': {
			const item = selectedMentionItem(env);
			if (item) openItem(env, item);
			return;
		}
		case 'researchers': {
			const source = env.sources[state.cursors.researchers.selected];
			if (source) dispatch({type: 'filter-researcher', name: source.researcher, view: 'timeline'});
			return;
		}
		case 'picker': {
			const name = pickerNames(env.names, state.pickerFilter)[state.picker?.selected ?? 0];
			if (name !== undefined) dispatch({type: 'filter-researcher', name});
			return;
		}
		default:
			return;
	}
}

function openInBrowser(env: CommandEnv): void {
	switch (env.context) {
		case 'timeline': {
			const item = timelineItem(env);
			if (item) env.open(browserUrl(item));
			return;
		}
		case 'item': {
			const item = openScreenItem(env);
			if (item) env.open(browserUrl(item));
			return;
		}
		case 'papers': {
			const paper = selectedPaper(env);
			if (paper === undefined) return;
			markPaperRead(env, paper);
			env.open(paper.url);
			return;
		}
		case 'mentions':
			if (env.mentionsPaper) env.open(env.mentionsPaper.url);
			return;
		default:
			return;
	}
}

function toggle(env: CommandEnv, flag: 'read' | 'star'): void {
	if (env.context === 'papers') return togglePaper(env, flag);
	const items = targetItems(env);
	if (items.length === 0) return;
	const value = flag === 'read' ? items.some(i => !i.read) : items.some(i => !i.starred);
	for (const item of items) {
		if (flag === 'read' && item.read !== value) env.model.setRead(item.id, value);
		if (flag === 'star' && item.starred !== value) env.model.setStarred(item.id, value);
	}
	env.dispatch({type: 'toggled', flag, value, count: items.length});
}

/** n / N from an open item: open the next / previous match of the timeline's search. */
function stepFromItem(env: CommandEnv, direction: 1 | -1): void {
	const {state} = env;
	if (state.search === '') {
		env.dispatch({type: 'message', text: `no search: press ${keyFor('search.start')} in a list to search`});
		return;
	}
	if (state.view !== 'timeline' || state.screens.length !== 1 || state.counts.timeline === 0) return;
	const index = stepIndex(state.cursors.timeline.selected, state.counts.timeline, direction);
	const item = timelineItem(env, index);
	if (item) openItem(env, item, index);
}

/** n / N: the next or previous match, in a list or (opening it) from an open item. */
function searchStep(env: CommandEnv, direction: 1 | -1): void {
	if (env.context === 'item') return stepFromItem(env, direction);
	env.dispatch({type: 'search-step', direction});
}

/** f: pick a researcher to filter by, or clear the filter. */
function filterResearcher(env: CommandEnv): void {
	if (env.state.researcher !== null) return env.dispatch({type: 'filter-researcher', name: null});
	if (env.names.length === 0) return env.dispatch({type: 'message', text: 'no researchers yet: research-feed add NAME …'});
	env.dispatch({type: 'picker-open', count: env.names.length});
}

/** 1–9 in an open item: its link N. */
function openLink(env: CommandEnv, match: KeyMatch): void {
	const link = openScreenItem(env)?.links[(match.digit ?? 0) - 1];
	if (link === undefined) return env.dispatch({type: 'message', text: `no link ${match.digit ?? ''}`});
	env.open(link.url);
}

function refresh(env: CommandEnv): void {
	if (env.model.refreshProgress().running) return env.dispatch({type: 'message', text: 'a refresh is already running'});
	env.model.refresh();
}

type Command = (env: CommandEnv, match: KeyMatch) => void;

/** Every command of the keymap, by id: the type makes a command without an entry a compile error. */
export const COMMANDS: Readonly<Record<CommandId, Command>> = {
	'move.down': env => env.dispatch({type: 'move', delta: 1}),
	'move.up': env => env.dispatch({type: 'move', delta: -1}),
	'move.first': env => env.dispatch({type: 'edge', edge: 'first'}),
	'move.last': env => env.dispatch({type: 'edge', edge: 'last'}),
	'page.down': env => env.dispatch({type: 'page', direction: 1}),
	'page.up': env => env.dispatch({type: 'page', direction: -1}),
	open,
	back: env => env.dispatch({type: 'back'}),
	quit: env => env.quit(),
	'quit.force': env => env.quit(),
	'open.browser': openInBrowser,
	'open.link': openLink,
	'search.start': env => env.dispatch({type: 'search-start'}),
	'search.next': env => searchStep(env, 1),
	'search.prev': env => searchStep(env, -1),
	'view.next': env => env.dispatch({type: 'switch-view'}),
	'filter.researcher': filterResearcher,
	'filter.unread': env => env.dispatch({type: 'toggle-unread'}),
	'filter.own': env => env.dispatch({type: 'toggle-own'}),
	'toggle.read': env => toggle(env, 'read'),
	'toggle.star': env => toggle(env, 'star'),
	refresh,
	help: env => env.dispatch({type: 'help-toggle'}),
	'search.accept': env => env.dispatch({type: 'search-accept'}),
	'search.cancel': env => env.dispatch({type: 'search-clear'}),
	'search.delete': env => env.dispatch({type: 'search-delete'}),
	'search.type': (env, match) => env.dispatch({type: 'search-input', text: match.text ?? ''}),
	'picker.type': (env, match) => env.dispatch({type: 'picker-input', text: match.text ?? ''}),
	'picker.delete': env => env.dispatch({type: 'picker-delete'}),
};

export function runCommand(match: KeyMatch, env: CommandEnv): void {
	COMMANDS[match.command](env, match);
}
