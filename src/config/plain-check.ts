/**
 * The start-up fast path's check of config.json: the schema in schema.ts, read by a few lines of
 * code instead of compiled by conf's ajv (setting conf up costs about a tenth of the timeline's
 * start-up). Every keyword is checked the way ajv checks it or more strictly, so what passes here
 * would pass conf too; anything else goes to conf, which decides with its own messages.
 * test/config/plain-check.test.ts holds the two to that on generated configs.
 */
import {configSchema, type SchemaNode, type StoredConfig} from './schema.js';

/** conf's root (its own keys may sit beside ours); an unknown key at the top is conf's to judge. */
const ROOT: SchemaNode = {type: 'object', properties: configSchema, additionalProperties: false};

/**
 * The parsed file with its defaults filled in (into `parsed` itself, as ajv does), when it plainly
 * satisfies the schema; otherwise undefined.
 */
export function plainlyValid(parsed: unknown): StoredConfig | undefined {
	return satisfies(ROOT, parsed) ? (parsed as StoredConfig) : undefined;
}

function satisfies(schema: SchemaNode, value: unknown): boolean {
	if (schema.enum !== undefined && !schema.enum.includes(value)) return false;
	switch (schema.type) {
		case undefined:
			// Only an enum constrains such a node; a node with neither is not one we write.
			return schema.enum !== undefined;
		case 'string':
			return typeof value === 'string' && codePoints(value) >= (schema.minLength ?? 0) && (schema.format !== 'uri' || plainUrl(value));
		case 'boolean':
			return typeof value === 'boolean';
		case 'number':
			return typeof value === 'number' && Number.isFinite(value) && inRange(schema, value);
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value) && inRange(schema, value);
		case 'array':
			return Array.isArray(value) && (schema.items === undefined || value.every(item => satisfies(schema.items!, item)));
		case 'object':
			return isObject(value) && objectSatisfies(schema, value);
	}
}

function objectSatisfies(schema: SchemaNode, value: Record<string, unknown>): boolean {
	const properties = schema.properties ?? {};
	if (schema.additionalProperties === false && !Object.keys(value).every(key => Object.hasOwn(properties, key))) return false;
	if (!(schema.required ?? []).every(key => Object.hasOwn(value, key))) return false;
	for (const [key, property] of Object.entries(properties)) {
		if (Object.hasOwn(value, key)) {
			if (!satisfies(property, value[key])) return false;
		} else if (property.default !== undefined) {
			value[key] = structuredClone(property.default);
		}
	}
	return true;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const inRange = (schema: SchemaNode, n: number): boolean => n >= (schema.minimum ?? -Infinity) && n <= (schema.maximum ?? Infinity);

/** ajv's minLength counts code points, not UTF-16 units. */
const codePoints = (s: string): number => [...s].length;

/** One RFC 3986 path or query character (percent escapes whole). */
const PCHAR = "(?:[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2})";
/**
 * A subset of JSON schema's `uri` format: http(s), a plain host name, optional port, path and
 * query, no fragment. The WHATWG URL parser alone is not enough: it accepts `{`, `|` or a second
 * `#`, which the `uri` format refuses.
 */
const PLAIN_URL = new RegExp(`^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/${PCHAR}*)*(?:\\?(?:${PCHAR}|[/?])*)?$`);

const plainUrl = (s: string): boolean => PLAIN_URL.test(s) && URL.canParse(s);
