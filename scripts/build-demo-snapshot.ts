/**
 * Writes assets/demo/bluesky.json: the Bluesky half of `research-feed demo`, minted with the same
 * lexicon-valid fixture builder the tests use (real CIDs, UTF-8 facet offsets). Run it with
 * `node --import tsx scripts/build-demo-snapshot.ts` after changing the fixtures.
 */
import {writeFileSync} from 'node:fs';
import {leqiLaterFixture, weiFixture} from '../test/fixtures/bluesky/build.js';

// Posts that exist to test hostile or broken input are not what a first-time user should see.
const LEAVE_OUT = new Set(['hostile', 'unknownEmbed', 'orphanReply']);

const leqi = await leqiLaterFixture();
const wei = await weiFixture();
const leaveOut = new Set(Object.entries(leqi.posts).filter(([name]) => LEAVE_OUT.has(name)).map(([, post]) => post.uri));
const snapshot = {
	actors: [
		{profile: leqi.profile, feed: leqi.feed.filter(item => !leaveOut.has(item.post.uri))},
		{profile: wei.profile, feed: wei.feed},
	],
};
writeFileSync(new URL('../assets/demo/bluesky.json', import.meta.url), `${JSON.stringify(snapshot)}\n`);
console.log(`wrote ${snapshot.actors.map(a => `${a.profile.handle}: ${a.feed.length} items`).join(', ')}`);
