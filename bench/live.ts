/**
 * Live Bluesky (issue 18): how long from a Jetstream event to what the user sees, and what the
 * stream saves in requests against polling author feeds.
 *
 * - event → line: `watch --json` (the built CLI) against the loopback Jetstream and AppView; an
 *   event is emitted, and the time until its JSON line arrives on stdout is taken. Hydration
 *   (getPosts) and the save are included. Events are isolated (each waits for the last), so each
 *   pays the batching wait in full.
 * - event → screen: the timeline in a pseudo-terminal, the time until the post's text is drawn.
 * - requests per hour for 2,000 followed accounts: polling is measured (one `refresh` of 2,000
 *   unchanged author feeds against the loopback AppView, requests counted) and multiplied by the
 *   refreshes an hour makes; live is one connection plus the getPosts calls measured per event.
 *
 * Prints one JSON line (bench/run.mjs reads the last line), and a readable summary on stderr.
 */
import {spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {makePost} from '../test/fixtures/bluesky/build.js';
import {ADA, startLiveWorld} from '../test/helpers/live-world.js';
import {runCli} from '../test/helpers/run-cli.js';
import {tempHome} from '../test/helpers/temp-home.js';
import {startXrpcServer} from '../test/helpers/xrpc-server.js';
import xtermHeadless from '@xterm/headless';
import {type Chunk, screenOf, spawnTimed} from './lib/pty.js';
import {percentile} from './lib/random.js';

const BIN = fileURLToPath(new URL('../bin/research-feed.js', import.meta.url));
const quick = process.argv.includes('--quick');
const EVENTS = 50;
const ACCOUNTS = quick ? 500 : 2000;
const REFRESH_MINUTES = 30;

const log = (line: string) => process.stderr.write(`bench live: ${line}\n`);
const stats = (samples: number[]) => ({n: samples.length, p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99), maxMs: Math.max(...samples)});

async function eventToLine(): Promise<{latency: ReturnType<typeof stats>; getPostsPerEvent: number}> {
	const world = await startLiveWorld();
	const home = tempHome('rf-bench-live-');
	try {
		const env = {...world.env, RESEARCH_FEED_HOME: home.dir};
		await runCli(['add', 'Ada Live', '--bluesky', ADA.did], {env});
		// A cache already filled: watch's own first refresh then prints whatever it finds too.
		await runCli(['refresh'], {env});
		const child = spawn(process.execPath, [BIN, 'watch', '--json'], {env: {...process.env, ...env, NO_COLOR: '1'}, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let waiter: (() => void) | undefined;
		child.stdout.setEncoding('utf8').on('data', (d: string) => {
			out += d;
			waiter?.();
		});
		child.stderr.resume();
		await world.jetstream.waitForHello(1, 30_000);
		const getPosts = () => world.appview.requests.filter(r => r.path.endsWith('app.bsky.feed.getPosts')).length;
		const before = getPosts();
		const samples: number[] = [];
		for (let i = 0; i < EVENTS; i++) {
			const post = await world.post(ADA, `Event to line number ${i}.`);
			const sent = performance.now();
			world.jetstream.emit(post.commit);
			await new Promise<void>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`event ${i}: no line within 10 s`)), 10_000);
				const check = () => {
					if (!out.includes(post.view.uri)) return;
					clearTimeout(timer);
					waiter = undefined;
					resolve();
				};
				waiter = check;
				check();
			});
			samples.push(performance.now() - sent);
		}
		const calls = getPosts() - before;
		child.kill('SIGINT');
		await new Promise(r => child.on('close', r));
		return {latency: stats(samples), getPostsPerEvent: calls / EVENTS};
	} finally {
		await world.close();
		home.cleanup();
	}
}

async function eventToScreen(): Promise<ReturnType<typeof stats>> {
	const world = await startLiveWorld();
	const home = tempHome('rf-bench-live-');
	try {
		const env = {...world.env, RESEARCH_FEED_HOME: home.dir, NO_COLOR: '1'};
		await runCli(['add', 'Ada Live', '--bluesky', ADA.did], {env});
		await runCli(['refresh'], {env});
		const term = spawnTimed(process.execPath, [BIN], {cols: 120, rows: 40, env});
		try {
			await term.waitForText(0, text => text.includes('An older post'), 30_000);
			await world.jetstream.waitForHello(1, 30_000);
			// Pacing only: each event waits for the redraw it causes. Ink rewrites only the changed
			// part of a row, so the time the text is on screen is found afterwards, by replaying the
			// output into a headless terminal.
			const sent: Array<{text: string; from: number; at: number}> = [];
			for (let i = 0; i < EVENTS; i++) {
				const text = `Screen event ${i} arrives`;
				// The selection stays on its item as items arrive above it, scrolling them out of
				// view once it reaches the bottom: back to the top first.
				term.write('g');
				const post = await world.post(ADA, text);
				await new Promise(r => setTimeout(r, 100));
				const from = term.chunks.length;
				const at = performance.now();
				world.jetstream.emit(post.commit);
				await term.waitForText(from, seen => seen.includes(' arrives'), 10_000);
				await new Promise(r => setTimeout(r, 150));
				sent.push({text, from, at});
			}
			const samples = await shownAt(term.chunks, sent, 120, 40);
			return stats(samples);
		} finally {
			term.write('q');
			await Promise.race([term.exited, new Promise(r => setTimeout(r, 3000))]);
			term.kill();
		}
	} finally {
		await world.close();
		home.cleanup();
	}
}

/** For each event, the time from its emission until the first output after which its text is on screen. */
async function shownAt(chunks: readonly Chunk[], sent: ReadonlyArray<{text: string; from: number; at: number}>, cols: number, rows: number): Promise<number[]> {
	const term = new xtermHeadless.Terminal({cols, rows, allowProposedApi: true});
	const out: number[] = [];
	try {
		let next = 0;
		for (const [index, chunk] of chunks.entries()) {
			await new Promise<void>(resolve => term.write(chunk.data, resolve));
			const screen = screenOf(term);
			// One redraw may show several events (the next was sent before this one was drawn).
			for (let event = sent[next]; event !== undefined && index >= event.from && screen.some(line => line.includes(event!.text)); event = sent[next]) {
				out.push(chunk.t - event.at);
				next++;
			}
			if (next >= sent.length) break;
		}
	} finally {
		term.dispose();
	}
	if (out.length !== sent.length) throw new Error(`event → screen: ${out.length} of ${sent.length} events found on screen`);
	return out;
}

/** Requests one refresh of ACCOUNTS unchanged author feeds makes (the second refresh: nothing new). */
async function pollingRequests(): Promise<number> {
	const actors = [];
	for (let i = 0; i < ACCOUNTS; i++) {
		const did = `did:plc:${i.toString(36).padStart(24, '0')}`;
		const author = {did, handle: `acct${i}.bsky.social`, displayName: `Account ${i}`};
		const post = await makePost({author, createdAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(), text: `Post of account ${i}.`});
		actors.push({profile: {...author, followersCount: 1, followsCount: 1, postsCount: 1}, feed: [{post}]});
	}
	const appview = await startXrpcServer({actors, pageSize: 100});
	const home = tempHome('rf-bench-live-');
	try {
		const researchers = actors.map((a, i) => ({name: `Account ${i}`, sources: [{kind: 'bluesky', target: a.profile.did}]}));
		writeFileSync(join(home.dir, 'config.json'), JSON.stringify({researchers, concurrency: 16}));
		const env = {RESEARCH_FEED_HOME: home.dir, RESEARCH_FEED_BLUESKY_SERVICE: appview.url};
		const first = await runCli(['refresh'], {env});
		if (first.code !== 0) throw new Error(`refresh failed: ${first.stderr.slice(-500)}`);
		const before = appview.requests.length;
		const second = await runCli(['refresh'], {env});
		if (second.code !== 0) throw new Error(`refresh failed: ${second.stderr.slice(-500)}`);
		return appview.requests.length - before;
	} finally {
		await appview.close();
		home.cleanup();
	}
}

async function main(): Promise<void> {
	log(`event → line over ${EVENTS} events (watch --json)…`);
	const line = await eventToLine();
	log(`event → line: p50 ${line.latency.p50Ms.toFixed(0)} ms, p99 ${line.latency.p99Ms.toFixed(0)} ms; getPosts calls per event ${line.getPostsPerEvent.toFixed(2)}`);
	log(`event → screen over ${EVENTS} events (the timeline in a pty)…`);
	const screen = await eventToScreen();
	log(`event → screen: p50 ${screen.p50Ms.toFixed(0)} ms, p99 ${screen.p99Ms.toFixed(0)} ms`);
	log(`polling ${ACCOUNTS} unchanged author feeds once…`);
	const perRefresh = await pollingRequests();
	const scale = 2000 / ACCOUNTS;
	const pollingPerHour = (perRefresh * scale * 60) / REFRESH_MINUTES;
	// Live: one connection (2,000 DIDs fit in one) and getPosts per new post; an account posting a
	// few times a day is about 0.1 posts an hour: 2,000 of them, about 200 posts an hour.
	const postsPerHour = 200;
	const livePerHour = 1 + postsPerHour * line.getPostsPerEvent;
	log(`requests per hour, 2,000 accounts: polling every ${REFRESH_MINUTES} min ${Math.round(pollingPerHour)} (measured ${perRefresh} per refresh of ${ACCOUNTS}), live ${Math.round(livePerHour)} (1 connection + ${postsPerHour} posts/h × ${line.getPostsPerEvent.toFixed(2)} getPosts)`);
	process.stdout.write(
		`${JSON.stringify({
			events: EVENTS,
			eventToLine: line.latency,
			eventToScreen: screen,
			getPostsPerEvent: line.getPostsPerEvent,
			polling: {accounts: ACCOUNTS, requestsPerRefresh: perRefresh, refreshMinutes: REFRESH_MINUTES, requestsPerHourFor2000: pollingPerHour},
			live: {connections: 1, assumedPostsPerHour: postsPerHour, requestsPerHourFor2000: livePerHour},
		})}\n`,
	);
}

main().catch(error => {
	process.stderr.write(`bench live: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exit(1);
});
