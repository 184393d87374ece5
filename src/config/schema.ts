/**
 * config.json: its shape, its JSON schema and the default of every setting, in one place. conf
 * enforces the schema whenever it reads the file (a hand-edited file that breaks it is reported,
 * file and field, and never overwritten), and the start-up fast path (plain-check.ts) checks the
 * same schema itself, so neither can drift from the other.
 */
import type {ResearcherConfig} from '../domain/types.js';

/** The JSON schema keywords the fast path understands; `satisfies` below keeps the schema to them. */
export interface SchemaNode {
	type?: 'array' | 'object' | 'string' | 'boolean' | 'integer' | 'number';
	enum?: readonly unknown[];
	minLength?: number;
	minimum?: number;
	maximum?: number;
	format?: 'uri';
	items?: SchemaNode;
	properties?: Readonly<Record<string, SchemaNode>>;
	required?: readonly string[];
	additionalProperties?: false;
	/** Filled in when the key is missing (conf's ajv does it with useDefaults, and conf saves it). */
	default?: unknown;
}

/** The file's top level, once defaults are filled in. */
export interface StoredConfig {
	researchers: ResearcherConfig[];
	bluesky: {service?: string; jetstream?: string; showReplies?: boolean; firstFetchDepth?: number};
	arxiv: {api?: string; site?: string};
	dblp: {api?: string};
	orcid: {api?: string};
	openalex: {api?: string; apiKey?: string};
	semanticscholar: {api?: string; apiKey?: string};
	crossref: {api?: string};
	papers: {recentDays?: number};
	refreshMinutes: number;
	concurrency: number;
}

export const configSchema = {
	researchers: {
		type: 'array',
		default: [],
		items: {
			type: 'object',
			required: ['name', 'sources'],
			additionalProperties: false,
			properties: {
				name: {type: 'string', minLength: 1},
				sources: {
					type: 'array',
					items: {
						type: 'object',
						required: ['kind', 'target'],
						additionalProperties: false,
						properties: {
							kind: {enum: ['bluesky', 'homepage', 'feed', 'dblp', 'orcid', 'openalex', 'arxiv']},
							target: {type: 'string', minLength: 1},
						},
					},
				},
			},
		},
	},
	bluesky: {
		type: 'object',
		default: {},
		additionalProperties: false,
		properties: {
			service: {type: 'string', format: 'uri'},
			/** Jetstream's `/subscribe` (ws: or wss:), for the live timeline and `watch`. */
			jetstream: {type: 'string', format: 'uri'},
			/** Show the researcher's replies to other people's posts (hidden by default). */
			showReplies: {type: 'boolean'},
			/** How many posts the first fetch of an author feed goes back. */
			firstFetchDepth: {type: 'integer', minimum: 1, maximum: 2000},
		},
	},
	arxiv: {
		type: 'object',
		default: {},
		additionalProperties: false,
		properties: {
			api: {type: 'string', format: 'uri'},
			/** Author listings (`/a/ID.atom2`). */
			site: {type: 'string', format: 'uri'},
		},
	},
	dblp: endpoint(),
	orcid: endpoint(),
	openalex: endpoint({apiKey: {type: 'string', minLength: 1}}),
	semanticscholar: endpoint({apiKey: {type: 'string', minLength: 1}}),
	crossref: endpoint(),
	papers: {
		type: 'object',
		default: {},
		additionalProperties: false,
		properties: {
			/** A bibliography source's first fetch shows the papers of these last days; older ones are recorded silently. */
			recentDays: {type: 'integer', minimum: 0, maximum: 3650},
		},
	},
	/** Background refresh interval of the timeline. */
	refreshMinutes: {type: 'number', minimum: 1, default: 30},
	/** Sources fetched at once. */
	concurrency: {type: 'integer', minimum: 1, maximum: 64, default: 8},
} as const satisfies Record<keyof StoredConfig, SchemaNode>;

/** A service's settings: its base URL, and its key where it takes one. */
function endpoint<const P extends Record<string, SchemaNode>>(extra?: P) {
	return {
		type: 'object',
		default: {},
		additionalProperties: false,
		properties: {api: {type: 'string', format: 'uri'}, ...(extra ?? ({} as P))},
	} as const;
}

/**
 * Defaults of the nested settings. Not `default`s in the schema: ajv would fill them in and conf
 * would save them into the file on its next write, pinning today's AppView and arXiv addresses
 * in every user's config.
 */
export const NESTED_DEFAULTS = {
	blueskyService: 'https://public.api.bsky.app',
	jetstream: 'wss://jetstream2.us-east.bsky.network/subscribe',
	showReplies: false,
	firstFetchDepth: 200,
	arxivApi: 'https://export.arxiv.org/api/query',
	arxivSite: 'https://arxiv.org',
	dblpApi: 'https://dblp.org',
	orcidApi: 'https://pub.orcid.org/v3.0',
	openalexApi: 'https://api.openalex.org',
	semanticScholarApi: 'https://api.semanticscholar.org/graph/v1',
	crossrefApi: 'https://api.crossref.org',
	recentDays: 30,
} as const;
