/**
 * `useMemo` outside React: a function that remembers its last call and, while it is called with the
 * same arguments (`Object.is`, as React compares dependencies), returns the same result without
 * calling `compute` again. The controller reads the model through these, keyed on the model's
 * version and the parts of the UI state a read depends on, so a key press re-reads only what it
 * changed and hands the views the same objects (rows, maps) for everything else.
 */
export function memoLast<A extends readonly unknown[], R>(compute: (...args: A) => R): (...args: A) => R {
	let last: {args: A; result: R} | undefined;
	return (...args: A): R => {
		if (last !== undefined && sameArgs(last.args, args)) return last.result;
		const result = compute(...args);
		last = {args, result};
		return result;
	};
}

function sameArgs(a: readonly unknown[], b: readonly unknown[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
	return true;
}
