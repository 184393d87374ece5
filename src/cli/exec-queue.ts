/**
 * `watch --exec CMD ARG…`: CMD run once per printed item, without a shell, the item's JSON on its
 * stdin. At most MAX_RUNNING at once (a burst of items waits its turn); a command that cannot
 * start, exits non-zero or is killed is one line through `report`, and never stops `watch`. Its
 * stdout goes to our stderr: `watch --json`'s stdout stays one JSON object per line.
 */
import {spawn} from 'node:child_process';
import pLimit from 'p-limit';
import {cleanInline} from '../parse/sanitize.js';

export const MAX_RUNNING = 4;
/** Items waiting for a turn beyond this are not run (a command far slower than the stream). */
const MAX_WAITING = 1000;
/** Kept of a failing command's stderr, for its line. */
const STDERR_KEEP = 2000;

export class ExecQueue {
	readonly #command: string;
	readonly #args: string[];
	readonly #report: (line: string) => void;
	readonly #limit = pLimit(MAX_RUNNING);
	#running = new Set<Promise<void>>();

	constructor(argv: readonly string[], report: (line: string) => void) {
		const [command, ...args] = argv;
		if (command === undefined) throw new Error('--exec needs a command');
		this.#command = command;
		this.#args = args;
		this.#report = report;
	}

	run(input: string): void {
		if (this.#limit.pendingCount >= MAX_WAITING) {
			this.#report(`--exec ${this.#command}: ${MAX_WAITING} items already wait for it; this one is not run`);
			return;
		}
		const job = this.#limit(() => this.#once(input));
		this.#running.add(job);
		void job.finally(() => this.#running.delete(job));
	}

	/** Resolves when every command started or waiting has ended. */
	async idle(): Promise<void> {
		while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
	}

	#once(input: string): Promise<void> {
		return new Promise(done => {
			let over = false;
			const resolve = (): void => {
				over = true;
				done();
			};
			const name = cleanInline(this.#command);
			let stderr = '';
			const child = spawn(this.#command, this.#args, {stdio: ['pipe', 2, 'pipe'], shell: false});
			child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
				stderr = (stderr + chunk).slice(-STDERR_KEEP);
			});
			// A command that does not read its stdin closes it early: not a failure of ours.
			child.stdin?.on('error', () => undefined);
			child.stdin?.end(`${input}\n`);
			child.on('error', error => {
				this.#report(`--exec ${name}: could not start (${cleanInline(error.message)})`);
				resolve();
			});
			child.on('close', (code, signal) => {
				if (over) return;
				if (code !== 0 && code !== null) {
					const last = cleanInline(stderr.trim().split('\n').at(-1) ?? '');
					this.#report(`--exec ${name}: exited with status ${code}${last ? `: ${last}` : ''}`);
				} else if (signal !== null) this.#report(`--exec ${name}: killed by ${signal}`);
				resolve();
			});
		});
	}
}
