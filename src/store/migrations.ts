import {PAPER_INDEX_MIGRATION} from './paper-index-sql.js';

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
	// 2: paper metadata from the arXiv API, kept for ever (also after the papers that asked for it are
	// gone), with per-paper retry state; a small key/value table (e.g. when the arXiv API was last asked).
	`
	CREATE TABLE paper_meta (
		paper_id TEXT PRIMARY KEY,
		status TEXT NOT NULL,
		title TEXT,
		authors TEXT NOT NULL DEFAULT '[]',
		abstract TEXT,
		category TEXT,
		published TEXT,
		updated TEXT,
		version INTEGER,
		doi TEXT,
		journal_ref TEXT,
		fetched_at TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		last_error TEXT,
		retry_after TEXT
	);

	CREATE TABLE app_state (
		key TEXT PRIMARY KEY,
		value TEXT NOT NULL
	);
	`,
	// 3: performance (issue 7). The timeline's unfiltered count, kept by triggers, so the first frame does
	// not count 100,000 rows. A trigram index of the visible items' search text, so the live filter
	// finds `%text%` without reading every item; replies to others (hidden, few) are left out and
	// scanned when shown. Contentless: it keeps no copy of the text, only the index, keyed by the items'
	// rowid. VACUUM renumbers the rowids of a table without an INTEGER PRIMARY KEY, so a VACUUM of
	// items must be followed by refilling items_fts (DELETE FROM items_fts, then the INSERT … SELECT below).
	`
	CREATE TABLE item_counts (
		hidden INTEGER PRIMARY KEY,
		n INTEGER NOT NULL
	);
	INSERT INTO item_counts (hidden, n) VALUES (0, 0), (1, 0), (2, 0);
	UPDATE item_counts SET n = (SELECT COUNT(*) FROM items WHERE items.hidden = item_counts.hidden);
	CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN
		UPDATE item_counts SET n = n + 1 WHERE hidden = new.hidden;
	END;
	CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN
		UPDATE item_counts SET n = n - 1 WHERE hidden = old.hidden;
	END;
	CREATE TRIGGER items_count_update AFTER UPDATE OF hidden ON items WHEN old.hidden IS NOT new.hidden BEGIN
		UPDATE item_counts SET n = n - 1 WHERE hidden = old.hidden;
		UPDATE item_counts SET n = n + 1 WHERE hidden = new.hidden;
	END;

	CREATE VIRTUAL TABLE items_fts USING fts5(search_text, content='', contentless_delete=1, tokenize='trigram case_sensitive 1');
	INSERT INTO items_fts (rowid, search_text) SELECT rowid, search_text FROM items WHERE hidden = 0;
	CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN new.hidden = 0 BEGIN
		INSERT INTO items_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
	END;
	CREATE TRIGGER items_fts_delete AFTER DELETE ON items WHEN old.hidden = 0 BEGIN
		DELETE FROM items_fts WHERE rowid = old.rowid;
	END;
	CREATE TRIGGER items_fts_update AFTER UPDATE OF search_text, hidden ON items
	WHEN old.search_text IS NOT new.search_text OR old.hidden IS NOT new.hidden BEGIN
		DELETE FROM items_fts WHERE rowid = old.rowid;
		INSERT INTO items_fts (rowid, search_text) SELECT new.rowid, new.search_text WHERE new.hidden = 0;
	END;
	`,
	// 4: the papers view reads a window of papers (issue 5): each paper's newest mention and search text
	// kept by triggers, and whether a mention is by one of the paper's authors (see paper-index-sql.ts).
	PAPER_INDEX_MIGRATION,
	// 5: writing new items, the trigram index cost twice what it should (issue 7: an all-new refresh
	// lost to newsboat). FTS5 writes what it has gathered to disk whenever a statement opens a
	// savepoint after the index was written in the transaction, and every INSERT into items opens one
	// (its triggers), so each item became a segment of its own, merged again and again. Now the
	// triggers only note which rows changed (items_fts_pending) and syncSearchIndex (items.ts) indexes
	// them in one statement before the transaction ends: one segment per transaction.
	// `indexed`: the index may hold an older text of the row (delete it before indexing it again).
	// Merges of the index's segments were then most of the rest: merged 8 at a time instead of 4, an
	// item is rewritten about half as often (writing 10,000 new items 25% faster); a phrase search
	// at 100,000 items reads a few more segments (a rare term 1.3 → 1.6 ms, common ones unchanged).
	`
	CREATE TABLE items_fts_pending (
		item_rowid INTEGER PRIMARY KEY,
		indexed INTEGER NOT NULL
	);
	DROP TRIGGER items_fts_insert;
	DROP TRIGGER items_fts_update;
	DROP TRIGGER items_fts_delete;
	CREATE TRIGGER items_fts_insert AFTER INSERT ON items WHEN new.hidden = 0 BEGIN
		INSERT INTO items_fts_pending (item_rowid, indexed) VALUES (new.rowid, 0) ON CONFLICT (item_rowid) DO NOTHING;
	END;
	CREATE TRIGGER items_fts_update AFTER UPDATE OF search_text, hidden ON items
	WHEN old.search_text IS NOT new.search_text OR old.hidden IS NOT new.hidden BEGIN
		INSERT INTO items_fts_pending (item_rowid, indexed) VALUES (new.rowid, old.hidden = 0) ON CONFLICT (item_rowid) DO NOTHING;
	END;
	CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
		DELETE FROM items_fts WHERE rowid = old.rowid
			AND COALESCE((SELECT indexed FROM items_fts_pending WHERE item_rowid = old.rowid), old.hidden = 0);
		DELETE FROM items_fts_pending WHERE item_rowid = old.rowid;
	END;
	INSERT INTO items_fts (items_fts, rank) VALUES ('automerge', 8);
	INSERT INTO items_fts (items_fts, rank) VALUES ('crisismerge', 32);
	`,
	// 6: one paper, whatever its ids (issue 15). Every id that names a work (its arXiv id, DOIs, ACL
	// id, …) points at the paper's canonical id; a followed author's normalised titles point at
	// their papers (a preprint and its published version merge by title when no id links them).
	// Bibliography sources' `paper` items, one per researcher and paper, with the researcher's
	// place among the authors (the first followed author's item is the one the timeline shows).
	// What bibliographies and metadata services say of a paper: venue, and where the metadata came from.
	`
	CREATE TABLE paper_ids (
		alias TEXT PRIMARY KEY,
		paper_id TEXT NOT NULL
	) WITHOUT ROWID;
	CREATE INDEX paper_ids_paper ON paper_ids(paper_id);
	CREATE TABLE paper_titles (
		researcher_key TEXT NOT NULL,
		title_key TEXT NOT NULL,
		paper_id TEXT NOT NULL,
		PRIMARY KEY (researcher_key, title_key)
	) WITHOUT ROWID;
	CREATE INDEX paper_titles_paper ON paper_titles(paper_id);
	CREATE TABLE paper_items (
		item_id TEXT PRIMARY KEY,
		paper_id TEXT NOT NULL,
		researcher_key TEXT NOT NULL,
		author_position INTEGER,
		announce INTEGER NOT NULL
	);
	CREATE INDEX paper_items_paper ON paper_items(paper_id, researcher_key);
	ALTER TABLE papers ADD COLUMN venue TEXT;
	ALTER TABLE paper_meta ADD COLUMN venue TEXT;
	ALTER TABLE paper_meta ADD COLUMN ids TEXT NOT NULL DEFAULT '[]';
	ALTER TABLE paper_meta ADD COLUMN provider TEXT;
	`,
	// 7: paper metadata for every id kind (issue 15). What each metadata service (the arXiv API,
	// Semantic Scholar, Crossref) was asked about which id, and what came of it: `ok` and `invalid`
	// are never asked again, `missing` after `retry_after`, `failed` on the next run. Keyed by the id
	// asked, not by the paper, so merging papers changes nothing here. The arXiv API's lookups, kept
	// in paper_meta until now (the paper's metadata stays there), are carried over.
	`
	CREATE TABLE paper_lookups (
		id TEXT NOT NULL,
		service TEXT NOT NULL,
		status TEXT NOT NULL,
		asked_at TEXT,
		attempts INTEGER NOT NULL DEFAULT 0,
		retry_after TEXT,
		last_error TEXT,
		PRIMARY KEY (id, service)
	) WITHOUT ROWID;
	INSERT INTO paper_lookups (id, service, status, asked_at, attempts, retry_after, last_error)
		SELECT paper_id, 'arxiv', status, fetched_at, attempts, retry_after, last_error FROM paper_meta WHERE paper_id LIKE 'arxiv:%';
	`,
	// Issue 17, what the timeline shows. "New since you last looked": items first seen after a time,
	// found through an index rather than by reading every item. A repost's original author (JSON
	// `{name, handle}`), so the timeline can say whose post it is; null for every other item, and for
	// reposts stored before this schema until their source's next refresh rewrites them.
	`
	CREATE INDEX items_first_seen ON items(hidden, first_seen);
	ALTER TABLE items ADD COLUMN repost_of TEXT;
	`,
	// The metadata lookups a service is to be asked again (failed, or not found until a retry time),
	// found without reading every lookup: a refresh looks for them while its sources run.
	`
	CREATE INDEX paper_lookups_waiting ON paper_lookups(service, id) WHERE status IN ('failed', 'missing');
	`,
];
