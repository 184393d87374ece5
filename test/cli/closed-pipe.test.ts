import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {test} from 'node:test';
import {tempHome} from '../helpers/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

test('a reader that goes away (`research-feed help | head -1`) ends the command quietly: exit 0, no stack trace', async () => {
	const home = tempHome();
	try {
		// Many lines, the pipe closed after the first chunk: the rest of the writes meet a closed pipe.
		const child = spawn(process.execPath, [BIN, 'help', 'list'], {env: {...process.env, RESEARCH_FEED_HOME: home.dir}, stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', d => (stderr += String(d)));
		child.stdout.once('data', () => child.stdout.destroy());
		const code = await new Promise<number | null>(resolve => child.on('close', resolve));
		assert.equal(code, 0);
		assert.doesNotMatch(stderr, /EPIPE|at .*\(|Unhandled/);
	} finally {
		home.cleanup();
	}
});
