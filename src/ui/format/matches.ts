/**
 * Search matches in drawn text: segments split where the live filter's text occurs, the matching
 * parts flagged so the line draws them highlighted. Only splits, never adds or removes a
 * character, so every width computed for the line stays true.
 */
import type {Segment} from '../components/Line.js';

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A case-insensitive matcher for the needle (trimmed), or null when there is nothing to find. */
export function matcher(needle: string): RegExp | null {
	const trimmed = needle.trim();
	return trimmed === '' ? null : new RegExp(escapeRegExp(trimmed), 'giu');
}

/** The segments with every occurrence of `needle` in their text split out as `match` segments. */
export function markMatches(segments: readonly Segment[], needle: string): Segment[] {
	const find = matcher(needle);
	if (find === null) return [...segments];
	const out: Segment[] = [];
	for (const s of segments) {
		let from = 0;
		for (const m of s.text.matchAll(find)) {
			const at = m.index ?? 0;
			if (m[0] === '') continue;
			if (at > from) out.push({...s, text: s.text.slice(from, at)});
			out.push({...s, text: m[0], match: true});
			from = at + m[0].length;
		}
		if (from === 0) out.push(s);
		else if (from < s.text.length) out.push({...s, text: s.text.slice(from)});
	}
	return out;
}
