/**
 * Which of a researcher's posts form a self-thread. A reply joins its root's thread only when every
 * post on its parent chain up to the root is the researcher's own: a two-part answer to someone's
 * question under the researcher's own post (own → theirs → own → own) shares that post's root, and
 * folded into its thread it would read as an answer to a question the thread does not show.
 *
 * What the author feed tells us about a chain:
 * - each record's `reply.parent` / `reply.root` URIs, whose authority is the author's DID (also for
 *   parents the AppView shows as `blockedPost` or `notFoundPost`);
 * - the records of the researcher's own posts: those in the feed, and those hydrated as another
 *   item's `reply.parent` / `reply.root` (so a chain whose middle is on another page, or on a page
 *   never fetched, is still followed one record at a time);
 * - `reply.grandparentAuthor`, which the AppView derives from the parent's record: we have that
 *   record whenever the parent is the researcher's own, so it adds nothing here.
 * A link we cannot see (a deleted own post in the middle, or one we never received) may hide
 * someone else's post further up, so such a chain is not shown to be all-own. Only the root itself
 * may be missing: nothing lies between a post and its own root. Pure: no IO.
 */
import {type BskyPost, uriAuthority} from './post.js';

/**
 * For each post that is top-level or provably in a self-thread, the URI of its thread's root (its
 * own URI for a top-level post). Posts left out are replies to someone, directly or somewhere up
 * the chain, or replies whose chain has a gap.
 */
export function selfThreadRoots(posts: readonly BskyPost[], actorDid: string): Map<string, string> {
	const byUri = new Map(posts.map(post => [post.uri, post] as const));
	// Posts of one thread share their chain: each is walked once, however long the thread.
	const known = new Map<string, string | null>();
	const roots = new Map<string, string>();
	for (const post of posts) {
		const root = rootThroughOwnPosts(post, byUri, actorDid, known);
		if (root !== null) roots.set(post.uri, root);
	}
	return roots;
}

function rootThroughOwnPosts(
	post: BskyPost,
	byUri: ReadonlyMap<string, BskyPost>,
	actorDid: string,
	known: Map<string, string | null>,
): string | null {
	const walked = new Set<string>();
	let current = post;
	let root: string | null;
	for (;;) {
		const settled = known.get(current.uri);
		if (settled !== undefined) {
			root = settled;
			break;
		}
		if (walked.has(current.uri)) {
			// Records cannot form a cycle; a server that sends one proves nothing.
			root = null;
			break;
		}
		walked.add(current.uri);
		const {replyRoot, replyParent} = current;
		if (replyRoot === null || replyParent === null) {
			root = current.uri;
			break;
		}
		if (uriAuthority(replyParent) !== actorDid) {
			root = null;
			break;
		}
		const parent = byUri.get(replyParent);
		if (parent === undefined) {
			// A deleted (or unfetched) root leaves the thread rootless but whole.
			root = replyParent === replyRoot ? replyRoot : null;
			break;
		}
		current = parent;
	}
	for (const uri of walked) known.set(uri, root);
	return root;
}
