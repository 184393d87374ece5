/**
 * The open timeline goes live: `node bin/research-feed.js` in a real pseudo-terminal, a loopback
 * Jetstream and AppView. A followed researcher's new post appears within seconds at the top, the
 * selection stays on the item it was on, and the header says `live`.
 */
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {after, before, test} from 'node:test';
import {ADA, type LiveWorld, startLiveWorld} from '../helpers/live-world.js';
import {spawnInPty} from '../helpers/pty-terminal.js';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

let world: LiveWorld;
let home: ReturnType<typeof tempHome>;
let env: Record<string, string>;

before(async () => {
	world = await startLiveWorld();
	home = tempHome();
	env = {...world.env, RESEARCH_FEED_HOME: home.dir, NO_COLOR: '1'};
	await world.post(ADA, 'Second stored post, the one we select.', {at: '2026-11-02T10:00:00.000Z'});
	assert.equal((await runCli(['add', 'Ada Live', '--bluesky', ADA.did], {env})).code, 0);
	const refreshed = await runCli(['refresh'], {env});
	assert.equal(refreshed.code, 0, refreshed.stderr);
});

after(async () => {
	await world.close();
	home.cleanup();
});

const selected = (screen: string[]) => screen.find(line => line.startsWith('>')) ?? '';

test('a new post appears at the top within seconds; the selection stays on its item; the header says live', async () => {
	const term = spawnInPty(process.execPath, [BIN], {cols: 110, rows: 24, env});
	try {
		await term.waitFor(s => s.some(l => l.includes('An older post')) && s.some(l => l.includes('Second stored post')));
		await term.waitFor(s => /\blive\b/.test(s[0] ?? ''), 15_000);
		await world.jetstream.waitForHello(1);
		term.write('j');
		await term.waitFor(s => selected(s).includes('An older post'));
		const post = await world.post(ADA, 'Brand new result, straight from the stream.');
		const sent = Date.now();
		world.jetstream.emit(post.commit);
		await term.waitFor(s => s.some(l => l.includes('Brand new result')), 5000);
		assert.ok(Date.now() - sent < 5000);
		const screen = term.screen();
		assert.match(selected(screen), /An older post/, 'the selection did not move');
		const rows = screen.filter(l => /Brand new result|Second stored post|An older post/.test(l));
		assert.match(rows[0] ?? '', /Brand new result/, 'the new post is on top');
	} finally {
		term.write('q');
		await Promise.race([term.exited, new Promise(r => setTimeout(r, 3000))]);
		term.kill();
	}
});
