import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {buildItems, entriesFromFeed} from '../../../src/parse/bluesky/threads.js';
import {CARD_DESCRIPTIONS, inesFixture, type InesPostName} from '../../fixtures/bluesky/build.js';

/** The `[link card] …` line of the named post's item. */
async function cardLine(name: InesPostName): Promise<string> {
	const f = await inesFixture();
	const items = buildItems(entriesFromFeed(f.feed, f.actor.did), {actorDid: f.actor.did, idFor: key => key});
	const item = items.find(i => i.posts.some(p => p.uri === f.posts[name].uri));
	assert.ok(item, `no item holds ${name}`);
	const line = item.text.split('\n').find(l => l.startsWith('[link card] '));
	assert.ok(line !== undefined, item.text);
	return line;
}

describe('link card descriptions', () => {
	test('an escaped link in the description reads as text: entities decoded, tags gone', async () => {
		assert.equal(
			await cardLine('cardEscapedLink'),
			'[link card] JudgeCal toolkit — Code and data: <https://github.com/ines-lab/judge-calibration> & a live demo. <https://ines-lab.github.io/judge-calibration/>',
		);
	});

	test('paragraph markup becomes one line of text', async () => {
		assert.equal(
			await cardLine('cardParagraphs'),
			'[link card] Calibrating LLM Judges Under Shift — Abstract: LLM judges are overconfident & poorly calibrated under distribution shift. We propose JudgeCal, a post-hoc fix. <https://arxiv.org/abs/2509.01234>',
		);
	});

	test('a plain description with a literal < stays exactly as written', async () => {
		assert.equal(
			await cardLine('cardPlainLessThan'),
			`[link card] Monotone maps, lecture 3 — ${CARD_DESCRIPTIONS.plainLessThan} <https://ines-lab.github.io/notes/monotone/>`,
		);
	});

	test('control sequences spelled as character references are removed once decoded', async () => {
		const line = await cardLine('cardHostileEntities');
		assert.equal(line, '[link card] Results — Results are ingnp.exe now <https://ines-lab.github.io/results/>');
		assert.doesNotMatch(line, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
	});
});
