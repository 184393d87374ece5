/** runTui over fake terminal streams: alternate screen in and out on every exit path. */
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import type {Item} from '../../src/domain/types.js';
import {runTui} from '../../src/ui/run-tui.js';
import {MemoryModel} from '../helpers/memory-model.js';
import {seedItems} from './fixtures.js';

class FakeStdout extends EventEmitter {
	isTTY = true;
	columns = 100;
	rows = 30;
	output = '';
	write = (chunk: string): boolean => {
		this.output += chunk;
		return true;
	};
}

class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write(data: string): void {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = (): string | null => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

const ENTER = '\u001b[?1049h';
const LEAVE = '\u001b[?1049l';

async function until(check: () => boolean, what: string): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > 5000) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
	await new Promise(resolve => setImmediate(resolve));
}

function start(model: MemoryModel) {
	const stdout = new FakeStdout();
	const stdin = new FakeStdin();
	const done = runTui(model, {
		openUrl: async () => {},
		refreshMinutes: 30,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		env: {NO_COLOR: '1'},
	});
	return {stdout, stdin, done};
}

// Ink's signal-exit stays installed once loaded; ours must not pile up run after run.
let signalsAfterFirstRun = -1;

test('enters the alternate screen, refreshes on launch, and restores the screen on q', async () => {
	const model = new MemoryModel(seedItems());
	const {stdout, stdin, done} = start(model);
	assert.ok(stdout.output.startsWith(ENTER));
	await until(() => stdout.output.includes('Personalized RLHF') && stdin.listenerCount('readable') > 0, 'the first frame');
	assert.equal(model.refreshCalls, 1, 'a refresh starts on launch');
	stdin.write('q');
	await done;
	assert.ok(stdout.output.endsWith(LEAVE), JSON.stringify(stdout.output.slice(-40)));
	signalsAfterFirstRun = process.listenerCount('SIGTERM');
});

test('Ctrl-c quits from an open item and restores the screen', async () => {
	const {stdout, stdin, done} = start(new MemoryModel(seedItems()));
	await until(() => stdout.output.includes('Personalized RLHF') && stdin.listenerCount('readable') > 0, 'the first frame');
	stdin.write('\r');
	await until(() => stdout.output.includes('Links (2)'), 'the item');
	stdin.write('\u0003');
	await done;
	assert.ok(stdout.output.endsWith(LEAVE));
	assert.equal(process.listenerCount('SIGTERM'), signalsAfterFirstRun, 'signal handlers removed');
});

test('an exception while rendering still restores the screen, and is passed on', async () => {
	const model = new MemoryModel(seedItems());
	model.window = (): Item[] => {
		throw new Error('database is locked');
	};
	const {stdout, done} = start(model);
	await assert.rejects(done, /database is locked/);
	assert.ok(stdout.output.includes(LEAVE));
	assert.ok(stdout.output.lastIndexOf(LEAVE) > stdout.output.lastIndexOf(ENTER));
});

test('a cache that fails after the first frame ends the app: the screen restored, the error passed on', async () => {
	const model = new MemoryModel(seedItems());
	const {stdout, stdin, done} = start(model);
	await until(() => stdout.output.includes('Personalized RLHF') && stdin.listenerCount('readable') > 0, 'the first frame');
	model.window = (): Item[] => {
		throw new Error('database disk image is malformed');
	};
	// As a refresh reports new items.
	model.changed();
	await assert.rejects(done, /database disk image is malformed/);
	assert.ok(stdout.output.lastIndexOf(LEAVE) > stdout.output.lastIndexOf(ENTER));
	assert.equal(process.listenerCount('SIGTERM'), signalsAfterFirstRun, 'signal handlers removed');
});
