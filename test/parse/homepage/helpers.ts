import {readFileSync} from 'node:fs';
import {extractHomepage, type HomepageExtract} from '../../../src/parse/homepage/index.js';

export function fixture(name: string): string {
	return readFileSync(new URL(`../../fixtures/homepages/${name}`, import.meta.url), 'utf8');
}

export function extractFixture(name: string, url: string, contentType = 'text/html; charset=utf-8'): HomepageExtract {
	return extractHomepage({text: fixture(name), url, contentType});
}

/** [date (YYYY-MM-DD), precision, dateText, text] of each entry: compact exact assertions. */
export function rows(x: HomepageExtract): Array<[string, string, string, string]> {
	return x.news.map(e => [e.date.slice(0, 10), e.precision, e.dateText, e.text]);
}
