/** DBLP: a person's records (`{dblp.api}/pid/{pid}.xml`) become their `paper` items. */
import {parseDblpPerson} from '../parse/bibliography/dblp.js';
import {bodyText, getServiceDocument, joinUrl} from './bibliography-request.js';
import {validators} from './fetch-document.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

export const dblpAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const pid = ctx.source.target;
		const response = await getServiceDocument(ctx, {
			service: 'DBLP',
			url: joinUrl(ctx.settings.dblpApi, `pid/${pid}.xml`),
			accept: 'application/xml, text/xml;q=0.9',
			notFound: `DBLP has no person ${pid}`,
			conditional: true,
		});
		if (!response) return {items: []};
		const person = parseDblpPerson(bodyText(response));
		if (person.disambiguation) ctx.log(`${pid} is a DBLP disambiguation page (papers of several people)`);
		return {items: [], works: person.works, ...validators(response)};
	},
};
