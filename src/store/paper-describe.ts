/**
 * A metadata service's answer about one paper, stored: the ids the service links to it (an arXiv
 * id and a DOI of one work, Semantic Scholar's `externalIds`, Crossref's `has-preprint`) become
 * names of one paper (registerWork, which may merge two stored papers and change the canonical
 * id); metadata stored under an id that now names another paper follows it there; the answer is
 * merged into the paper's metadata; the lookup is recorded as answered for every linked id the
 * service takes, so the service is not asked about the same work again by another of its names.
 * Call inside a transaction.
 */
import type {Db} from './db.js';
import {canonicalId, registerWork} from './paper-identity.js';
import {askedBy, type MetaService, recordLookups} from './paper-lookups.js';
import {movePaperMeta, savePaperMeta, type ServiceMeta} from './paper-meta.js';

export interface ServiceAnswer {
	service: MetaService;
	/** The id the service was asked about. */
	asked: string;
	/** What it said (`id` is ignored: the paper's canonical id is decided here). */
	meta: Omit<ServiceMeta, 'id' | 'provider'>;
}

/** Stores one answer; returns the paper's canonical id. */
export function saveServiceAnswer(db: Db, answer: ServiceAnswer, nowIso: string): string {
	const linked = [...new Set([answer.asked, ...(answer.meta.ids ?? [])])];
	let canonical = canonicalId(db, answer.asked);
	const others = linked.filter(id => id !== canonical && canonicalId(db, id) !== canonical);
	if (others.length > 0) {
		const papers = new Set([canonical, ...linked.map(id => canonicalId(db, id))]);
		canonical = registerWork(db, [canonical, ...linked]);
		// mergePaper moves mentions, items and titles; the metadata of the merged papers follows here.
		for (const id of new Set([...papers, ...linked])) if (id !== canonical) movePaperMeta(db, id, canonical, nowIso);
	}
	savePaperMeta(db, [{...answer.meta, id: canonical, provider: answer.service, ids: linked}], nowIso);
	const known = linked.filter(id => askedBy(answer.service, id));
	recordLookups(db, answer.service, known.includes(answer.asked) ? known : [answer.asked, ...known], {status: 'ok'}, nowIso);
	return canonical;
}
