/** ORCID: a person's public works (`{orcid.api}/{iD}/works`, JSON) become their `paper` items. */
import {parseOrcidWorks} from '../parse/bibliography/orcid.js';
import {bodyText, getServiceDocument, joinUrl} from './bibliography-request.js';
import {validators} from './fetch-document.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

export const orcidAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const id = ctx.source.target;
		const response = await getServiceDocument(ctx, {
			service: 'ORCID',
			url: joinUrl(ctx.settings.orcidApi, `${id}/works`),
			// Without it ORCID answers XML.
			accept: 'application/json',
			notFound: `ORCID has no record ${id}`,
			conditional: true,
		});
		if (!response) return {items: []};
		return {items: [], works: parseOrcidWorks(bodyText(response)), ...validators(response)};
	},
};
