/**
 * `widest-line` for Ink, remembered per text (the bundle resolves Ink's imports of it here).
 * Ink measures every text node with it on every frame while drawing, uncached: about 5 ms of
 * each key press on a 120×40 timeline went to measuring the same rows again.
 */
import {displayWidth} from '../format/width.js';
import {boundedMemo} from './bounded-cache.js';

function measure(text: string): number {
	let widest = 0;
	for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
	return widest;
}

const widestLine: (text: string) => number = boundedMemo(measure);
export default widestLine;
