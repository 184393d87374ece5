/** Items shaped like the seeds: a Bluesky thread with a paper, homepage news, a feed article. */
import type {SourceStatus} from '../../src/app/model.js';
import type {Item} from '../../src/domain/types.js';
import {makeItem} from '../helpers/memory-model.js';

/** The tests' "now": relative dates count from it. */
export const NOW = new Date('2025-07-23T12:00:00.000Z');

export const PAPER_URL = 'https://arxiv.org/abs/2402.05133';
export const REPO_URL = 'https://github.com/HumainLab/Personalized_RLHF';

export function seedItems(): Item[] {
	return [
		makeItem({
			id: 'thread',
			researcher: 'Leqi Liu',
			source: 'bluesky',
			kind: 'thread',
			date: '2025-07-23T09:00:00.000Z',
			text: 'Personalized RLHF: our new paper!\nCode: https://github.com/HumainLab/Personalized_RLHF\nSecond post',
			url: 'https://bsky.app/profile/leqiliu.bsky.social/post/3root',
			posts: [
				{uri: 'at://did:plc:x/app.bsky.feed.post/3root', url: 'https://bsky.app/profile/leqiliu.bsky.social/post/3root', createdAt: '2025-07-23T09:00:00.000Z', text: `Personalized RLHF: our new paper! ${PAPER_URL}`},
				{uri: 'at://did:plc:x/app.bsky.feed.post/3two', url: 'https://bsky.app/profile/leqiliu.bsky.social/post/3two', createdAt: '2025-07-23T09:01:00.000Z', text: `Code: ${REPO_URL}\n> Quoted: a colleague's post about preference learning\n[image: a plot of reward against steps]`},
				{uri: 'at://did:plc:x/app.bsky.feed.post/3three', url: 'https://bsky.app/profile/leqiliu.bsky.social/post/3three', createdAt: '2025-07-23T09:02:00.000Z', text: 'Third post: thanks to my coauthors'},
			],
			links: [
				{url: PAPER_URL, text: 'arxiv.org/abs/2402.05133'},
				{url: REPO_URL, text: 'github.com/HumainLab/Pe...'},
			],
			papers: [{id: 'arxiv:2402.05133', url: PAPER_URL, title: 'Personalized Language Modeling from Personalized Human Feedback'}],
		}),
		makeItem({
			id: 'news',
			researcher: 'Wei Liu',
			source: 'homepage',
			kind: 'news',
			date: '2025-05-01T00:00:00.000Z',
			datePrecision: 'month',
			text: 'Our paper on personalized feedback was accepted to NeurIPS.',
			url: 'https://wei.example/#news',
			papers: [{id: 'arxiv:2402.05133', url: PAPER_URL, title: null}],
		}),
		makeItem({
			id: 'article',
			researcher: 'Wei Liu',
			source: 'feed',
			kind: 'article',
			date: '2025-07-20T08:00:00.000Z',
			title: 'Notes on diffusion models',
			text: 'A long article body.',
			url: 'https://wei.example/blog/diffusion',
			read: true,
		}),
		makeItem({
			id: 'repost',
			researcher: '刘伟',
			source: 'bluesky',
			kind: 'repost',
			date: '2025-07-22T12:00:00.000Z',
			text: '新しい論文 about tokenizers',
			url: 'https://bsky.app/profile/other.example/post/3rep',
		}),
	];
}

export function seedSources(): SourceStatus[] {
	return [
		{researcher: 'Leqi Liu', source: 'bluesky', target: 'leqiliu.bsky.social', lastAttempt: '2025-07-23T11:00:00.000Z', lastSuccess: '2025-07-23T11:00:00.000Z', lastError: null, itemCount: 1},
		{
			researcher: 'Wei Liu',
			source: 'homepage',
			target: 'https://wei.example/',
			lastAttempt: '2025-07-23T11:30:00.000Z',
			lastSuccess: '2025-07-20T11:00:00.000Z',
			lastError: 'HTTP 500 Internal Server Error from https://wei.example/ after 3 attempts; the server said: upstream connect error or disconnect/reset before headers',
			itemCount: 1,
		},
		{researcher: 'Wei Liu', source: 'feed', target: 'https://wei.example/feed.xml', lastAttempt: null, lastSuccess: null, lastError: null, itemCount: 0},
	];
}
