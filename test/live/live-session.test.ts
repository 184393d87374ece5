/**
 * LiveSession against the loopback Jetstream and AppView, over a real SQLite cache: how many
 * connections carry how many DIDs (5,000 in one; 12,000 in two), subscriptions that follow the
 * configured researchers without a restart, the cursor saved with the items, reconnecting after a
 * drop with the saved cursor, and the state lines said once.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {LiveSession, type LiveState} from '../../src/live/live-session.js';
import {createHttpClient} from '../../src/net/http.js';
import {liveCursor} from '../../src/store/live.js';
import {Store} from '../../src/store/store.js';
import {ADA, type LiveWorld, startLiveWorld} from '../helpers/live-world.js';
import {tempHome} from '../helpers/temp-home.js';

/** `n` syntactically valid did:plc DIDs. */
function manyDids(n: number, from = 0): string[] {
	return Array.from({length: n}, (_, i) => `did:plc:${(from + i).toString(36).padStart(24, '0')}`);
}

function researchersFor(dids: readonly string[]): ResearcherConfig[] {
	return dids.map((did, i) => ({name: `R${i}`, sources: [{kind: 'bluesky', target: did}]}));
}

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
		await new Promise(r => setTimeout(r, 20));
	}
}

describe('LiveSession', () => {
	let world: LiveWorld;
	let home: ReturnType<typeof tempHome>;
	let store: Store;

	before(async () => {
		world = await startLiveWorld();
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
	});
	after(async () => {
		store.close();
		await world.close();
		home.cleanup();
	});

	const session = (researchers: () => ResearcherConfig[], states: string[] = []) =>
		new LiveSession({
			store,
			settings: {blueskyService: world.appview.url, showReplies: false, jetstream: world.jetstream.url},
			researchers,
			http: createHttpClient(),
			onState: (state: LiveState, line: string) => states.push(`${state}: ${line}`),
			backoffMs: {min: 50, max: 200},
		});

	test('5,000 followed accounts: one connection, the DIDs in its options_update (not the URL); researchers added and removed change it without a restart', async () => {
		let list = researchersFor(manyDids(5000));
		const live = session(() => list);
		try {
			live.sync();
			await world.jetstream.waitForHello(1);
			const [sub] = world.jetstream.subscribers();
			assert.equal(world.jetstream.subscribers().length, 1);
			assert.equal(sub?.dids, 5000);
			assert.ok(sub.url.length < 400, `the URL stays short (${sub.url.length} characters)`);
			list = researchersFor(manyDids(4990));
			live.sync();
			await until(() => world.jetstream.subscribers()[0]?.dids === 4990, 'the smaller subscription');
			assert.equal(world.jetstream.subscribers().length, 1, 'the same connection, told again');
		} finally {
			await live.stop();
		}
		await until(() => world.jetstream.subscribers().length === 0, 'closed');
	});

	test('12,000 followed accounts take two connections (10,000 + 2,000)', async () => {
		const list = researchersFor(manyDids(12_000));
		const live = session(() => list);
		try {
			live.sync();
			await world.jetstream.waitForHello(2);
			assert.deepEqual(world.jetstream.subscribers().map(s => s.dids).sort((a, b) => a - b), [2000, 10_000]);
		} finally {
			await live.stop();
		}
		await until(() => world.jetstream.subscribers().length === 0, 'closed');
	});

	test('the cursor is the last event saved; a dropped connection comes back from it, and the state changes are said once each', async () => {
		const states: string[] = [];
		const list: ResearcherConfig[] = [{name: 'Ada Live', sources: [{kind: 'bluesky', target: ADA.did}]}];
		const live = session(() => list, states);
		try {
			live.sync();
			await world.jetstream.waitForHello(1);
			await until(() => live.state === 'up', 'up');
			const first = await world.post(ADA, 'Saved with the cursor.');
			const timeUs = world.jetstream.emit(first.commit);
			await until(() => liveCursor(store.db) === timeUs, 'the cursor saved');
			assert.equal(store.listItems({}, 0, 10).filter(i => i.posts.some(p => p.uri === first.view.uri)).length, 1, 'the item is there when the cursor is');
			world.jetstream.setDown(true);
			const missed = await world.post(ADA, 'Sent while the connection was down.');
			const missedUs = world.jetstream.emit(missed.commit);
			await until(() => live.state === 'down', 'down');
			world.jetstream.setDown(false);
			await world.jetstream.waitForHello(1);
			const [sub] = world.jetstream.subscribers();
			const cursor = Number(new URL(sub!.url, 'ws://x').searchParams.get('cursor'));
			assert.ok(cursor <= timeUs && cursor > timeUs - 5_000_000, 'resumed a little before the last saved event');
			await until(() => liveCursor(store.db) === missedUs, 'the missed event replayed and saved');
			assert.ok(store.listItems({}, 0, 10).some(i => i.posts.some(p => p.uri === missed.view.uri)));
			assert.deepEqual(
				states.map(s => s.split(':')[0]),
				['connecting', 'up', 'down', 'up'],
			);
		} finally {
			await live.stop();
		}
	});
});
