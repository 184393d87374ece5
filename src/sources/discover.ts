import type {SourceConfig} from '../domain/types.js';
import {createHttpClient, HttpError} from '../net/http.js';
import {decodeHomepage, extractHomepage} from '../parse/homepage/index.js';

/**
 * Feeds a homepage advertises, and the Bluesky profiles and bibliography records (dblp, ORCID,
 * OpenAlex, arXiv author listings) it links, as sources one could add.
 */
export async function discoverFromHomepage(url: string): Promise<SourceConfig[]> {
	const response = await createHttpClient({totalTimeoutMs: 15_000}).get({url, headers: {accept: 'text/html,text/markdown;q=0.9,*/*;q=0.5'}});
	if (response.status < 200 || response.status >= 300) throw new HttpError(`HTTP ${response.status}`, {status: response.status});
	const contentType = response.headers.get('content-type') ?? undefined;
	const page = extractHomepage({text: decodeHomepage(response.body, contentType).text, url: response.url, contentType});
	return [
		...page.feeds.map(target => ({kind: 'feed' as const, target})),
		...page.bluesky.map(target => ({kind: 'bluesky' as const, target})),
		...page.bibliography.dblp.map(target => ({kind: 'dblp' as const, target})),
		...page.bibliography.orcid.map(target => ({kind: 'orcid' as const, target})),
		...page.bibliography.openalex.map(target => ({kind: 'openalex' as const, target})),
		...page.bibliography.arxivAuthor.map(target => ({kind: 'arxiv' as const, target})),
	];
}
