/**
 * A string-keyed memo that forgets everything once it holds `max` entries. Ink's own caches of
 * text widths and wrapped text are plain maps that keep every distinct row ever drawn, so a long
 * session scrolling through a large timeline grows them without bound; emptying at a cap keeps
 * the hits (the rows on screen recur frame after frame) at a fixed cost in memory. Nothing else
 * invalidates an entry: every use (widest-line, measure-text, wrap-text, RowOutput's line widths)
 * is a pure function of its key.
 */
export function boundedMemo<T>(compute: (key: string) => T, max = 4096): (key: string) => T {
	const cache = new Map<string, T>();
	return key => {
		let value = cache.get(key);
		if (value === undefined) {
			if (cache.size >= max) cache.clear();
			value = compute(key);
			cache.set(key, value);
		}
		return value;
	};
}
