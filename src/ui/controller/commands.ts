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
	/** Copies an http(s) URL to the terminal's clipboard and says so (`what`: "paper URL"). */
	readonly copy: (url: string, what: string) => void;
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

/**
 * Marks an item read. Read from the unread-only timeline, it stays on screen until the selection
 * leaves it: m can undo it, and J/K step on from where it was.
 */
function markRead(env: CommandEnv, item: Item, fromTimeline: boolean): void {
	if (!item.read) env.model.setRead(item.id, true);
	if (fromTimeline && env.state.unreadOnly) env.dispatch({type: 'keep', id: item.id});
}

function openItem(env: CommandEnv, item: Item, at: {timelineIndex?: number; mentionsIndex?: number} = {}): void {
	const fromTimeline = at.timelineIndex !== undefined || env.context === 'timeline';
	markRead(env, item, fromTimeline);
	env.dispatch({type: 'open-item', id: item.id, ...at});
}

/** The item the key acts on: the timeline's selected row, the open item, the selected mention. */
function currentItem(env: CommandEnv): Item | undefined {
	return targetItems(env)[0];
}

/** Whether the key's item is (or was opened from) the timeline's selection. */
function onTimeline(env: CommandEnv): boolean {
	return env.context === 'timeline' || (env.context === 'item' && openedFromTimeline(env.state));
}

function openedFromTimeline(state: UiState): boolean {
	return state.view === 'timeline' && state.screens.length === 1 && state.screens[0]?.kind === 'item';
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

/** o: the first paper (else the item's own URL) in the browser; the item is read. */
function openInBrowser(env: CommandEnv): void {
	switch (env.context) {
		case 'timeline':
		case 'item': {
			const item = currentItem(env);
			if (item === undefined) return;
			markRead(env, item, onTimeline(env));
			env.open(browserUrl(item));
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

/** O: the item's own URL (the post, the page) in the browser; the item is read. */
function openOwn(env: CommandEnv): void {
	const item = currentItem(env);
	if (item === undefined) return;
	markRead(env, item, onTimeline(env));
	env.open(item.url);
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
	// Read in the unread-only list, the item stays until the selection moves: m again undoes it.
	if (flag === 'read' && value && onTimeline(env) && env.state.unreadOnly && items[0] !== undefined) env.dispatch({type: 'keep', id: items[0].id});
	env.dispatch({type: 'toggled', flag, value, count: items.length});
}

/** n / N from an open item: open the next / previous match of the timeline's search. */
function stepFromItem(env: CommandEnv, direction: 1 | -1): void {
	const {state} = env;
	if (!openedFromTimeline(state) || state.counts.timeline === 0) return;
	const index = stepIndex(state.cursors.timeline.selected, state.counts.timeline, direction);
	const item = timelineItem(env, index);
	if (item) openItem(env, item, {timelineIndex: index});
}

/**
 * n / N without a search: the next / previous unread item of the timeline as filtered, wrapping
 * around as a search does; from an open item, that item opens.
 */
function unreadStep(env: CommandEnv, direction: 1 | -1): void {
	const {state} = env;
	const fromItem = env.context === 'item';
	if (env.context !== 'timeline' && !(fromItem && openedFromTimeline(state))) {
		env.dispatch({type: 'message', text: `no search: press ${keyFor('search.start')} in a list to search`});
		return;
	}
	const current = fromItem ? openScreenItem(env) : timelineItem(env);
	const from = current?.id ?? null;
	let id = env.model.nextUnread(env.query, from, direction);
	let wrapped = false;
	if (id === null) {
		id = env.model.nextUnread(env.query, null, direction);
		wrapped = true;
	}
	if (id === null || id === from) {
		env.dispatch({type: 'message', text: id === null ? 'no unread item here' : 'no other unread item'});
		return;
	}
	const index = env.model.indexOf(env.query, id);
	if (index < 0) return;
	if (fromItem) {
		const item = env.model.item(id);
		if (item) openItem(env, item, {timelineIndex: index});
	} else {
		env.dispatch({type: 'select', index});
	}
	if (wrapped) env.dispatch({type: 'message', text: direction === 1 ? 'no unread item below: continuing at the top' : 'no unread item above: continuing at the bottom'});
}

/** n / N: the next or previous match while a search is active, else the next or previous unread item. */
function searchStep(env: CommandEnv, direction: 1 | -1): void {
	if (env.state.search === '') return unreadStep(env, direction);
	if (env.context === 'item') return stepFromItem(env, direction);
	env.dispatch({type: 'search-step', direction});
}

/**
 * J / K: in a list, the next / previous row; in an open item, the next / previous item of the list
 * it was opened from (the timeline, or a paper's mentions) opens in its place.
 */
function itemStep(env: CommandEnv, direction: 1 | -1): void {
	if (env.context !== 'item') return env.dispatch({type: 'move', delta: direction});
	const {state} = env;
	const edge = direction === 1 ? 'this is the last item' : 'this is the first item';
	if (openedFromTimeline(state)) {
		const index = state.cursors.timeline.selected + direction;
		if (index < 0 || index >= state.counts.timeline) return env.dispatch({type: 'message', text: edge});
		const item = timelineItem(env, index);
		if (item) openItem(env, item, {timelineIndex: index});
		return;
	}
	const under = state.screens[state.screens.length - 2];
	if (under?.kind !== 'mentions' || env.mentionsPaper === undefined) return;
	const index = under.cursor.selected + direction;
	const mention = env.mentionsPaper.mentions[index];
	if (mention === undefined) return env.dispatch({type: 'message', text: edge});
	const item = env.model.item(mention.item);
	if (item === undefined) return env.dispatch({type: 'message', text: 'that mention is no longer in the cache'});
	openItem(env, item, {mentionsIndex: index});
}

/** A: every unread item of the timeline as filtered becomes read; U may take it back. */
function markAllRead(env: CommandEnv): void {
	const {count, batch} = env.model.markListRead(env.query);
	env.dispatch({type: 'marked-all', count, batch});
}

/** U: the items the last A marked read are unread again (those, and nothing else). */
function undoMarkAll(env: CommandEnv): void {
	const offer = env.state.undo;
	if (offer === null) return env.dispatch({type: 'message', text: `nothing to undo: ${keyFor('read.undo')} undoes ${keyFor('read.all')} right after it`});
	const count = env.model.undoMarkRead(offer.batch);
	env.dispatch({type: 'undo-expire'});
	env.dispatch({type: 'message', text: `marked ${count} unread again`});
}

/** y: the first paper's URL, else the item's; Y: the item's own URL. */
function copyUrl(env: CommandEnv, which: 'paper' | 'item'): void {
	if (env.context === 'papers') {
		const paper = selectedPaper(env);
		if (paper) env.copy(paper.url, 'paper URL');
		return;
	}
	if (env.context === 'mentions' && env.state.screens[env.state.screens.length - 1]?.kind === 'mentions' && which === 'paper' && env.mentionsPaper) {
		env.copy(env.mentionsPaper.url, 'paper URL');
		return;
	}
	const item = currentItem(env);
	if (item === undefined) return;
	if (which === 'paper' && item.papers[0] !== undefined) env.copy(item.papers[0].url, 'paper URL');
	else env.copy(item.url, 'item URL');
}

/** f: pick a researcher to filter by, or clear the filter. */
function filterResearcher(env: CommandEnv): void {
	if (env.state.researcher !== null) return env.dispatch({type: 'filter-researcher', name: null});
	if (env.names.length === 0) return env.dispatch({type: 'message', text: 'no researchers yet: research-feed add NAME …'});
	env.dispatch({type: 'picker-open', count: env.names.length});
}

/** 1–9 in an open item, or a number typed after #: its link N. */
function openLinkNumber(env: CommandEnv, n: number): void {
	const link = n >= 1 ? openScreenItem(env)?.links[n - 1] : undefined;
	if (link === undefined) return env.dispatch({type: 'message', text: `no link ${n}`});
	env.open(link.url);
}

/** Enter after # and digits: that link. */
function acceptLink(env: CommandEnv): void {
	const typed = env.state.linkInput ?? '';
	env.dispatch({type: 'link-end'});
	if (typed !== '') openLinkNumber(env, Number(typed));
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
	'open.own': openOwn,
	'open.link': (env, match) => openLinkNumber(env, match.digit ?? 0),
	'link.start': env => env.dispatch({type: 'link-start'}),
	'link.accept': acceptLink,
	'link.cancel': env => env.dispatch({type: 'link-end'}),
	'link.delete': env => env.dispatch({type: 'link-delete'}),
	'link.type': (env, match) => env.dispatch({type: 'link-input', text: match.text ?? ''}),
	'item.next': env => itemStep(env, 1),
	'item.prev': env => itemStep(env, -1),
	'read.all': markAllRead,
	'read.undo': undoMarkAll,
	'filter.starred': env => env.dispatch({type: 'toggle-starred'}),
	'copy.paper': env => copyUrl(env, 'paper'),
	'copy.item': env => copyUrl(env, 'item'),
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
