/**
 * Ink's measure-text (its layout's text measurement) with a bounded cache instead of one that
 * keeps every text ever measured; the bundle resolves Ink's `./measure-text.js` here.
 */
import {boundedMemo} from './bounded-cache.js';
import widestLine from './widest-line.js';

const EMPTY = {width: 0, height: 0};

const measured = boundedMemo(text => ({width: widestLine(text), height: text.split('\n').length}));

export default function measureText(text: string): {width: number; height: number} {
	return text.length === 0 ? EMPTY : measured(text);
}
