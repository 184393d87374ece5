/**
 * Is this heading/anchor text the name of a news section? "🔥 News", "Recent News", "News & Updates",
 * "What's new", "Announcements", "新闻", "最新动态", … but not "Newsletter" or "Publications".
 */
import {cleanInline} from '../sanitize.js';

const QUALIFIERS = '(?:recent|latest|selected|past|previous|old|older|more|all|some|other|archived|lab|group|my|our|personal|research|general|important)';
const KEYWORDS = "(?:news|updates?|announcements?|what'?s\\s+new|what'?s\\s+happening|happenings|highlights\\s+and\\s+news)";
const TAILS = '(?:(?:\\s+(?:&|and)\\s+(?:updates?|events?|announcements?|news|highlights?|talks?|activities))?(?:\\s+archive)?)';
const ENGLISH = new RegExp(`^(?:${QUALIFIERS}\\s+){0,2}${KEYWORDS}${TAILS}$`);
// A lab or group named before "News": "Recent ADALab News", "NLP Group News", "Stanford NLP News".
const NAMED = new RegExp(`^(?:${QUALIFIERS}\\s+)?(?:[\\p{L}\\p{N}][\\p{L}\\p{N}'&.-]*\\s+){1,3}news${TAILS}$`, 'u');
const CJK = /^(?:最新|近期|最近|新闻|新聞)?(?:新闻|新聞|动态|動態|消息|资讯|资讯动态|ニュース|お知らせ|뉴스|소식)$/u;

function normalise(s: string): string {
	return cleanInline(s)
		.toLowerCase()
		.replace(/[’`]/g, "'")
		// Emoji, punctuation and symbols around the word ("🔥 News:", "— News —", "News ›").
		.replace(/[^\p{L}\p{N}'&\s]/gu, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

export function isNewsTitle(raw: string): boolean {
	if (raw.length > 80) return false;
	const s = normalise(raw);
	if (s === '' || s.length > 50) return false;
	if (ENGLISH.test(s) || NAMED.test(s) || CJK.test(s.replace(/\s/g, ''))) return true;
	// Bilingual headings: "News 新闻", "新闻动态 News".
	const latin = s.replace(/[^\p{Script=Latin}'&\s]/gu, ' ').replace(/\s+/g, ' ').trim();
	const other = s.replace(/[\p{Script=Latin}'&\s]/gu, '');
	return latin !== '' && other !== '' && ENGLISH.test(latin) && CJK.test(other);
}

// The other sections of an academic homepage: a styled title naming one ends the news section before it.
const SECTION = /^(?:(?:selected|recent|all|my|our|full|latest)\s+)?(?:publications?|papers?|preprints?|research(?:\s+(?:interests|projects|experience))?|projects?|teaching|education|experiences?|work\s+experience|awards?|honou?rs|awards?\s+(?:&|and)\s+honou?rs|honou?rs\s+(?:&|and)\s+awards?|(?:invited\s+)?talks|presentations|(?:academic\s+|professional\s+)?services?|students|mentoring|people|members|team|contact(?:\s+me)?|about(?:\s+me)?|bio(?:graphy)?|misc(?:ellaneous)?|software|code|resources|links|blog|posts)$/;

/** Is this the title of another homepage section (Publications, Teaching, Awards, …)? */
export function isSectionTitle(raw: string): boolean {
	if (raw.length > 60) return false;
	return SECTION.test(normalise(raw));
}

/** Does the page itself look like a news page (`/news/`, `news.html`, `news/index.md`, `<title>News</title>`)? */
export function isNewsPage(url: string, title: string): boolean {
	if (isNewsTitle(title) || /^news\s*[|·–—-]/i.test(title.trim()) || /[|·–—-]\s*news$/i.test(title.trim())) return true;
	try {
		const segments = new URL(url).pathname.toLowerCase().split('/').filter(Boolean);
		const last = segments.at(-1)?.replace(/\.(?:html?|md|markdown|php)$/, '');
		const page = last === 'index' ? segments.at(-2) : last;
		return page === 'news' || page === 'updates' || page === 'announcements';
	} catch {
		return false;
	}
}

/** An id or class token naming a news container (`#news`, `.news`, `news-container`), not `newsletter`. */
export function isNewsToken(token: string): boolean {
	return token === 'news' || token === 'updates' || token === 'announcements' || token === 'recentnews';
}
