import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {json, runCli} from '../helpers/run-cli.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const page = readFileSync(new URL('../fixtures/site/bibliography-links.html', import.meta.url));

interface Researcher {
	name: string;
	sources: Array<{kind: string; target: string}>;
}

describe('add --homepage suggests the bibliography records a page links (bin/research-feed.js)', () => {
	let server: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	const cli = (args: string[]) => runCli(args, {home: home.dir});

	before(async () => {
		server = await startServer();
		server.route('GET', '/wei/', staticRoute({body: page, contentType: 'text/html; charset=utf-8'}));
	});
	after(async () => {
		await server.close();
	});

	test('each kind once, with the add line to copy; nothing is added', async () => {
		home = tempHome();
		try {
			const url = `${server.url}/wei/`;
			const r = await cli(['add', 'Wei Liu', '--homepage', url]);
			assert.equal(r.code, 0, r.stderr);
			assert.equal(r.stderr, '');
			assert.equal(
				r.stdout,
				[
					`Added Wei Liu with homepage ${url}.`,
					`Saved to ${home.dir}/config.json.`,
					`Suggestion: ${url} links a feed: research-feed add "Wei Liu" --feed ${server.url}/feed.xml`,
					`Suggestion: ${url} links a Bluesky profile: research-feed add "Wei Liu" --bluesky weiliu.bsky.social`,
					`Suggestion: ${url} links a DBLP person page: research-feed add "Wei Liu" --dblp 95/7448-1`,
					`Suggestion: ${url} links an ORCID record: research-feed add "Wei Liu" --orcid 0000-0002-1825-0097`,
					`Suggestion: ${url} links an OpenAlex author: research-feed add "Wei Liu" --openalex A5023888391`,
					`Suggestion: ${url} links an arXiv author listing: research-feed add "Wei Liu" --arxiv-author liu_w_1`,
					'',
				].join('\n'),
			);
			const researchers = json<Researcher[]>(await cli(['researchers', '--json']));
			assert.deepEqual(
				researchers.map(x => [x.name, x.sources.map(s => s.kind)]),
				[['Wei Liu', ['homepage']]],
				'suggestions are never added',
			);

			// Each suggested line works as printed.
			const added = await cli(['add', 'Wei Liu', '--dblp', '95/7448-1', '--orcid', '0000-0002-1825-0097', '--openalex', 'A5023888391', '--arxiv-author', 'liu_w_1']);
			assert.equal(added.code, 0, added.stderr);
			const after = json<Researcher[]>(await cli(['researchers', '--json']));
			assert.deepEqual(after[0]!.sources.map(s => `${s.kind} ${s.target}`).sort(), [
				'arxiv liu_w_1',
				'dblp 95/7448-1',
				`homepage ${url}`,
				'openalex A5023888391',
				'orcid 0000-0002-1825-0097',
			]);
		} finally {
			home.cleanup();
		}
	});

	test('what the researcher already has is not suggested again', async () => {
		home = tempHome();
		try {
			const url = `${server.url}/wei/`;
			const r = await cli(['add', 'Wei Liu', '--homepage', url, '--dblp', 'https://dblp.org/pid/95/7448-1', '--orcid', '0000-0002-1825-0097']);
			assert.equal(r.code, 0, r.stderr);
			const suggested = r.stdout.split('\n').filter(l => l.startsWith('Suggestion:'));
			assert.ok(!suggested.some(l => / --dblp | --orcid /.test(l)), r.stdout);
			assert.ok(suggested.some(l => l.endsWith('--openalex A5023888391')), r.stdout);
			assert.ok(suggested.some(l => l.endsWith('--arxiv-author liu_w_1')), r.stdout);
		} finally {
			home.cleanup();
		}
	});
});
