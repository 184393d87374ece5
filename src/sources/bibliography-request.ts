/**
 * What the bibliography adapters share: one GET of a service's document, with the service named in
 * every failure ("DBLP has no person 12/3456" rather than a bare 404), and the first-fetch window.
 */
import {describeStatus, HttpError, type HttpResponse} from '../net/http.js';
import type {AdapterContext} from './types.js';

export interface ServiceGet {
	/** The service as people know it: "DBLP", "ORCID", "arXiv". */
	service: string;
	url: string;
	accept: string;
	/** What a 404 (or the service's own "unknown" status) means, in one line. */
	notFound: string;
	/** Statuses that mean "unknown" besides 404 (arXiv answers 400 for an unknown author). */
	notFoundStatuses?: readonly number[];
	headers?: Record<string, string>;
	/** Send the last fetch's validators (where the service may answer 304). */
	conditional?: boolean;
}

/** The document, or null when the service says nothing changed (304). */
export async function getServiceDocument(ctx: AdapterContext, req: ServiceGet): Promise<HttpResponse | null> {
	const response = await ctx.http.get({
		url: req.url,
		headers: {accept: req.accept, ...req.headers},
		...(req.conditional ? {etag: ctx.previous?.etag, lastModified: ctx.previous?.lastModified} : {}),
		signal: ctx.signal,
	});
	if (response.status === 304) return null;
	if (response.status === 404 || req.notFoundStatuses?.includes(response.status)) {
		throw new HttpError(req.notFound, {status: response.status});
	}
	if (response.status < 200 || response.status >= 300) {
		throw new HttpError(`${req.service}: ${describeStatus(response.status)}`, {status: response.status});
	}
	return response;
}

export function bodyText(response: HttpResponse): string {
	return Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength).toString('utf8');
}


/** A base URL joined with a path, whatever trailing slash the base has. */
export function joinUrl(base: string, path: string): string {
	return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
