/**
 * arXiv author listings (`GET {arxiv}/a/{id}.atom2`, also `.atom`) to works. Shape and traps:
 * ../shared/reference/paper-sources.md §4 (ABR, ADOC).
 *
 * - One `<entry>` per paper: `<id>` is the versioned arXiv id (current code writes it bare,
 *   `2507.02834v2`; older output an abs URL) → `arxiv:…` without version; `<published>` is the first
 *   version (the work's date, an instant converted to UTC from arXiv's US-Eastern offsets; arXiv's
 *   code writes it as Python's `2015-07-21 16:00:43-04:00`, the older output as RFC 3339).
 * - `.atom2` puts every author in one `<author><name>` as "First Last, First Last"; `.atom` has one
 *   `<author>` each (with `arxiv:affiliation`). Both are read.
 * - `arxiv:doi` (when present) is a second id, `arxiv:journal_ref` the venue (else `arXiv`),
 *   `summary` the abstract.
 * - The feed's elements are matched in the Atom namespace or none (arXiv's code builds the tree
 *   without namespaces and adds `xmlns` as an attribute), the extension in arXiv's namespace or
 *   under an undeclared `arxiv:` prefix.
 * Pure: no IO.
 */
import {NS} from '../xml-namespaces.js';
import {XmlSyntaxError, XmlTooComplexError} from '../xml-dom.js';
import {BibliographyParseError, IdCollector, inline, instantDate, MAX_ABSTRACT, MAX_AUTHORS, MAX_TITLE, MAX_WORKS, nameText, reasonOf, venueText} from './common.js';
import type {BibWork} from './types.js';
import {childElements, childText, leanText, parseLeanXml} from './xml-lean.js';
import type {LeanElement} from './xml-lean.js';

const ATOM = [NS.atom, ''];
const ARXIV = [NS.arxiv, null];

/** An extension element: in arXiv's namespace, or written `arxiv:x` with the prefix never declared. */
function arxivText(entry: LeanElement, local: string): string | null {
	for (const child of childElements(entry, local, ARXIV)) if (child.ns === NS.arxiv || child.name === `arxiv:${local}`) return leanText(child);
	return null;
}

function authorsOf(entry: LeanElement): string[] {
	const names = childElements(entry, 'author', ATOM).map(a => childText(a, 'name', ATOM) ?? '');
	// .atom2: one <name> holding every author; a comma inside one of .atom's names is left alone.
	const split = names.length === 1 ? names[0]!.split(/\s*,\s+/) : names;
	const out: string[] = [];
	for (const raw of split.slice(0, MAX_AUTHORS)) {
		const name = nameText(raw);
		if (name !== null) out.push(name);
	}
	return out;
}

function workOf(entry: LeanElement): BibWork | null {
	const rawId = (childText(entry, 'id', ATOM) ?? '').trim();
	const ids = new IdCollector();
	if (/^https?:\/\//i.test(rawId)) ids.url(rawId, id => id.startsWith('arxiv:'));
	else ids.arxiv(rawId);
	const arxivId = ids.ids()[0];
	if (arxivId === undefined) return null;
	const title = inline(childText(entry, 'title', ATOM), MAX_TITLE);
	if (title === null) return null;
	ids.doi(arxivText(entry, 'doi')?.trim());
	const date = instantDate(childText(entry, 'published', ATOM)) ?? instantDate(childText(entry, 'updated', ATOM));
	const url = ids.url0()!;
	return {
		ids: ids.ids(),
		title,
		authors: authorsOf(entry),
		venue: venueText(arxivText(entry, 'journal_ref')) ?? 'arXiv',
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		url,
		abstract: inline(childText(entry, 'summary', ATOM), MAX_ABSTRACT),
		sourceKey: url,
	};
}

/**
 * An arXiv author listing feed. Throws BibliographyParseError when the body is not an Atom feed
 * (arXiv's "Author … not found" page, a truncated download).
 */
export function parseArxivListing(xml: string): BibWork[] {
	const works: BibWork[] = [];
	const seen = new Set<string>();
	// Entries are read as they close: a long listing costs one entry's tree at a time.
	const onRootChild = (entry: LeanElement): void => {
		if (works.length >= MAX_WORKS || entry.local !== 'entry' || !ATOM.includes(entry.ns ?? '-')) return;
		const work = workOf(entry);
		if (work === null || seen.has(work.ids[0]!)) return;
		seen.add(work.ids[0]!);
		works.push(work);
	};
	try {
		parseLeanXml(xml.replace(/^\ufeff/, ''), {
			skip: (name, attrs, depth) => {
				if (depth === 0 && (name.replace(/^[^:]*:/, '') !== 'feed' || !ATOM.includes(attrs[name.includes(':') ? `xmlns:${name.split(':')[0]!}` : 'xmlns'] ?? ''))) {
					throw new BibliographyParseError(`not an arXiv author listing (root element <${inline(name, 40) ?? '?'}>)`);
				}
				return false;
			},
			onRootChild,
		});
	} catch (error) {
		if (error instanceof XmlSyntaxError || error instanceof XmlTooComplexError) throw new BibliographyParseError(`not an arXiv author listing (${reasonOf(error)})`);
		throw error;
	}
	return works;
}
