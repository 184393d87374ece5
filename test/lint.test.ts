/**
 * What eslint.config.js promises stays true: the layer rules (scripts/lint-layers.mjs) still fire,
 * linting one import at a time as if it were a file in that folder of src/ (the table here is the
 * issue's list, written out independently of the config, so dropping or weakening a rule fails),
 * and the type-aware promise rules are on for the TypeScript of src/, test/ and bench/.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {ESLint} from 'eslint';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
// The probe files do not exist, so they cannot be in the TypeScript program: lint them without types.
const eslint = new ESLint({cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked]});

/** The layer errors ESLint reports for `code` as the file `path` (relative to the repository). */
async function layerErrors(path: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath: join(root, path), warnIgnored: true});
	assert.ok(result, path);
	const fatal = result.messages.filter(m => m.fatal);
	assert.deepEqual(fatal, [], `${path} did not parse`);
	return result.messages.filter(m => m.ruleId === 'layers/imports').map(m => m.message);
}

/** [file, import statement]: each must be reported. */
const FORBIDDEN: Array<[string, string]> = [
	// parse/ imports no IO and nothing but domain/.
	['src/parse/probe.ts', "import {readFileSync} from 'node:fs';"],
	['src/parse/probe.ts', "import {readFile} from 'fs/promises';"],
	['src/parse/probe.ts', "import {request} from 'node:http';"],
	['src/parse/probe.ts', "import {connect} from 'node:net';"],
	['src/parse/probe.ts', "import {spawn} from 'node:child_process';"],
	['src/parse/probe.ts', "import Database from 'better-sqlite3';"],
	['src/parse/probe.ts', "import {Store} from '../store/store.js';"],
	['src/parse/probe.ts', "import {createHttpClient} from '../net/http.js';"],
	['src/parse/probe.ts', "import {loadAdapters} from '../sources/index.js';"],
	['src/parse/probe.ts', "import {refreshSources} from '../refresh/refresh.js';"],
	['src/parse/homepage/probe.ts', "import type {Store} from '../../store/store.js';"],
	// state/ knows nothing of ui/.
	['src/state/probe.ts', "import {App} from '../ui/App.js';"],
	// app/ imports neither cli/ nor ui/, not even lazily.
	['src/app/probe.ts', "import type {CliContext} from '../cli/context.js';"],
	['src/app/probe.ts', "import {runTui} from '../ui/run-tui.js';"],
	['src/app/probe.ts', "export const load = () => import('../ui/run-tui.js');"],
	// live/ saves through the store; the models and the CLI drive it, never the other way.
	['src/live/probe.ts', "import {SqliteModel} from '../app/sqlite-model.js';"],
	['src/live/probe.ts', "import type {CliContext} from '../cli/context.js';"],
	['src/live/probe.ts', "import {runTui} from '../ui/run-tui.js';"],
	['src/ui/probe.tsx', "import {LiveSession} from '../live/live-session.js';"],
	['src/ui/probe.tsx', "import WebSocket from 'ws';"],
	['src/sources/probe.ts', "import {LiveSession} from '../live/live-session.js';"],
	// sources/ never see the store.
	['src/sources/probe.ts', "import {Store} from '../store/store.js';"],
	['src/sources/probe.ts', "import type {SourceState} from '../store/sources.js';"],
	// store/ imports nothing above it.
	['src/store/probe.ts', "import {refreshSources} from '../refresh/refresh.js';"],
	['src/store/probe.ts', "import {loadAdapters} from '../sources/index.js';"],
	['src/store/probe.ts', "import {createHttpClient} from '../net/http.js';"],
	['src/store/probe.ts', "import {enrichPapers} from '../papers/enrich.js';"],
	['src/store/probe.ts', "import type {FeedModel} from '../app/model.js';"],
	['src/store/probe.ts', "import {CliContext} from '../cli/context.js';"],
	['src/store/probe.ts', "import {runTui} from '../ui/run-tui.js';"],
	// ui/ reads a FeedModel: no store, sources, network or refresh.
	['src/ui/probe.tsx', "import {Store} from '../store/store.js';"],
	['src/ui/probe.tsx', "import {loadAdapters} from '../sources/index.js';"],
	['src/ui/probe.tsx', "import {openUrl} from '../net/open-url.js';"],
	['src/ui/probe.tsx', "import {refreshSources} from '../refresh/refresh.js';"],
	['src/ui/views/probe.tsx', "import type {Store} from '../../store/store.js';"],
	['src/ui/probe.tsx', "export * from '../store/store.js';"],
];

/** [file, import statement]: each is allowed (the rules are not simply "everything fails"). */
const ALLOWED: Array<[string, string]> = [
	['src/parse/probe.ts', "import type {Link} from '../domain/types.js';"],
	['src/parse/homepage/probe.ts', "import {cleanInline} from '../sanitize.js';"],
	['src/parse/probe.ts', "import {createHash} from 'node:crypto';"],
	['src/store/probe.ts', "import {authorMatches} from '../parse/author-match.js';"],
	['src/sources/probe.ts', "import type {HttpClient} from '../net/http.js';"],
	['src/app/probe.ts', "import type {Store} from '../store/store.js';"],
	['src/ui/probe.tsx', "import type {FeedModel} from '../app/model.js';"],
	['src/ui/probe.tsx', "import {VIEWS} from '../state/types.js';"],
	['src/cli/probe.ts', "import {runTui} from '../ui/run-tui.js';"],
	['src/cli/probe.ts', "import {SqliteModel} from '../app/sqlite-model.js';"],
];

describe('layer rules', () => {
	for (const [path, code] of FORBIDDEN) {
		test(`${path}: ${code}`, async () => {
			const errors = await layerErrors(path, code);
			assert.equal(errors.length, 1, `expected one layer error, got ${JSON.stringify(errors)}`);
		});
	}
	for (const [path, code] of ALLOWED) {
		test(`allowed in ${path}: ${code}`, async () => {
			assert.deepEqual(await layerErrors(path, code), []);
		});
	}
});

describe('type-aware rules', () => {
	// The configuration each file gets, not a lint run: no TypeScript program is built here.
	const typed = new ESLint({cwd: root});
	for (const file of ['src/cli/main.ts', 'src/ui/App.tsx', 'test/net/http-faults.test.ts', 'bench/refresh.ts']) {
		test(`are errors in ${file}, with type information`, async () => {
			const config = (await typed.calculateConfigForFile(join(root, file))) as {
				rules: Record<string, unknown>;
				languageOptions: {parserOptions: {project?: unknown}};
			};
			for (const rule of ['no-floating-promises', 'no-misused-promises', 'await-thenable', 'no-unsafe-assignment']) {
				const setting = config.rules[`@typescript-eslint/${rule}`];
				assert.equal(Array.isArray(setting) ? setting[0] : setting, 2, rule);
			}
			assert.ok(config.languageOptions.parserOptions.project, 'parserOptions.project');
		});
	}
});
