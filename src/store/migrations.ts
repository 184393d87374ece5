/**
 * Ordered schema migrations. Entry N brings the database from `user_version` N to N+1.
 * Never edit a released entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
	// 1: items, read/star state, papers and mentions, Bluesky posts, per-source fetch state.
	`
	CREATE TABLE items (
		id TEXT PRIMARY KEY,
		researcher TEXT NOT NULL,
		researcher_key TEXT NOT NULL,
		source TEXT NOT NULL,
		source_key TEXT NOT NULL,
		kind TEXT NOT NULL,
		date TEXT NOT NULL,
		date_precision TEXT NOT NULL,
		title TEXT,
		text TEXT NOT NULL,
		url TEXT NOT NULL,
		posts TEXT NOT NULL DEFAULT '[]',
		links TEXT NOT NULL DEFAULT '[]',
		hidden INTEGER NOT NULL DEFAULT 0,
		search_text TEXT NOT NULL DEFAULT '',
		first_seen TEXT NOT NULL,
		updated_at TEXT NOT NULL
	);
	CREATE INDEX items_timeline ON items(hidden, date DESC, id DESC);
	CREATE INDEX items_source ON items(source_key);
	CREATE INDEX items_researcher ON items(researcher_key, hidden, date DESC, id DESC);

	CREATE TABLE item_state (
		item_id TEXT PRIMARY KEY,
		read INTEGER NOT NULL DEFAULT 0,
		starred INTEGER NOT NULL DEFAULT 0,
		changed_at TEXT NOT NULL
	);

	CREATE TABLE papers (
		id TEXT PRIMARY KEY,
		url TEXT NOT NULL,
		title TEXT,
		authors TEXT NOT NULL DEFAULT '[]',
		abstract TEXT,
		category TEXT,
		published TEXT,
		meta_fetched_at TEXT,
		meta_error TEXT
	);

	CREATE TABLE mentions (
		item_id TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		position INTEGER NOT NULL,
		title TEXT,
		PRIMARY KEY (item_id, paper_id)
	);
	CREATE INDEX mentions_paper ON mentions(paper_id);

	CREATE TABLE posts (
		uri TEXT NOT NULL,
		source_key TEXT NOT NULL,
		created_at TEXT NOT NULL,
		data TEXT NOT NULL,
		PRIMARY KEY (source_key, uri)
	);

	CREATE TABLE sources (
		source_key TEXT PRIMARY KEY,
		researcher TEXT NOT NULL,
		kind TEXT NOT NULL,
		target TEXT NOT NULL,
		last_attempt TEXT,
		last_success TEXT,
		last_error TEXT,
		etag TEXT,
		last_modified TEXT,
		state TEXT NOT NULL DEFAULT '{}'
	);

	CREATE TABLE source_papers (
		source_key TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		first_seen TEXT NOT NULL,
		PRIMARY KEY (source_key, paper_id)
	);
	`,
];
