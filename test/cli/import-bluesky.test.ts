import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {DIDS, HANDLES} from '../fixtures/bluesky/build.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {addGraphRoutes, GRAPH_NSID, type GraphAccount} from '../helpers/xrpc-graph.js';
import {startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

const LAB = {did: 'did:plc:nl4b7c2d3e5f6g7h2i3j4k5m', handle: 'nlp-lab.bsky.social', displayName: 'NLP Lab'};
const AMY = {did: 'did:plc:az5y2x3w4v6u7t2s3r4q5p6n', handle: 'amyzhang.bsky.social', displayName: ''};
const WEI2 = {did: 'did:plc:wq2e3r4t5y6u7i2o3p4a5s6d', handle: 'weiliu2.bsky.social', displayName: 'Wei Liu'};
const ACCOUNTS: GraphAccount[] = [
	LAB,
	{did: DIDS.leqi, handle: HANDLES.leqi, displayName: 'Leqi Liu', website: 'https://leqiliu.github.io/'},
	{did: DIDS.ruiyang, handle: HANDLES.ruiyang, displayName: 'Ruiyang Zhou'},
	AMY,
	{did: DIDS.zlipton, handle: HANDLES.zlipton, displayName: '  Zachary \u001b[31mLipton ', website: 'https://zacklipton.com'},
	WEI2,
	{did: DIDS.mira, handle: HANDLES.mira, displayName: 'Mira Chen', website: 'javascript:alert(1)'},
	{did: DIDS.tomas, handle: HANDLES.tomas, displayName: 'Tomás Okafor'},
	{did: DIDS.wei, handle: HANDLES.wei, displayName: 'Wei Liu'},
];

interface Researcher {
	name: string;
	sources: Array<{kind: string; target: string}>;
}

describe('import-bluesky against a loopback AppView (starter packs, lists, follows)', () => {
	let server: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	let uris: Awaited<ReturnType<typeof addGraphRoutes>>;
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: server.url}});
	const researchers = async () => json<Researcher[]>(await cli(['researchers', '--json']));
	const config = () => readFileSync(join(home.dir, 'config.json'), 'utf8');

	before(async () => {
		server = await startXrpcServer();
		uris = await addGraphRoutes(
			server,
			{
				accounts: ACCOUNTS,
				lists: [
					{creator: LAB.did, rkey: '3kpacklist22a', name: 'Alignment people', members: [DIDS.leqi, DIDS.ruiyang, AMY.did, DIDS.zlipton, WEI2.did]},
					{creator: LAB.did, rkey: '3kotherlist2b', name: 'Reading group', members: [DIDS.mira, DIDS.leqi]},
				],
				starterPacks: [{creator: LAB.did, rkey: '3kstarterpk2c', name: 'Alignment & RLHF', list: '3kpacklist22a'}],
				follows: {[DIDS.leqi]: [DIDS.ruiyang, DIDS.mira, DIDS.tomas]},
			},
			{pageSize: 2},
		);
		home = tempHome();
		assert.equal((await cli(['add', 'Wei Liu', '--bluesky', DIDS.wei])).code, 0);
	});
	after(async () => {
		await server.close();
		home.cleanup();
	});

	test('a starter pack URL: every member of its list (cursor followed), named by display name, DIDs as sources', async () => {
		const r = await cli(['import-bluesky', `https://bsky.app/starter-pack/${LAB.handle}/3kstarterpk2c`]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(server.count(`/xrpc/${GRAPH_NSID.getStarterPack}`), 1);
		assert.equal(server.count(`/xrpc/${GRAPH_NSID.getList}`), 3, '5 members, 2 per page');
		assert.deepEqual(server.errors, [], 'every answer was lexicon-valid');
		const list = server.requests.filter(q => q.path === `/xrpc/${GRAPH_NSID.getList}`);
		assert.deepEqual(list.map(q => q.query['cursor'] ?? null), [null, 'o2', 'o4']);
		assert.equal(list[0]!.query['list'], uris.lists['3kpacklist22a']);
		const all = await researchers();
		assert.deepEqual(all.map(x => x.name), ['Wei Liu', 'Leqi Liu', 'Ruiyang Zhou', 'amyzhang.bsky.social', 'Zachary Lipton', 'Wei Liu (weiliu2.bsky.social)']);
		assert.deepEqual(all.find(x => x.name === 'Leqi Liu')!.sources.map(pick), [{kind: 'bluesky', target: DIDS.leqi}]);
		assert.match(r.stdout, /Imported 5 account\(s\) from starter pack "Alignment & RLHF" by @nlp-lab\.bsky\.social: 5 added, 0 already present\./);
		assert.match(r.stdout, /Leqi Liu: https:\/\/leqiliu\.github\.io\/\n\s+research-feed add 'Leqi Liu' --homepage https:\/\/leqiliu\.github\.io\//);
		assert.match(r.stdout, /Zachary Lipton: https:\/\/zacklipton\.com\//);
		assert.ok(!all.some(x => x.sources.some(s => s.kind === 'homepage')), 'homepages are suggested, not added');
	});

	test('importing it again adds nothing', async () => {
		const before = config();
		const r = await cli(['import-bluesky', `at://${LAB.did}/app.bsky.graph.starterpack/3kstarterpk2c`]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /0 added, 5 already present/);
		assert.equal(config(), before);
	});

	test('a list URL and its at:// URI', async () => {
		const r = await cli(['import-bluesky', `https://bsky.app/profile/${LAB.handle}/lists/3kotherlist2b`]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, /from list "Reading group" by @nlp-lab\.bsky\.social: 1 added, 1 already present/);
		assert.ok((await researchers()).some(x => x.name === 'Mira Chen' && x.sources[0]!.target === DIDS.mira));
		assert.doesNotMatch(r.stdout, /javascript:/, 'only http(s) websites are suggested');
		const again = await cli(['import-bluesky', uris.lists['3kotherlist2b']!]);
		assert.match(again.stdout, /0 added, 2 already present/);
	});

	test('--follows HANDLE follows the cursor', async () => {
		const before = server.count(`/xrpc/${GRAPH_NSID.getFollows}`);
		const r = await cli(['import-bluesky', '--follows', `@${HANDLES.leqi}`]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(server.count(`/xrpc/${GRAPH_NSID.getFollows}`) - before, 2);
		assert.match(r.stdout, /from the accounts @leqiliu\.bsky\.social follows: 1 added, 2 already present/);
		assert.ok((await researchers()).some(x => x.name === 'Tomás Okafor'));
		assert.deepEqual(server.errors, []);
	});

	const bad: Array<[string, string[], RegExp]> = [
		['not a URL', ['import-bluesky', 'starter pack please'], /is not a URL or an at:\/\/ URI/],
		['another site', ['import-bluesky', 'https://example.org/starter-pack/a.bsky.social/3k'], /is not a bsky\.app URL/],
		['a post, not a list', ['import-bluesky', `at://${LAB.did}/app.bsky.feed.post/3kabc`], /is not a URL or an at:\/\/ URI/],
		['short link', ['import-bluesky', 'https://go.bsky.app/AbCdEf'], /short link/],
		['unknown list', ['import-bluesky', `https://bsky.app/profile/${LAB.handle}/lists/3knosuchlist`], /import-bluesky: HTTP 400 NotFound: List not found/],
		['bad handle for --follows', ['import-bluesky', '--follows', 'not a handle'], /is not a Bluesky handle or DID/],
	];
	for (const [name, args, message] of bad) {
		test(`bad input: ${name} → one line, exit 1, nothing written`, async () => {
			const before = config();
			const r = await cli(args);
			assert.equal(r.code, 1, r.stdout);
			assert.match(r.stderr.trim().split('\n').pop()!, message);
			assert.equal(r.stderr.trim().split('\n').filter(l => l.startsWith('research-feed:')).length, 1, r.stderr);
			assert.equal(config(), before);
		});
	}
});

function pick(s: {kind: string; target: string}): {kind: string; target: string} {
	return {kind: s.kind, target: s.target};
}
