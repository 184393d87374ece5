/**
 * `import-bluesky URL|AT-URI` and `import-bluesky --follows HANDLE`: researchers from a Bluesky
 * starter pack, a list, or the accounts a handle follows, through the AppView (`bluesky.service`):
 * `app.bsky.graph.getStarterPack` (then its list), `app.bsky.graph.getList` and
 * `app.bsky.graph.getFollows`, each followed page by page through its cursor. Each account becomes
 * a researcher named by its display name (its handle when that is empty) with a Bluesky source
 * (the DID, which survives handle changes). Homepages are suggested from profiles' `website`
 * fields (`app.bsky.actor.getProfiles`), printed, not added. Everything is read before anything
 * is written: a failure leaves the config as it was.
 */
import {Agent} from '@atproto/api';
import type {ResearcherConfig} from '../../domain/types.js';
import {createHttpClient} from '../../net/http.js';
import {blueskyTarget} from '../../parse/opml.js';
import {cleanInline} from '../../parse/sanitize.js';
import {describeError} from '../../refresh/errors.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';

const PAGE_LIMIT = 100;
/** At most this many pages of one list or follows (10,000 accounts). */
const MAX_PAGES = 100;

export type GraphRef = {kind: 'starterpack' | 'list'; actor: string; rkey: string};

const RKEY = /^[A-Za-z0-9._:~-]{1,512}$/;

/** A starter pack or list reference from a bsky.app URL or an at:// URI, or a UsageError. */
export function parseGraphRef(raw: string): GraphRef {
	const value = raw.trim();
	const fail = (why: string) =>
		new UsageError(
			`import-bluesky: "${cleanInline(value)}" ${why} (expected https://bsky.app/starter-pack/HANDLE/ID, https://bsky.app/profile/HANDLE/lists/ID or an at:// URI of either)`,
		);
	let actor: string | undefined;
	let rkey: string | undefined;
	let kind: GraphRef['kind'] | undefined;
	const at = /^at:\/\/([^/]+)\/(app\.bsky\.graph\.starterpack|app\.bsky\.graph\.list)\/([^/?#]+)$/.exec(value);
	if (at) {
		[actor, rkey] = [at[1], at[3]];
		kind = at[2] === 'app.bsky.graph.list' ? 'list' : 'starterpack';
	} else {
		let url: URL;
		try {
			url = new URL(value);
		} catch {
			throw fail('is not a URL or an at:// URI');
		}
		if (url.hostname === 'go.bsky.app') throw fail('is a short link: open it and use the URL it leads to');
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail('is not an http(s) URL');
		if (url.hostname !== 'bsky.app' && url.hostname !== 'www.bsky.app') throw fail('is not a bsky.app URL');
		const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
		if (parts[0] === 'starter-pack' && parts.length === 3) [kind, actor, rkey] = ['starterpack', parts[1], parts[2]];
		else if (parts[0] === 'profile' && parts[2] === 'lists' && parts.length === 4) [kind, actor, rkey] = ['list', parts[1], parts[3]];
		else throw fail('is neither a starter pack nor a list');
	}
	const target = blueskyTarget(actor);
	if (!target) throw fail(`names "${cleanInline(actor ?? '')}", which is not a handle or DID`);
	if (!rkey || !RKEY.test(rkey)) throw fail('has no valid record key');
	return {kind, actor: target, rkey};
}

interface Account {
	did: string;
	handle: string;
	displayName?: string;
}

interface Fetched {
	/** What was read, for the summary line: `starter pack "X" by @h`, `list "X" by @h`, `the accounts @h follows`. */
	what: string;
	accounts: Account[];
}

type Log = (line: string) => void;

export interface ImportBlueskyOptions {
	follows?: boolean;
}

async function listMembers(agent: Agent, list: string, log: Log): Promise<{name: string; creator: string; accounts: Account[]}> {
	const accounts: Account[] = [];
	let cursor: string | undefined;
	let name = '';
	let creator = '';
	for (let page = 1; page <= MAX_PAGES; page++) {
		const res = await agent.app.bsky.graph.getList({list, limit: PAGE_LIMIT, cursor});
		name = cleanInline(res.data.list.name);
		creator = res.data.list.creator.handle;
		accounts.push(...res.data.items.map(i => i.subject));
		log(`  list "${name}": page ${page}, ${res.data.items.length} account(s)`);
		cursor = res.data.cursor;
		if (!cursor || res.data.items.length === 0) break;
	}
	return {name, creator, accounts};
}

async function follows(agent: Agent, actor: string, log: Log): Promise<Fetched> {
	const accounts: Account[] = [];
	let cursor: string | undefined;
	let handle = actor;
	for (let page = 1; page <= MAX_PAGES; page++) {
		const res = await agent.app.bsky.graph.getFollows({actor, limit: PAGE_LIMIT, cursor});
		handle = res.data.subject.handle;
		accounts.push(...res.data.follows);
		log(`  follows of @${handle}: page ${page}, ${res.data.follows.length} account(s)`);
		cursor = res.data.cursor;
		if (!cursor || res.data.follows.length === 0) break;
	}
	return {what: `the accounts @${handle} follows`, accounts};
}

async function graph(agent: Agent, ref: GraphRef, log: Log): Promise<Fetched> {
	// at-URIs name the repository by DID; a handle in the URL is resolved first.
	const did = ref.actor.startsWith('did:') ? ref.actor : (await agent.com.atproto.identity.resolveHandle({handle: ref.actor})).data.did;
	if (ref.kind === 'list') {
		const list = await listMembers(agent, `at://${did}/app.bsky.graph.list/${ref.rkey}`, log);
		return {what: `list "${list.name}" by @${list.creator}`, accounts: list.accounts};
	}
	const pack = (await agent.app.bsky.graph.getStarterPack({starterPack: `at://${did}/app.bsky.graph.starterpack/${ref.rkey}`})).data.starterPack;
	const name = typeof pack.record['name'] === 'string' ? cleanInline(pack.record['name']) : ref.rkey;
	const what = `starter pack "${name}" by @${pack.creator.handle}`;
	// The pack's own answer holds only a sample of its members; the whole membership is its list.
	if (pack.list) return {what, accounts: (await listMembers(agent, pack.list.uri, log)).accounts};
	return {what, accounts: (pack.listItemsSample ?? []).map(i => i.subject)};
}

/** Profile `website` fields (http/https only), by DID. */
async function websites(agent: Agent, dids: readonly string[]): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (let i = 0; i < dids.length; i += 25) {
		const res = await agent.app.bsky.actor.getProfiles({actors: dids.slice(i, i + 25)});
		for (const profile of res.data.profiles) {
			const site = profile.website?.trim();
			if (!site) continue;
			try {
				const url = new URL(site);
				if (url.protocol === 'http:' || url.protocol === 'https:') out.set(profile.did, url.href);
			} catch {
				// not a URL: no suggestion
			}
		}
	}
	return out;
}

/** `https://bsky.app/profile/HANDLE` → HANDLE (for --follows). */
function profileUrlTarget(raw: string): string | undefined {
	try {
		const url = new URL(raw.trim());
		const m = /^\/profile\/([^/]+)\/?$/.exec(url.pathname);
		return (url.hostname === 'bsky.app' || url.hostname === 'www.bsky.app') && m ? blueskyTarget(decodeURIComponent(m[1]!)) : undefined;
	} catch {
		return undefined;
	}
}

function nameFor(account: Account): string {
	const display = cleanInline(account.displayName ?? '');
	if (display) return display;
	return account.handle && account.handle !== 'handle.invalid' ? account.handle : account.did;
}

function hasBluesky(r: ResearcherConfig, account: Account): boolean {
	return r.sources.some(s => s.kind === 'bluesky' && (s.target === account.did || s.target.toLowerCase() === account.handle.toLowerCase()));
}

export async function importBlueskyCommand(ctx: CliContext, arg: string, options: ImportBlueskyOptions): Promise<number> {
	const settings = ctx.config.settings(ctx.io.env);
	let followsOf: string | undefined;
	let ref: GraphRef | undefined;
	if (options.follows) {
		followsOf = blueskyTarget(arg) ?? profileUrlTarget(arg);
		if (!followsOf) throw new UsageError(`import-bluesky --follows: "${cleanInline(arg)}" is not a Bluesky handle or DID`);
	} else {
		ref = parseGraphRef(arg);
	}
	const agent = new Agent({service: settings.blueskyService, fetch: createHttpClient().fetch});
	const log: Log = line => ctx.io.stderr.write(`${line}\n`);

	let fetched: Fetched;
	let sites: Map<string, string>;
	try {
		fetched = followsOf ? await follows(agent, followsOf, log) : await graph(agent, ref!, log);
		sites = await websites(agent, [...new Set(fetched.accounts.map(a => a.did))]);
	} catch (error) {
		throw new UsageError(`import-bluesky: ${describeError(error)}`);
	}

	// Everything is read: now write.
	const out = ctx.io.stdout;
	const seen = new Set<string>();
	let added = 0;
	let present = 0;
	const suggestions: string[] = [];
	for (const account of fetched.accounts) {
		if (seen.has(account.did)) continue;
		seen.add(account.did);
		const researchers = ctx.config.researchers();
		let owner = researchers.find(r => hasBluesky(r, account));
		if (owner) {
			present++;
		} else {
			let name = nameFor(account);
			const same = researchers.find(r => r.name.toLowerCase() === name.toLowerCase());
			// Two people with one name: the second keeps its handle in its name.
			if (same?.sources.some(s => s.kind === 'bluesky')) name = `${name} (${account.handle})`;
			owner = ctx.config.addResearcher(name, [{kind: 'bluesky', target: account.did}]).researcher;
			added++;
			out.write(`Added ${owner.name} (@${account.handle})\n`);
		}
		const site = sites.get(account.did);
		if (site && !owner.sources.some(s => s.kind === 'homepage' && s.target.replace(/\/+$/, '') === site.replace(/\/+$/, ''))) {
			suggestions.push(`  ${owner.name}: ${site}\n    research-feed add ${shellQuote(owner.name)} --homepage ${shellQuote(site)}\n`);
		}
	}
	out.write(`Imported ${seen.size} account(s) from ${fetched.what}: ${added} added, ${present} already present.\n`);
	if (suggestions.length > 0) out.write(`Homepages from their profiles (not added):\n${suggestions.join('')}`);
	return 0;
}

function shellQuote(s: string): string {
	return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
