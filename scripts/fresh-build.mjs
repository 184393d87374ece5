// Keeps the tests from running a stale build: many of them run bin/research-feed.js, which runs
// dist/bundle/, and nothing else rebuilds it after src/ changes. When anything the bundle is made
// from (src/, the build's own configuration, the installed dependencies) is newer than the bundle,
// `npm run build` runs first (tsc is incremental, so a few changed files cost seconds); a build
// that fails stops the tests. After `npm ci` (which builds) the bundle is fresh and nothing runs.
import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {spawnSync} from 'node:child_process';
import {setTimeout as sleep} from 'node:timers/promises';

const BUILT = 'dist/bundle/main.js';
/** What the bundle is made from, besides src/. */
const BUILD_INPUTS = ['scripts/bundle.mjs', 'tsconfig.json', 'package.json', 'node_modules/.package-lock.json'];
/** Held while building, so two test runs never build over each other (or over each other's tests). */
const LOCK = 'dist/.build-lock';

function mtime(path) {
	return statSync(path, {throwIfNoEntry: false})?.mtimeMs;
}

/** The newest file under `dir` (mtime and path). */
function newestUnder(dir) {
	let newest = {ms: 0, path: dir};
	for (const entry of readdirSync(dir, {withFileTypes: true})) {
		const path = join(dir, entry.name);
		const found = entry.isDirectory() ? newestUnder(path) : {ms: mtime(path) ?? 0, path};
		if (found.ms > newest.ms) newest = found;
	}
	return newest;
}

/** Why the bundle is stale (a file newer than it, or no bundle at all), or undefined when it is fresh. */
export function staleBecause(root) {
	const built = mtime(join(root, BUILT));
	if (built === undefined) return `${BUILT} does not exist`;
	let newest = newestUnder(join(root, 'src'));
	for (const input of BUILD_INPUTS) {
		const ms = mtime(join(root, input)) ?? 0;
		if (ms > newest.ms) newest = {ms, path: join(root, input)};
	}
	return newest.ms > built ? `${relative(root, newest.path)} is newer than ${BUILT}` : undefined;
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** Takes the build lock, waiting for another run's build; a lock whose process is gone is taken over. */
async function lock(root) {
	const dir = join(root, LOCK);
	const pidFile = join(dir, 'pid');
	mkdirSync(join(root, 'dist'), {recursive: true});
	for (;;) {
		try {
			mkdirSync(dir);
			writeFileSync(pidFile, String(process.pid));
			return () => rmSync(dir, {recursive: true, force: true});
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		let holder;
		try {
			holder = Number(readFileSync(pidFile, 'utf8'));
		} catch {
			// Just released, or just taken and its pid not written yet: look again.
		}
		if (holder > 0 && !alive(holder)) rmSync(dir, {recursive: true, force: true});
		else await sleep(holder > 0 ? 500 : 50);
	}
}

/** Builds when the bundle is stale; returns false (after saying why) when the build failed. */
export async function ensureFreshBuild(root, log = message => console.error(message)) {
	if (staleBecause(root) === undefined) return true;
	const unlock = await lock(root);
	try {
		// Another run may have built while this one waited.
		const why = staleBecause(root);
		if (why === undefined) return true;
		log(`run-tests: ${why}; building first (npm run build)`);
		const build = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
		if (build.status === 0) return true;
		log('run-tests: the build failed; the tests that run bin/research-feed.js would test a stale build, so none run');
		return false;
	} finally {
		unlock();
	}
}
