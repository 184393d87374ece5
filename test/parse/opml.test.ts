/**
 * parseOpml on the XML reader (parse/xml-dom.ts): the same reading as through the CLI
 * (test/cli/exchange.test.ts), without a build, plus what the reader refuses or leaves alone.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import {formatOpml, OpmlError, parseOpml} from '../../src/parse/opml.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/opml/${name}`, import.meta.url), 'utf8');

describe('parseOpml', () => {
	test('any reader’s OPML: feeds at any depth, attributes case-insensitive, entities decoded', async () => {
		const nested = await parseOpml(fixture('nested-categories.opml'));
		assert.deepEqual(nested.researchers, [
			{name: "Leqi Liu's blog", sources: [{kind: 'feed', target: 'https://leqiliu.github.io/feed.xml'}]},
			{name: 'Distill', sources: [{kind: 'feed', target: 'https://distill.pub/rss.xml'}]},
			{name: 'Jay Alammar', sources: [{kind: 'feed', target: 'https://jalammar.github.io/feed.xml'}]},
			{name: 'Wei Liu', sources: [{kind: 'bluesky', target: 'weiliu.bsky.social'}]},
		]);
		assert.equal(nested.skipped.length, 3);
		const newsboat = await parseOpml(fixture('newsboat.opml'));
		assert.deepEqual(
			newsboat.researchers.map(r => [r.name, r.sources[0]!.target]),
			[
				["Lil'Log", 'https://lilianweng.github.io/index.xml'],
				['arg min', 'https://www.argmin.net/feed'],
				['Jörg Müller: Notes', 'https://example.org/blog/atom.xml?tag=ml&lang=en'],
			],
		);
	});

	test('outlines grouped by person: Bluesky RSS is a Bluesky source, one name is one researcher, untitled named by handle or site', async () => {
		const {researchers, skipped} = await parseOpml(fixture('grouping.opml'));
		assert.deepEqual(researchers, [
			{
				name: 'Leqi Liu',
				sources: [
					{kind: 'bluesky', target: 'leqiliu.bsky.social'},
					{kind: 'feed', target: 'https://leqiliu.github.io/feed.xml'},
				],
			},
			{
				name: 'Jay Alammar',
				sources: [
					{kind: 'feed', target: 'https://jalammar.github.io/feed.xml'},
					{kind: 'feed', target: 'https://jalammar.substack.com/feed'},
				],
			},
			{name: 'medium.com/@alice', sources: [{kind: 'feed', target: 'https://medium.com/feed/@alice'}]},
			{name: 'medium.com/@bob', sources: [{kind: 'feed', target: 'https://medium.com/feed/@bob'}]},
			{name: 'argmin.net', sources: [{kind: 'feed', target: 'https://www.argmin.net/feed'}]},
			{name: 'example.org/~carol', sources: [{kind: 'feed', target: 'https://feeds.example.org/rss.xml'}]},
			{name: 'weiliu.bsky.social', sources: [{kind: 'bluesky', target: 'weiliu.bsky.social'}]},
			{name: 'nameless.bsky.social', sources: [{kind: 'bluesky', target: 'nameless.bsky.social'}]},
			{name: 'people.example.edu/dana', sources: [{kind: 'homepage', target: 'https://people.example.edu/dana/'}]},
		]);
		assert.deepEqual(skipped, []);
	});

	test('a Bluesky outline without a title is named by its handle; with "@handle - Name", by the name', async () => {
		const doc = (outlines: string) => `<opml version="2.0"><head/><body>${outlines}</body></opml>`;
		assert.deepEqual((await parseOpml(doc('<outline type="bluesky" target="@ada.bsky.social"/>'))).researchers, [{name: 'ada.bsky.social', sources: [{kind: 'bluesky', target: 'ada.bsky.social'}]}]);
		assert.deepEqual((await parseOpml(doc('<outline type="bluesky" title="@ada.bsky.social — Ada L." htmlUrl="https://bsky.app/profile/ada.bsky.social"/><outline title="Ada L." xmlUrl="https://ada.example/atom.xml"/>'))).researchers, [
			{name: 'Ada L.', sources: [{kind: 'bluesky', target: 'ada.bsky.social'}, {kind: 'feed', target: 'https://ada.example/atom.xml'}]},
		]);
	});

	test('round trip of our own export', async () => {
		const researchers = [{name: 'A & <B>', sources: [{kind: 'bluesky' as const, target: 'a.bsky.social'}, {kind: 'feed' as const, target: 'https://a.example/feed?x=1&y=2'}, {kind: 'homepage' as const, target: 'https://a.example/'}]}];
		assert.deepEqual((await parseOpml(formatOpml(researchers, {now: new Date('2025-07-24T00:00:00Z')}))).researchers, researchers);
	});

	test('refuses what is not well-formed OPML, with the place; never expands entities', async () => {
		await assert.rejects(parseOpml(fixture('truncated.opml')), (e: unknown) => e instanceof OpmlError && /^not well-formed XML \(Unclosed root tag, line 7\)$/.test(e.message));
		await assert.rejects(parseOpml(fixture('not-opml.xml')), (e: unknown) => e instanceof OpmlError && e.message === 'not OPML (the root element is not <opml>)');
		await assert.rejects(parseOpml('<opml><body><outline></body></opml>'), /Unexpected close tag <\/body>, expected <\/outline>, line 1/);
		await assert.rejects(parseOpml('<opml><head/></opml>'), /not OPML \(no <body>\)/);
		const entities = '<!DOCTYPE opml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><opml><body><outline text="&b;&nbsp;" xmlUrl="https://x.example/f"/></body></opml>';
		assert.deepEqual((await parseOpml(entities)).researchers, [{name: '&b;&nbsp;', sources: [{kind: 'feed', target: 'https://x.example/f'}]}]);
	});
});
