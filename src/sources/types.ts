import type {Settings} from '../config/config.js';
import type {ItemDraft, SourceConfig} from '../domain/types.js';
import type {HttpClient} from '../net/http.js';
import type {SourceState} from '../store/sources.js';

/** Read-only views of the cache an adapter may consult (what it has seen before). */
export interface AdapterCache {
	loadPosts<T>(sourceKey: string): T[];
	knownPostUris(sourceKey: string): Set<string>;
	/** The stored JSON of some posts, by URI: lets a refresh see that nothing changed without loading them all. */
	storedPostData?(sourceKey: string, uris: readonly string[]): Map<string, string>;
	knownSourcePapers(sourceKey: string): Set<string>;
}

export interface AdapterContext {
	source: SourceConfig;
	sourceKey: string;
	researcher: string;
	/** What the last fetch left (null on the first fetch). */
	previous: SourceState | undefined;
	http: HttpClient;
	cache: AdapterCache;
	settings: Settings;
	now: Date;
	/** Progress lines for stderr ("Leqi Liu bluesky: page 2"). */
	log: (message: string) => void;
	signal?: AbortSignal;
}

/** What one successful fetch of a source produced. The orchestrator saves it in one transaction. */
export interface AdapterResult {
	items: ItemDraft[];
	/** Bluesky: entries to keep for rebuilding threads later. */
	posts?: Array<{uri: string; createdAt: string}>;
	/** Homepages: every paper id linked from the page now. */
	sourcePapers?: string[];
	etag?: string | null;
	lastModified?: string | null;
	/** Adapter memory for the next fetch (replaces the previous one). */
	state?: Record<string, unknown>;
	/** Things the user may want to add (feeds, Bluesky profiles a homepage links). */
	suggestions?: SourceConfig[];
}

export interface SourceAdapter {
	fetch(ctx: AdapterContext): Promise<AdapterResult>;
}
