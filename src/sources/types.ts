import type {Settings} from '../config/config.js';
import type {ItemDraft, SourceConfig} from '../domain/types.js';
import type {HttpClient} from '../net/http.js';
import type {BibWork} from '../parse/bibliography/types.js';
import type {FeedEntry} from '../parse/feed.js';
import type {FeedDocument} from '../parse/feed-document.js';

/** Parsers an adapter may be given instead of calling them itself: the refresh may run them on other threads. */
export interface AdapterParsers {
	/** Same result as parseFeedDocument (src/parse/feed-document.ts). */
	feed(doc: FeedDocument): Promise<FeedEntry[]>;
}

/** What the last fetch of a source left behind (the store keeps it as a SourceState). */
export interface PreviousFetch {
	lastSuccess: string | null;
	etag: string | null;
	lastModified: string | null;
	/** Adapter-specific memory (e.g. the resolved DID of a Bluesky handle). */
	state: Record<string, unknown>;
}

/** Read-only views of the cache an adapter may consult (what it has seen before). */
export interface AdapterCache {
	loadPosts<T>(sourceKey: string): T[];
	knownPostUris(sourceKey: string): Set<string>;
	/** The stored JSON of some posts, by URI: lets a refresh see that nothing changed without loading them all. */
	storedPostData?(sourceKey: string, uris: readonly string[]): Map<string, string>;
	knownSourcePapers(sourceKey: string): Set<string>;
	/** Changes whenever a post of the source is saved or deleted (a cheap count and high-water mark). */
	postsStamp?(sourceKey: string): string;
}

export interface AdapterContext {
	source: SourceConfig;
	sourceKey: string;
	researcher: string;
	/** What the last fetch left (null on the first fetch). */
	previous: PreviousFetch | undefined;
	http: HttpClient;
	cache: AdapterCache;
	settings: Settings;
	now: Date;
	/** Progress lines for stderr ("Leqi Liu bluesky: page 2"). */
	log: (message: string) => void;
	signal?: AbortSignal;
	/** The OpenAlex sources this refresh fetches, with what their last fetch left: OpenAlex is asked for all at once. */
	peers?: ReadonlyArray<{source: SourceConfig; previous: PreviousFetch | undefined}>;
	/** Kept for the length of one refresh, shared by its adapters (a batch every source of a kind awaits). */
	shared?: Map<string, unknown>;
	/** Parsers to use instead of the adapter's own calls (absent: parse in this thread). */
	parsers?: AdapterParsers;
	/**
	 * Awaits `work` off the source's clock: waiting for the program itself (a parser's code loading
	 * when a body first needs it) is not the source's time.
	 */
	untimed?: <T>(work: Promise<T>) => Promise<T>;
}

/** What one successful fetch of a source produced. The orchestrator saves it in one transaction. */
export interface AdapterResult {
	items: ItemDraft[];
	/** Bluesky: entries to keep for rebuilding threads later. */
	posts?: Array<{uri: string; createdAt: string}>;
	/**
	 * Bluesky: the items again, from every post stored for the source once `posts` are saved, in the
	 * same transaction, when the stored posts changed after the adapter read them (`stamp`, from
	 * AdapterCache.postsStamp): the live stream may have saved or deleted some meanwhile, and items
	 * built from the older read would undo that.
	 */
	rebuild?: {stamp: string; items: (stored: unknown[]) => ItemDraft[]};
	/** Homepages: every paper id linked from the page now. */
	sourcePapers?: string[];
	etag?: string | null;
	lastModified?: string | null;
	/** Adapter memory for the next fetch (replaces the previous one). */
	state?: Record<string, unknown>;
	/** Things the user may want to add (feeds, Bluesky profiles a homepage links). */
	suggestions?: SourceConfig[];
	/** Bibliography sources: the works the service lists (the store makes them `paper` items). */
	works?: BibWork[];
}

export interface SourceAdapter {
	fetch(ctx: AdapterContext): Promise<AdapterResult>;
}
