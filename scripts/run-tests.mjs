#!/usr/bin/env node
// Runs every test/**/*.test.ts(x) file with Node's own test runner, through tsx.
// Node 20's `--test` does not expand globs itself, so the file list is built here.
// Usage: node scripts/run-tests.mjs [substring-filter...]
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {ensureFreshBuild} from './fresh-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

function walk(dir) {
	const out = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...walk(path));
		else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, path));
	}
	return out;
}

const files = walk(join(root, 'test'))
	.filter(f => filters.length === 0 || filters.some(x => f.includes(x)))
	.sort();
if (files.length === 0) {
	console.error('run-tests: no test files matched');
	process.exit(1);
}

/** Whether a test file runs the built CLI (bin/research-feed.js), itself or through a module of test/ it imports. */
function runsTheBuild(file, seen = new Set()) {
	if (seen.has(file)) return false;
	seen.add(file);
	const text = readFileSync(file, 'utf8');
	if (text.includes("bin/research-feed.js'")) return true;
	for (const [, specifier] of text.matchAll(/from '(\.[^']+)'/g)) {
		const imported = resolve(dirname(file), specifier).replace(/\.js$/, '');
		const source = ['.ts', '.tsx'].map(ext => imported + ext).find(existsSync);
		if (source?.startsWith(join(root, 'test')) && runsTheBuild(source, seen)) return true;
	}
	return false;
}
if (files.some(f => runsTheBuild(join(root, f))) && !(await ensureFreshBuild(root))) process.exit(1);

// In-process Ink renders (test/ui) would draw only their last frame when CI is set (Ink reads it
// at import); the product hides it itself when it loads the TUI, and test/e2e sets CI=true to prove that.
const env = {...process.env, NO_COLOR: '1', FORCE_COLOR: '0', TSX_TSCONFIG_PATH: 'tsconfig.test.json'};
delete env.CI;
delete env.CONTINUOUS_INTEGRATION;
const result = spawnSync(
	process.execPath,
	['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', '--test-timeout=120000', ...files],
	// tsx reads tsconfig.json by default, whose include does not cover test/: point it at the test config (JSX settings).
	{cwd: root, stdio: 'inherit', env},
);
process.exit(result.status ?? 1);
