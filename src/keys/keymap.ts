/**
 * The one table of key bindings. It drives key handling (`matchKey`), the `?` help screen,
 * the one-line key hint and the README's key table (`keymapMarkdown`). Components never
 * compare raw input against letters: they ask this module which command a key means.
 */
import type {Key} from 'ink';
import {keyName, printable} from './input.js';

/** Where a binding applies: the three views, the screens stacked on them, and the overlays. */
export type Context =
	| 'timeline'
	| 'papers'
	| 'researchers'
	| 'item'
	| 'mentions'
	| 'picker'
	| 'help'
	| 'search'
	| 'link';

export type CommandId =
	| 'move.down'
	| 'move.up'
	| 'move.first'
	| 'move.last'
	| 'page.down'
	| 'page.up'
	| 'open'
	| 'back'
	| 'quit'
	| 'quit.force'
	| 'open.browser'
	| 'open.own'
	| 'open.link'
	| 'link.start'
	| 'link.accept'
	| 'link.cancel'
	| 'link.delete'
	| 'link.type'
	| 'item.next'
	| 'item.prev'
	| 'read.all'
	| 'read.undo'
	| 'filter.starred'
	| 'copy.paper'
	| 'copy.item'
	| 'search.start'
	| 'search.next'
	| 'search.prev'
	| 'view.next'
	| 'filter.researcher'
	| 'filter.unread'
	| 'filter.own'
	| 'toggle.read'
	| 'toggle.star'
	| 'refresh'
	| 'help'
	| 'search.accept'
	| 'search.cancel'
	| 'search.delete'
	| 'search.type'
	| 'picker.type'
	| 'picker.delete';

export interface Binding {
	command: CommandId;
	/**
	 * Keys as typed: a printable character ('j', 'G', '?', '1'), a named key ('down', 'pagedown',
	 * 'home', 'return', 'escape', 'tab', 'space', 'backspace'), or 'ctrl+X'.
	 * The pseudo key 'text' stands for any printable text (typing into the search line).
	 */
	keys: readonly string[];
	contexts: readonly Context[];
	/** Shown in `?` help and the README. */
	description: string;
	/** Short label for the one-line key hint; bindings without one stay out of the hint. */
	hint?: string;
}

const BASE: readonly Context[] = ['timeline', 'papers', 'researchers'];
/** Where letters are commands; the picker takes them as typed text (only named keys move in it). */
const LISTS: readonly Context[] = ['timeline', 'papers', 'researchers', 'mentions', 'help', 'item'];
const NOT_SEARCH: readonly Context[] = ['timeline', 'papers', 'researchers', 'item', 'mentions', 'picker', 'help'];
const NOT_TYPING: readonly Context[] = ['timeline', 'papers', 'researchers', 'item', 'mentions', 'help'];
const ALL: readonly Context[] = [...NOT_SEARCH, 'search', 'link'];

export const KEYMAP: readonly Binding[] = [
	{command: 'move.down', keys: ['j', 'down'], contexts: LISTS, description: 'next item', hint: 'move'},
	{command: 'move.up', keys: ['k', 'up'], contexts: LISTS, description: 'previous item'},
	{command: 'move.first', keys: ['g', 'home'], contexts: LISTS, description: 'first item'},
	{command: 'move.last', keys: ['G', 'end'], contexts: LISTS, description: 'last item'},
	{command: 'page.down', keys: ['pagedown', 'ctrl+d', 'space'], contexts: LISTS, description: 'page down'},
	{command: 'page.up', keys: ['pageup', 'ctrl+u'], contexts: LISTS, description: 'page up'},
	{command: 'move.down', keys: ['down'], contexts: ['picker'], description: 'in the picker: next name'},
	{command: 'move.up', keys: ['up'], contexts: ['picker'], description: 'in the picker: previous name'},
	{command: 'page.down', keys: ['pagedown'], contexts: ['picker'], description: 'in the picker: page down'},
	{command: 'page.up', keys: ['pageup'], contexts: ['picker'], description: 'in the picker: page up'},
	{
		command: 'open',
		keys: ['return'],
		contexts: ['timeline', 'papers', 'researchers', 'mentions', 'picker'],
		description: 'open the item (whole thread, numbered links, papers); on a paper: its mentions; on a source: its timeline',
		hint: 'open',
	},
	{
		command: 'back',
		keys: ['escape'],
		contexts: NOT_SEARCH,
		description: 'back; in a list, clears the search first',
	},
	{command: 'quit', keys: ['q'], contexts: ['timeline'], description: 'in the timeline: quit', hint: 'quit'},
	{
		command: 'back',
		keys: ['q'],
		contexts: ['papers', 'researchers', 'item', 'mentions', 'help'],
		description: 'anywhere else: back',
		hint: 'back',
	},
	{command: 'quit.force', keys: ['ctrl+c'], contexts: ALL, description: 'quit from anywhere'},
	{
		command: 'open.browser',
		keys: ['o'],
		contexts: ['timeline', 'item', 'papers', 'mentions'],
		description: "open the first paper in the browser (its canonical URL), else the item's own URL; marks the item read",
		hint: 'browser',
	},
	{
		command: 'open.own',
		keys: ['O'],
		contexts: ['timeline', 'item', 'mentions'],
		description: "open the item's own URL (the post, the page, the article) in the browser; marks it read",
	},
	{
		command: 'open.link',
		keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
		contexts: ['item'],
		description: 'in an open item: open link N',
		hint: 'link',
	},
	{
		command: 'link.start',
		keys: ['#'],
		contexts: ['item'],
		description: 'in an open item: any link, 10 and up too: # then its number, then Enter',
	},
	{
		command: 'item.next',
		keys: ['J'],
		contexts: ['timeline', 'papers', 'researchers', 'mentions', 'item'],
		description: 'next item; in an open item: open the next item of the list it was opened from',
	},
	{
		command: 'item.prev',
		keys: ['K'],
		contexts: ['timeline', 'papers', 'researchers', 'mentions', 'item'],
		description: 'previous item; in an open item: open the previous item of its list',
	},
	{
		command: 'copy.paper',
		keys: ['y'],
		contexts: ['timeline', 'item', 'papers', 'mentions'],
		description: "copy the first paper's URL (else the item's URL) to the clipboard (OSC 52: works over SSH; in tmux with set-clipboard on)",
	},
	{
		command: 'copy.item',
		keys: ['Y'],
		contexts: ['timeline', 'item', 'mentions'],
		description: "copy the item's own URL to the clipboard (OSC 52)",
	},
	{
		command: 'search.start',
		keys: ['/'],
		contexts: BASE,
		description: 'search: live filter over text, titles, researchers, paper titles (from 3 characters; Enter applies a shorter one)',
		hint: 'search',
	},
	{
		command: 'search.next',
		keys: ['n'],
		contexts: [...BASE, 'item'],
		description: 'next search match while a search is active; otherwise the next unread item (opened, from an open item)',
	},
	{
		command: 'search.prev',
		keys: ['N'],
		contexts: [...BASE, 'item'],
		description: 'previous search match while a search is active; otherwise the previous unread item',
	},
	{
		command: 'view.next',
		keys: ['tab'],
		contexts: BASE,
		description: 'switch view: timeline → papers → researchers',
		hint: 'view',
	},
	{
		command: 'filter.researcher',
		keys: ['f'],
		contexts: BASE,
		description: 'filter by researcher (pick from a list); again to clear',
		hint: 'filter',
	},
	{command: 'filter.unread', keys: ['u'], contexts: ['timeline', 'papers'], description: 'unread only on/off (timeline and papers)', hint: 'unread'},
	{command: 'filter.starred', keys: ['*'], contexts: ['timeline'], description: 'starred only on/off'},
	{
		command: 'filter.own',
		keys: ['a'],
		contexts: ['papers'],
		description: "in papers: the authors' own papers only (mentioned by one of their authors) on/off",
		hint: 'own',
	},
	{
		command: 'toggle.read',
		keys: ['m'],
		contexts: ['timeline', 'item', 'papers', 'mentions'],
		description: 'mark read / unread (in unread-only mode the item stays on screen until the selection moves, so m undoes it)',
		hint: 'read',
	},
	{
		command: 'read.all',
		keys: ['A'],
		contexts: ['timeline'],
		description: 'mark every item of the list read, as filtered (researcher, unread, starred, search); U undoes it',
	},
	{
		command: 'read.undo',
		keys: ['U'],
		contexts: ['timeline'],
		description: 'right after A, while the status line offers it: exactly the items A marked are unread again',
	},
	{
		command: 'toggle.star',
		keys: ['s'],
		contexts: ['timeline', 'item', 'papers', 'mentions'],
		description: 'star / unstar',
		hint: 'star',
	},
	{command: 'refresh', keys: ['r'], contexts: NOT_TYPING, description: 'refresh now (in the background)', hint: 'refresh'},
	{command: 'help', keys: ['?'], contexts: NOT_TYPING, description: 'help: every key', hint: 'help'},
	{command: 'search.accept', keys: ['return'], contexts: ['search'], description: 'while searching: keep the filter', hint: 'keep'},
	{command: 'search.cancel', keys: ['escape'], contexts: ['search'], description: 'while searching: clear it', hint: 'clear'},
	{command: 'search.delete', keys: ['backspace', 'delete'], contexts: ['search'], description: 'while searching: delete a character'},
	{command: 'search.type', keys: ['text'], contexts: ['search'], description: 'while searching: type to filter'},
	{command: 'link.accept', keys: ['return'], contexts: ['link'], description: 'after #: open the link of the number typed', hint: 'open'},
	{command: 'link.cancel', keys: ['escape'], contexts: ['link'], description: 'after #: cancel', hint: 'cancel'},
	{command: 'link.delete', keys: ['backspace', 'delete'], contexts: ['link'], description: 'after #: delete a digit'},
	{command: 'link.type', keys: ['text'], contexts: ['link'], description: 'after #: type the link number (digits)'},
	{command: 'picker.type', keys: ['text'], contexts: ['picker'], description: 'in the picker: type to narrow the list (Esc clears what was typed, then closes)', hint: 'type to narrow'},
	{command: 'picker.delete', keys: ['backspace', 'delete'], contexts: ['picker'], description: 'in the picker: delete a character'},
];

/** What a key resolved to; `digit` is set for `open.link`, `text` for a binding of typed text (`search.type`). */
export interface KeyMatch {
	command: CommandId;
	digit?: number;
	text?: string;
}

/** The command an Ink keypress means in `context`, or null. The first matching table row wins. */
export function matchKey(input: string, key: Key, context: Context): KeyMatch | null {
	const name = keyName(input, key);
	for (const binding of KEYMAP) {
		if (!binding.contexts.includes(context)) continue;
		if (name !== null && binding.keys.includes(name)) {
			if (binding.command === 'open.link') return {command: binding.command, digit: Number(name)};
			return {command: binding.command};
		}
	}
	const typing = textCommand(context);
	if (typing !== undefined) {
		const text = printable(input, key);
		if (text !== null) return {command: typing, text};
	}
	return null;
}

/** The command of the pseudo key 'text' in a context (`search.type` while searching), if any. */
function textCommand(context: Context): CommandId | undefined {
	return KEYMAP.find(b => b.keys.includes('text') && b.contexts.includes(context))?.command;
}

/**
 * Whether printable keys are typed text in this context (a binding of the pseudo key 'text'):
 * then a run of them is one piece of text, not a burst of keys.
 */
export function typesText(context: Context): boolean {
	return textCommand(context) !== undefined;
}

const KEY_LABELS: Record<string, string> = {
	down: '↓',
	up: '↑',
	left: '←',
	right: '→',
	pagedown: 'PgDn',
	pageup: 'PgUp',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	'shift+tab': 'Shift-Tab',
	space: 'Space',
	backspace: 'Backspace',
	delete: 'Delete',
	text: 'any text',
};

/** How a key is written for people: `Ctrl-d`, `PgDn`, `↓`, `G`. */
export function keyLabel(key: string): string {
	const named = KEY_LABELS[key];
	if (named !== undefined) return named;
	if (key.startsWith('ctrl+')) return `Ctrl-${key.slice(5)}`;
	return key;
}

/** The keys of a binding for people; a run of digits is written as a range (`1`–`9`). */
export function keyLabels(keys: readonly string[]): string[] {
	const digits = keys.filter(k => /^[0-9]$/.test(k));
	if (digits.length > 2 && digits.length === keys.length) return [`${digits[0]}–${digits[digits.length - 1]}`];
	return keys.map(keyLabel);
}

const KEYS_FOR = new Map<string, readonly string[]>();

/**
 * The keys bound to `command` (in `context`, when given), as written for people, in table order.
 * Prose that names a key (the hint line, help and picker headings, empty-list texts, messages)
 * takes it from here, so it follows the table when a binding changes.
 */
export function keysFor(command: CommandId, context?: Context): readonly string[] {
	// Asked for on every frame (empty-list texts, headings): the table never changes, so neither do the answers.
	const key = `${command}|${context ?? ''}`;
	let keys = KEYS_FOR.get(key);
	if (keys === undefined) {
		keys = KEYMAP.filter(b => b.command === command && (context === undefined || b.contexts.includes(context))).flatMap(b => keyLabels(b.keys));
		KEYS_FOR.set(key, keys);
	}
	return keys;
}

/** The first key bound to `command` (in `context`), for prose: `keyFor('back')` is `Esc`. */
export function keyFor(command: CommandId, context?: Context): string {
	const key = keysFor(command, context)[0];
	// A programming error (prose names a command the table no longer binds there): the key tests catch it.
	if (key === undefined) throw new Error(`no key is bound to ${command}${context === undefined ? '' : ` in ${context}`}`);
	return key;
}

/** Bindings that apply in a context, in table order (for the hint line). */
export function bindingsFor(context: Context): Binding[] {
	return KEYMAP.filter(b => b.contexts.includes(context));
}

/**
 * The one-line key hint for a context (`j/k move · Enter open · …`), from the table's `hint`
 * labels, in table order. Given a width, hints that do not fit are dropped, but `? help` always
 * stays: it leads to everything else.
 */
export function keyHint(context: Context, columns = Number.POSITIVE_INFINITY): string {
	const parts: string[] = [];
	let help: string | undefined;
	for (const b of bindingsFor(context)) {
		if (b.hint === undefined) continue;
		// The move hint stands for both directions: their first keys (`j/k`).
		const keys = b.command === 'move.down' ? `${keyFor('move.down', context)}/${keyFor('move.up', context)}` : keyLabels(b.keys).join('/');
		if (b.command === 'help') help = `${keys} ${b.hint}`;
		else parts.push(`${keys} ${b.hint}`);
	}
	const sep = ' · ';
	const tail = help === undefined ? [] : [help];
	const kept: string[] = [];
	let used = tail.reduce((n, t) => n + t.length, 0);
	for (const p of parts) {
		const add = p.length + sep.length;
		if (used + add > columns) break;
		kept.push(p);
		used += add;
	}
	return [...kept, ...tail].join(sep);
}

/** The README's key table, generated from `KEYMAP`: `| key | action |`. */
export function keymapMarkdown(): string {
	const lines = ['| key | action |', '| --- | --- |'];
	for (const b of KEYMAP) {
		const keys = keyLabels(b.keys)
			.map(k => `\`${k}\``)
			.join(' / ');
		lines.push(`| ${keys} | ${b.description.replace(/\|/g, '\\|')} |`);
	}
	return lines.join('\n') + '\n';
}
