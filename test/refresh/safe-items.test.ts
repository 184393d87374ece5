/** The orchestrator's last gate before the cache (every adapter's output passes it). */
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ItemDraft} from '../../src/domain/types.js';
import {MAX_ITEM_TEXT, MAX_LINKS, safeDraft} from '../../src/refresh/safe-items.js';

const draft = (over: Partial<ItemDraft>): ItemDraft => ({
	id: 'id1',
	kind: 'news',
	date: '2025-05-01T00:00:00.000Z',
	datePrecision: 'month',
	title: null,
	text: 'hello',
	url: 'https://example.org/',
	posts: [],
	links: [],
	papers: [],
	...over,
});

describe('safeDraft', () => {
	test('controls, bidi and zero-width characters go from every string', () => {
		const out = safeDraft(
			draft({
				title: 'T\u001b]0;title\u0007itle\u202e',
				text: 'a\u001b[2Jb\u009b31mc\u200bd',
				posts: [{uri: 'at://x\u001b[1m', url: 'https://bsky.app/x', createdAt: '2025-05-01T00:00:00.000Z', text: 'p\u001b]52;c;eA==\u0007q'}],
				links: [{url: 'https://ok.example/', text: 'o\u2066k\u2069'}],
				papers: [{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: 'P\u202eaper'}],
			}),
			'https://example.org/',
		)!;
		assert.equal(out.title, 'Title');
		assert.equal(out.text, 'abcd');
		assert.equal(out.posts[0]!.text, 'pq');
		assert.equal(out.posts[0]!.uri, 'at://x');
		assert.equal(out.links[0]!.text, 'ok');
		assert.equal(out.papers[0]!.title, 'Paper');
	});

	test('only http(s) URLs: bad links dropped, a bad item URL replaced by the source address', () => {
		const out = safeDraft(
			draft({
				url: 'javascript:alert(1)',
				links: ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'mailto:a@b.c', 'https://ok.example/', 'https://ok.example/'].map(url => ({url, text: 'x'})),
				papers: [{id: 'doi:10.1/x', url: 'ftp://x', title: null}],
			}),
			'https://source.example/',
		)!;
		assert.equal(out.url, 'https://source.example/');
		assert.deepEqual(out.links, [{url: 'https://ok.example/', text: 'x'}], 'deduplicated, http(s) only');
		assert.deepEqual(out.papers, []);
	});

	test('link text naming another host is flagged, once', () => {
		const links = [
			{url: 'https://evil.example/login', text: 'paypal.com'},
			{url: 'https://gist.github.com/x', text: 'github.com'},
			{url: 'https://arxiv.org/abs/2507.02834', text: 'Paper'},
		];
		const once = safeDraft(draft({links}), '')!;
		assert.deepEqual(
			once.links.map(l => l.text),
			['paypal.com [⚠ goes to evil.example]', 'github.com', 'Paper'],
		);
		assert.deepEqual(safeDraft(once, '')!.links, once.links, 'idempotent');
	});

	test('oversized text is cut with a marker; link lists are bounded', () => {
		const out = safeDraft(
			draft({text: 'x'.repeat(MAX_ITEM_TEXT * 2), links: Array.from({length: MAX_LINKS + 50}, (_, i) => ({url: `https://l.example/${i}`, text: ''}))}),
			'',
		)!;
		assert.equal(out.text.length, MAX_ITEM_TEXT + '… [truncated]'.length);
		assert.ok(out.text.endsWith('… [truncated]'));
		assert.equal(out.links.length, MAX_LINKS);
	});
});
