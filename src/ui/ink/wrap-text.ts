/**
 * Ink's wrap-text (wrapping and truncating a text node to its box) with a bounded cache instead of
 * one that keeps every text ever wrapped; the bundle resolves Ink's `./wrap-text.js` here.
 */
import cliTruncate from 'cli-truncate';
import wrapAnsi from 'wrap-ansi';
import {boundedMemo} from './bounded-cache.js';

type WrapType = 'wrap' | 'end' | 'middle' | 'truncate' | 'truncate-end' | 'truncate-middle' | 'truncate-start';

function wrap(text: string, maxWidth: number, wrapType: WrapType): string {
	if (wrapType === 'wrap') return wrapAnsi(text, maxWidth, {trim: false, hard: true});
	if (wrapType.startsWith('truncate')) {
		const position = wrapType === 'truncate-middle' ? 'middle' : wrapType === 'truncate-start' ? 'start' : 'end';
		return cliTruncate(text, maxWidth, {position});
	}
	return text;
}

// One key holds all three arguments; the separator cannot occur in the width or the type.
const wrapped = boundedMemo(key => {
	const cut = key.indexOf('\u0000');
	const cut2 = key.indexOf('\u0000', cut + 1);
	return wrap(key.slice(cut2 + 1), Number(key.slice(0, cut)), key.slice(cut + 1, cut2) as WrapType);
});

export default function wrapText(text: string, maxWidth: number, wrapType: WrapType): string {
	return wrapped(`${maxWidth}\u0000${wrapType}\u0000${text}`);
}
