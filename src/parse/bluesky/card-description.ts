/**
 * The description of a link card (`app.bsky.embed.external`). Clients fill it from the linked
 * page's Open Graph tags, and some sites put HTML there (`<p>Abstract…</p>`, `&lt;<a href>…</a>&gt;`):
 * shown raw, the reader sees tags and entities. Pure: no IO.
 */
import {htmlToText} from '../html-text.js';
import {looksLikeHtml} from '../looks-like-html.js';
import {cleanInline} from '../sanitize.js';

/**
 * One line of terminal-safe text: markup converted and entities decoded when the description holds
 * any, otherwise the text as written (`a < b` is plain text, not a broken tag).
 * The description's own links are left out: they are the linked page's, not the researcher's, and
 * papers they name would count as mentions nobody made.
 */
export function cardDescriptionText(raw: unknown): string {
	const description = typeof raw === 'string' ? raw : '';
	if (!looksLikeHtml(description)) return cleanInline(description);
	try {
		return cleanInline(htmlToText(description).text);
	} catch {
		// Markup too deeply nested or too large for the parser (markup-guard): cleaned, it is still safe to show.
		return cleanInline(description);
	}
}
