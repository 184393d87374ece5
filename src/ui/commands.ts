/**
 * What each command does: reducer actions plus the model calls and browser opens that are not
 * the reducer's business. Called by the App with what it rendered, so a command acts on the
 * rows the user sees.
 */
import type {FeedModel, PaperQuery, PaperRow, SourceStatus, TimelineQuery} from '../app/model.js';
import type {Item} from '../domain/types.js';
import type {Context, KeyMatch} from '../keys/keymap.js';
import {stepIndex} from '../state/reducer.js';
import type {Action, UiState} from '../state/types.js';

export interface CommandEnv {
	state: UiState;
	context: Context;
	model: FeedModel;
	query: TimelineQuery;
	/** What the papers view lists (read a window at a time, like the timeline). */
	paperQuery: PaperQuery;
	/** The sources list as shown (filtered). */
	sources: readonly SourceStatus[];
	names: readonly string[];
	/** The paper whose mentions are open, if any. */
	mentionsPaper: PaperRow | undefined;
	dispatch: (action: Action) => void;
	/** Opens an http(s) URL in the browser and reports the outcome on the status line. */
	open: (url: string) => void;
	quit: () => void;
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
			const name = env.names[state.picker?.selected ?? 0];
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
		env.dispatch({type: 'message', text: 'no search: press / in a list to search'});
		return;
	}
	if (state.view !== 'timeline' || state.screens.length !== 1 || state.counts.timeline === 0) return;
	const index = stepIndex(state.cursors.timeline.selected, state.counts.timeline, direction);
	const item = timelineItem(env, index);
	if (item) openItem(env, item, index);
}

export function runCommand(match: KeyMatch, env: CommandEnv): void {
	const {dispatch, state} = env;
	switch (match.command) {
		case 'move.down':
			return dispatch({type: 'move', delta: 1});
		case 'move.up':
			return dispatch({type: 'move', delta: -1});
		case 'move.first':
			return dispatch({type: 'edge', edge: 'first'});
		case 'move.last':
			return dispatch({type: 'edge', edge: 'last'});
		case 'page.down':
			return dispatch({type: 'page', direction: 1});
		case 'page.up':
			return dispatch({type: 'page', direction: -1});
		case 'open':
			return open(env);
		case 'back':
			return dispatch({type: 'back'});
		case 'quit':
		case 'quit.force':
			return env.quit();
		case 'open.browser':
			return openInBrowser(env);
		case 'open.link': {
			const item = openScreenItem(env);
			const link = item?.links[(match.digit ?? 0) - 1];
			if (link === undefined) return dispatch({type: 'message', text: `no link ${match.digit ?? ''}`});
			return env.open(link.url);
		}
		case 'search.start':
			return dispatch({type: 'search-start'});
		case 'search.next':
		case 'search.prev': {
			const direction = match.command === 'search.next' ? 1 : -1;
			if (env.context === 'item') return stepFromItem(env, direction);
			return dispatch({type: 'search-step', direction});
		}
		case 'view.next':
			return dispatch({type: 'switch-view'});
		case 'filter.researcher':
			if (state.researcher !== null) return dispatch({type: 'filter-researcher', name: null});
			if (env.names.length === 0) return dispatch({type: 'message', text: 'no researchers yet: research-feed add NAME …'});
			return dispatch({type: 'picker-open', count: env.names.length});
		case 'filter.unread':
			return dispatch({type: 'toggle-unread'});
		case 'filter.own':
			return dispatch({type: 'toggle-own'});
		case 'toggle.read':
			return toggle(env, 'read');
		case 'toggle.star':
			return toggle(env, 'star');
		case 'refresh':
			if (env.model.refreshProgress().running) return dispatch({type: 'message', text: 'a refresh is already running'});
			return env.model.refresh();
		case 'help':
			return dispatch({type: 'help-toggle'});
		case 'search.accept':
			return dispatch({type: 'search-accept'});
		case 'search.cancel':
			return dispatch({type: 'search-clear'});
		case 'search.delete':
			return dispatch({type: 'search-delete'});
		case 'search.type':
			return dispatch({type: 'search-input', text: match.text ?? ''});
		default: {
			const never: never = match.command;
			return never;
		}
	}
}
