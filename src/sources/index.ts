import type {SourceKind} from '../domain/types.js';
import type {SourceAdapter} from './types.js';

/**
 * The adapters, loaded on demand: @atproto/api and the HTML parser are large, and commands that
 * only read the cache should not pay for them at start-up.
 */
export async function loadAdapters(): Promise<Partial<Record<SourceKind, SourceAdapter>>> {
	const [{blueskyAdapter}] = await Promise.all([import('./bluesky.js')]);
	return {bluesky: blueskyAdapter};
}
