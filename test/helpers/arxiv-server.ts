/**
 * A loopback stand-in for the arXiv API (`/api/query?id_list=…&max_results=…`), answering in the
 * API's own Atom format (fixtures/arxiv/papers.ts): known ids as entries in the order asked,
 * unknown ids left out, a malformed id as the API's error feed with HTTP 400, at most
 * `max_results` entries (default 10, like the API). Counts requests; failures can be injected.
 */
import {type ArxivRecord, errorFeedXml, feedXml} from '../fixtures/arxiv/papers.js';
import {type LoopbackServer, sendText, startServer} from './loopback-server.js';

const ID = /^(?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;

export interface ArxivServer extends LoopbackServer {
	/** The API endpoint to configure (`RESEARCH_FEED_ARXIV_API`). */
	api: string;
	setRecords(records: readonly ArxivRecord[]): void;
	/** Answer the next `times` API requests with `status` (and headers, e.g. retry-after). */
	failNext(times: number, status: number, headers?: Record<string, string>): void;
	/** The ids asked for by each API request so far, in order. */
	idLists(): string[][];
}

export async function startArxivServer(records: readonly ArxivRecord[] = []): Promise<ArxivServer> {
	let known = new Map(records.map(r => [r.id, r]));
	let failures: Array<{status: number; headers: Record<string, string>}> = [];
	const server = await startServer();
	server.route('GET', '/api/query', (_req, res, url) => {
		const failure = failures.shift();
		if (failure) {
			sendText(res, failure.status, `<html><body>Service unavailable</body></html>`, 'text/html; charset=utf-8', failure.headers);
			return;
		}
		const idList = url.searchParams.get('id_list') ?? '';
		const max = Number(url.searchParams.get('max_results') ?? 10);
		const ids = idList.split(',').filter(Boolean);
		const bad = ids.find(id => !ID.test(id));
		const type = 'application/atom+xml; charset=UTF-8';
		if (bad !== undefined) {
			sendText(res, 400, errorFeedXml(idList, bad, max), type);
			return;
		}
		const found = ids.flatMap(id => known.get(id.replace(/v\d+$/, '')) ?? []).slice(0, max);
		sendText(res, 200, feedXml(idList, found, max), type);
	});
	return Object.assign(server, {
		api: `${server.url}/api/query`,
		setRecords(next: readonly ArxivRecord[]) {
			known = new Map(next.map(r => [r.id, r]));
		},
		failNext(times: number, status: number, headers: Record<string, string> = {}) {
			failures = [...failures, ...Array.from({length: times}, () => ({status, headers}))];
		},
		idLists() {
			return server.requests.filter(r => r.path === '/api/query').map(r => (r.url.searchParams.get('id_list') ?? '').split(',').filter(Boolean));
		},
	});
}
