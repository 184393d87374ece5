/**
 * Opens a link in the user's browser: `$BROWSER URL` when BROWSER is set (spawned without a
 * shell, the URL as one argument), else the platform opener (the `open` package). Only http(s)
 * URLs are ever opened, and no fetched text ever reaches a shell.
 */
import {spawn} from 'node:child_process';
import open from 'open';

function httpUrl(url: string): string | null {
	try {
		const parsed = new URL(url);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
	} catch {
		return null;
	}
}

/**
 * The command and arguments for `BROWSER`: the value split on whitespace (`firefox --new-tab`),
 * with `%s` replaced by the URL if present (the xdg convention), else the URL appended.
 */
export function browserCommand(browser: string, url: string): {command: string; args: string[]} | null {
	const words = browser.trim().split(/\s+/).filter(w => w !== '');
	const [command, ...rest] = words;
	if (command === undefined) return null;
	const args = rest.some(w => w.includes('%s')) ? rest.map(w => w.replaceAll('%s', url)) : [...rest, url];
	return {command, args};
}

function spawnDetached(command: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		try {
			const child = spawn(command, args, {detached: true, stdio: 'ignore', shell: false});
			child.once('error', error => reject(new Error(`${command}: ${error.message}`)));
			child.once('spawn', () => {
				// The browser outlives us; do not keep the event loop alive for it.
				child.unref();
				resolve();
			});
		} catch (error) {
			reject(error instanceof Error ? error : new Error(String(error)));
		}
	});
}

/** Opens an http(s) URL; rejects (never throws synchronously) when it cannot. */
export async function openUrl(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
	const safe = httpUrl(url);
	if (safe === null) throw new Error(`refusing to open a URL that is not http(s): ${url}`);
	const browser = env['BROWSER'];
	if (browser !== undefined && browser.trim() !== '') {
		const cmd = browserCommand(browser, safe);
		if (cmd !== null) return spawnDetached(cmd.command, cmd.args);
	}
	const child = await open(safe, {wait: false});
	child.unref();
}
