/**
 * What `--help`, `help` and `help COMMAND` say besides commander's own lines: the files in use
 * (after `--home` and RESEARCH_FEED_HOME) and every environment variable research-feed reads.
 * Plain strings: loaded by every command, so nothing here may pull in the network or the store.
 * (test/cli/first-minutes.test.ts checks the list against the variables src/ reads, and the
 * defaults against the code's.)
 */
import type {DataPaths} from '../config/paths.js';
import {NESTED_DEFAULTS} from '../config/schema.js';

/** The files in use, as the help names them. */
export function filesHelp(paths: DataPaths, env: NodeJS.ProcessEnv, homeFlag: string | undefined): string {
	const why = homeFlag !== undefined ? '--home' : env['RESEARCH_FEED_HOME'] ? 'RESEARCH_FEED_HOME' : 'the platform folders; --home DIR or RESEARCH_FEED_HOME=DIR puts both in DIR';
	return `
Files (${why}):
  config  ${paths.configFile}
  cache   ${paths.cacheFile}
`;
}

const ENV: ReadonlyArray<[string, string]> = [
	['RESEARCH_FEED_HOME', 'folder for config.json and cache.db (--home wins)'],
	['RESEARCH_FEED_BLUESKY_SERVICE', `Bluesky AppView (default ${NESTED_DEFAULTS.blueskyService})`],
	['RESEARCH_FEED_JETSTREAM', `Jetstream for live Bluesky (default ${NESTED_DEFAULTS.jetstream})`],
	['RESEARCH_FEED_ARXIV_API', `arXiv API (default ${NESTED_DEFAULTS.arxivApi})`],
	['RESEARCH_FEED_ARXIV_SITE', `arXiv author listings (default ${NESTED_DEFAULTS.arxivSite})`],
	['RESEARCH_FEED_DBLP_API', `DBLP (default ${NESTED_DEFAULTS.dblpApi})`],
	['RESEARCH_FEED_ORCID_API', `ORCID public API (default ${NESTED_DEFAULTS.orcidApi})`],
	['RESEARCH_FEED_OPENALEX_API', `OpenAlex (default ${NESTED_DEFAULTS.openalexApi})`],
	['RESEARCH_FEED_OPENALEX_KEY', 'OpenAlex API key (openalex.apiKey)'],
	['RESEARCH_FEED_S2_API', `Semantic Scholar (default ${NESTED_DEFAULTS.semanticScholarApi})`],
	['RESEARCH_FEED_S2_KEY', 'Semantic Scholar API key (semanticscholar.apiKey)'],
	['RESEARCH_FEED_CROSSREF_API', `Crossref (default ${NESTED_DEFAULTS.crossrefApi})`],
	['RESEARCH_FEED_NOW', 'fixes "now", e.g. 2026-11-20T12:00:00Z (relative dates, digest, export)'],
	['RESEARCH_FEED_HTTP_HEADERS_TIMEOUT_MS', 'connect and headers timeout per request (15000)'],
	['RESEARCH_FEED_HTTP_TIMEOUT_MS', 'whole-request deadline, body included (30000)'],
	['RESEARCH_FEED_HTTP_MAX_BYTES', 'largest body accepted (10485760)'],
	['RESEARCH_FEED_HTTP_MAX_REDIRECTS', 'redirects followed (5)'],
	['RESEARCH_FEED_HTTP_RETRIES', 'retries where one can help (2)'],
	['RESEARCH_FEED_HTTP_RETRY_BASE_MS', 'first backoff step (1000)'],
	['RESEARCH_FEED_HTTP_MAX_WAIT_MS', 'longest wait a server may impose (30000)'],
	['RESEARCH_FEED_SOURCE_TIMEOUT_MS', 'one source, all pages and retries (120000)'],
	['RESEARCH_FEED_PARSE_THREADS', 'threads that parse feeds, 0-8 (by default none below 40 feeds or 4 cores, else cores - 2, at most 2)'],
	['BROWSER', 'command that opens links (else the platform opener); lynx, w3m, links, elinks, browsh, carbonyl get the terminal'],
	['RESEARCH_FEED_BROWSER_TERMINAL', '1: BROWSER runs in the terminal (a console browser of another name)'],
	['NO_COLOR', 'no colour'],
	['DEBUG', 'stack traces with errors'],
];

/** The environment block, aligned. */
export function environmentHelp(): string {
	const width = Math.max(...ENV.map(([name]) => name.length)) + 2;
	return `\nEnvironment (the endpoint variables win over config.json):\n${ENV.map(([name, what]) => `  ${name.padEnd(width)}${what}`).join('\n')}\n`;
}

/** The variables the help names (for the test that keeps it complete). */
export const HELP_ENV_VARS: readonly string[] = ENV.map(([name]) => name);
