/** The researchers view's keys, on the controller. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MemoryModel} from '../../helpers/memory-model.js';
import {seedItems, seedSources} from '../fixtures.js';
import {type Harness, startController} from './harness.js';

function researchersView(): Harness {
	const h = startController(new MemoryModel(seedItems(), {sources: seedSources()}), {columns: 100, rows: 24});
	h.press('tab', 'tab');
	assert.equal(h.state().view, 'researchers');
	assert.equal(h.state().counts.researchers, 3);
	return h;
}

test('Enter on a source shows that researcher’s timeline', () => {
	const h = researchersView();
	h.press('j');
	assert.equal(h.selectedSource()?.source, 'homepage');
	h.press('return');
	assert.equal(h.state().view, 'timeline');
	assert.equal(h.state().researcher, 'Wei Liu');
	assert.deepEqual(h.rowTexts(), ['Notes on diffusion models', 'Our paper on personalized feedback was accepted to NeurIPS.']);
	assert.equal(h.position(), '1/2');
});

test('search filters sources', () => {
	const h = researchersView();
	h.press('/', 'feed.xml');
	assert.deepEqual(
		h.snapshot().sources.map(s => s.target),
		['https://wei.example/feed.xml'],
	);
	assert.equal(h.state().counts.researchers, 1);
});

test('sources are read only while their view is on', () => {
	const model = new MemoryModel(seedItems(), {sources: seedSources()});
	let reads = 0;
	const sources = model.sources.bind(model);
	model.sources = () => {
		reads += 1;
		return sources();
	};
	const h = startController(model, {columns: 100, rows: 24});
	h.press('j', 'tab');
	assert.equal(reads, 0);
	h.press('tab', 'j', 'k');
	assert.equal(reads, 1, 'once for the view, not per key');
	assert.deepEqual(h.snapshot().sources.length, 3);
	h.press('tab');
	assert.deepEqual(h.snapshot().sources, []);
	assert.equal(h.state().counts.researchers, 3, 'its last count stands in, keeping its cursor');
});
