/**
 * A list of ids as ONE bound parameter: `IN (SELECT value FROM json_each(?))` with the ids as a
 * JSON array. A statement that binds a `?` per id fails past SQLite's limit on variables
 * (SQLITE_MAX_VARIABLE_NUMBER, 32,766) and compiles anew for every length; this one is the same
 * statement for any number of ids, so `list --json` at 300,000 items and a window of 40 read alike.
 */
export function idsIn(column: string): string {
	return `${column} IN (SELECT value FROM json_each(?))`;
}

export function idsParam(ids: readonly string[]): string {
	return JSON.stringify(ids);
}
