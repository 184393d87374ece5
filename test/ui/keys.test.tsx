/**
 * Every key of the keymap as a terminal sends it, typed into the running App: Ink hands the
 * controller exactly what the controller tests press (test/ui/terminal-keys.ts), and the keymap
 * reads that as the binding's command. What each command then does is tested on the controller,
 * without Ink (test/ui/controller/keys.test.ts).
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import type {Key} from 'ink';
import {cleanup} from 'ink-testing-library';
import {firstKeypress, NO_KEY} from '../../src/keys/input.js';
import {KEYMAP, matchKey, typesText} from '../../src/keys/keymap.js';
import {MemoryModel} from '../helpers/memory-model.js';
import {seedItems} from './fixtures.js';
import {renderApp} from './render-app.js';
import {inkInputs, sequence} from './terminal-keys.js';

let app: Awaited<ReturnType<typeof renderApp>>;

before(async () => {
	app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('Personalized RLHF'));
});
after(() => cleanup());

/** The key's flags that are set, and its input: what the keymap reads. */
function flags([input, key]: [string, Key]): {input: string; key: string[]} {
	return {input, key: (Object.keys(NO_KEY) as (keyof Key)[]).filter(k => key[k] === true)};
}

async function typed(text: string): Promise<Array<[string, Key]>> {
	const from = app.received.length;
	app.stdin.write(text);
	const start = Date.now();
	// A lone Esc reaches the App only once Ink is sure no sequence follows it.
	while (app.received.length === from) {
		if (Date.now() - start > 3000) throw new Error(`${JSON.stringify(text)} never reached the controller`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
	return app.received.slice(from);
}

for (const b of KEYMAP) {
	for (const name of b.keys) {
		// 'text' stands for any typed text: the burst test of the timeline types some.
		if (name === 'text') continue;
		test(`${name} as the terminal sends it → ${b.command}`, async () => {
			const delivered = await typed(sequence(name));
			assert.deepEqual(delivered.map(flags), inkInputs(sequence(name)).map(flags), 'what the controller tests press');
			assert.equal(delivered.length, 1);
			const [input, key] = delivered[0]!;
			for (const context of b.contexts) {
				const first = firstKeypress(input, key, typesText(context));
				assert.equal(matchKey(first.input, first.key, context)?.command, b.command, `in ${context}`);
			}
		});
	}
}
