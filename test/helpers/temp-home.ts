import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/** A fresh RESEARCH_FEED_HOME for one test; removed by `cleanup`. */
export function tempHome(prefix = 'rf-test-'): {dir: string; cleanup: () => void} {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	return {dir, cleanup: () => rmSync(dir, {recursive: true, force: true})};
}
