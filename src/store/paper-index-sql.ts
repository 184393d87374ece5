/**
 * Schema 4 (issue 5): what the papers view needs to read a window of papers without reading
 * every mention. `paper_index` holds one row per mentioned paper with the sort key of its newest
 * mention (among items other than replies to others, and among all items, for `showReplies`) and
 * a lower-case search text (id, titles, arXiv authors, and the link texts and researchers of its
 * mentions other than replies to others, which the papers view leaves out). Triggers keep
 * it current whatever writes the mentions, items, papers or metadata, so a window is an index
 * range and a count an index count, at 10 papers or 10,000.
 *
 * `mentions.own` (the researcher is one of the paper's arXiv authors) is set when the mention or
 * the metadata is written (name matching is JavaScript: src/parse/author-match.ts); rows written
 * before this schema are matched once at the next open (`app_state` key `mentions.own`).
 */

/**
 * A mention's place in the papers list, as text that sorts like `(item date, item id)` descending
 * then position ascending: the order `papers --json` has always used (a paper is listed where its
 * newest mention is). char(31) sorts below every character of a date or an id. A homepage's
 * silently recorded publications (items.hidden = 2, dated when first seen) rank below every real
 * mention: otherwise a newly added homepage's whole publication list would sit on top as "now".
 */
const MENTION_KEY = `(CASE WHEN i.hidden = 2 THEN '0' ELSE '1' END) || char(31) || i.date || char(31) || i.id || char(31) || printf('%06d', 999999 - m.position)`;

/** Items hidden as replies to other people (HIDDEN.reply in items.ts): left out unless showReplies. */
const REPLY = 1;

/** The arXiv author list of a paper as lines of text (nothing when the JSON is damaged). */
const AUTHOR_LINES = `(SELECT COALESCE(group_concat(j.value || char(10), ''), '')
	FROM json_each(CASE WHEN json_valid(pm.authors) THEN pm.authors ELSE '[]' END) j)`;

/** The lines every paper's search text starts with: id, link-card title, arXiv title and authors. */
const paperLines = (paper: string): string => `${paper} || char(10)
	|| COALESCE((SELECT title || char(10) FROM papers WHERE id = ${paper}), '')
	|| COALESCE((SELECT COALESCE(pm.title || char(10), '') || ${AUTHOR_LINES}
		FROM paper_meta pm WHERE pm.paper_id = ${paper} AND pm.status = 'ok'), '')`;

/**
 * Statements that rebuild the index rows of the papers `set` selects (a query with a `paper_id`
 * column): a paper nothing mentions any more loses its row. Every line of the search text ends
 * in a newline (see MENTION_INSERT).
 */
export function reindexPapers(set: string): string {
	return `
		DELETE FROM paper_index WHERE paper_id IN (SELECT paper_id FROM (${set}));
		INSERT INTO paper_index (paper_id, visible_key, any_key, search_text)
		SELECT paper_id, visible_key, any_key, search_text FROM (
			SELECT x.paper_id,
				(SELECT max(${MENTION_KEY}) FROM mentions m JOIN items i ON i.id = m.item_id
				 WHERE m.paper_id = x.paper_id AND i.hidden <> ${REPLY}) AS visible_key,
				(SELECT max(${MENTION_KEY}) FROM mentions m JOIN items i ON i.id = m.item_id
				 WHERE m.paper_id = x.paper_id) AS any_key,
				lower(${paperLines('x.paper_id')}
					|| COALESCE((SELECT group_concat(v || char(10), '') FROM (
						SELECT m.title AS v FROM mentions m JOIN items i ON i.id = m.item_id
						WHERE m.paper_id = x.paper_id AND m.title IS NOT NULL AND i.hidden <> ${REPLY}
						UNION SELECT i.researcher FROM mentions m JOIN items i ON i.id = m.item_id
						WHERE m.paper_id = x.paper_id AND i.hidden <> ${REPLY})), '')) AS search_text
			FROM (SELECT DISTINCT paper_id FROM (${set})) x
		) WHERE any_key IS NOT NULL;`;
}

const ONE = (paper: string): string => `SELECT ${paper} AS paper_id`;

/** `text` as a new line of the search text, unless it is one already ('' for null). */
const line = (text: string): string =>
	`CASE WHEN ${text} IS NULL OR instr(search_text, lower(char(10) || ${text} || char(10))) > 0 THEN '' ELSE lower(${text} || char(10)) END`;

/**
 * A new mention, the commonest write (every new item that links a paper): one upsert that moves
 * the paper's keys up if the mention is newer and adds its link text and researcher to the search
 * text, without reading the paper's other mentions (a rebuild per insert would double the cost of
 * writing new items). Every line of the search text ends in a newline, so a line test is one `instr`.
 */
const MENTION_INSERT = `
	INSERT INTO paper_index (paper_id, visible_key, any_key, search_text)
	SELECT new.paper_id, CASE WHEN i.hidden <> ${REPLY} THEN i.k END, i.k,
		lower(${paperLines('new.paper_id')} || CASE WHEN i.hidden <> ${REPLY} THEN COALESCE(new.title || char(10), '') || i.researcher || char(10) ELSE '' END)
	FROM (SELECT i.hidden, i.researcher, ${MENTION_KEY.replace('m.position', 'new.position')} AS k FROM items i WHERE i.id = new.item_id) i
	WHERE true
	ON CONFLICT(paper_id) DO UPDATE SET
		visible_key = CASE WHEN excluded.visible_key > COALESCE(visible_key, '') THEN excluded.visible_key ELSE visible_key END,
		any_key = CASE WHEN excluded.any_key > any_key THEN excluded.any_key ELSE any_key END,
		search_text = CASE WHEN excluded.visible_key IS NULL THEN search_text
			ELSE search_text || ${line('new.title')} || ${line('(SELECT researcher FROM items WHERE id = new.item_id)')} END;
`;

export const PAPER_INDEX_MIGRATION = `
	CREATE TABLE paper_index (
		paper_id TEXT PRIMARY KEY,
		visible_key TEXT,
		any_key TEXT NOT NULL,
		search_text TEXT NOT NULL
	) WITHOUT ROWID;
	CREATE INDEX paper_index_visible ON paper_index(visible_key, paper_id);
	CREATE INDEX paper_index_any ON paper_index(any_key, paper_id);

	ALTER TABLE mentions ADD COLUMN own INTEGER NOT NULL DEFAULT 0;
	CREATE INDEX mentions_own ON mentions(paper_id) WHERE own = 1;
	INSERT INTO app_state (key, value) VALUES ('mentions.own', 'pending')
		ON CONFLICT(key) DO UPDATE SET value = excluded.value;

	${reindexPapers('SELECT paper_id FROM mentions')}

	CREATE TRIGGER paper_index_mention_insert AFTER INSERT ON mentions BEGIN
		${MENTION_INSERT}
	END;
	CREATE TRIGGER paper_index_mention_delete AFTER DELETE ON mentions BEGIN
		${reindexPapers(ONE('old.paper_id'))}
	END;
	CREATE TRIGGER paper_index_mention_update AFTER UPDATE OF title, position ON mentions
	WHEN old.title IS NOT new.title OR old.position IS NOT new.position BEGIN
		${reindexPapers(ONE('new.paper_id'))}
	END;
	CREATE TRIGGER paper_index_item_update AFTER UPDATE OF date, hidden, researcher ON items
	WHEN old.date IS NOT new.date OR old.hidden IS NOT new.hidden OR old.researcher IS NOT new.researcher BEGIN
		${reindexPapers('SELECT paper_id FROM mentions WHERE item_id = new.id')}
	END;
	CREATE TRIGGER paper_index_item_delete AFTER DELETE ON items BEGIN
		${reindexPapers('SELECT paper_id FROM mentions WHERE item_id = old.id')}
	END;
	CREATE TRIGGER paper_index_title AFTER UPDATE OF title ON papers WHEN old.title IS NOT new.title BEGIN
		${reindexPapers(ONE('new.id'))}
	END;
	CREATE TRIGGER paper_index_meta_insert AFTER INSERT ON paper_meta WHEN new.status = 'ok' BEGIN
		${reindexPapers(ONE('new.paper_id'))}
	END;
	CREATE TRIGGER paper_index_meta_update AFTER UPDATE ON paper_meta WHEN new.status = 'ok' OR old.status = 'ok' BEGIN
		${reindexPapers(ONE('new.paper_id'))}
	END;
`;
