/**
 * A post built from its record alone, for when the AppView does not (yet) return it: Jetstream
 * carries records, not views (no handle, no link-card view, no quoted post's text). The record's
 * own embed is read as the view it would become (a card's uri/title/description, images' and a
 * video's alt text), so links, papers and alt text come out as `normalizePost` makes them for a
 * fetched post. The record must have passed its lexicon (parse/jetstream.ts). Pure: no IO.
 */
import type {AppBskyFeedDefs} from '@atproto/api';
import {type BskyPost, normalizePost} from './post.js';

export function postFromRecord(uri: string, did: string, record: Record<string, unknown>, indexedAt: string): BskyPost {
	const view = {
		uri,
		cid: '',
		author: {did, handle: ''},
		record,
		indexedAt,
		embed: embedView(record['embed']),
	} as unknown as AppBskyFeedDefs.PostView;
	return normalizePost(view);
}

function embedView(embed: unknown): unknown {
	if (!isObject(embed)) return undefined;
	switch (embed['$type']) {
		case 'app.bsky.embed.external': {
			const external = isObject(embed['external']) ? embed['external'] : {};
			return {$type: 'app.bsky.embed.external#view', external: {uri: external['uri'], title: external['title'], description: external['description']}};
		}
		case 'app.bsky.embed.images': {
			const images = Array.isArray(embed['images']) ? embed['images'] : [];
			return {$type: 'app.bsky.embed.images#view', images: images.map(image => ({alt: isObject(image) ? image['alt'] : ''}))};
		}
		case 'app.bsky.embed.video':
			return {$type: 'app.bsky.embed.video#view', alt: embed['alt']};
		case 'app.bsky.embed.record':
			// The quoted post's text is in the AppView only: say there is one.
			return {$type: 'app.bsky.embed.record#view', record: {}};
		case 'app.bsky.embed.recordWithMedia':
			return {$type: 'app.bsky.embed.recordWithMedia#view', media: embedView(embed['media']), record: {record: {}}};
		default:
			return undefined;
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
