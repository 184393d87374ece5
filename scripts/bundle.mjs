#!/usr/bin/env node
// Second build step (after tsc writes dist/): bundles dist/cli/main.js and the modules it loads
// into dist/bundle/, which bin/research-feed.js runs. Start-up is dominated by loading modules:
// Ink, React and their dependencies are several hundred files, each resolved, read and compiled
// on every launch (about 470 → 265 ms to the first frame at 100,000 items, see the README's
// Performance section). Commands stay lazy: esbuild splits each dynamic import into its own chunk.
//
// Kept out of the bundle: better-sqlite3 (a native addon), open (runs the xdg-open script it ships
// beside itself) and react-devtools-core (Ink imports it only when DEV=true; not a dependency).
import {build} from 'esbuild';
import {readFileSync, renameSync, rmSync} from 'node:fs';
import {basename, dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Yoga (Ink's layout engine) ships its WebAssembly base64-encoded inside its Emscripten loader,
 * which decodes it with `fetch(dataUrl)` whenever `fetch` exists. On Node that first touch of
 * `fetch` loads Node's whole fetch implementation (undici, 30–40 ms) before the first frame, only
 * to decode a string. Seen as "no fetch", the loader decodes the base64 itself. Checked: exactly
 * the two `typeof fetch` tests of the loader are rewritten, or the build fails.
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(b) {
		b.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, args => {
			const source = readFileSync(args.path, 'utf8');
			const tests = source.match(/"function"!=typeof fetch/g) ?? [];
			if (tests.length !== 2) throw new Error(`yoga-without-fetch: expected 2 fetch tests in ${args.path}, found ${tests.length}`);
			return {contents: source.replaceAll('"function"!=typeof fetch', 'true'), loader: 'js'};
		});
	},
};
/**
 * Work some dependencies do when they are imported, before any command has run, that a first frame
 * of plain text never needs: the first `Intl.Segmenter` of a process loads ICU's locale data, and
 * string-width's `v`-flag Unicode property classes are built from ICU's tables there and then
 * (`\p{RGI_Emoji}` expands into every emoji sequence). Each is built on first use instead
 * (src/ui/format/width.ts measures most text without them). Checked: every declaration listed is
 * found once and used exactly as listed (a segmenter only through `.segment(`), or the build fails,
 * so a dependency upgrade that moves them is looked at, not silently bundled as it is.
 */
const ON_FIRST_USE = [
	// wrap-ansi's own, older string-width: listed first, as the next pattern matches its path too
	// (esbuild uses the first onLoad that answers).
	{file: /[\\/]node_modules[\\/]wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/, segmenters: ['segmenter'], regexes: []},
	{file: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, segmenters: ['segmenter'], regexes: ['visibleCharacterRegex', 'spacingMarkRegex', 'rgiEmojiRegex']},
	{file: /[\\/]node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, segmenters: ['GRAPHEME_SEGMENTER'], regexes: []},
	{file: /[\\/]node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, segmenters: ['segmenter'], regexes: []},
];

/** The source without block comments and whole-line comments: where a name is used, not mentioned. */
const withoutComments = source => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

/** `const NAME = new Intl.Segmenter(…);` becomes an object whose `segment` builds it on first call. */
function segmenterOnFirstUse(source, name, path) {
	const declaration = new RegExp(`^const ${name} = (new Intl\\.Segmenter\\([^)]*\\));$`, 'm');
	const found = declaration.exec(source);
	const code = withoutComments(source);
	const uses = code.split(new RegExp(`\\b${name}\\b`)).length - 2;
	const segmentCalls = code.split(`${name}.segment(`).length - 1;
	if (!found || uses < 1 || uses !== segmentCalls) throw new Error(`on-first-use: expected one ${name} declaration used only as ${name}.segment( in ${path}`);
	const lazy = `let ${name}Built; const ${name} = {segment: text => (${name}Built ??= ${found[1]}).segment(text)};`;
	return source.replace(found[0], () => lazy);
}

/** `const NAME = /…/v;` becomes a function that builds it on first call; every use calls it. */
function regexOnFirstUse(source, name, path) {
	const declaration = new RegExp(`^const ${name} = (/.+/[a-z]*);$`, 'm');
	const found = declaration.exec(source);
	if (!found) throw new Error(`on-first-use: expected one ${name} declaration in ${path}`);
	const rest = source.replace(found[0], '');
	if (withoutComments(rest).split(new RegExp(`\\b${name}\\b`)).length < 2) throw new Error(`on-first-use: ${name} is not used in ${path}`);
	const lazy = `let ${name}Built; const ${name}Get = () => (${name}Built ??= ${found[1]});`;
	return source.replace(found[0], () => lazy).replace(new RegExp(`\\b${name}\\b(?!Built|Get)`, 'g'), `${name}Get()`);
}

const onFirstUse = {
	name: 'on-first-use',
	setup(b) {
		const patched = new Set();
		for (const entry of ON_FIRST_USE) {
			b.onLoad({filter: entry.file}, args => {
				let source = readFileSync(args.path, 'utf8');
				for (const name of entry.segmenters) source = segmenterOnFirstUse(source, name, args.path);
				for (const name of entry.regexes) source = regexOnFirstUse(source, name, args.path);
				patched.add(entry);
				return {contents: source, loader: 'js'};
			});
		}
		b.onEnd(result => {
			if (result.errors.length > 0) return;
			const missed = ON_FIRST_USE.filter(entry => !patched.has(entry));
			if (missed.length > 0) throw new Error(`on-first-use: no module matched ${missed.map(e => e.file).join(', ')}`);
		});
	},
};
/**
 * node:child_process, which Node sets up when it is first loaded, is loaded by two dependencies
 * when they are imported, for what no first frame does: commander (for executable subcommands,
 * which we do not use) and terminal-size (Ink's last resort for the terminal's size, after the
 * tty's own). Each gets it at its first call instead. Checked: the import and exactly the listed
 * number of calls, or the build fails.
 */
const CHILD_PROCESS_ON_FIRST_USE = [
	{
		file: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/,
		declaration: "const childProcess = require('node:child_process');",
		calls: {'childProcess.spawn(': 3},
		lazy: "let childProcessLoaded; const childProcess = {spawn: (...args) => (childProcessLoaded ??= require('node:child_process')).spawn(...args)};",
	},
	{
		file: /[\\/]node_modules[\\/]terminal-size[\\/]index\.js$/,
		declaration: "import {execFileSync} from 'node:child_process';",
		calls: {'execFileSync(': 1},
		lazy: "import {createRequire as createRequireForChildProcess} from 'node:module'; const execFileSync = (...args) => createRequireForChildProcess(import.meta.url)('node:child_process').execFileSync(...args);",
	},
];
const childProcessOnFirstUse = {
	name: 'child-process-on-first-use',
	setup(b) {
		const patched = new Set();
		for (const entry of CHILD_PROCESS_ON_FIRST_USE) {
			b.onLoad({filter: entry.file}, args => {
				const source = readFileSync(args.path, 'utf8');
				const code = withoutComments(source);
				const [[call, count]] = Object.entries(entry.calls);
				const name = call.split(/[.(]/)[0];
				const uses = code.split(new RegExp(`\\b${name}\\b`)).length - 1;
				if (!source.includes(entry.declaration) || code.split(call).length - 1 !== count || uses !== count + 1) {
					throw new Error(`child-process-on-first-use: expected ${JSON.stringify(entry.declaration)} and ${count} ${call} in ${args.path}`);
				}
				patched.add(entry);
				return {contents: source.replace(entry.declaration, () => entry.lazy), loader: 'js'};
			});
		}
		b.onEnd(result => {
			if (result.errors.length > 0) return;
			const missed = CHILD_PROCESS_ON_FIRST_USE.filter(entry => !patched.has(entry));
			if (missed.length > 0) throw new Error(`child-process-on-first-use: no module matched ${missed.map(e => e.file).join(', ')}`);
		});
	},
};
/**
 * Parts of Ink replaced by our own (src/ui/ink/, compiled to dist/ui/ink/; each file says why):
 * its Output, which built every frame as a grid of one object per cell, and three text caches
 * that were either missing (widest-line, measured on every frame) or never emptied. Each redirect
 * names the Ink module that imports the part; every one must be used exactly as listed, or the
 * build fails (an Ink upgrade that moves them must be looked at, not silently bundled).
 */
const INK_REDIRECTS = [
	{importer: 'renderer.js', specifier: './output.js', to: 'row-output.js'},
	{importer: 'render-node-to-output.js', specifier: 'widest-line', to: 'widest-line.js'},
	{importer: 'render-node-to-output.js', specifier: './wrap-text.js', to: 'wrap-text.js'},
	{importer: 'dom.js', specifier: './wrap-text.js', to: 'wrap-text.js'},
	{importer: 'dom.js', specifier: './measure-text.js', to: 'measure-text.js'},
];
const inkParts = {
	name: 'ink-parts',
	setup(b) {
		const used = new Map(INK_REDIRECTS.map(r => [r, 0]));
		const specifiers = new Set(INK_REDIRECTS.map(r => r.specifier));
		const escaped = [...specifiers].map(s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		b.onResolve({filter: new RegExp(`^(${escaped.join('|')})$`)}, args => {
			const redirect = INK_REDIRECTS.find(r => r.specifier === args.path && /[\\/]node_modules[\\/]ink[\\/]build$/.test(dirname(args.importer)) && basename(args.importer) === r.importer);
			if (redirect === undefined) return undefined;
			used.set(redirect, used.get(redirect) + 1);
			return {path: `${root}dist/ui/ink/${redirect.to}`};
		});
		b.onEnd(result => {
			if (result.errors.length > 0) return;
			for (const [r, n] of used) {
				if (n !== 1) throw new Error(`ink-parts: expected Ink's ${r.importer} to import ${r.specifier} once, redirected ${n} times`);
			}
		});
	},
};
const outdir = `${root}dist/bundle`;
// Built beside the old bundle and swapped in at the end: a test run (or a timeline) using the old
// one meanwhile finds it whole, and a failed build leaves it as it was.
const next = `${outdir}.next-${process.pid}`;
rmSync(next, {recursive: true, force: true});
await build({
	absWorkingDir: root,
	// The timeline's refresh runs in a child process started from refresh-child.js, which
	// refresh-process.js finds beside the chunks (the names are fixed, not hashed).
	// A large refresh parses feeds on worker threads started from parse-worker.js, found the same way.
	entryPoints: {main: 'dist/cli/main.js', 'refresh-child': 'dist/app/refresh-child.js', 'parse-worker': 'dist/refresh/parse-worker.js'},
	outdir: next,
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	external: ['better-sqlite3', 'open', 'react-devtools-core'],
	// React's production build only: the development one checks every render and is far larger.
	define: {'process.env.NODE_ENV': '"production"'},
	// CommonJS dependencies inside an ES module bundle still call require() for Node's built-ins.
	banner: {js: "import {createRequire as __bundleRequire} from 'node:module'; const require = __bundleRequire(import.meta.url);"},
	// Paths in stack traces (DEBUG=1) point into dist/, which tsc wrote from src/.
	sourcemap: 'linked',
	// Every launch parses what it loads (the timeline's first frame, a megabyte of it): without
	// comments and indentation there is about half as much to read. Names are kept, so stack traces
	// and error names read as before.
	minifyWhitespace: true,
	minifySyntax: true,
	plugins: [yogaWithoutFetch, onFirstUse, childProcessOnFirstUse, inkParts],
	logLevel: 'warning',
}).catch(error => {
	rmSync(next, {recursive: true, force: true});
	throw error;
});
const old = `${outdir}.old-${process.pid}`;
rmSync(old, {recursive: true, force: true});
try {
	renameSync(outdir, old);
} catch (error) {
	if (error.code !== 'ENOENT') throw error;
}
renameSync(next, outdir);
rmSync(old, {recursive: true, force: true});
