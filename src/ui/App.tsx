/**
 * The root component: reads the model (re-rendering when its version changes), keeps the UI
 * state in the reducer, and turns keys into commands through the keymap table.
 */
import {Box, useApp, useInput, useStdout} from 'ink';
import type {Key} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useRef, useSyncExternalStore} from 'react';
import type {ReactElement} from 'react';
import type {FeedModel, RefreshProgress, SourceStatus} from '../app/model.js';
import {firstKeypress, NO_KEY} from '../keys/input.js';
import {matchKey} from '../keys/keymap.js';
import {bodyHeight, frameHeight, isWide, viewportHeight} from '../state/layout.js';
import type {Size} from '../state/layout.js';
import {currentContext, initialState, reducer, topScreen} from '../state/reducer.js';
import type {Action, Counts, UiState} from '../state/types.js';
import {activeSearch, paperQueryOf, queryOf} from '../state/types.js';
import {runCommand} from './commands.js';
import type {CommandEnv} from './commands.js';
import {Header} from './components/Header.js';
import {HelpOverlay, helpLines} from './components/HelpOverlay.js';
import {Picker} from './components/Picker.js';
import {filterSummary, StatusLine} from './components/StatusLine.js';
import {isHttpUrl} from './format.js';
import {itemLines} from './views/item-lines.js';
import {ItemView} from './views/ItemView.js';
import {MentionsView} from './views/MentionsView.js';
import {PapersView} from './views/PapersView.js';
import {ResearchersView} from './views/ResearchersView.js';
import {TimelineView} from './views/TimelineView.js';
import {filterSources, position} from './select.js';
import {useAlsoShared, useItemPaperInfo, usePaper, usePaperMeta, usePaperWindow} from './use-papers.js';

export interface AppProps {
	model: FeedModel;
	/** Opens an http(s) URL in the browser; a rejection is shown on the status line. */
	openUrl: (url: string) => Promise<void>;
	/** False under NO_COLOR: no colour or styles, the selected row marked with `>`. */
	color?: boolean;
	/** Whether to emit OSC 8 hyperlinks. */
	hyperlinks?: boolean;
	/** The clock for relative dates (tests pin it). */
	now?: () => Date;
	/** Called on `q` in the timeline and on Ctrl-c; defaults to exiting the Ink app. */
	onQuit?: () => void;
}

function sizeOf(stdout: NodeJS.WriteStream): Size {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

function sameCounts(a: Counts, b: Counts): boolean {
	return (Object.keys(a) as (keyof Counts)[]).every(k => a[k] === b[k]);
}

function sameProgress(a: RefreshProgress, b: RefreshProgress): boolean {
	return a.running === b.running && a.done === b.done && a.total === b.total && a.finishedAt === b.finishedAt && a.results.length === b.results.length;
}

const systemNow = (): Date => new Date();
const NO_SOURCES: readonly SourceStatus[] = [];

export function App({model, openUrl, color = true, hyperlinks = false, now = systemNow, onQuit}: AppProps): ReactElement {
	const {stdout} = useStdout();
	const {exit} = useApp();
	const [state, dispatch] = useReducer(reducer, stdout, s => initialState(sizeOf(s)));

	useEffect(() => {
		const onResize = (): void => dispatch({type: 'resize', size: sizeOf(stdout)});
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);

	const subscribe = useCallback((listener: () => void) => model.subscribe(listener), [model]);
	const getVersion = useCallback(() => model.version(), [model]);
	const version = useSyncExternalStore(subscribe, getVersion, getVersion);

	const {researcher, unreadOnly, ownOnly, size} = state;
	const search = activeSearch(state);
	// While a search too short to filter is typed, the lists stay as they were (see LIVE_SEARCH_MIN).
	const query = useMemo(() => queryOf({search, searching: false, researcher, unreadOnly}), [search, researcher, unreadOnly]);
	const paperQuery = useMemo(() => paperQueryOf({search, searching: false, researcher, ownOnly}), [search, researcher, ownOnly]);
	const nowDate = now();

	// Lists derived from the model are recomputed when its version or the filter changes.
	// Sources cost a pass over every item (hundreds of ms at 100k items), so they are read only
	// while a screen shows them, and so is the papers count; meanwhile their last synced counts
	// stand in (below), which keeps their cursors where they were.
	const needPapers = state.view === 'papers';
	const needSources = state.view === 'researchers';
	const paperCount = useMemo(() => {
		void version;
		return needPapers ? model.paperCount(paperQuery) : -1;
	}, [model, version, paperQuery, needPapers]);
	const sources = useMemo(() => {
		void version;
		if (!needSources) return NO_SOURCES;
		return filterSources(model.sources(), researcher, search);
	}, [model, version, researcher, search, needSources]);
	// Counted once per data version and query, not on every render (a key press re-renders).
	const timelineCount = useMemo(() => {
		void version;
		return model.count(query);
	}, [model, version, query]);
	const names = useMemo(() => {
		void version;
		return model.researcherNames();
	}, [model, version]);

	const top = topScreen(state);
	const itemId = top?.kind === 'item' ? top.id : null;
	const openItem = useMemo(() => {
		void version;
		return itemId === null ? null : (model.item(itemId) ?? null);
	}, [model, version, itemId]);
	const openItemInfo = useItemPaperInfo(model, version, openItem);
	const lines = useMemo(
		() => (openItem === null ? null : itemLines(openItem, size.columns, now(), openItemInfo)),
		[openItem, openItemInfo, size.columns, now],
	);
	// Laid out only while help is open: wrapping every binding costs a first frame ~20 ms.
	const helpOpen = state.help !== null;
	const helpCount = useMemo(() => (helpOpen ? helpLines(size.columns).length : 0), [helpOpen, size.columns]);
	// The mentions screen may be under an item opened from it; its list keeps its length meanwhile.
	const mentionsScreen = state.screens.findLast(s => s.kind === 'mentions');
	const mentionsPaperId = mentionsScreen?.kind === 'mentions' ? mentionsScreen.paperId : undefined;
	const mentionsPaper = usePaper(model, version, mentionsPaperId);
	const mentionsMeta = usePaperMeta(model, version, top?.kind === 'mentions' ? mentionsPaperId : undefined);

	const counts: Counts = {
		timeline: timelineCount,
		papers: needPapers ? paperCount : state.counts.papers,
		researchers: needSources ? sources.length : state.counts.researchers,
		mentions: mentionsPaper?.mentions.length ?? 0,
		item: lines?.length ?? 0,
		picker: names.length,
		help: helpCount,
	};
	const progress = model.refreshProgress();

	// The timeline's selected item as last drawn (its id and position): new items arriving above
	// it must not move the selection off it.
	const anchorRef = useRef<{id: string | null; selected: number} | null>(null);
	// An item opened from the timeline is its selection (Enter, n and N set both at once).
	const openedFromTimeline = state.view === 'timeline' && state.screens.length === 1 && top?.kind === 'item' ? top.id : null;
	const dataChanged = state.synced.version !== version || state.synced.queryKey !== state.queryKey;
	if (dataChanged || !sameCounts(counts, state.counts) || !sameProgress(progress, state.refresh)) {
		// A key that moved the selection since the last frame (pressed as a refresh ended) wins:
		// anchoring to the item last drawn would undo it.
		const drawn = anchorRef.current;
		const anchorId = openedFromTimeline ?? (drawn !== null && drawn.selected === state.cursors.timeline.selected ? drawn.id : null);
		const anchorIndex = !dataChanged ? state.cursors.timeline.selected : anchorId === null ? -1 : model.indexOf(query, anchorId);
		// A render-phase update of this component's own state: React re-renders at once, before
		// anything is drawn, so no frame ever shows a stale selection.
		dispatch({type: 'sync', version, queryKey: state.queryKey, counts, refresh: progress, anchorIndex});
	}

	const context = currentContext(state);
	const cursor = state.cursors.timeline;
	const showTimeline = state.view === 'timeline' && top === undefined && state.help === null && state.picker === null;
	const timelineHeight = viewportHeight('timeline', size);
	// Only the rows on screen are fetched: drawing costs the same for 50 items or 100,000.
	const rows = showTimeline && counts.timeline > 0 && timelineHeight > 0 ? model.window(query, cursor.offset, timelineHeight) : [];
	const anchor = showTimeline ? (rows[cursor.selected - cursor.offset]?.id ?? null) : (openedFromTimeline ?? undefined);
	const shared = useAlsoShared(model, version, rows);
	const detailInfo = useItemPaperInfo(model, version, isWide(size) ? rows[cursor.selected - cursor.offset] : undefined);
	// The papers view, like the timeline, reads only the rows on screen.
	const paperCursor = state.cursors.papers;
	const showPapers = state.view === 'papers' && top === undefined && state.help === null && state.picker === null;
	const paperRows = usePaperWindow(model, version, paperQuery, paperCursor.offset, viewportHeight('papers', size), showPapers && counts.papers > 0);
	const selectedPaperId = isWide(size) ? paperRows[paperCursor.selected - paperCursor.offset]?.id : undefined;
	const selectedPaperMeta = usePaperMeta(model, version, selectedPaperId);
	useEffect(() => {
		if (anchor !== undefined) anchorRef.current = {id: anchor, selected: cursor.selected};
	});

	const openLink = useCallback(
		(url: string) => {
			if (!isHttpUrl(url)) {
				dispatch({type: 'message', text: `not opening a link that is not http(s): ${url}`});
				return;
			}
			dispatch({type: 'message', text: `opening ${url}`});
			openUrl(url).catch((error: unknown) => {
				dispatch({type: 'message', text: `could not open ${url}: ${error instanceof Error ? error.message : String(error)}`});
			});
		},
		[openUrl],
	);

	// The key handler reads what was last rendered through a ref, so keys that arrive in one
	// burst each see the state the previous one left.
	const envRef = useRef<Omit<CommandEnv, 'context'> | null>(null);
	envRef.current = {state, model, query, paperQuery, sources, names, mentionsPaper, dispatch, open: openLink, quit: onQuit ?? exit};
	const handleInput = useCallback((input: string, key: Key): void => {
		const env = envRef.current;
		if (env === null) return;
		// Keys of one burst ('jj', '/rlhf⏎') are handled in order before React renders again, so
		// each must see the state the previous one left: apply the reducer here as well.
		let state = env.state;
		const dispatchNow = (action: Action): void => {
			state = reducer(state, action);
			env.state = state;
			dispatch(action);
		};
		if (state.message !== null) dispatchNow({type: 'message', text: null});
		let rest = input;
		let restKey = key;
		while (rest !== '' || restKey !== NO_KEY) {
			const ctx = currentContext(state);
			const first = firstKeypress(rest, restKey, ctx === 'search');
			const match = matchKey(first.input, first.key, ctx);
			if (match !== null) runCommand(match, {...env, state, dispatch: dispatchNow, context: ctx});
			rest = first.rest;
			restKey = NO_KEY;
		}
	}, []);
	useInput(handleInput);

	const body = renderBody();
	return (
		// No overflow="hidden" here or on the hot list views: Ink then slices every line of the frame
		// (a third of a frame's cost). Views draw exactly their height in lines already cut to width.
		<Box flexDirection="column" width={size.columns} height={frameHeight(size)}>
			<Header view={state.view} columns={size.columns} color={color} title={headerTitle(state, context)} />
			<Box flexDirection="column" height={bodyHeight(size)}>
				{body}
			</Box>
			<StatusLine state={state} context={context} columns={size.columns} color={color} position={position(state, context, size)} />
		</Box>
	);

	function renderBody(): ReactElement {
		if (state.help !== null) return <HelpOverlay offset={state.help.offset} size={size} color={color} />;
		if (state.picker !== null) return <Picker names={names} cursor={state.picker} size={size} color={color} />;
		if (top?.kind === 'item') return <ItemView lines={lines} offset={top.offset} size={size} color={color} hyperlinks={hyperlinks} />;
		if (top?.kind === 'mentions') {
			return (
				<MentionsView model={model} paper={mentionsPaper} meta={mentionsMeta} cursor={top.cursor} size={size} color={color} hyperlinks={hyperlinks} now={nowDate} />
			);
		}
		const filtered = filterSummary(state) !== '' || state.search !== '';
		switch (state.view) {
			case 'timeline':
				return (
					<TimelineView
						rows={rows}
						cursor={cursor}
						size={size}
						color={color}
						hyperlinks={hyperlinks}
						now={nowDate}
						emptyText={timelineEmpty(filtered)}
						shared={shared}
						detailInfo={detailInfo}
					/>
				);
			case 'papers':
				return (
					<PapersView
						rows={paperRows}
						cursor={paperCursor}
						size={size}
						color={color}
						hyperlinks={hyperlinks}
						now={nowDate}
						emptyText={papersEmpty(filtered)}
						selectedMeta={selectedPaperMeta}
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
						now={nowDate}
						emptyText={filtered ? 'No source matches the filter.' : 'No researchers yet. Add one: research-feed add NAME --bluesky HANDLE'}
					/>
				);
			default: {
				const never: never = state.view;
				return never;
			}
		}
	}

	function papersEmpty(filtered: boolean): string {
		if (state.ownOnly) return 'No paper mentioned by one of its authors yet. a shows them all.';
		if (filtered) return 'No paper matches the filter. Esc clears the search, f the researcher.';
		return 'No papers mentioned yet.';
	}

	function timelineEmpty(filtered: boolean): string {
		if (filtered) return 'Nothing matches. Esc clears the search, f the researcher filter, u unread-only.';
		if (names.length === 0) return 'No researchers yet. Quit (q) and add one: research-feed add NAME --bluesky HANDLE';
		if (progress.running) return 'Fetching… items appear as sources finish.';
		return 'No items yet. r refreshes.';
	}
}

function headerTitle(state: UiState, context: string): string {
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
			return state.search !== '' && state.searching ? '› search' : '';
	}
}
