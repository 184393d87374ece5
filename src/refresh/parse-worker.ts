/**
 * A worker thread of the parse pool (parse-pool.ts): parses the feed documents it is sent and
 * answers each with its entries or its error's name and message (all a source's failure line uses).
 * Built as dist/bundle/parse-worker.js beside the bundle's chunks.
 */
import {parentPort} from 'node:worker_threads';
import {parseFeedDocument} from '../parse/feed-document.js';
import type {ParseReply, ParseRequest} from './parse-pool.js';

const port = parentPort;
if (port === null) throw new Error('parse-worker.js runs as a worker thread of the refresh');

port.on('message', (request: ParseRequest) => {
	const answer = (reply: ParseReply): void => port.postMessage(reply);
	parseFeedDocument({bytes: request.bytes, url: request.url, contentType: request.contentType, now: new Date(request.now)}).then(
		entries => answer({id: request.id, entries}),
		(error: unknown) =>
			answer({id: request.id, error: error instanceof Error ? {name: error.name, message: error.message} : {name: 'Error', message: String(error)}}),
	);
});
