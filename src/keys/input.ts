/**
 * From what Ink's `useInput` delivers to single keypresses. Ink hands a run of plain characters
 * over as one input ('jj' when a key repeats, 'rlhf\r' when typing fast, a paste), so a run is
 * taken apart here, one keypress at a time, except that text typed into the search line stays
 * whole.
 */
import type {Key} from 'ink';

export const NO_KEY: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** Ink's (input, key) as one of the names the keymap uses, or null for text that is not a key. */
export function keyName(input: string, key: Key): string | null {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageDown) return 'pagedown';
	if (key.pageUp) return 'pageup';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift+tab' : 'tab';
	if (key.backspace) return 'backspace';
	if (key.delete) return 'delete';
	if (key.ctrl && input.length === 1) return `ctrl+${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	// A paste arrives as one multi-character input: it is text, never a key.
	if ([...input].length === 1) return input;
	return null;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Printable text typed or pasted (control characters dropped), for the search line. */
export function printable(input: string, key: Key): string | null {
	if (key.ctrl || key.meta || input === '') return null;
	const text = input.replace(new RegExp(CONTROL.source, 'g'), '');
	return text === '' ? null : text;
}

/** One character as the keypress a terminal means by it. */
function charKey(ch: string): {input: string; key: Key} {
	switch (ch) {
		case '\r':
		case '\n':
			return {input: '', key: {...NO_KEY, return: true}};
		case '\t':
			return {input: '', key: {...NO_KEY, tab: true}};
		case '\u007f':
			return {input: '', key: {...NO_KEY, delete: true}};
		case '\b':
			return {input: '', key: {...NO_KEY, backspace: true}};
		default: {
			const code = ch.codePointAt(0) ?? 0;
			if (code < 0x20) return {input: String.fromCharCode(code + 96), key: {...NO_KEY, ctrl: true}};
			return {input: ch, key: {...NO_KEY, shift: /^[A-Z]$/.test(ch)}};
		}
	}
}

function hasFlags(key: Key): boolean {
	return (Object.keys(NO_KEY) as (keyof Key)[]).some(k => k !== 'shift' && key[k] === true);
}

/** Built at the first key that needs it: the first Intl object of a process loads ICU's locale data. */
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string): Intl.Segments => (segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text);

/**
 * The first keypress of an input and what is left of it. While typing a search, a run of
 * printable text is one piece (a paste is one edit of the query).
 */
export function firstKeypress(input: string, key: Key, typing: boolean): {input: string; key: Key; rest: string} {
	if (hasFlags(key) || input === '') return {input, key, rest: ''};
	if (typing) {
		const text = /^[^\u0000-\u001f\u007f-\u009f]+/.exec(input)?.[0];
		if (text !== undefined) return {input: text, key: NO_KEY, rest: input.slice(text.length)};
	}
	const first = graphemes(input)[Symbol.iterator]().next().value?.segment ?? input;
	return {...charKey(first), rest: input.slice(first.length)};
}
