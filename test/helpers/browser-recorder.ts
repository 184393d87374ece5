import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A stand-in for $BROWSER: a shell script that appends its argument count, then one line per
 * argument, to a file. Tests point BROWSER at `script` and read back what would have been opened.
 */
export interface BrowserRecorder {
	script: string;
	/** The recorded argv once complete (count line, then the arguments); waits up to 5 s. */
	recorded(): Promise<string[]>;
	/** Whether anything was recorded at all. */
	used(): boolean;
	/** Forget what was recorded. */
	reset(): void;
	/** Remove the temporary folder. */
	remove(): void;
}

export function browserRecorder(): BrowserRecorder {
	const dir = mkdtempSync(join(tmpdir(), 'rf-browser-'));
	const record = join(dir, 'argv.txt');
	const script = join(dir, 'browser.sh');
	writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" >> '${record}'\n`);
	chmodSync(script, 0o755);
	return {
		script,
		async recorded() {
			const start = Date.now();
			for (;;) {
				const text = existsSync(record) ? readFileSync(record, 'utf8') : '';
				const lines = text.split('\n').slice(0, -1);
				if (lines.length > 0 && lines.length >= 1 + Number(lines[0])) return lines;
				if (Date.now() - start > 5000) throw new Error(`the browser script never finished: ${JSON.stringify(text)}`);
				await new Promise(resolve => setTimeout(resolve, 10));
			}
		},
		used: () => existsSync(record),
		reset: () => rmSync(record, {force: true}),
		remove: () => rmSync(dir, {recursive: true, force: true}),
	};
}
