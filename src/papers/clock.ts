/**
 * "Now" for commands whose output depends on it (`digest`, `export`): `RESEARCH_FEED_NOW`
 * (any date `Date.parse` reads, e.g. `2025-07-23T09:00:00Z`) when set, else the real time.
 * Meant for tests and reproducible reports; an unreadable value is an error.
 */
export function nowFromEnv(env: NodeJS.ProcessEnv): Date {
	const raw = env['RESEARCH_FEED_NOW']?.trim();
	if (!raw) return new Date();
	const ms = Date.parse(raw);
	if (Number.isNaN(ms)) throw new Error(`RESEARCH_FEED_NOW: "${raw}" is not a date`);
	return new Date(ms);
}
