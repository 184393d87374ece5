/**
 * arXiv author listings (`{arxiv.site}/a/{id}.atom2`): an author id (`warner_s_1`) or an ORCID.
 * Only authors who made an arXiv author id or linked their ORCID have one; arXiv answers an unknown
 * id with 400 (its current code) or 404 (its help pages), both meaning "no listing".
 */
import {parseArxivListing} from '../parse/bibliography/arxiv-listing.js';
import {bodyText, getServiceDocument, joinUrl} from './bibliography-request.js';
import {validators} from './fetch-document.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

export const arxivAuthorAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const id = ctx.source.target;
		const response = await getServiceDocument(ctx, {
			service: 'arXiv',
			url: joinUrl(ctx.settings.arxivSite, `a/${encodeURIComponent(id)}.atom2`),
			accept: 'application/atom+xml, application/xml;q=0.9',
			notFound: `arXiv has no author listing for ${id} (only authors with an arXiv author id or a linked ORCID have one)`,
			notFoundStatuses: [400],
			conditional: true,
		});
		if (!response) return {items: []};
		return {items: [], works: parseArxivListing(bodyText(response)), ...validators(response)};
	},
};
