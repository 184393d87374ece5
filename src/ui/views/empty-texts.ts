/**
 * What a view says instead of an empty list or an entry that is gone, naming the keys that help.
 * The keys come from the keymap, so the text follows the table when a binding changes.
 */
import {keyFor} from '../../keys/keymap.js';
import type {Context} from '../../keys/keymap.js';

/** The timeline with nothing listed: why, and what to press. */
export function timelineEmpty(o: {filtered: boolean; anyResearcher: boolean; refreshing: boolean}): string {
	if (o.filtered) {
		return `Nothing matches. ${keyFor('back', 'timeline')} clears the search, ${keyFor('filter.researcher', 'timeline')} the researcher filter, ${keyFor('filter.unread', 'timeline')} unread-only.`;
	}
	if (!o.anyResearcher) return `No researchers yet. Quit (${keyFor('quit', 'timeline')}) and add one: research-feed add NAME --bluesky HANDLE`;
	if (o.refreshing) return 'Fetching… items appear as sources finish.';
	return `No items yet. ${keyFor('refresh', 'timeline')} refreshes.`;
}

/** The papers view with nothing listed. */
export function papersEmpty(o: {ownOnly: boolean; filtered: boolean; unreadOnly?: boolean}): string {
	if (o.unreadOnly === true && !o.ownOnly) return `No unread paper. ${keyFor('filter.unread', 'papers')} shows them all.`;
	if (o.ownOnly) return `No paper mentioned by one of its authors yet. ${keyFor('filter.own', 'papers')} shows them all.`;
	if (o.filtered) return `No paper matches the filter. ${keyFor('back', 'papers')} clears the search, ${keyFor('filter.researcher', 'papers')} the researcher.`;
	return 'No papers mentioned yet.';
}

/** The researchers view with no source listed. */
export function sourcesEmpty(filtered: boolean): string {
	return filtered ? 'No source matches the filter.' : 'No researchers yet. Add one: research-feed add NAME --bluesky HANDLE';
}

/** An open item or paper that left the cache meanwhile (its researcher was removed). */
export function goneText(what: 'item' | 'paper', context: Context): string {
	return `This ${what} is no longer in the cache. ${keyFor('back', context)} goes back.`;
}
