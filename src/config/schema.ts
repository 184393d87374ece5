/**
 * JSON schema of config.json, enforced by conf on every read. A hand-edited file that breaks
 * it is reported (file and field) and never overwritten.
 */
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
							kind: {enum: ['bluesky', 'homepage', 'feed']},
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
		},
	},
	refreshMinutes: {type: 'number', minimum: 1, default: 30},
	concurrency: {type: 'integer', minimum: 1, maximum: 64, default: 8},
} as const;
