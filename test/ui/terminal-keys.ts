/**
 * Keys as a terminal sends them, and as Ink hands them to `useInput`'s handler: the App passes
 * that handler straight to the controller, so controller tests press keys exactly as Ink would
 * deliver them, without rendering.
 */
import type {Key} from 'ink';
import {createInputParser} from '../../node_modules/ink/build/input-parser.js';
import parseKeypress, {nonAlphanumericKeys} from '../../node_modules/ink/build/parse-keypress.js';

/** Escape sequences a terminal sends for named keys. */
export const KEYS = {
	up: '\u001b[A',
	down: '\u001b[B',
	pageup: '\u001b[5~',
	pagedown: '\u001b[6~',
	home: '\u001b[H',
	end: '\u001b[F',
	return: '\r',
	escape: '\u001b',
	tab: '\t',
	backspace: '\u007f',
	delete: '\u001b[3~',
	space: ' ',
	'ctrl+d': '\u0004',
	'ctrl+u': '\u0015',
	'ctrl+c': '\u0003',
} as const;

/** A key name from KEYS as its sequence; anything else is typed text, as is. */
export function sequence(k: string): string {
	return k in KEYS ? KEYS[k as keyof typeof KEYS] : k;
}

/**
 * What Ink's `useInput` calls its handler with for one chunk of terminal input: Ink's own input
 * parser cuts the chunk at escape sequences (a run of plain text stays whole: 'jjj', '/rlhf\r'),
 * and each piece becomes (input, key) as node_modules/ink/build/hooks/use-input.js makes it (the
 * legacy protocol's path). test/ui/keys.test.tsx checks the real thing end to end.
 */
export function inkInputs(chunk: string): Array<[string, Key]> {
	const parser = createInputParser();
	const pieces = parser.push(chunk);
	// A lone Esc waits for more bytes in Ink, then is flushed on a timer: here, at once.
	const pending = parser.flushPendingEscape();
	if (pending !== undefined) pieces.push(pending);
	return pieces.map(inkInput);
}

function inkInput(data: string): [string, Key] {
	const keypress = parseKeypress(data);
	const key: Key = {
		upArrow: keypress.name === 'up',
		downArrow: keypress.name === 'down',
		leftArrow: keypress.name === 'left',
		rightArrow: keypress.name === 'right',
		pageDown: keypress.name === 'pagedown',
		pageUp: keypress.name === 'pageup',
		home: keypress.name === 'home',
		end: keypress.name === 'end',
		return: keypress.name === 'return',
		escape: keypress.name === 'escape',
		ctrl: keypress.ctrl,
		shift: keypress.shift,
		tab: keypress.name === 'tab',
		backspace: keypress.name === 'backspace',
		delete: keypress.name === 'delete',
		meta: keypress.meta || keypress.name === 'escape' || keypress.option,
		super: keypress.super ?? false,
		hyper: keypress.hyper ?? false,
		capsLock: keypress.capsLock ?? false,
		numLock: keypress.numLock ?? false,
	};
	let input = keypress.ctrl ? keypress.name : keypress.sequence;
	if (nonAlphanumericKeys.includes(keypress.name)) input = '';
	if (input.startsWith('\u001b')) input = input.slice(1);
	if (input.length === 1 && /[A-Z]/.test(input)) key.shift = true;
	return [input, key];
}
