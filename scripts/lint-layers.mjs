// The layers of src/ and the imports each may not make, checked by ESLint (eslint.config.js) as
// the rule `layers/imports`. Imports run from the CLI entry down to domain/ and never back up:
// cli/ wires app/ (models) to ui/ (Ink), refresh/ and papers/ drive sources/ and store/, and
// parse/ and domain/ below them touch no IO. A relative import is resolved to the folder it lands
// in, so `../../store/x.js` and a lazy `import()` count too. test/lint.test.ts lints a violating
// import for every entry below, so a rule that stops firing fails `npm test`.
import {readdirSync} from 'node:fs';
import {dirname, join, relative, resolve, sep} from 'node:path';

export const SRC = join(import.meta.dirname, '..', 'src');

/** Every top-level folder of src/ except `keep`: a new folder is forbidden to these layers until allowed. */
const allBut = (...keep) =>
	readdirSync(SRC, {withFileTypes: true})
		.filter(entry => entry.isDirectory() && !keep.includes(entry.name))
		.map(entry => entry.name);

/** Modules that reach outside the process: files, sockets, processes, the database. */
const IO_MODULES = ['fs', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'dns', 'child_process', 'cluster', 'worker_threads', 'better-sqlite3', 'undici'];

/** folder of src/ → what its files may not import (folders of src/, modules) and why. */
export const LAYERS = {
	domain: {folders: allBut('domain'), modules: IO_MODULES, why: 'the shared vocabulary depends on nothing'},
	parse: {folders: allBut('domain', 'parse'), modules: IO_MODULES, why: 'parsers are pure: text in, data out, no IO'},
	store: {folders: allBut('domain', 'parse', 'store'), modules: [], why: 'the store is below everything that uses it'},
	sources: {folders: ['store', 'refresh', 'papers', 'app', 'cli', 'ui', 'state', 'keys', 'demo', 'live'], modules: ['better-sqlite3'], why: 'adapters get the cache through AdapterCache, never the store itself'},
	state: {folders: ['ui', 'cli', 'store', 'sources', 'net', 'refresh', 'live'], modules: IO_MODULES, why: 'the pure UI state knows nothing of how it is drawn'},
	live: {folders: ['app', 'cli', 'ui', 'state', 'keys', 'demo', 'papers'], modules: [], why: 'the live stream saves through the store like a refresh; the models and the CLI drive it'},
	app: {folders: ['cli', 'ui'], modules: [], why: 'the models serve the UI; the composition root that starts the TUI is in cli/'},
	ui: {folders: ['store', 'sources', 'net', 'refresh', 'papers', 'config', 'cli', 'demo', 'live'], modules: ['better-sqlite3', 'child_process', 'ws'], why: 'the UI reads a FeedModel and dispatches actions, nothing else'},
};

/** `node:fs/promises`, `fs/promises` and `fs` are all `fs`; `better-sqlite3/lib` is `better-sqlite3`. */
function moduleName(specifier) {
	const parts = specifier.replace(/^node:/, '').split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The top-level folder of src/ a relative import lands in, or undefined outside src/. */
function srcFolder(fromFile, specifier) {
	const target = relative(SRC, resolve(dirname(fromFile), specifier));
	if (target.startsWith('..') || target === '') return undefined;
	const [folder, ...rest] = target.split(sep);
	return rest.length > 0 ? folder : undefined;
}

const importsRule = {
	meta: {
		type: 'problem',
		docs: {description: 'Keeps each folder of src/ to the imports its layer allows'},
		schema: [
			{
				type: 'object',
				properties: {folders: {type: 'array', items: {type: 'string'}}, modules: {type: 'array', items: {type: 'string'}}, why: {type: 'string'}},
				required: ['folders', 'modules', 'why'],
				additionalProperties: false,
			},
		],
	},
	create(context) {
		const {folders, modules, why} = context.options[0];
		const own = relative(SRC, context.filename).split(sep)[0];
		const check = (node, source) => {
			if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
			const specifier = source.value;
			if (specifier.startsWith('.')) {
				const folder = srcFolder(context.filename, specifier);
				if (folder !== undefined && folder !== own && folders.includes(folder)) {
					context.report({node, message: `${own}/ may not import ${folder}/ (${specifier}): ${why}`});
				}
			} else if (modules.includes(moduleName(specifier))) {
				context.report({node, message: `${own}/ may not import ${specifier}: ${why}`});
			}
		};
		return {
			ImportDeclaration: node => check(node, node.source),
			ExportNamedDeclaration: node => check(node, node.source),
			ExportAllDeclaration: node => check(node, node.source),
			// A lazy import() is an import all the same.
			ImportExpression: node => check(node, node.source),
		};
	},
};

export const layersPlugin = {rules: {imports: importsRule}};

/** One flat-config block per layer. */
export const layerConfigs = Object.entries(LAYERS).map(([folder, rule]) => ({
	files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
	plugins: {layers: layersPlugin},
	rules: {'layers/imports': ['error', rule]},
}));
