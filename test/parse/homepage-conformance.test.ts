/**
 * Conformance over the real homepages in ../shared/homepages/ (TRUTH.tsv): for every rendered page
 * (and the /news/ page where there is one) the number of dated news items, the first and last date as
 * written, and the distinct arXiv ids in the news; for every single-file Markdown source the same via
 * the Markdown path. Prints a per-site summary; any mismatch fails (the floor is what we achieve: all).
 * Skipped with a message when the folder is absent (it is not part of this repository).
 */
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseNewsDate} from '../../src/parse/dates.js';
import {decodeHomepage, inspectHomepage, type HomepageInspection} from '../../src/parse/homepage/index.js';

const ROOT = fileURLToPath(new URL('../../../shared/homepages/', import.meta.url));

interface Check {
	label: string;
	want: number;
	got: number;
	distinct: number;
	newest: [string, string | undefined] | null;
	oldest: [string, string | undefined] | null;
	ms: number;
	result: HomepageInspection;
}

function readTruth(): Array<Record<string, string>> {
	const [head, ...lines] = readFileSync(join(ROOT, 'TRUTH.tsv'), 'utf8').trimEnd().split('\n');
	const cols = head!.split('\t');
	return lines.map(l => Object.fromEntries(l.split('\t').map((v, i) => [cols[i]!, v])));
}

/** The site URL a rendered file would have been served at (project sites live under /<repo>/). */
function urlFor(repo: string, rel: string): string {
	const [owner, name] = repo.replace(/@.*/, '').split('/') as [string, string];
	const site = `https://${owner.toLowerCase()}.github.io/${/\.github\.io$/i.test(name) ? '' : `${name}/`}`;
	return site + rel.replace(/^(?:_rendered_[^/]+|_history_[^/]+|docs)\//, '').replace(/index\.(?:html|md)$/, '');
}

/** Same date as written, or the same instant once parsed (`2026 Jul:` vs `2026 Jul`). */
function sameDate(truth: string, got: string | undefined): boolean {
	if (got === undefined) return false;
	const norm = (s: string): string => s.replace(/^[*_\s]+|[*_:\s]+$/g, '');
	if (norm(truth) === norm(got)) return true;
	const a = parseNewsDate(truth);
	const b = parseNewsDate(got);
	return a !== null && b !== null && a.date === b.date && a.precision === b.precision;
}

function run(path: string, url: string, contentType: string, text?: string): {result: HomepageInspection; ms: number} {
	const t0 = performance.now();
	const decoded = text ?? decodeHomepage(readFileSync(path), contentType).text;
	const result = inspectHomepage({text: decoded, url, contentType});
	return {result, ms: performance.now() - t0};
}

function check(label: string, want: number, r: {result: HomepageInspection; ms: number}, newest?: string, oldest?: string): Check {
	const news = r.result.extract.news;
	const has = (s: string | undefined): s is string => s !== undefined && s !== '' && s !== '-';
	return {
		label,
		want,
		got: r.result.units,
		distinct: news.length,
		newest: has(newest) ? [newest, news[0]?.dateText] : null,
		oldest: has(oldest) ? [oldest, news.at(-1)?.dateText] : null,
		ms: r.ms,
		result: r.result,
	};
}

/** wyattz23 keeps its news as HTML inside a Hugo Blox `block: markdown` YAML `text: |-`; render that block as Hugo would. */
function hugoMarkdownBlock(yaml: string, title: string): string | null {
	const lines = yaml.split('\n');
	const at = lines.findIndex(l => l.trim() === `title: ${title}`);
	const textAt = lines.findIndex((l, i) => i > at && /^\s*text: \|-?\s*$/.test(l));
	if (at < 0 || textAt < 0) return null;
	const indent = /^\s*/.exec(lines[textAt]!)![0].length;
	const body: string[] = [];
	for (const l of lines.slice(textAt + 1)) {
		if (l.trim() !== '' && /^\s*/.exec(l)![0].length <= indent) break;
		body.push(l);
	}
	return `<section id="news"><h1>${title}</h1>${body.join('\n')}</section>`;
}

describe('homepage conformance (../shared/homepages, TRUTH.tsv)', () => {
	it('extracts every news item and date of the real pages', t => {
		if (!existsSync(join(ROOT, 'TRUTH.tsv'))) {
			t.skip(`no conformance data: ${ROOT} does not exist`);
			return;
		}
		const checks: Check[] = [];
		const arxiv: Array<{repo: string; want: number; got: number}> = [];
		let rendered = 0;
		for (const row of readTruth()) {
			const repo = row['repo']!;
			const folder = join(ROOT, repo.replace('/', '__').replace(/@.*/, ''));
			const ids = new Set<string>();
			const note = (c: Check): void => {
				checks.push(c);
				for (const e of c.result.extract.news) for (const p of e.papers) if (p.id.startsWith('arxiv:')) ids.add(p.id);
			};
			// Rendered pages: "a/index.html (5) ; news/index.html (15)".
			let firstDir = '';
			for (const [i, part] of (row['rendered_file'] ?? '').split(';').entries()) {
				const m = /^\s*(\S+\.(?:html?|xml))(?:\s*\((\d+)\))?/.exec(part);
				if (!m || m[1]!.endsWith('.xml')) continue; // feeds are the feed parser's business
				let rel = m[1]!;
				if (!existsSync(join(folder, rel)) && existsSync(join(folder, firstDir, rel))) rel = join(firstDir, rel);
				if (i === 0) firstDir = dirname(rel);
				const want = Number(m[2] ?? row['n_items_in_rendered_homepage']);
				const r = run(join(folder, rel), urlFor(repo, rel), 'text/html');
				note(check(`${repo} ${rel}`, want, r, i === 0 ? row['rendered_newest'] : undefined, i === 0 ? row['rendered_oldest'] : undefined));
				rendered++;
			}
			// Single-file Markdown sources through the Markdown path.
			const src = /^(\S+\.md)(?:\s|$)/.exec(row['source_file'] ?? '')?.[1];
			if (src && existsSync(join(folder, src))) {
				const url = `https://raw.githubusercontent.com/${repo.replace(/@.*/, '')}/HEAD/${src}`;
				const text = readFileSync(join(folder, src), 'utf8');
				const block = repo.startsWith('wyattz23/') ? hugoMarkdownBlock(text, 'Recent News') : null;
				const r = block ? run('', 'https://wyattz23.github.io/', 'text/html', block) : run('', url, 'text/plain; charset=utf-8', text);
				const c = check(`${repo} ${src}${block ? ' (Hugo block rendered)' : ' (Markdown)'}`, Number(row['n_news_items']), r, row['newest_date_as_written'], row['oldest_date_as_written']);
				if (rendered === 0 || block || !row['rendered_file']) note(c);
				else checks.push(c);
			}
			if (row['n_distinct_arxiv_ids'] !== '' && ids.size + Number(row['n_distinct_arxiv_ids']) > 0) {
				arxiv.push({repo, want: Number(row['n_distinct_arxiv_ids']), got: ids.size});
			}
			rendered = 0;
		}

		const failures: string[] = [];
		const lines = checks.map(c => {
			const dates = [c.newest, c.oldest].filter((d): d is [string, string | undefined] => d !== null);
			const datesOk = dates.filter(([w, g]) => sameDate(w, g)).length;
			if (c.got !== c.want) failures.push(`${c.label}: ${c.got} items, truth ${c.want}`);
			for (const [w, g] of dates) if (!sameDate(w, g)) failures.push(`${c.label}: date ${g} vs truth ${w}`);
			const dup = c.distinct !== c.got ? ` (${c.got - c.distinct} repeated)` : '';
			return `${c.got === c.want ? 'ok  ' : 'MISS'} ${c.label.padEnd(78)} items ${String(c.got).padStart(3)}/${String(c.want).padEnd(3)}${dup} dates ${datesOk}/${dates.length} ${c.ms.toFixed(1)}ms`;
		});
		for (const a of arxiv) if (a.got !== a.want) failures.push(`${a.repo}: ${a.got} arXiv ids in news, truth ${a.want}`);

		const want = checks.reduce((s, c) => s + c.want, 0);
		const got = checks.reduce((s, c) => s + Math.min(c.got, c.want), 0);
		const datePairs = checks.flatMap(c => [c.newest, c.oldest].filter((d): d is [string, string | undefined] => d !== null));
		const datesOk = datePairs.filter(([w, g]) => sameDate(w, g)).length;
		const arxivOk = arxiv.filter(a => a.got === a.want).length;
		const ms = checks.reduce((s, c) => s + c.ms, 0);
		console.log(
			[
				'homepage conformance:',
				...lines,
				`arXiv ids in news: ${arxivOk}/${arxiv.length} sites match (${arxiv.map(a => `${a.repo.split('/')[0]} ${a.got}/${a.want}`).join(', ')})`,
				`TOTAL: ${checks.filter(c => c.got === c.want).length}/${checks.length} pages exact, items ${got}/${want}, first/last dates ${datesOk}/${datePairs.length}, ` +
					`${(checks.length / (ms / 1000)).toFixed(0)} pages/s (decode+extract)`,
				...failures.map(f => `FAIL ${f}`),
			].join('\n'),
		);
		// Floors at what the extractor achieves today: every page, every date, every arXiv count.
		assert.ok(checks.length >= 40, `only ${checks.length} pages checked`);
		assert.deepEqual(failures, []);
	});
});
