import assert from 'node:assert/strict';
import {test} from 'node:test';
import {MAX_FRAME_BYTES, parseJetstreamFrame} from '../../src/parse/jetstream.js';
import {recordCid} from '../fixtures/bluesky/build.js';

const DID = 'did:plc:ada2live4test6x7y8z9a2b3c';
const frame = (value: unknown) => JSON.stringify(value);
const commit = (c: Record<string, unknown>) => frame({did: DID, time_us: 1783175888090631, kind: 'commit', commit: {rev: 'r', ...c}});

test('a post create is typed, with its URI built from did, collection and rkey', () => {
	const event = parseJetstreamFrame(commit({operation: 'create', collection: 'app.bsky.feed.post', rkey: '3mptbyoeyc22k', record: {$type: 'app.bsky.feed.post', text: 'hi', createdAt: '2026-07-04T10:00:00.000Z'}, cid: 'bafy'}));
	assert.deepEqual(event, {
		type: 'post',
		did: DID,
		timeUs: 1783175888090631,
		uri: `at://${DID}/app.bsky.feed.post/3mptbyoeyc22k`,
		record: {$type: 'app.bsky.feed.post', text: 'hi', createdAt: '2026-07-04T10:00:00.000Z'},
	});
});

test('a repost names its subject; a delete carries only the URI', async () => {
	const cid = await recordCid({text: 'the reposted post'});
	const subject = `at://did:plc:zed5notfollowed2c3d4e5f6g/app.bsky.feed.post/3mptbyoeyc22k`;
	assert.deepEqual(parseJetstreamFrame(commit({operation: 'create', collection: 'app.bsky.feed.repost', rkey: '3abc', record: {subject: {uri: subject, cid}, createdAt: '2026-07-04T10:00:00Z'}})), {
		type: 'repost',
		did: DID,
		timeUs: 1783175888090631,
		uri: `at://${DID}/app.bsky.feed.repost/3abc`,
		subject,
		createdAt: '2026-07-04T10:00:00.000Z',
	});
	assert.deepEqual(parseJetstreamFrame(commit({operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3abc'})), {type: 'delete', did: DID, timeUs: 1783175888090631, uri: `at://${DID}/app.bsky.feed.post/3abc`});
});

test('records that fail their lexicon are passed over with the reason, keeping the cursor', async () => {
	const cid = await recordCid({text: 'a profile'});
	const bad = parseJetstreamFrame(commit({operation: 'create', collection: 'app.bsky.feed.post', rkey: '3abc', record: {text: 42, createdAt: 'x'}}));
	assert.equal(bad?.type, 'other');
	assert.equal(bad?.timeUs, 1783175888090631);
	assert.match((bad as {rejected?: string}).rejected ?? '', /text must be a string/);
	const repostOfProfile = parseJetstreamFrame(commit({operation: 'create', collection: 'app.bsky.feed.repost', rkey: '3abc', record: {subject: {uri: `at://${DID}/app.bsky.actor.profile/self`, cid}, createdAt: '2026-07-04T10:00:00Z'}}));
	assert.equal(repostOfProfile?.type, 'other');
});

test('identity, account, other collections and unknown kinds keep only their time', () => {
	assert.deepEqual(parseJetstreamFrame(frame({did: DID, time_us: 5, kind: 'identity', identity: {did: DID, seq: 1, time: 'x'}})), {type: 'other', did: DID, timeUs: 5});
	assert.deepEqual(parseJetstreamFrame(commit({operation: 'create', collection: 'app.bsky.feed.like', rkey: '3abc', record: {}})), {type: 'other', did: DID, timeUs: 1783175888090631});
	assert.deepEqual(parseJetstreamFrame(frame({did: DID, time_us: 6, kind: 'sync'})), {type: 'other', did: DID, timeUs: 6});
});

test('what is not an event is null: bad JSON, no time, a bad rkey, a frame past the bound', () => {
	assert.equal(parseJetstreamFrame('not json'), null);
	assert.equal(parseJetstreamFrame('[1,2]'), null);
	assert.equal(parseJetstreamFrame(frame({did: DID, kind: 'commit'})), null);
	assert.equal(parseJetstreamFrame(frame({did: DID, time_us: -1, kind: 'commit'})), null);
	assert.equal(parseJetstreamFrame(commit({operation: 'delete', collection: 'app.bsky.feed.post', rkey: '../../etc'})), null);
	const huge = commit({operation: 'create', collection: 'app.bsky.feed.post', rkey: '3abc', record: {text: 'é'.repeat(MAX_FRAME_BYTES / 2), createdAt: '2026-07-04T10:00:00Z'}});
	assert.ok(huge.length < MAX_FRAME_BYTES, 'under the bound in UTF-16 units, over it in UTF-8 bytes');
	assert.equal(parseJetstreamFrame(huge), null);
});
