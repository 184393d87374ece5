/**
 * What the refresh benchmark's loopback web serves: academic homepages (a News list and a
 * publication list), Atom feeds, and Bluesky accounts (lexicon-valid author feeds built with the
 * test fixture builder: self-threads, posts with arXiv link facets, reposts, replies to others).
 * Deterministic for a seed.
 */
import {
	type FeedViewPost,
	feedItem,
	makePost,
	newestFirst,
	type PostView,
	type ProfileViewBasic,
	type ProfileViewDetailed,
	refOf,
	repostItem,
	type RichPart,
} from '../../test/fixtures/bluesky/build.js';
import type {XrpcActor} from '../../test/helpers/xrpc-server.js';
import {arxivId, int, pick, prose, type Rand, title} from './random.js';

const DAY = 86_400_000;

function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A homepage in the common academic template shape: bio, a News list with dated entries, publications. */
export function homepageHtml(rand: Rand, name: string, now: number, news = 20, pubs = 25): string {
	const entries: string[] = [];
	let t = now - int(rand, 1, 20) * DAY;
	for (let i = 0; i < news; i++) {
		const d = new Date(t);
		const link = rand() < 0.5 ? ` <a href="https://arxiv.org/abs/${arxivId(rand)}">${escapeHtml(title(rand))}</a>` : '';
		entries.push(`  <li>[${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}] ${escapeHtml(prose(rand, int(rand, 40, 160)))}${link}</li>`);
		t -= int(rand, 10, 60) * DAY;
	}
	const papers: string[] = [];
	for (let i = 0; i < pubs; i++) {
		papers.push(
			`  <li><a href="https://arxiv.org/abs/${arxivId(rand)}">${escapeHtml(title(rand))}</a><br>${escapeHtml(name)}, ${escapeHtml(prose(rand, 40))}. <em>${pick(rand, ['NeurIPS', 'ICML', 'ICLR', 'ACL', 'EMNLP'])} ${int(rand, 2019, 2025)}</em></li>`,
		);
	}
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(name)} - Homepage</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:sans-serif;max-width:800px;margin:auto}.news li{margin:.3em 0}</style>
</head>
<body>
<nav><a href="#news">News</a> <a href="#publications">Publications</a> <a href="#teaching">Teaching</a></nav>
<section class="page__content">
<h1>${escapeHtml(name)}</h1>
<p>${escapeHtml(prose(rand, int(rand, 300, 900)))}</p>
<h2 id="news">News</h2>
<ul class="news">
${entries.join('\n')}
</ul>
<h2 id="publications">Publications</h2>
<ol>
${papers.join('\n')}
</ol>
<h2 id="teaching">Teaching</h2>
<p>${escapeHtml(prose(rand, 200))}</p>
</section>
<footer>© ${new Date(now).getUTCFullYear()} ${escapeHtml(name)}</footer>
</body>
</html>
`;
}

/** The shape of a generated Atom feed's entries. */
export interface AtomShape {
	entries: number;
	/** Share of entries whose content links an arXiv paper. */
	paperShare: number;
	/** Length range of each entry's prose, in characters. */
	prose: [number, number];
}

const BLOG: AtomShape = {entries: 20, paperShare: 0.3, prose: [300, 2500]};

/** An Atom feed, newest first, with HTML content (some or all entries linking arXiv papers). */
export function atomFeed(rand: Rand, base: string, name: string, now: number, shape: AtomShape = BLOG): string {
	const entries = shape.entries;
	const out: string[] = [];
	let t = now - int(rand, 1, 10) * DAY;
	for (let i = 0; i < entries; i++) {
		const updated = new Date(t).toISOString();
		const url = `${base}/posts/${i}-${Math.floor(t / DAY)}.html`;
		const paper = rand() < shape.paperShare ? `<p>See <a href="https://arxiv.org/abs/${arxivId(rand)}">the paper</a>.</p>` : '';
		const body = `<p>${escapeHtml(prose(rand, int(rand, shape.prose[0], shape.prose[1])))}</p>${paper}`;
		out.push(`  <entry>
    <title>${escapeHtml(title(rand))}</title>
    <link href="${url}"/>
    <id>${url}</id>
    <updated>${updated}</updated>
    <published>${updated}</published>
    <author><name>${escapeHtml(name)}</name></author>
    <content type="html">${escapeHtml(body)}</content>
  </entry>`);
		t -= int(rand, 2, 30) * DAY;
	}
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(name)}'s blog</title>
  <link href="${base}/"/>
  <link rel="self" href="${base}/feed.xml"/>
  <updated>${new Date(now).toISOString()}</updated>
  <id>${base}/</id>
${out.join('\n')}
</feed>
`;
}

function did(index: number): string {
	// did:plc identifiers are 24 base32 characters.
	return `did:plc:${`bench${index.toString(32)}`.padEnd(24, 'z').slice(0, 24)}`;
}

/** A Bluesky account with `posts` feed items: posts, self-threads, reposts and replies to others. */
export async function blueskyActor(rand: Rand, index: number, name: string, now: number, posts: number): Promise<XrpcActor> {
	const handle = `r${index}.bench.test`;
	const author: ProfileViewBasic = {did: did(index), handle, displayName: name, labels: [], createdAt: '2023-05-01T00:00:00.000Z'};
	const other: ProfileViewBasic = {did: did(100_000 + index), handle: `o${index}.bench.test`, displayName: 'Someone Else', labels: [], createdAt: '2023-05-01T00:00:00.000Z'};
	const known = new Map<string, PostView>();
	const items: FeedViewPost[] = [];
	let t = now - int(rand, 1, 48) * 3_600_000;
	const text = (): string | RichPart[] => {
		const body = prose(rand, int(rand, 60, 230));
		if (rand() >= 0.3) return body;
		const id = arxivId(rand);
		return [body, ' ', {link: `https://arxiv.org/abs/${id}`}];
	};
	const at = () => {
		t -= int(rand, 1, 40) * 3_600_000;
		return new Date(t).toISOString();
	};
	while (items.length < posts) {
		const r = rand();
		if (r < 0.55) {
			const post = await makePost({author, createdAt: at(), text: text()});
			known.set(post.uri, post);
			items.push(feedItem(post, known));
		} else if (r < 0.8) {
			const n = int(rand, 2, 5);
			const start = at();
			const root = await makePost({author, createdAt: start, text: text()});
			known.set(root.uri, root);
			items.push(feedItem(root, known));
			let parent = root;
			for (let i = 1; i < n && items.length < posts; i++) {
				const reply = await makePost({
					author,
					createdAt: new Date(Date.parse(start) + i * 60_000).toISOString(),
					text: text(),
					reply: {root: refOf(root), parent: refOf(parent)},
				});
				known.set(reply.uri, reply);
				items.push(feedItem(reply, known));
				parent = reply;
			}
		} else if (r < 0.92) {
			const when = at();
			const original = await makePost({author: other, createdAt: when, text: text()});
			known.set(original.uri, original);
			items.push(await repostItem(original, author, new Date(Date.parse(when) + 3_600_000).toISOString(), known));
		} else {
			const theirs = await makePost({author: other, createdAt: at(), text: text()});
			known.set(theirs.uri, theirs);
			const reply = await makePost({
				author,
				createdAt: new Date(Date.parse(theirs.indexedAt) + 600_000).toISOString(),
				text: text(),
				reply: {root: refOf(theirs), parent: refOf(theirs)},
			});
			known.set(reply.uri, reply);
			items.push(feedItem(reply, known));
		}
	}
	const profile: ProfileViewDetailed = {
		did: author.did,
		handle,
		displayName: name,
		description: prose(rand, 120),
		followersCount: int(rand, 10, 5000),
		followsCount: int(rand, 10, 900),
		postsCount: posts,
		labels: [],
		createdAt: author.createdAt,
	};
	return {profile, feed: newestFirst(items)};
}
